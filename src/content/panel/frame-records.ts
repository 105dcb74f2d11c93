// The records a panel frame diagnoses travel in its URL's fragment: one record id for a panel of one denial, every
// record id of a merged panel joined by commas (record ids are "tab:frame:watchId", never with a comma). The frame
// asks the worker for each one; the worker answers only with records of the frame's own tab.

const SEPARATOR = ',';

/** More would be a page with that many denials of one principal and layer; the rest stay in the panel's request. */
export const MAX_FRAME_RECORDS = 20;

export function joinRecordIds(ids: readonly string[]): string {
  return ids.join(SEPARATOR);
}

/** The record ids in a frame's (decoded) fragment, each once, at most MAX_FRAME_RECORDS. */
export function splitRecordIds(joined: string): string[] {
  return [...new Set(joined.split(SEPARATOR).filter(Boolean))].slice(0, MAX_FRAME_RECORDS);
}
