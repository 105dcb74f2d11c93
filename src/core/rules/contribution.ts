// What one offline rule says about a denial: its contribution. A rule reads the denial's facts (and,
// for the advising rules, the decided layer and fixer) and returns a contribution; it never reads
// another rule's output. merge.ts combines the contributions into the explanation, with the
// precedence stated there.

import type { Confidence, Explanation, Fixer, Layer, Link, ManagedPolicyClaim, Note, PolicyDocument } from '../explanation.ts';
import type { DenialFacts } from './facts.ts';

/**
 * Who wins when two rules set the same single-valued field (verdict, change, layer, fixer, …): the
 * higher precedence. Lists (steps, notes, links, checklist) are concatenated in rule order, except
 * that a contribution which replaces steps, reasons or links drops those of lower-precedence
 * decisions (advice is never dropped).
 */
export const PRECEDENCE = {
  /** Notes, steps and links that add to the explanation without deciding anything. */
  advice: 0,
  /** What the message's policy type says (layer-from-policy-type). */
  message: 1,
  /** A billing-specific cause the message states: an account setting, where the call was made from. */
  accountSetting: 2,
  /** A more specific fixer for the decided layer: Identity Center, the named policy's organization. */
  whoFixes: 3,
  /** A task only the root user can do: no one else can fix it, whatever the layer says. */
  rootUser: 4,
} as const;

export type Precedence = (typeof PRECEDENCE)[keyof typeof PRECEDENCE];

export interface Contribution {
  precedence: Precedence;
  reading?: string;
  verdict?: string;
  /** Appended to the decided verdict: the named policy ("(policy FinanceGuardrails)"). */
  verdictPolicy?: string;
  layer?: Layer;
  change?: string;
  fixer?: Fixer;
  fixerText?: string;
  confidence?: Confidence;
  /** Lowers the decided confidence one step, for this reason. */
  lowerConfidence?: string;
  suggestedPolicy?: PolicyDocument;
  managedPolicies?: ManagedPolicyClaim[] | null;
  steps: string[];
  /** Steps that go before all others (AWS's own analysis, the named policy). */
  firstSteps: string[];
  replacesSteps?: boolean;
  confidenceReasons: string[];
  replacesConfidenceReasons?: boolean;
  links: Link[];
  /** Links that go before all others. */
  firstLinks: Link[];
  replacesLinks?: boolean;
  notes: Note[];
  checklist: string[];
}

/** What the deciding rules settled, for the advising rules to read. */
export interface Decided {
  layer: Layer;
  fixer: Fixer;
}

/** One offline rule: its contribution for this denial, or null when it has nothing to say. */
export type Rule = (facts: DenialFacts, decided: Decided) => Contribution | null;

export function contribution(precedence: Precedence): Contribution {
  return { precedence, steps: [], firstSteps: [], confidenceReasons: [], links: [], firstLinks: [], notes: [], checklist: [] };
}

/** A decision that replaces the steps, reasons and links of every lower one (an account setting, say). */
export function replacingContribution(precedence: Precedence): Contribution {
  return { ...contribution(precedence), replacesSteps: true, replacesConfidenceReasons: true, replacesLinks: true };
}

/** The explanation before any rule has spoken. */
export function emptyExplanation(): Explanation {
  return {
    reading: '',
    verdict: '',
    layer: 'unknown',
    change: '',
    fixer: 'unknown',
    fixerText: 'your AWS administrator (whoever gave you your sign-in credentials)',
    steps: [],
    confidence: 'low',
    confidenceReasons: [],
    links: [],
    notes: [],
    suggestedPolicy: null,
    checklist: [],
    managedPolicies: null,
  };
}
