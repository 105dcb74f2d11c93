// Managed configuration: what an organization sets by enterprise policy (Chrome's storage.managed with
// assets/managed-schema.json; Firefox's policies.json → 3rdparty → Extensions). Every key is optional and
// checked here, one by one: a value that fails is ignored and listed with the reason, the rest still applies.
// Pure: the worker reads the policy, the options page shows the result.

import { channelProblem, emailAddressProblem, ticketUrlProblem, type RequestChannel } from '../core/request/send.ts';
import type { AdminContact } from '../core/request/admin-request.ts';
import { DEFAULT_SETTINGS, type Settings } from './protocol.ts';

/** The settings a policy may lock (the user may not change them), by their policy key. */
export const LOCKABLE = ['showPanel', 'requestFormat', 'requestChannel', 'responseObserver'] as const;
export type Lockable = (typeof LOCKABLE)[number];

export interface ManagedConfig {
  identityCenter?: { startUrl: string; region: string };
  /** The permission set or role name used for diagnosis in every account. */
  diagnosticRole?: string;
  admin?: AdminContact;
  requestChannel?: RequestChannel;
  allowAccessKeys?: boolean;
  /** Issue 12's setting; checked and shown here, applied where that setting lives. */
  responseObserver?: boolean;
  showPanel?: 'auto' | 'on-request';
  requestFormat?: 'text' | 'markdown';
  locked?: Lockable[];
}

export interface IgnoredValue {
  /** The policy key, dotted for nested values ("admin.email"). */
  key: string;
  reason: string;
}

export interface ManagedState {
  config: ManagedConfig;
  ignored: IgnoredValue[];
  /** Why the policy could not be read at all (not an ignored value: there was nothing to check). */
  unreadable: string | null;
}

export const NO_MANAGED_STATE: ManagedState = { config: {}, ignored: [], unreadable: null };

const KNOWN_KEYS = ['identityCenter', 'diagnosticRole', 'admin', 'requestChannel', 'allowAccessKeys', 'responseObserver', 'showPanel', 'requestFormat', 'locked'];
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** IAM role and permission set names: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const MAX_TEXT = 2048;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const shown = (v: unknown) => JSON.stringify(v)?.slice(0, 120) ?? String(v);

/** Why `value` is not an https URL, or null. */
export function httpsUrlProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_TEXT) return 'expected a URL (text)';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `not a valid URL: ${shown(value)}`;
  }
  if (url.protocol !== 'https:') return `not https: ${shown(value)}`;
  return url.username || url.password ? 'a user name or password in the URL' : null;
}

type Checked<T> = { value: T } | { reason: string };

function checkIdentityCenter(v: unknown): Checked<ManagedConfig['identityCenter']> {
  if (!isObject(v)) return { reason: 'expected an object with startUrl and region' };
  const urlProblem = httpsUrlProblem(v.startUrl);
  if (urlProblem) return { reason: `startUrl: ${urlProblem}` };
  if (typeof v.region !== 'string' || !REGION.test(v.region)) return { reason: `region: not a Region name like us-east-1: ${shown(v.region)}` };
  return { value: { startUrl: v.startUrl as string, region: v.region } };
}

function checkChannel(v: unknown): Checked<RequestChannel> {
  if (!isObject(v)) return { reason: 'expected an object with "email" or "ticketUrl"' };
  if ((v.email === undefined) === (v.ticketUrl === undefined)) return { reason: 'set exactly one of "email" and "ticketUrl"' };
  let channel: RequestChannel;
  if (v.ticketUrl !== undefined) {
    if (typeof v.ticketUrl !== 'string' || v.ticketUrl.length > MAX_TEXT) return { reason: 'ticketUrl: expected a URL template (text)' };
    channel = { kind: 'ticketUrl', url: v.ticketUrl };
  } else {
    const e = v.email;
    if (!isObject(e) || typeof e.to !== 'string') return { reason: 'email: expected an object with "to"' };
    const cc = e.cc === undefined ? [] : e.cc;
    if (!Array.isArray(cc) || !cc.every((a) => typeof a === 'string')) return { reason: 'email.cc: expected a list of addresses' };
    if (e.subject !== undefined && (typeof e.subject !== 'string' || e.subject.length > MAX_TEXT)) return { reason: 'email.subject: expected text' };
    channel = { kind: 'email', to: e.to, cc: cc as string[], subject: (e.subject as string | undefined) ?? '' };
  }
  const problem = channelProblem(channel);
  return problem ? { reason: `${channel.kind === 'ticketUrl' ? 'ticketUrl' : 'email'}: ${problem}` } : { value: channel };
}

/** The admin contact: each of name, email and url is checked on its own, so one bad field drops only itself. */
function checkAdmin(v: unknown, ignore: (key: string, reason: string) => void): AdminContact | undefined {
  if (!isObject(v)) {
    ignore('admin', 'expected an object with name, email, url');
    return undefined;
  }
  const admin: AdminContact = { name: '', email: '', url: '' };
  for (const key of Object.keys(v)) if (!['name', 'email', 'url'].includes(key)) ignore(`admin.${key}`, 'unknown key');
  if (v.name !== undefined) {
    if (typeof v.name === 'string' && v.name.trim() && v.name.length <= 200) admin.name = v.name.trim();
    else ignore('admin.name', 'expected a name (text, at most 200 characters)');
  }
  if (v.email !== undefined) {
    const problem = typeof v.email === 'string' ? emailAddressProblem(v.email) : 'expected an email address';
    if (problem) ignore('admin.email', problem);
    else admin.email = v.email as string;
  }
  if (v.url !== undefined) {
    const problem = httpsUrlProblem(v.url);
    if (problem) ignore('admin.url', problem);
    else admin.url = v.url as string;
  }
  return admin.name || admin.email || admin.url ? admin : undefined;
}

