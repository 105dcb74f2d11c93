// The 'diagnosis/run' handler: the denial's record, the profile for its account, credentials for it, then the
// engine through one cache (storage.session, 10 minutes; recheck bypasses it; identical requests share a run).
// Progress goes to the panel frames waiting on that run, over the port each opens for its run (Firefox does not
// broadcast runtime messages to extension frames inside web pages), never to a content script.
// Runs in progress are listed in storage.session, so when the worker is stopped half-way, its next start re-runs
// them and saves the answers where a retrying panel frame looks.
import type { Diagnosis, DiagnosisFailureKind, DiagnosisStep } from '../core/diagnosis.ts';
import { toDenialFields } from '../core/denial.ts';
import type { DenialRecord, DiagnosisPush, ReplyOf } from '../shared/protocol.ts';
import type { Runtime } from '../shared/compat.ts';
import {
  AWS_CALLS,
  DEFAULT_CACHE_TTL_MS,
  DIAGNOSIS_CACHE_PREFIX,
  DiagnosisCache,
  diagnoseDenial,
  diagnosisCacheKey,
  failedDiagnosis,
  type KeyValueStore,
} from '../engine/index.ts';
import { changeDiagnosis, findRecord, saveDiagnosis } from './denial-store.ts';
import { profileAccess, type ProfileAccess } from './profiles/access.ts';
import { preferredProfile } from './profiles/choose.ts';
import { candidateOf } from './profiles/describe.ts';
import { forgetTemporaryKeys, listProfiles } from './profiles/store.ts';
import { keysWithPrefix, readChecked, readRaw, remove, serialiser, write } from './storage/areas.ts';
import { classifySender, type Handlers, type SenderContext } from './router.ts';
import { arr, bool, int, nullable, obj, str } from '../shared/validate.ts';

type Reply = ReplyOf<'diagnosis/run'>;

/** One diagnosis that was running; enough to run it again after a worker restart. */
interface InFlight {
  recordId: string;
  profileId: string | null;
  recheck: boolean;
  attempts: number;
  startedAt: number;
}

const IN_FLIGHT_KEY = 'diagnosis-in-flight';
/** A diagnosis that stopped the worker twice is not tried a third time on its own. */
const MAX_ATTEMPTS = 2;

const inFlightCheck = arr(obj({ recordId: str(200), profileId: nullable(str(200)), recheck: bool, attempts: int, startedAt: int }), 500);

/** Re-check skips every cache and calls AWS again: once per record in this time. */
export const RECHECK_INTERVAL_MS = 10_000;
const lastRecheck = new Map<string, number>();

const sessionStore: KeyValueStore = {
  get: (key) => readRaw('session', key),
  set: (key, value) => write('session', key, value),
  delete: (key) => remove('session', key),
};

const cache = new DiagnosisCache(sessionStore, { ttlMs: DEFAULT_CACHE_TTL_MS });
const inFlightQueue = serialiser();

interface Waiter {
  recordId: string;
}

/** Who waits on each run (by cache key), and the steps so far: a frame that joins late still sees them all. */
const listeners = new Map<string, { waiters: Waiter[]; steps: DiagnosisStep[] }>();

const NO_PROFILE = 'No AWS profile is set up: add one on the options page to diagnose with credentials. The explanation below comes from the message alone.';

async function readInFlight(): Promise<InFlight[]> {
  return (await readChecked<InFlight[]>('session', IN_FLIGHT_KEY, inFlightCheck)) ?? [];
}

function changeInFlight(change: (entries: InFlight[]) => InFlight[]): Promise<void> {
  return inFlightQueue(async () => {
    const next = change(await readInFlight());
    if (next.length === 0) await remove('session', IN_FLIGHT_KEY);
    else await write('session', IN_FLIGHT_KEY, next);
  });
}

/** The ports that panel frames opened to follow a run, by record. */
const progressPorts = new Map<string, Set<Runtime.Port>>();
const PROGRESS_PORT = 'progress:';

/** Takes a port a panel frame opened for its record's run; any other port is closed at once. */
export function acceptProgressPort(port: Runtime.Port): void {
  const sender = port.sender ? classifySender(port.sender) : null;
  const recordId = port.name.startsWith(PROGRESS_PORT) ? port.name.slice(PROGRESS_PORT.length) : null;
  if (sender?.kind !== 'panel-frame' || recordId === null) return port.disconnect();
  void recordFor(recordId, sender).then((record) => {
    if (!record) return port.disconnect();
    const ports = progressPorts.get(recordId) ?? new Set();
    progressPorts.set(recordId, ports.add(port));
    port.onDisconnect.addListener(() => {
      ports.delete(port);
      if (ports.size === 0) progressPorts.delete(recordId);
    });
  });
}

