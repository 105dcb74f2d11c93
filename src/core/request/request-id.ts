// The two facts an admin looks a denial up by: when it happened (UTC) and the service's request ID.
// The parser keeps the request ID only inside the message ("Request ID: [<uuid>]" in Cost Explorer
// widgets, "RequestID: <uuid>" from the Go SDK, <RequestId> in XML errors, "requestId" in JSON).

const REQUEST_ID = /request[ _-]?id["'>]?\s*[:=>]?\s*["'[(]?\s*(?:[│|]\s*)?([A-Za-z0-9][A-Za-z0-9-]{3,127})(?=$|[\s"'\]).,;<])/i;

/** The request ID the message prints, or null. */
export function requestIdOf(message: string): string | null {
  return REQUEST_ID.exec(message)?.[1] ?? null;
}

/** "2026-12-06 06:47 UTC"; now when the time is missing or not a valid date. */
export function utcMinute(at: number | Date | null | undefined, now: () => number = Date.now): string {
  const time = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : NaN;
  const date = new Date(Number.isFinite(time) && Math.abs(time) <= 8.64e15 ? time : now());
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
