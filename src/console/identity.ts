// The console's signed-in identity, read from the page without credentials (console-dom.md
// section 3): the awsc-session-data meta tag, the multi-session hostname, the navigation header
// and the aws-userInfo cookie, in that order of trust. Every source is undocumented, so every key
// is optional and every read is guarded. A denial's own "User: arn:..." beats all of them (see
// fillFromPage).

import type { Denial, PrincipalType } from '../core/denial.ts';
import { partitionOfConsoleHost } from '../core/knowledge/partitions.ts';
import { parsePrincipalArn } from '../core/parse/index.ts';
import { readText } from './read-text.ts';
import { navAccountDetailMenu, navAccountMenuButton, navCopyAccountId, navUsernameMenu, sessionDataMeta } from './selectors.ts';

export type IdentitySource = 'session-data' | 'hostname' | 'nav-header' | 'cookie';

export interface ConsoleIdentity {
  accountId: string | null;
  principalArn: string | null;
  principalType: PrincipalType | null;
  roleName: string | null;
  sessionName: string | null;
  /** The Identity Center permission set behind an AWSReservedSSO_<Set>_<hex> role. */
  permissionSetName: string | null;
  accountAlias: string | null;
  /** The source of the principal, or of the account when no principal was found. */
  source: IdentitySource;
  /** Every source that said something and agrees with the account, most trusted first. */
  sources: IdentitySource[];
}

/** What one source says; the principal fields travel together. */
interface Reading {
  source: IdentitySource;
  accountId: string | null;
  principal: Principal | null;
  accountAlias: string | null;
}

interface Principal {
  arn: string | null;
  type: PrincipalType | null;
  roleName: string | null;
  sessionName: string | null;
  permissionSetName: string | null;
  /** The account the principal belongs to, to check it against the resolved account. */
  accountId: string | null;
}

const ACCOUNT_ID = /^\d{12}$/;
const DASHED_ACCOUNT = /\b(\d{4})-?(\d{4})-?(\d{4})\b/;
// IAM name characters (role, user and session names).
const IAM_NAME = /^[\w+=,.@-]{1,128}$/;
// "<label> @ 1111-2222-3333", the account menu button's text.
const MENU_LABEL = /^(.+?)\s*@\s*(\d{4}-?\d{4}-?\d{4})$/;
const MULTI_SESSION_HOST = /^(\d{12})-[a-z0-9]{8}\./i;

export function readConsoleIdentity(doc: Document, location: { hostname: string }): ConsoleIdentity | null {
  const partition = partitionOf(location.hostname);
  const readings = [
    guard(() => fromSessionData(doc)),
    guard(() => fromHostname(location.hostname)),
    guard(() => fromNavHeader(doc, partition)),
    guard(() => fromCookie(doc)),
  ].filter((r): r is Reading => r !== null);
  return resolve(readings);
}

/** The denial with its missing principal and account taken from the page; what the message says always wins. */
export function fillFromPage(denial: Denial, identity: ConsoleIdentity | null): Denial {
  if (!identity || denial.principalArn || denial.principalType === 'service') return denial;
  // A message about another account (a widget's "User: [999999999999]") is not about the signed-in principal.
  if (denial.accountId && identity.accountId && denial.accountId !== identity.accountId) return denial;
  const accountId = denial.accountId ?? identity.accountId;
  const principalArn = identity.principalArn;
  if (!principalArn && accountId === denial.accountId) return denial;
  return {
    ...denial,
    principalArn,
    principalType: principalArn ? identity.principalType : denial.principalType,
    accountId,
    meta: { ...denial.meta, principalSource: 'page' },
  };
}

function resolve(readings: Reading[]): ConsoleIdentity | null {
  const accountReading = readings.find(r => r.accountId);
  const resolvedAccount = accountReading?.accountId ?? null;
  const agrees = (accountId: string | null) => !resolvedAccount || !accountId || accountId === resolvedAccount;
  // The cookie names the sign-in identity; after "Switch role" that is someone else, so a principal
  // from another account than the one the page shows is dropped.
  const principalReading = readings.find(r => r.principal && agrees(r.principal.accountId));
  const principal = principalReading?.principal ?? null;
  const aliasReading = readings.find(r => r.accountAlias && agrees(r.accountId));
  const source = principalReading?.source ?? accountReading?.source;
  if (!source) return null;
  const accountId = resolvedAccount ?? principal?.accountId ?? null;
  return {
    accountId,
    principalArn: principal?.arn ?? null,
    principalType: principal?.type ?? null,
    roleName: principal?.roleName ?? null,
    sessionName: principal?.sessionName ?? null,
    permissionSetName: principal?.permissionSetName ?? null,
    accountAlias: aliasReading?.accountAlias ?? null,
    source,
    // Every source that said something, minus those that contradict the account.
    sources: readings.filter(r => agrees(r.accountId)).map(r => r.source),
  };
}