function checkLocked(v: unknown, ignore: (key: string, reason: string) => void): Lockable[] | undefined {
  if (!Array.isArray(v)) {
    ignore('locked', 'expected a list of setting names');
    return undefined;
  }
  const locked = v.filter((name): name is Lockable => {
    const known = typeof name === 'string' && (LOCKABLE as readonly string[]).includes(name);
    if (!known) ignore('locked', `not a setting that can be locked: ${shown(name)} (can be: ${LOCKABLE.join(', ')})`);
    return known;
  });
  return [...new Set(locked)];
}

function checkOne<T>(checked: Checked<T>, key: string, ignore: (key: string, reason: string) => void): T | undefined {
  if ('reason' in checked) {
    ignore(key, checked.reason);
    return undefined;
  }
  return checked.value;
}

const enumOf = <T extends string>(values: readonly T[]) => (v: unknown): Checked<T> =>
  typeof v === 'string' && (values as readonly string[]).includes(v) ? { value: v as T } : { reason: `expected one of ${values.join(', ')}; got ${shown(v)}` };
const boolean = (v: unknown): Checked<boolean> => (typeof v === 'boolean' ? { value: v } : { reason: `expected true or false; got ${shown(v)}` });
const roleName = (v: unknown): Checked<string> =>
  typeof v === 'string' && ROLE_NAME.test(v) ? { value: v } : { reason: `not a role or permission set name (letters, digits, +=,.@_-; at most 64): ${shown(v)}` };

/** Checks a policy as the browser hands it over; never throws. */
export function checkManagedConfig(raw: unknown): ManagedState {
  const ignored: IgnoredValue[] = [];
  const ignore = (key: string, reason: string) => void ignored.push({ key, reason });
  if (raw === undefined || raw === null) return { config: {}, ignored, unreadable: null };
  if (!isObject(raw)) return { config: {}, ignored: [{ key: '(policy)', reason: 'expected an object of settings' }], unreadable: null };
  const config: ManagedConfig = {};
  for (const key of Object.keys(raw)) if (!KNOWN_KEYS.includes(key)) ignore(key, 'unknown key');
  const set = <K extends keyof ManagedConfig>(key: K, value: ManagedConfig[K] | undefined) => {
    if (value !== undefined) config[key] = value;
  };
  const has = (key: string) => raw[key] !== undefined;
  if (has('identityCenter')) set('identityCenter', checkOne(checkIdentityCenter(raw.identityCenter), 'identityCenter', ignore));
  if (has('diagnosticRole')) set('diagnosticRole', checkOne(roleName(raw.diagnosticRole), 'diagnosticRole', ignore));
  if (has('admin')) set('admin', checkAdmin(raw.admin, ignore));
  if (has('requestChannel')) set('requestChannel', checkOne(checkChannel(raw.requestChannel), 'requestChannel', ignore));
  if (has('allowAccessKeys')) set('allowAccessKeys', checkOne(boolean(raw.allowAccessKeys), 'allowAccessKeys', ignore));
  if (has('responseObserver')) set('responseObserver', checkOne(boolean(raw.responseObserver), 'responseObserver', ignore));
  if (has('showPanel')) set('showPanel', checkOne(enumOf(['auto', 'on-request'] as const)(raw.showPanel), 'showPanel', ignore));
  if (has('requestFormat')) set('requestFormat', checkOne(enumOf(['text', 'markdown'] as const)(raw.requestFormat), 'requestFormat', ignore));
  if (has('locked')) set('locked', checkLocked(raw.locked, ignore));
  return { config, ignored, unreadable: null };
}

/** Whether a policy sets or locks a setting: either way the user may not change it. */
export function isFixedByPolicy(config: ManagedConfig, key: Lockable): boolean {
  return config[key] !== undefined || (config.locked ?? []).includes(key);
}

/** "Sign in with <org>": the access portal's name (d-1234567890 or my-org in https://my-org.awsapps.com/start). */
export function organizationLabel(startUrl: string): string {
  const host = new URL(startUrl).hostname;
  return /^([^.]+)\.awsapps\.com$/.exec(host)?.[1] ?? host;
}


/** The setting each lockable policy key governs. */
const SETTING_OF = { showPanel: 'panelMode', requestFormat: 'requestFormat', requestChannel: 'requestChannel', responseObserver: 'responseObserver' } as const;
type UserSetting = (typeof SETTING_OF)[Lockable];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The settings in force: a managed value wins; a locked setting with no managed value keeps its default. */
export function effectiveSettings(user: Settings, config: ManagedConfig): Settings {
  const out: Settings = { ...user, admin: config.admin ?? null };
  for (const key of LOCKABLE) {
    const setting = SETTING_OF[key];
    if (!isFixedByPolicy(config, key)) continue;
    const value = config[key] ?? DEFAULT_SETTINGS[setting];
    (out as Record<UserSetting, unknown>)[setting] = value;
  }
  return out;
}

/** The policy keys of the fixed settings that `next` would change. */
export function fixedSettingChanges(current: Settings, next: Settings, config: ManagedConfig): Lockable[] {
  return LOCKABLE.filter((key) => {
    const setting = SETTING_OF[key];
    return isFixedByPolicy(config, key) && !same(current[setting], next[setting]);
  });
}

/** What to keep as the user's own choices: the fixed settings keep the user's earlier value, for when the policy goes. */
export function userSettingsToStore(next: Settings, previous: Settings, config: ManagedConfig): Settings {
  const out: Settings = { ...next, admin: null };
  for (const key of LOCKABLE) {
    const setting = SETTING_OF[key];
    if (isFixedByPolicy(config, key)) (out as Record<UserSetting, unknown>)[setting] = previous[setting];
  }
  return out;
}
