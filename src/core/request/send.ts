// "Send to admin": the request channels an organization (or the user) sets up, and the mailto: or ticket URL
// made from a denial. Pure: the panel opens the result, the CLI prints it, managed configuration checks the
// templates with the same rules.

import type { Denial } from '../denial.ts';
import type { Diagnosis } from '../diagnosis.ts';
import type { Explanation } from '../explanation.ts';
import { adminRequestSubject, formatAdminRequest, layerName, type AdminContact, type AdminRequestInput, type RequestFormat } from './admin-request.ts';

/** The placeholders a ticket URL or an email subject may use; each value is URL-encoded where it is put. */
export const PLACEHOLDERS = ['principal', 'action', 'resource', 'account', 'layer', 'policyArn', 'authorizationId', 'pageUrl', 'summary', 'request'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Readonly<Record<Placeholder, string>>;

export interface EmailChannel {
  kind: 'email';
  to: string;
  cc: string[];
  /** A subject template with placeholders; empty for the request's own title. */
  subject: string;
}

export interface TicketChannel {
  kind: 'ticketUrl';
  /** An https URL template with placeholders. */
  url: string;
}

export type RequestChannel = EmailChannel | TicketChannel;

/**
 * Mail clients and the OS hand-off of mailto: links reliably take about 2,000 characters (older Outlook and
 * Windows shell limits); a longer body is cut, and the full text goes to the clipboard instead.
 */
export const MAILTO_MAX_LENGTH = 2000;
/** Browsers and ticket systems take long URLs, but not unbounded ones: the request text is cut above this. */
export const TICKET_URL_MAX_LENGTH = 8000;

const PLACEHOLDER = /\{([^{}]*)\}/g;
const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

const isPlaceholder = (name: string): name is Placeholder => (PLACEHOLDERS as readonly string[]).includes(name);

/** The names in braces that are not placeholders, and stray braces, as problems; empty when the template is fine. */
export function templateProblems(template: string): string[] {
  const problems = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !isPlaceholder(name)).map((name) => `unknown placeholder {${name}}`);
  if (/[{}]/.test(template.replace(PLACEHOLDER, ''))) problems.push('an unmatched { or }');
  return [...new Set(problems)];
}

/** Why a ticket URL template cannot be used, or null: known placeholders, https, and a fixed host. */
export function ticketUrlProblem(template: string): string | null {
  const problems = templateProblems(template);
  if (problems.length > 0) return problems.join('; ');
  // Placeholders may fill the path and the query, never the scheme or the host: the origin is fixed by the template.
  const origin = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)/i.exec(template)?.[1] ?? '';
  if (origin.includes('{')) return 'a placeholder in the scheme or host';
  let url: URL;
  try {
    url = new URL(template.replace(PLACEHOLDER, 'x'));
  } catch {
    return 'not a valid URL';
  }
  if (url.protocol !== 'https:') return `not https (${url.protocol.slice(0, -1)})`;
  if (url.username || url.password) return 'a user name or password in the URL';
  return null;
}

export function emailAddressProblem(address: string): string | null {
  return EMAIL.test(address) ? null : `not an email address: ${JSON.stringify(address.slice(0, 100))}`;
}

/** Why a channel cannot be used, or null. */
export function channelProblem(channel: RequestChannel): string | null {
  if (channel.kind === 'ticketUrl') return ticketUrlProblem(channel.url);
  const addressProblem = [channel.to, ...channel.cc].map(emailAddressProblem).find((p) => p !== null);
  if (addressProblem) return addressProblem;
  const subject = templateProblems(channel.subject);
  return subject.length > 0 ? `subject: ${subject.join('; ')}` : null;
}

export interface SendInput {
  denial: Denial;
  explanation: Explanation;
  pageUrl: string | null;
  diagnosis?: Diagnosis | null;
  admin?: AdminContact | null;
  format: RequestFormat;
  /** As in the copied request: when the denial was seen, and the other denials it covers (a merged panel's). */
  deniedAt?: AdminRequestInput['deniedAt'];
  alsoDenied?: AdminRequestInput['alsoDenied'];
}