/** To the panel frames following this record's run; a frame that is gone has closed its port. */
function push(message: DiagnosisPush): void {
  for (const port of progressPorts.get(message.recordId) ?? []) {
    try {
      port.postMessage(message);
    } catch {
      // Closed under us; its onDisconnect removes it.
    }
  }
}

function listen(key: string, recordId: string): Waiter[] {
  let entry = listeners.get(key);
  if (!entry) listeners.set(key, (entry = { waiters: [], steps: [] }));
  const added = [{ recordId }];
  entry.waiters.push(...added);
  return added;
}

function unlisten(key: string, waiters: readonly Waiter[]): void {
  const entry = listeners.get(key);
  if (!entry) return;
  entry.waiters = entry.waiters.filter((w) => !waiters.includes(w));
  if (entry.waiters.length === 0) listeners.delete(key);
}

function progress(key: string, step: DiagnosisStep): void {
  const entry = listeners.get(key);
  if (!entry) return;
  const at = entry.steps.findIndex((s) => s.id === step.id);
  if (at >= 0) entry.steps[at] = step;
  else entry.steps.push(step);
  const steps = [...entry.steps];
  for (const w of entry.waiters) push({ channel: 'why-denied', type: 'diagnosis/progress', recordId: w.recordId, steps });
}

/** The answer when no Identity Center role may simulate: the offline explanation stands, and the admin request. */
function noRoleCanSimulate(message: string, usedProfile: string): Diagnosis {
  const base = failedDiagnosis('missing-permission', message, usedProfile);
  const permission = 'iam:SimulatePrincipalPolicy';
  return { ...base, problems: [{ kind: 'missing-permission', message, permission, couldNotCheck: AWS_CALLS[permission].couldNotCheck }] };
}

async function chooseProfileId(requested: string | null, deniedAccount: string | null): Promise<{ id: string } | { message: string }> {
  const profiles = await listProfiles();
  if (profiles.length === 0) return { message: NO_PROFILE };
  if (requested !== null) return profiles.some((p) => p.id === requested) ? { id: requested } : { message: 'That profile no longer exists: choose another one.' };
  const candidates = await Promise.all(profiles.map((p) => candidateOf(p)));
  const id = preferredProfile(candidates, deniedAccount);
  if (id) return { id };
  return { message: `None of your profiles is known to be in account ${deniedAccount}: choose one in the list, or press Test on the options page so its account is known.` };
}

interface RunRequest {
  recordId: string;
  profileId: string | null;
  recheck: boolean;
  attempts: number;
}

/** AWS refused the credentials themselves: temporary ones may have ended early (a session ended, keys revoked). */
const REFUSED: ReadonlySet<DiagnosisFailureKind> = new Set(['expired-credentials', 'invalid-credentials']);
const credentialsRefused = (d: Diagnosis) => d.problems.some((p) => REFUSED.has(p.kind));

type Access = Extract<ProfileAccess, { ok: true }>;

/** One engine run through the cache, with progress to everyone waiting on the same run. */
async function diagnoseWith(access: Access, record: DenialRecord, request: RunRequest, recheck: boolean): Promise<Diagnosis> {
  const key = diagnosisCacheKey(access.identity, toDenialFields(record.denial), record.pageUrl);
  const waiters = listen(key, record.id);
  try {
    const result = await cache.run(key, recheck, () => diagnoseDenial(record.denial, access.target, { onStep: (step) => progress(key, step), pageUrl: record.pageUrl }));
    return { ...result, usedProfile: result.usedProfile ?? access.target.profileName };
  } finally {
    unlisten(key, waiters);
  }
}

async function runDiagnosis(request: RunRequest): Promise<Reply> {
  const record = await findRecord(request.recordId);
  if (!record) return { diagnosis: null, profileId: null, message: GONE };
  const choice = await chooseProfileId(request.profileId, record.denial.accountId);
  if (!('id' in choice)) return { diagnosis: null, profileId: null, message: choice.message };
  const profile = (await listProfiles()).find((p) => p.id === choice.id);
  if (!profile) return { diagnosis: null, profileId: null, message: 'That profile no longer exists: choose another one.' };
  const account = record.denial.accountId;

  const flight: InFlight = { ...request, profileId: profile.id, startedAt: Date.now() };
  await changeInFlight((all) => [...all.filter((e) => e.recordId !== record.id), flight]);
  try {
    // Re-check proves an Identity Center session is still alive: fresh role credentials come only from a live one.
    let access = await profileAccess(profile, account, { fresh: request.recheck && profile.kind === 'identity-center' });
    let diagnosis = access.ok ? await diagnoseWith(access, record, request, request.recheck) : null;
    if (access.ok && diagnosis && credentialsRefused(diagnosis) && access.renewable) {
      // Cached role credentials refused: fetch them again (the portal says whether the session ended), once.
      access = await profileAccess(profile, account, { fresh: true });
      diagnosis = access.ok ? await diagnoseWith(access, record, request, true) : null;
    }
    if (!access.ok) {
      if (access.state !== 'none-can-simulate') return { diagnosis: null, profileId: profile.id, message: access.message };
      const failed = noRoleCanSimulate(access.message, profile.name);
      await saveDiagnosis(record.id, failed, profile.id);
      return { diagnosis: failed, profileId: profile.id, message: access.message };
    }
    if (!diagnosis) return { diagnosis: null, profileId: profile.id, message: null };
    if (diagnosis.problems.some((p) => p.kind === 'expired-credentials') && profile.kind === 'keys' && profile.credentialKind === 'temporary' && !profile.role) {
      // Pasted temporary keys that AWS calls expired are over: the profile now asks for fresh ones.
      await forgetTemporaryKeys(profile.id);
    }
    const saved = await saveKeepingComparisons(record.id, diagnosis, profile.id);
    push({ channel: 'why-denied', type: 'diagnosis/done', recordId: record.id, diagnosis: saved });
    return { diagnosis: saved, profileId: profile.id, message: null };
  } finally {
    await changeInFlight((all) => all.filter((e) => e.recordId !== record.id));
  }
}

