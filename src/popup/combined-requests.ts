// The popup's requests for several of the tab's denials (oneRequestGroups): one principal, one blocking layer,
// seen on any of the tab's pages as the user moved around the console.
import { oneRequestGroups, type OneRequest, type RequestMember } from '../core/request-group.ts';
import type { Explanation } from '../core/explanation.ts';
import type { DenialRecord } from '../shared/protocol.ts';

/** A record of the tab with its explanation from the message alone. */
export interface ExplainedRecord extends RequestMember {
  record: DenialRecord;
}

export function explainedRecord(record: DenialRecord, explanation: Explanation): ExplainedRecord {
  return { record, denial: record.denial, explanation, diagnosis: record.diagnosis, pageUrl: record.pageUrl, deniedAt: record.seenAt };
}

export interface CombinedRequest extends OneRequest<ExplainedRecord> {
  /** The distinct pages the denials were seen on. */
  pages: string[];
}

export function combinedRequests(items: readonly ExplainedRecord[]): CombinedRequest[] {
  return oneRequestGroups(items).map((group) => ({ ...group, pages: [...new Set([group.lead, ...group.others].map(({ record }) => record.pageUrl))] }));
}
