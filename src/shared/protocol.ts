// The one typed message protocol between the content script, the popup, the options page and the worker.
// Every request names its type, its payload shape (checked on receipt), its reply, and which senders may send it.
// The worker rejects anything else, so a content script (or a page that subverts one) can never ask for secrets.

import type { Denial } from '../core/denial.ts';
import type { Diagnosis, DiagnosisStep } from '../core/diagnosis.ts';
import { denialCheck, diagnosisStepCheck } from './protocol-checks.ts';
import { profileMessages, type ProfileRequests } from './protocol-profiles.ts';
import { arr, bool, int, nullable, obj, oneOf, str, type Check } from './validate.ts';
import type { AdminContact } from '../core/request/admin-request.ts';
import type { RequestChannel } from '../core/request/send.ts';
import type { ManagedState } from './managed-config.ts';

/**
 * content: the content script in a console page (and whatever runs in its world). panel-frame: the extension's own
 * page inside a panel (src/diagnosis-frame), the only place a page shows profiles and diagnoses. extension-page:
 * options and popup.
 */
export type SenderKind = 'content' | 'panel-frame' | 'extension-page';

/** The panel frame's page; the worker recognises the frame by this path. */
export const PANEL_FRAME_PATH = '/diagnosis-frame/frame.html';

export interface Settings {
  /** "auto": the panel opens beside each denial; "on-request": a small button opens it. */
  panelMode: 'auto' | 'on-request';
  requestFormat: 'text' | 'markdown';
  /** Explain the console's own requests that AWS refused while the page printed no reason (page-observer/). */
  responseObserver: boolean;
  /** Where "Send to admin" sends the request; null: no channel, so no button. */
  requestChannel: RequestChannel | null;
  /** Who to contact, from the organization's managed configuration only (what a page sends back is not kept). */
  admin: AdminContact | null;
}

export const DEFAULT_SETTINGS: Settings = { panelMode: 'auto', requestFormat: 'text', responseObserver: true, requestChannel: null, admin: null };

const channelCheck: Check = (v, p) =>
  (v as { kind?: unknown } | null)?.kind === 'email'
    ? obj({ kind: oneOf('email'), to: str(320), cc: arr(str(320), 20), subject: str(2048) })(v, p)
    : obj({ kind: oneOf('ticketUrl'), url: str(2048) })(v, p);

export const settingsCheck: Check = obj({
  panelMode: oneOf('auto', 'on-request'),
  requestFormat: oneOf('text', 'markdown'),
  responseObserver: bool,
  requestChannel: nullable(channelCheck),
  admin: nullable(obj({ name: str(200), email: str(320), url: str(2048) })),
});

/** A denial as the worker keeps it for a tab (storage.session). */
export interface DenialRecord {
  id: string;
  tabId: number;
  frameId: number;
  watchId: string;
  pageUrl: string;
  seenAt: number;
  denial: Denial;
  diagnosis: Diagnosis | null;
  /** The profile that made the diagnosis: "Compare with today's policy" reads with the same one. */
  diagnosedWith?: string | null;
}

export interface ReportedDenial {
  watchId: string;
  denial: Denial;
}

/** What the panel may know about profiles: names and accounts, never keys or tokens. */
export interface ProfileSummary {
  id: string;
  name: string;
  kind: 'keys' | 'identity-center';
  accountId: string | null;
  state: 'ready' | 'locked' | 'sign-in-required' | 'untested';
  /** When the session or temporary credentials expire (ms since epoch), if known. */
  expiresAt: number | null;
}

