// The 'diagnosis/run' handler: the denial's record, the profile for its account, credentials for it, then the
// engine through one cache (storage.session, 10 minutes; recheck bypasses it; identical requests share a run).
// Progress goes to every frame waiting on that run. Runs in progress are listed in storage.session, so when the
// worker is stopped half-way, its next start re-runs them and saves the answers where a retrying panel looks.
import type { Diagnosis, DiagnosisFailureKind, DiagnosisStep } from '../core/diagnosis.ts';
import { toDenialFields } from '../core/denial.ts';
import type { DenialRecord, Push, ReplyOf } from '../shared/protocol.ts';
import { browser } from '../shared/compat.ts';
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
import { findRecord, saveDiagnosis } from './denial-store.ts';
import { profileAccess, type ProfileAccess } from './profiles/access.ts';
import { preferredProfile } from './profiles/choose.ts';
import { candidateOf } from './profiles/describe.ts';
import { forgetTemporaryKeys, listProfiles } from './profiles/store.ts';
import { keysWithPrefix, readChecked, remove, serialiser, write } from './profiles/storage.ts';
import type { Handlers, SenderContext } from './router.ts';
import { arr, bool, int, nullable, obj, str } from '../shared/validate.ts';

type Reply = ReplyOf<'diagnosis/run'>;

interface Frame {
  tabId: number;
  frameId: number;
}

/** One diagnosis that was running; enough to run it again after a worker restart. */
interface InFlight {
  recordId: string;
  profileId: string | null;
  recheck: boolean;
  frames: Frame[];
  attempts: number;
  startedAt: number;
}

const IN_FLIGHT_KEY = 'diagnosis-in-flight';
/** A diagnosis that stopped the worker twice is not tried a third time on its own. */
const MAX_ATTEMPTS = 2;

const frameCheck = obj({ tabId: int, frameId: int });
const inFlightCheck = arr(
  obj({ recordId: str(200), profileId: nullable(str(200)), recheck: bool, frames: arr(frameCheck, 50), attempts: int, startedAt: int }),
  500,
);

const sessionStore: KeyValueStore = {
  get: async (key) => (await browser.storage.session.get(key))[key],
  set: (key, value) => write('session', key, value),
  delete: (key) => remove('session', key),
};

const cache = new DiagnosisCache(sessionStore, { ttlMs: DEFAULT_CACHE_TTL_MS });
const inFlightQueue = serialiser();

interface Waiter extends Frame {
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

async function push(frames: readonly Frame[], message: Push): Promise<void> {
  await Promise.all(frames.map(async ({ tabId, frameId }) => {
    try {
      await browser.tabs.sendMessage(tabId, message, { frameId });
    } catch {
      // The tab navigated or closed; the record keeps the result for when it asks again.
    }
  }));
}

function listen(key: string, recordId: string, frames: readonly Frame[]): Waiter[] {
  let entry = listeners.get(key);
  if (!entry) listeners.set(key, (entry = { waiters: [], steps: [] }));
  const added = frames.map((f) => ({ ...f, recordId }));
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
  for (const w of entry.waiters) void push([w], { channel: 'why-denied', type: 'diagnosis/progress', recordId: w.recordId, steps });
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
  frames: Frame[];
  attempts: number;
}

/** AWS refused the credentials themselves: temporary ones may have ended early (a session ended, keys revoked). */
const REFUSED: ReadonlySet<DiagnosisFailureKind> = new Set(['expired-credentials', 'invalid-credentials']);
const credentialsRefused = (d: Diagnosis) => d.problems.some((p) => REFUSED.has(p.kind));

type Access = Extract<ProfileAccess, { ok: true }>;

/** One engine run through the cache, with progress to everyone waiting on the same run. */
async function diagnoseWith(access: Access, record: DenialRecord, request: RunRequest, recheck: boolean): Promise<Diagnosis> {
  const key = diagnosisCacheKey(access.identity, toDenialFields(record.denial));
  const waiters = listen(key, record.id, request.frames);
  try {
    const result = await cache.run(key, recheck, () => diagnoseDenial(record.denial, access.target, { onStep: (step) => progress(key, step), pageUrl: record.pageUrl }));
    return { ...result, usedProfile: result.usedProfile ?? access.target.profileName };
  } finally {
    unlisten(key, waiters);
  }
}

async function runDiagnosis(request: RunRequest): Promise<Reply> {
  const record = await findRecord(request.recordId);
  if (!record) return { diagnosis: null, profileId: null, message: 'This denial is no longer on record (the page was reloaded); look at it again after the page settles.' };
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
      await saveDiagnosis(record.id, failed);
      return { diagnosis: failed, profileId: profile.id, message: access.message };
    }
    if (!diagnosis) return { diagnosis: null, profileId: profile.id, message: null };
    if (diagnosis.problems.some((p) => p.kind === 'expired-credentials') && profile.kind === 'keys' && profile.credentialKind === 'temporary' && !profile.role) {
      // Pasted temporary keys that AWS calls expired are over: the profile now asks for fresh ones.
      await forgetTemporaryKeys(profile.id);
    }
    await saveDiagnosis(record.id, diagnosis);
    await push(request.frames, { channel: 'why-denied', type: 'diagnosis/done', recordId: record.id, diagnosis });
    return { diagnosis, profileId: profile.id, message: null };
  } finally {
    await changeInFlight((all) => all.filter((e) => e.recordId !== record.id));
  }
}

function frameOf(sender: SenderContext, tabId: number, frameId: number): Frame {
  // The frame that asked, when a panel asked; for the popup, the frame that shows the denial.
  return sender.kind === 'content' && sender.tabId !== null ? { tabId: sender.tabId, frameId: sender.frameId } : { tabId, frameId };
}

export const diagnosisHandlers: Pick<Handlers, 'diagnosis/run'> = {
  'diagnosis/run': async ({ recordId, profileId, recheck }, sender) => {
    const record = await findRecord(recordId);
    // A content script may only diagnose its own tab's denials.
    if (!record || (sender.kind === 'content' && record.tabId !== sender.tabId)) {
      return { diagnosis: null, profileId: null, message: 'This denial is no longer on record (the page was reloaded); look at it again after the page settles.' };
    }
    return runDiagnosis({ recordId, profileId, recheck, frames: [frameOf(sender, record.tabId, record.frameId)], attempts: 1 });
  },
};

/** At worker start: re-run what was in flight when the worker stopped, and drop expired cache entries. */
export async function recoverInterruptedDiagnoses(): Promise<void> {
  const entries = await readInFlight();
  await remove('session', IN_FLIGHT_KEY);
  await pruneCache();
  await Promise.all(entries.filter((e) => e.attempts < MAX_ATTEMPTS).map((e) =>
    runDiagnosis({ recordId: e.recordId, profileId: e.profileId, recheck: e.recheck, frames: e.frames, attempts: e.attempts + 1 }).catch(() => undefined)));
}

async function pruneCache(now = Date.now()): Promise<void> {
  const stale: string[] = [];
  for (const key of await keysWithPrefix('session', DIAGNOSIS_CACHE_PREFIX)) {
    const entry = (await browser.storage.session.get(key))[key] as { storedAt?: unknown } | undefined;
    if (typeof entry?.storedAt !== 'number' || now - entry.storedAt > DEFAULT_CACHE_TTL_MS) stale.push(key);
  }
  if (stale.length > 0) await remove('session', stale);
}