function fromSessionData(doc: Document): Reading | null {
  const content = doc.querySelector(sessionDataMeta)?.getAttribute('content');
  if (!content) return null;
  const data: unknown = JSON.parse(content);
  if (!data || typeof data !== 'object') return null;
  const record = data as Record<string, unknown>;
  const arn = str(record['sessionARN']) ?? str(record['sessionArn']);
  const principal = arn ? principalFromArn(arn) : null;
  const differentiator = str(record['sessionDifferentiator']);
  const accountId = account(str(record['accountId'])) ?? principal?.accountId ?? account(differentiator?.match(/^(\d{12})-/)?.[1]);
  return reading('session-data', accountId, principal, str(record['accountAlias']));
}

function fromHostname(hostname: string): Reading | null {
  const host = hostname.toLowerCase();
  if (!partitionOf(host)) return null;
  return reading('hostname', account(host.match(MULTI_SESSION_HOST)?.[1]), null, null);
}

function fromNavHeader(doc: Document, partition: string | null): Reading | null {
  const copyButton = doc.querySelector(navCopyAccountId);
  const detailMenu = doc.querySelector(navAccountDetailMenu);
  const menuButton = doc.querySelector(navAccountMenuButton) ?? doc.querySelector(navUsernameMenu);
  const label = menuButton ? readText(menuButton).replace(/\s+/g, ' ').trim() : '';
  const labelMatch = label.match(MENU_LABEL);
  const accountId =
    dashedAccount(copyButton?.previousElementSibling?.textContent) ??
    dashedAccount(detailMenu?.textContent) ??
    dashedAccount(labelMatch?.[2]);
  const ssoTitle = detailMenu ? Array.from(detailMenu.querySelectorAll('[title]')).map(el => el.getAttribute('title') ?? '').find(t => t.startsWith('AWSReservedSSO_')) : undefined;
  const principal = principalFromLabel(ssoTitle ?? labelMatch?.[1] ?? null, accountId, partition);
  return reading('nav-header', accountId, principal, null);
}

function fromCookie(doc: Document): Reading | null {
  const raw = doc.cookie.split(/;\s*/).find(c => c.startsWith('aws-userInfo='))?.slice('aws-userInfo='.length);
  if (!raw) return null;
  const data: unknown = JSON.parse(decodeURIComponent(raw));
  if (!data || typeof data !== 'object') return null;
  const record = data as Record<string, unknown>;
  const arn = str(record['arn']);
  const principal = arn ? principalFromArn(arn) : null;
  return reading('cookie', principal?.accountId ?? null, principal, str(record['alias']));
}

function principalFromArn(arn: string): Principal | null {
  const info = parsePrincipalArn(arn);
  if (!info.principalType || info.principalType === 'service') return null;
  const { principalType: type, roleName, sessionName, permissionSetName, accountId } = info;
  return { arn, type, roleName, sessionName, permissionSetName, accountId };
}

/**
 * "Role/Session" (an assumed role; Identity Center titles look the same) or "name" (an IAM user).
 * Only the console's default labels qualify: a custom switch-role display name such as "Prod Admin"
 * is not a role name, so labels with other characters give no principal.
 */
function principalFromLabel(label: string | null, accountId: string | null, partition: string | null): Principal | null {
  if (!label || !accountId || !partition) return null;
  const parts = label.trim().split('/');
  if (!parts.every(part => IAM_NAME.test(part))) return null;
  if (parts.length === 2) return principalFromArn(`arn:${partition}:sts::${accountId}:assumed-role/${parts[0]}/${parts[1]}`);
  if (parts.length === 1) return principalFromArn(`arn:${partition}:iam::${accountId}:user/${parts[0]}`);
  return null;
}

/** The console host's partition; the hostname's suffix decides (the one list is in core/knowledge/partitions.ts). */
function partitionOf(hostname: string): string | null {
  return partitionOfConsoleHost(hostname);
}

function reading(source: IdentitySource, accountId: string | null, principal: Principal | null, accountAlias: string | null): Reading | null {
  return accountId || principal || accountAlias ? { source, accountId, principal, accountAlias } : null;
}

function account(value: string | null | undefined): string | null {
  return value && ACCOUNT_ID.test(value) ? value : null;
}

function dashedAccount(text: string | null | undefined): string | null {
  const match = text?.match(DASHED_ACCOUNT);
  return match ? `${match[1]}${match[2]}${match[3]}` : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function guard(read: () => Reading | null): Reading | null {
  try {
    return read();
  } catch {
    return null; // malformed JSON, a cookie that is not URL-encoded, a page that throws on access
  }
}