interface CoreRequests {
  /** The answer to a frame's first report (frameStart) carries the settings too: one message per frame load. */
  'denials/report': {
    req: { pageUrl: string; frameStart: boolean; denials: ReportedDenial[] };
    res: { records: { watchId: string; recordId: string }[]; settings: Settings | null };
  };
  'denials/gone': { req: { watchIds: string[] }; res: { removed: number } };
  /** `earlier`: denials that left the tab's pages since it opened (newest first), for one request covering them too. */
  'denials/list': { req: { tabId: number }; res: { records: DenialRecord[]; earlier: DenialRecord[] } };
  'diagnosis/run': {
    req: { recordId: string; profileId: string | null; recheck: boolean };
    res: { diagnosis: Diagnosis | null; profileId: string | null; message: string | null };
  };
  /**
   * "Compare with today's policy": today's version of one blocking policy (by its index) of the record's diagnosis
   * from AWS's record, read with the profile that made it. The reply is the diagnosis with the comparison, as stored.
   */
  'diagnosis/current-policy': { req: { recordId: string; policyIndex: number }; res: { diagnosis: Diagnosis | null; message: string | null } };
  'profiles/summaries': { req: { accountId: string | null }; res: { profiles: ProfileSummary[]; preferredId: string | null } };
  /** What the panel frame shows beside its denial: the record of its own tab, with a diagnosis if one was made. */
  'panel/record': { req: { recordId: string }; res: { record: DenialRecord | null } };
  'settings/get': { req: Record<string, never>; res: Settings };
  'settings/set': { req: Settings; res: Settings };
  /** The organization's managed configuration as checked: the values in force and the ones ignored, with reasons. */
  'managed/get': { req: Record<string, never>; res: ManagedState };
  /** The panel's "add a profile" link: content scripts cannot open the options page themselves. */
  'options/open': { req: Record<string, never>; res: { opened: boolean } };
  'panel/load': { req: Record<string, never>; res: { loaded: boolean } };
}

export type RequestMap = CoreRequests & ProfileRequests;
export type RequestType = keyof RequestMap;
export type RequestOf<T extends RequestType> = RequestMap[T]['req'];
export type ReplyOf<T extends RequestType> = RequestMap[T]['res'];

export interface Envelope<T extends RequestType = RequestType> {
  channel: 'why-denied';
  type: T;
  payload: RequestOf<T>;
}

export type Reply<T extends RequestType> = { ok: true; value: ReplyOf<T> } | { ok: false; error: string };

export interface MessageSpec {
  from: readonly SenderKind[];
  check: Check;
}

const id = str(200);
/** A diagnosis names a few blocking policies: an index among them, never more. */
const policyIndex: Check = (v, p) => (Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) < 20 ? null : `${p}: expected an integer from 0 to 19`);

const coreMessages: Record<keyof CoreRequests, MessageSpec> = {
  'denials/report': {
    from: ['content'],
    check: obj({ pageUrl: str(8192), frameStart: bool, denials: arr(obj({ watchId: id, denial: denialCheck }), 200) }),
  },
  'denials/gone': { from: ['content'], check: obj({ watchIds: arr(id, 1000) }) },
  'denials/list': { from: ['extension-page'], check: obj({ tabId: int }) },
  // A content script gets neither the profile list nor a diagnosis: only extension UI, where the user chooses.
  'diagnosis/run': {
    from: ['panel-frame', 'extension-page'],
    check: obj({ recordId: id, profileId: nullable(id), recheck: bool }),
  },
  // Only the frame that shows the diagnosis; it selects the policy, the worker reads everything else from its record.
  'diagnosis/current-policy': { from: ['panel-frame'], check: obj({ recordId: id, policyIndex }) },
  'profiles/summaries': { from: ['panel-frame', 'extension-page'], check: obj({ accountId: nullable(str(12)) }) },
  'panel/record': { from: ['panel-frame'], check: obj({ recordId: id }) },
  // A content script has its settings from the answer to its frameStart report.
  'settings/get': { from: ['panel-frame', 'extension-page'], check: obj({}) },
  'settings/set': { from: ['extension-page'], check: settingsCheck },
  'managed/get': { from: ['extension-page'], check: obj({}) },
  'options/open': { from: ['panel-frame', 'extension-page'], check: obj({}) },
  'panel/load': { from: ['content'], check: obj({}) },
};

export const MESSAGES: Record<RequestType, MessageSpec> = { ...coreMessages, ...profileMessages };

