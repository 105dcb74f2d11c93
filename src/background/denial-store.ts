// This tab's denials, kept in storage.session so they survive a worker restart (and never reach disk).
// Writes are serialised per tab, because reports from several frames can arrive at once. A denial that leaves the
// page (the console moved to another route, the frame reloaded, or the tab left the console) moves to the tab's
// earlier ones, so that one request can still cover it with the denials met since; the badge counts only those on
// the page.
import type { Denial } from '../core/denial.ts';
import type { Diagnosis } from '../core/diagnosis.ts';
import type { DenialRecord, ReportedDenial } from '../shared/protocol.ts';
import { updateBadge } from './badge.ts';
import { readRaw, remove, write } from './storage/areas.ts';

const key = (tabId: number) => `records:${tabId}`;
const earlierKey = (tabId: number) => `earlier:${tabId}`;
/** How many earlier denials a tab keeps (the newest). */
export const EARLIER_KEPT = 20;
const queues = new Map<number, Promise<unknown>>();

function serialised<T>(tabId: number, work: () => Promise<T>): Promise<T> {
  const next = (queues.get(tabId) ?? Promise.resolve()).then(work, work);
  queues.set(tabId, next.catch(() => undefined));
  return next;
}

export async function listRecords(tabId: number): Promise<DenialRecord[]> {
  const records = await readRaw('session', key(tabId));
  return Array.isArray(records) ? (records as DenialRecord[]) : [];
}

/** The denials that left the tab's pages, newest first. */
export async function listEarlier(tabId: number): Promise<DenialRecord[]> {
  const records = await readRaw('session', earlierKey(tabId));
  return Array.isArray(records) ? (records as DenialRecord[]) : [];
}

/** Which denial a record is: two records of the same text, principal and all, are one denial. */
const denialOf = (record: DenialRecord) => JSON.stringify(record.denial);

/**
 * The earlier denials (`before`, as read) with `gone` as the newest, less those on the page again (`present`): each
 * denial listed once, the newest of its kind kept.
 */
async function saveEarlier(tabId: number, before: DenialRecord[], gone: DenialRecord[], present: DenialRecord[]): Promise<void> {
  // Those on the page, then each one as it is kept: what is in here is not kept (again).
  const listed = new Set(present.map(denialOf));
  if (gone.length === 0 && !before.some((old) => listed.has(denialOf(old)))) return;
  // A reloaded frame numbers its denials from 1 again: an earlier record's id gets when it left, to stay its own.
  const leftAt = Date.now();
  const kept: DenialRecord[] = [];
  for (const record of [...gone.map((r) => ({ ...r, id: `${r.id}@${leftAt}` })), ...before]) {
    const denial = denialOf(record);
    if (listed.has(denial)) continue;
    listed.add(denial);
    kept.push(record);
    if (kept.length === EARLIER_KEPT) break;
  }
  if (kept.length === 0) await remove('session', earlierKey(tabId));
  else await write('session', earlierKey(tabId), kept);
}

async function saveRecords(tabId: number, records: DenialRecord[]): Promise<void> {
  if (records.length === 0) await remove('session', key(tabId));
  else await write('session', key(tabId), records);
  await updateBadge(tabId, records.length);
}

export function recordId(tabId: number, frameId: number, watchId: string): string {
  return `${tabId}:${frameId}:${watchId}`;
}

export function parseRecordId(id: string): { tabId: number; frameId: number } | null {
  const [tab, frame] = id.split(':');
  const tabId = Number(tab);
  const frameId = Number(frame);
  return Number.isSafeInteger(tabId) && Number.isSafeInteger(frameId) ? { tabId, frameId } : null;
}

