// One merge for all offline rules. Stated precedence (contribution.ts, PRECEDENCE):
//   - a single-valued field (reading, verdict, layer, change, fixer, fixerText, confidence, the
//     suggested policy, the managed-policy claim) takes the value of the highest-precedence
//     contribution that sets it; between equals, the earlier rule in the list;
//   - steps, confidence reasons and links are concatenated in rule order; a contribution that
//     replaces them drops those of every lower-precedence decision (advice stays);
//   - leading steps and links go first, the later rule's first (AWS's analysis before a named policy);
//   - notes and checklist items are concatenated in rule order, without repeats;
//   - a policy named by the message is appended to the verdict; a lowered confidence applies last.

import type { Confidence, Explanation, Link } from '../explanation.ts';
import { PRECEDENCE, emptyExplanation, type Contribution, type Decided } from './contribution.ts';

type Scalar = 'reading' | 'verdict' | 'layer' | 'change' | 'fixer' | 'fixerText' | 'confidence' | 'suggestedPolicy' | 'managedPolicies';

const SCALARS: readonly Scalar[] = ['reading', 'verdict', 'layer', 'change', 'fixer', 'fixerText', 'confidence', 'suggestedPolicy', 'managedPolicies'];

const LOWER: Readonly<Record<Confidence, Confidence>> = { high: 'medium', medium: 'low', low: 'low' };

/** The contribution that decides a field: highest precedence, then earliest. */
function decider(contributions: readonly Contribution[], field: Scalar): Contribution | null {
  let best: Contribution | null = null;
  for (const c of contributions) if (c[field] !== undefined && (!best || c.precedence > best.precedence)) best = c;
  return best;
}

/** A list field, in rule order, without what a higher-precedence replacement dropped. */
function listOf<T>(contributions: readonly Contribution[], items: (c: Contribution) => T[], replaces: (c: Contribution) => boolean | undefined): T[] {
  return contributions.flatMap((c) => {
    const dropped = c.precedence > PRECEDENCE.advice && contributions.some((other) => replaces(other) && other.precedence > c.precedence);
    return dropped ? [] : items(c);
  });
}

function uniqueLinks(links: readonly Link[]): Link[] {
  return links.filter((link, index) => links.findIndex((other) => other.url === link.url) === index);
}

/** What the deciding rules settled: the layer and who fixes it. */
export function decided(contributions: readonly Contribution[]): Decided {
  const base = emptyExplanation();
  return { layer: decider(contributions, 'layer')?.layer ?? base.layer, fixer: decider(contributions, 'fixer')?.fixer ?? base.fixer };
}

export function merge(contributions: readonly Contribution[]): Explanation {
  const explanation = emptyExplanation();
  for (const field of SCALARS) {
    const from = decider(contributions, field);
    if (from) (explanation as unknown as Record<Scalar, unknown>)[field] = from[field];
  }
  const policy = contributions.find((c) => c.verdictPolicy !== undefined)?.verdictPolicy;
  if (policy) explanation.verdict = `${explanation.verdict.replace(/\.$/, '')} (policy ${policy}).`;
  const first = [...contributions].reverse();
  explanation.steps = [...first.flatMap((c) => c.firstSteps), ...listOf(contributions, (c) => c.steps, (c) => c.replacesSteps)];
  explanation.confidenceReasons = listOf(contributions, (c) => c.confidenceReasons, (c) => c.replacesConfidenceReasons);
  explanation.links = uniqueLinks([...first.flatMap((c) => c.firstLinks), ...listOf(contributions, (c) => c.links, (c) => c.replacesLinks)]);
  explanation.notes = contributions.flatMap((c) => c.notes);
  explanation.checklist = [...new Set(contributions.flatMap((c) => c.checklist))];
  for (const c of contributions) {
    if (c.lowerConfidence === undefined) continue;
    explanation.confidence = LOWER[explanation.confidence];
    explanation.confidenceReasons.push(c.lowerConfidence);
  }
  return explanation;
}