/**
 * What the panel frame posts to the panel around it (window.postMessage, read only from that frame's window): its
 * height, whether it shows a diagnosis (a state word, never what the diagnosis found), or that Escape was pressed in
 * it (key events do not cross the frame's boundary, and Escape folds the panel).
 */
export type FrameToPanel = { whyDeniedFrameHeight: number } | { whyDeniedFrameState: 'diagnosed' | 'idle' } | { whyDeniedFrameEscape: true };

/** What the panel posts to its frame: the console's visual mode, or null when the page gives none. */
export type PanelToFrame = { whyDeniedFrameMode: 'light' | 'dark' | null };

/**
 * Pushes: diagnosis news from the worker to the panel frame; to a content script (tabs.sendMessage), "Show on page"
 * from the popup, and the worker's "is this frame still here?" (answered true by a content script that is).
 */
export type Push =
  | { channel: 'why-denied'; type: 'diagnosis/progress'; recordId: string; steps: DiagnosisStep[] }
  | { channel: 'why-denied'; type: 'diagnosis/done'; recordId: string; diagnosis: Diagnosis }
  | { channel: 'why-denied'; type: 'panel/reveal'; recordId: string }
  | { channel: 'why-denied'; type: 'frame/present' };
/** The pushes that follow a diagnosis run, to the panel frames that asked for it. */
export type DiagnosisPush = Extract<Push, { type: 'diagnosis/progress' | 'diagnosis/done' }>;

export const pushCheck: Check = (v, p) => {
  const type = (v as { type?: unknown } | null)?.type;
  if (type === 'diagnosis/progress')
    return obj({ channel: oneOf('why-denied'), type: oneOf('diagnosis/progress'), recordId: id, steps: arr(diagnosisStepCheck, 50) })(v, p);
  if (type === 'diagnosis/done') {
    // The diagnosis comes from our own worker; check the envelope, not every nested field.
    const shape = obj({ channel: oneOf('why-denied'), type: oneOf('diagnosis/done'), recordId: id, diagnosis: (d) => (d && typeof d === 'object' ? null : 'diagnosis') });
    return shape(v, p);
  }
  if (type === 'panel/reveal') return obj({ channel: oneOf('why-denied'), type: oneOf('panel/reveal'), recordId: id })(v, p);
  if (type === 'frame/present') return obj({ channel: oneOf('why-denied'), type: oneOf('frame/present') })(v, p);
  return `${p}: unknown push type`;
};

const SENDER_NAME: Record<SenderKind, string> = { content: 'a content script', 'panel-frame': 'the panel frame', 'extension-page': 'an extension page' };

/** Checks an incoming envelope: known type, allowed sender, payload of the right shape. */
export function checkEnvelope(message: unknown, sender: SenderKind): { ok: true; envelope: Envelope } | { ok: false; error: string } {
  if (typeof message !== 'object' || message === null) return { ok: false, error: 'message: expected an object' };
  // Own properties only: a name inherited from a prototype is never a field of a message.
  const own = (key: keyof Envelope) => (Object.hasOwn(message, key) ? (message as Partial<Envelope>)[key] : undefined);
  const channel = own('channel');
  const type = own('type');
  const payload = own('payload');
  if (channel !== 'why-denied') return { ok: false, error: 'message: not a why-denied message' };
  if (typeof type !== 'string' || !Object.hasOwn(MESSAGES, type)) return { ok: false, error: `message: unknown type ${JSON.stringify(type)}` };
  const spec = MESSAGES[type as RequestType];
  if (!spec.from.includes(sender)) return { ok: false, error: `${type}: not allowed from ${SENDER_NAME[sender]}` };
  const problem = spec.check(payload, 'payload');
  if (problem) return { ok: false, error: `${type}: ${problem}` };
  return { ok: true, envelope: message as Envelope };
}

export function envelope<T extends RequestType>(type: T, payload: RequestOf<T>): Envelope<T> {
  return { channel: 'why-denied', type, payload };
}
