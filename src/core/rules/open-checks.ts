// Which of the explanation's open checklist items a diagnosis left open. A diagnosis that found the blocking
// layer answers the layer questions; the MFA and Region questions are answered too, by the deciding condition
// when the blocking statement tests aws:MultiFactorAuthPresent or aws:RequestedRegion (shown as that condition,
// not as a question). A partial diagnosis keeps the questions about what it could not read: the engine names them
// on each problem (uncheckedTopics, from its table of calls).
// Topics come from the items themselves (checklist-topics.ts), never from their wording.

import type { Diagnosis, DiagnosisProblem } from '../diagnosis.ts';
import type { Explanation } from '../explanation.ts';
import { POLICY_TYPES } from '../knowledge/layers.ts';
import { CHECKLIST_TOPICS, checklistTopic, type ChecklistTopic } from './checklist-topics.ts';

/** The condition keys whose question the MFA and Region items ask. */
const CONDITION_TOPIC_KEYS: Readonly<Partial<Record<ChecklistTopic, readonly string[]>>> = {
  mfa: ['aws:multifactorauthpresent', 'aws:multifactorauthage'],
  region: ['aws:requestedregion'],
};

/** Problems that are the verdict itself, not a gap in it. */
const NOT_A_GAP: ReadonlySet<DiagnosisProblem['kind']> = new Set(['not-simulatable']);

/** The topics a problem left unchecked; every topic when it cannot be told which. */
function topicsLeftOpen(problem: DiagnosisProblem): readonly ChecklistTopic[] {
  if (NOT_A_GAP.has(problem.kind)) return [];
  // The engine says which topics each call it could not make leaves open; a problem without them (or from an older
  // diagnosis kept in storage) claims nothing settled.
  return Array.isArray(problem.uncheckedTopics) ? problem.uncheckedTopics : CHECKLIST_TOPICS;
}

function hasBlockingLayer(diagnosis: Diagnosis): boolean {
  return diagnosis.blockingLayer === 'billing-access-setting' || (POLICY_TYPES as readonly string[]).includes(diagnosis.blockingLayer);
}

/** The topics the diagnosis settled. */
function settledTopics(diagnosis: Diagnosis): Set<ChecklistTopic> {
  if (diagnosis.status === 'failed' || !hasBlockingLayer(diagnosis)) return new Set();
  const open = new Set((Array.isArray(diagnosis.problems) ? diagnosis.problems : []).flatMap(topicsLeftOpen));
  const deciding = new Set((diagnosis.decidingKeys ?? []).map((key) => key.toLowerCase()));
  const settled = new Set<ChecklistTopic>();
  for (const topic of CHECKLIST_TOPICS) {
    // A deciding condition answers its question (the panel shows it as that condition), read or not.
    const decidedBy = CONDITION_TOPIC_KEYS[topic]?.some((key) => deciding.has(key)) ?? false;
    if (decidedBy || !open.has(topic)) settled.add(topic);
  }
  return settled;
}

/** The explanation's checklist items that the diagnosis (if any) left open, in the explanation's order. */
export function openChecks(explanation: Pick<Explanation, 'checklist'>, diagnosis: Diagnosis | null | undefined): string[] {
  const items = Array.isArray(explanation.checklist) ? explanation.checklist : [];
  if (!diagnosis) return [...items];
  const settled = settledTopics(diagnosis);
  return items.filter((item) => {
    const topic = checklistTopic(item);
    return topic === null || !settled.has(topic);
  });
}