/**
 * Saves the diagnosis on its record. One from the cache is the engine run already stored: it keeps the comparisons
 * with today's policy made since ("Compare with today's policy"), which the cache does not hold.
 */
async function saveKeepingComparisons(recordId: string, diagnosis: Diagnosis, profileId: string): Promise<Diagnosis> {
  let saved = diagnosis;
  await changeDiagnosis(recordId, (stored) => {
    const sameRun = diagnosis.fromCache && stored.diagnosis?.finishedAt === diagnosis.finishedAt && stored.diagnosedWith === profileId;
    if (sameRun) saved = { ...diagnosis, blocking: stored.diagnosis!.blocking };
    return { diagnosis: saved, diagnosedWith: profileId };
  });
  return saved;
}

const GONE = 'This denial is no longer on record (the page was reloaded); look at it again after the page settles.';

/** The record, when this sender may see it: a panel frame only its own tab's; the popup any tab's. */
export async function recordFor(recordId: string, sender: SenderContext): Promise<DenialRecord | null> {
  const record = await findRecord(recordId);
  if (!record) return null;
  if (sender.kind === 'extension-page') return record;
  return sender.kind === 'panel-frame' && record.tabId === sender.tabId ? record : null;
}

/** Whether a Re-check of this record may call AWS again now; notes the time when it may. */
function recheckAllowed(key: string, now = Date.now()): boolean {
  const last = lastRecheck.get(key);
  if (last !== undefined && now - last < RECHECK_INTERVAL_MS) return false;
  for (const [k, at] of lastRecheck) if (now - at >= RECHECK_INTERVAL_MS) lastRecheck.delete(k);
  lastRecheck.set(key, now);
  return true;
}

export const diagnosisHandlers: Pick<Handlers, 'diagnosis/run' | 'panel/record'> = {
  'diagnosis/run': async ({ recordId, profileId, recheck }, sender) => {
    const record = await recordFor(recordId, sender);
    if (!record) return { diagnosis: null, profileId: null, message: GONE };
    // Keyed by the record as first seen: a reloaded page's denial is a new record.
    if (recheck && !recheckAllowed(`${record.id}@${record.seenAt}`)) {
      return { diagnosis: record.diagnosis, profileId, message: `Re-checked a moment ago: wait ${RECHECK_INTERVAL_MS / 1000} seconds between re-checks of one denial.` };
    }
    return runDiagnosis({ recordId, profileId, recheck, attempts: 1 });
  },
  'panel/record': async ({ recordId }, sender) => ({ record: await recordFor(recordId, sender) }),
};

/** At worker start: re-run what was in flight when the worker stopped, and drop expired cache entries. */
export async function recoverInterruptedDiagnoses(): Promise<void> {
  const entries = await readInFlight();
  await remove('session', IN_FLIGHT_KEY);
  await pruneCache();
  await Promise.all(entries.filter((e) => e.attempts < MAX_ATTEMPTS).map((e) =>
    runDiagnosis({ recordId: e.recordId, profileId: e.profileId, recheck: e.recheck, attempts: e.attempts + 1 }).catch(() => undefined)));
}

async function pruneCache(now = Date.now()): Promise<void> {
  const stale: string[] = [];
  for (const key of await keysWithPrefix('session', DIAGNOSIS_CACHE_PREFIX)) {
    const entry = (await readRaw('session', key)) as { storedAt?: unknown } | undefined;
    if (typeof entry?.storedAt !== 'number' || now - entry.storedAt > DEFAULT_CACHE_TTL_MS) stale.push(key);
  }
  if (stale.length > 0) await remove('session', stale);
}