/** The placeholder values for one denial (as text; encoding happens where they are put). */
export function placeholderValues(input: SendInput): PlaceholderValues {
  const { denial, explanation, pageUrl, diagnosis = null, admin = null, deniedAt, alsoDenied } = input;
  const request: AdminRequestInput = { denial, explanation, pageUrl, diagnosis, admin, deniedAt, alsoDenied };
  const blocking = diagnosis?.blocking?.[0];
  return {
    principal: denial.principalArn ?? '',
    action: denial.action ?? '',
    resource: denial.resource ?? '',
    account: denial.accountId ?? '',
    layer: layerName(request),
    policyArn: blocking?.arn ?? denial.policyArn ?? '',
    authorizationId: denial.authorizationId ?? '',
    pageUrl: pageUrl ?? '',
    summary: adminRequestSubject(request),
    request: formatAdminRequest(request, input.format),
  };
}

const fill = (template: string, values: PlaceholderValues, encode: (s: string) => string) =>
  template.replace(PLACEHOLDER, (whole, name: string) => (isPlaceholder(name) ? encode(values[name]) : whole));

/** Cuts text to `max` characters of its encoding, ending with a note that the full text was copied. */
function cutToFit(text: string, budget: number, encode: (s: string) => string): { text: string; cut: boolean } {
  if (encode(text).length <= budget) return { text, cut: false };
  const note = '\n\n[… cut to fit; the full request was copied to your clipboard]';
  let lo = 0;
  let hi = text.length;
  // The longest prefix whose encoding (with the note) fits: encoding lengths grow with the prefix.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (encode(text.slice(0, mid) + note).length <= budget) lo = mid;
    else hi = mid - 1;
  }
  return { text: text.slice(0, lo) + note, cut: true };
}

export type SendTarget =
  | { ok: true; kind: 'email' | 'ticketUrl'; url: string; /** The body or {request} was cut: copy the full text too. */ cut: boolean; fullText: string }
  | { ok: false; problem: string };

/** The mailto: or ticket URL for a denial on a channel, checked again before it is returned. */
export function sendTarget(channel: RequestChannel, values: PlaceholderValues): SendTarget {
  const problem = channelProblem(channel);
  if (problem) return { ok: false, problem };
  if (channel.kind === 'ticketUrl') {
    const withoutRequest = fill(channel.url, { ...values, request: '' }, encodeURIComponent);
    const room = TICKET_URL_MAX_LENGTH - withoutRequest.length;
    const uses = [...channel.url.matchAll(PLACEHOLDER)].filter((m) => m[1] === 'request').length;
    const request = uses > 0 ? cutToFit(values.request, Math.max(0, Math.floor(room / uses)), encodeURIComponent) : { text: '', cut: false };
    const url = fill(channel.url, { ...values, request: request.text }, encodeURIComponent);
    // The template's origin is fixed (checked above); check the result once more, as the browser will read it.
    if (new URL(url).protocol !== 'https:') return { ok: false, problem: 'not https' };
    return { ok: true, kind: 'ticketUrl', url, cut: request.cut, fullText: values.request };
  }
  const subject = channel.subject.trim() ? fill(channel.subject, values, (s) => s) : values.summary;
  const query = (body: string) =>
    [channel.cc.length > 0 ? `cc=${channel.cc.map(encodeURIComponent).join(',')}` : '', `subject=${encodeURIComponent(subject)}`, `body=${encodeURIComponent(body)}`]
      .filter(Boolean)
      .join('&');
  const head = `mailto:${encodeURIComponent(channel.to).replace(/%40/g, '@')}?`;
  const room = MAILTO_MAX_LENGTH - (head + query('')).length;
  const body = cutToFit(values.request, Math.max(0, room), encodeURIComponent);
  return { ok: true, kind: 'email', url: head + query(body.text), cut: body.cut, fullText: values.request };
}
