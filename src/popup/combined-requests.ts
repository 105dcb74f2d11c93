// One request for several of the tab's denials: those of one principal that the same layer blocks (as a page's
// merged panel groups them, requestGroupKey), seen on any of the tab's pages as the user moved around the console,
// and with the same answer once diagnosed. The admin then gets one request that asks for every action.
import { answerKey, isAnswer, requestGroupKey } from '../core/request-group.ts';
import type { AdminRequestInput } from '../core/request/admin-request.ts';
import type { Explanation } from '../core/explanation.ts';
import { sharedSentence, sharedVerdict } from '../content/panel/merged.ts';
import type { DenialRecord } from '../shared/protocol.ts';

export interface ExplainedRecord {
  record: DenialRecord;
  /** The explanation from the message alone. */
  explanation: Explanation;
}

/** Denials one request covers: the first listed leads (its message, page and time come first). */
export interface CombinedRequest {
  lead: ExplainedRecord;
  others: ExplainedRecord[];
  /** The distinct actions, in list order. */
  actions: string[];
  /** The distinct pages the denials were seen on. */
  pages: string[];
}

/** The groups of two or more actions, in the order of their first denial. A failed diagnosis counts as none. */
export function combinedRequests(items: readonly ExplainedRecord[]): CombinedRequest[] {
  const groups = new Map<string, ExplainedRecord[]>();
  for (const item of items) {
    const key = requestGroupKey(item.record.denial, item.explanation);
    if (key === null) continue;
    const diagnosis = item.record.diagnosis;
    const full = `${key}\u0000${isAnswer(diagnosis) ? answerKey(diagnosis) : 'message'}`;
    groups.set(full, [...(groups.get(full) ?? []), item]);
  }
  return [...groups.values()].flatMap((group) => {
    const [lead, ...others] = group;
    const actions = [...new Set(group.flatMap(({ record }) => (record.denial.action ? [record.denial.action] : [])))];
    if (!lead || actions.length < 2) return [];
    return [{ lead, others, actions, pages: [...new Set(group.map(({ record }) => record.pageUrl))] }];
  });
}

/** The request for a group: the lead's denial and diagnosis, the verdicts said once for every action. */
export function combinedRequestInput({ lead, others }: CombinedRequest): AdminRequestInput {
  const all = [lead, ...others];
  const diagnosis = isAnswer(lead.record.diagnosis)
    ? { ...lead.record.diagnosis, verdict: sharedSentence(all.map(({ record }) => ({ action: record.denial.action, sentence: record.diagnosis?.verdict ?? '' }))) }
    : null;
  return {
    denial: lead.record.denial,
    explanation: { ...lead.explanation, verdict: sharedVerdict(all.map(({ record, explanation }) => ({ denial: record.denial, explanation }))) },
    pageUrl: lead.record.pageUrl,
    diagnosis,
    deniedAt: lead.record.seenAt,
    alsoDenied: others.map(({ record }) => ({ denial: record.denial, pageUrl: record.pageUrl, deniedAt: record.seenAt })),
  };
}
