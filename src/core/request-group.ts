// Which denials one request may cover: those of one principal that the same layer blocks, each naming its action
// (the page's merged panel, the popup's and the CLI's request for several denials), and, once diagnosed, with the
// same answer; and the one sentence that then says the verdict for all of them.
import type { Denial } from './denial.ts';
import type { Diagnosis } from './diagnosis.ts';
import type { Explanation } from './explanation.ts';
import type { AdminRequestInput } from './request/admin-request.ts';

/** Denials with the same key share a panel and a request; null for one that stays alone (no principal or action). */
export function requestGroupKey(denial: Denial, explanation: Pick<Explanation, 'layer'>): string | null {
  return denial.principalArn && denial.action ? `${explanation.layer} ${denial.principalArn}` : null;
}

/** A diagnosis that reached an answer (done or partial), not one that failed (nor anything else from a message). */
export function isAnswer(diagnosis: Diagnosis | null | undefined): diagnosis is Diagnosis {
  return typeof diagnosis === 'object' && diagnosis !== null && (diagnosis.status === 'done' || diagnosis.status === 'partial');
}

/** What decides whether two diagnoses give the same answer: the status, the layer, and each blocking policy and statement. */
export function answerKey(diagnosis: Diagnosis): string {
  return JSON.stringify([diagnosis.status, diagnosis.blockingLayer, diagnosis.blocking.map((p) => [p.policyType, p.arn ?? p.name, p.statementSid])]);
}

/**
 * One sentence for several actions (the verdict from each message, or from each diagnosis): when the sentences
 * differ only in their action, the shared sentence naming "these N actions"; otherwise the first sentence, and that
 * N actions are denied for the same reason.
 */
export function sharedSentence(items: readonly { action: string | null; sentence: string }[]): string {
  const [first] = items;
  const actions = [...new Set(items.flatMap(({ action }) => (action ? [action] : [])))];
  if (!first || actions.length < 2) return first?.sentence ?? '';
  const template = (item: { action: string | null; sentence: string }) => (item.action ? item.sentence.split(item.action).join('\u0000') : item.sentence);
  const shared = template(first);
  if (shared.includes('\u0000') && items.every((item) => template(item) === shared)) return shared.split('\u0000').join(`these ${actions.length} actions`);
  return `${actions.length} actions are denied for the same reason. ${first.sentence}`;
}

/** The verdict from the messages of every denial (the actions are listed beside it). */
export function sharedVerdict(items: readonly { denial: Denial; explanation: Explanation }[]): string {
  return sharedSentence(items.map(({ denial, explanation }) => ({ action: denial.action, sentence: explanation.verdict })));
}

/** A denial as one request may cover it: its explanation from the message, its diagnosis, where and when it was seen. */
export interface RequestMember {
  denial: Denial;
  explanation: Explanation;
  diagnosis: Diagnosis | null;
  pageUrl: string | null;
  deniedAt: number | null;
}

/** Denials one request covers: the first given leads (its message, page and time come first). */
export interface OneRequest<T extends RequestMember> {
  lead: T;
  others: T[];
  /** The distinct actions, in the order given. */
  actions: string[];
}

/** The groups of two or more actions, in the order of their first denial. A failed diagnosis counts as none. */
export function oneRequestGroups<T extends RequestMember>(items: readonly T[]): OneRequest<T>[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = requestGroupKey(item.denial, item.explanation);
    if (key === null) continue;
    const full = `${key}\u0000${isAnswer(item.diagnosis) ? answerKey(item.diagnosis) : 'message'}`;
    groups.set(full, [...(groups.get(full) ?? []), item]);
  }
  return [...groups.values()].flatMap((group) => {
    const [lead, ...others] = group;
    const actions = [...new Set(group.flatMap(({ denial }) => (denial.action ? [denial.action] : [])))];
    return lead && actions.length >= 2 ? [{ lead, others, actions }] : [];
  });
}

/** The request for a group: the lead's denial and diagnosis, the verdicts said once for every action. */
export function oneRequestInput({ lead, others }: OneRequest<RequestMember>): AdminRequestInput {
  const all = [lead, ...others];
  const diagnosis = isAnswer(lead.diagnosis)
    ? { ...lead.diagnosis, verdict: sharedSentence(all.map(({ denial, diagnosis: d }) => ({ action: denial.action, sentence: d?.verdict ?? '' }))) }
    : null;
  return {
    denial: lead.denial,
    explanation: { ...lead.explanation, verdict: sharedVerdict(all) },
    pageUrl: lead.pageUrl,
    diagnosis,
    deniedAt: lead.deniedAt,
    alsoDenied: others.map(({ denial, pageUrl, deniedAt }) => ({ denial, pageUrl, deniedAt })),
  };
}