/** Adds or updates the reported denials of one frame. `frameStart` drops what an earlier load of the frame left. */
export function reportDenials(tabId: number, frameId: number, pageUrl: string, denials: ReportedDenial[], frameStart: boolean) {
  return serialised(tabId, async () => {
    let records = await listRecords(tabId);
    const left = frameStart ? records.filter((r) => r.frameId === frameId) : [];
    if (frameStart) records = records.filter((r) => r.frameId !== frameId);
    const now = Date.now();
    const earlier = await listEarlier(tabId);
    for (const { watchId, denial } of denials) {
      const id = recordId(tabId, frameId, watchId);
      const existing = records.find((r) => r.id === id);
      if (existing) {
        const changed = JSON.stringify(existing.denial) !== JSON.stringify(denial);
        Object.assign(existing, { denial, pageUrl, diagnosis: changed ? null : existing.diagnosis } satisfies Partial<DenialRecord>);
      } else {
        // Seen before on this tab (the console came back to its route, the frame reloaded): its diagnosis still holds.
        const json = JSON.stringify(denial);
        const before = [...left, ...earlier].find((r) => r.diagnosis && denialOf(r) === json);
        const diagnosed = before ? { diagnosis: before.diagnosis, diagnosedWith: before.diagnosedWith ?? null } : { diagnosis: null };
        records.push({ id, tabId, frameId, watchId, pageUrl, seenAt: now, denial: denial as Denial, ...diagnosed });
      }
    }
    await saveRecords(tabId, records);
    await saveEarlier(tabId, earlier, left.reverse(), records);
    return denials.map(({ watchId }) => ({ watchId, recordId: recordId(tabId, frameId, watchId) }));
  });
}

/** Moves the tab's records that `left` picks to the earlier ones; resolves to how many moved. */
function moveToEarlier(tabId: number, left: (record: DenialRecord) => boolean): Promise<number> {
  return serialised(tabId, async () => {
    const records = await listRecords(tabId);
    const gone = records.filter(left);
    if (gone.length === 0) return 0;
    const kept = records.filter((r) => !left(r));
    await saveRecords(tabId, kept);
    await saveEarlier(tabId, await listEarlier(tabId), gone.reverse(), kept);
    return gone.length;
  });
}

/** These denials of a frame left its page. */
export function forgetDenials(tabId: number, frameId: number, watchIds: string[]) {
  const ids = new Set(watchIds.map((w) => recordId(tabId, frameId, w)));
  return moveToEarlier(tabId, (r) => ids.has(r.id));
}

/** Every denial of these frames left: the frames are gone (the tab left the console there). */
export function leaveFrames(tabId: number, frameIds: readonly number[]) {
  return moveToEarlier(tabId, (r) => frameIds.includes(r.frameId));
}

export function forgetTab(tabId: number) {
  return serialised(tabId, async () => {
    await saveRecords(tabId, []);
    await remove('session', earlierKey(tabId));
  });
}

export async function findRecord(id: string): Promise<DenialRecord | null> {
  const where = parseRecordId(id);
  if (!where) return null;
  return (await listRecords(where.tabId)).find((r) => r.id === id) ?? null;
}

export function saveDiagnosis(id: string, diagnosis: Diagnosis, diagnosedWith: string | null = null) {
  return changeDiagnosis(id, () => ({ diagnosis, diagnosedWith }));
}

/**
 * Changes the record's stored diagnosis in its tab's queue: `change` sees the record as stored then (a re-check may
 * have replaced the diagnosis meanwhile) and returns the new diagnosis, or null to leave it.
 */
export function changeDiagnosis(id: string, change: (record: DenialRecord) => Pick<DenialRecord, 'diagnosis' | 'diagnosedWith'> | null): Promise<void> {
  const where = parseRecordId(id);
  if (!where) return Promise.resolve();
  return serialised(where.tabId, async () => {
    const records = await listRecords(where.tabId);
    const record = records.find((r) => r.id === id);
    const changed = record ? change(record) : null;
    if (!record || !changed) return;
    Object.assign(record, changed);
    await saveRecords(where.tabId, records);
  });
}
