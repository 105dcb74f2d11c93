// The explanation under construction. Each explainer module inspects the facts and writes into the
// draft; index.ts runs them in order, so later modules can refine what earlier ones decided.

import type { Confidence, Explanation, Link } from '../explanation.ts';
import type { DenialFacts } from './facts.ts';

export type Explainer = (facts: DenialFacts, draft: Explanation) => void;

export function newDraft(): Explanation {
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

const LOWER: Readonly<Record<Confidence, Confidence>> = { high: 'medium', medium: 'low', low: 'low' };

export function lowerConfidence(draft: Explanation, reason: string): void {
  draft.confidence = LOWER[draft.confidence];
  draft.confidenceReasons.push(reason);
}

export function addLink(draft: Explanation, link: Link): void {
  if (!draft.links.some((existing) => existing.url === link.url)) draft.links.push(link);
}

/** Puts a link first (the Access Troubleshooter is the best next step when it exists). */
export function addLinkFirst(draft: Explanation, link: Link): void {
  draft.links = [link, ...draft.links.filter((existing) => existing.url !== link.url)];
}

export function addChecklistItem(draft: Explanation, item: string): void {
  if (!draft.checklist.includes(item)) draft.checklist.push(item);
}
