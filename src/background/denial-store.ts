// This tab's denials, kept in storage.session so they survive a worker restart (and never reach disk).
// Writes are serialised per tab, because reports from several frames can arrive at once. A denial that leaves the
// page (the console moved to another route, or the frame reloaded) moves to the tab's earlier ones, so that one
// request can still cover it with the denials met since; the badge counts only those on the page.
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

const sameDenial = (a: DenialRecord, b: DenialRecord) => JSON.stringify(a.denial) === JSON.stringify(b.denial);

/**
 * Keeps `gone` as the newest earlier denials, and drops an earlier one that is on the page again (`present`): each
 * denial is listed once, the newest of its kind kept.
 */
async function saveEarlier(tabId: number, gone: DenialRecord[], present: DenialRecord[]): Promise<void> {
  const before = await listEarlier(tabId);
  if (gone.length === 0 && !before.some((old) => present.some((now) => sameDenial(old, now)))) return;
  // A reloaded frame numbers its denials from 1 again: an earlier record's id gets when it left, to stay its own.
  const leftAt = Date.now();
  const merged = [...gone.map((record) => ({ ...record, id: `${record.id}@${leftAt}` })), ...before].filter((record, i, all) => !present.some((now) => sameDenial(record, now)) && all.findIndex((other) => sameDenial(other, record)) === i);
  const kept = merged.slice(0, EARLIER_KEPT);
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
    let earlier: DenialRecord[] | null = null;
    for (const { watchId, denial } of denials) {
      const id = recordId(tabId, frameId, watchId);
      const existing = records.find((r) => r.id === id);
      if (existing) {
        const changed = JSON.stringify(existing.denial) !== JSON.stringify(denial);
        Object.assign(existing, { denial, pageUrl, diagnosis: changed ? null : existing.diagnosis } satisfies Partial<DenialRecord>);
      } else {
        // Seen before on this tab (the console came back to its route, the frame reloaded): its diagnosis still holds.
        const json = JSON.stringify(denial);
        const before = [...left, ...(earlier ??= await listEarlier(tabId))].find((r) => r.diagnosis && JSON.stringify(r.denial) === json);
        const diagnosed = before ? { diagnosis: before.diagnosis, diagnosedWith: before.diagnosedWith ?? null } : { diagnosis: null };
        records.push({ id, tabId, frameId, watchId, pageUrl, seenAt: now, denial: denial as Denial, ...diagnosed });
      }
    }
    await saveRecords(tabId, records);
    await saveEarlier(tabId, left.reverse(), records);
    return denials.map(({ watchId }) => ({ watchId, recordId: recordId(tabId, frameId, watchId) }));
  });
}

export function forgetDenials(tabId: number, frameId: number, watchIds: string[]) {
  return serialised(tabId, async () => {
    const records = await listRecords(tabId);
    const ids = new Set(watchIds.map((w) => recordId(tabId, frameId, w)));
    const kept = records.filter((r) => !ids.has(r.id));
    await saveRecords(tabId, kept);
    await saveEarlier(tabId, records.filter((r) => ids.has(r.id)).reverse(), kept);
    return records.length - kept.length;
  });
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
