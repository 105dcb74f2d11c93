// Token readers. Each one is a sticky regex with a bounded quantifier applied at a known offset,
// or a bounded character loop, so a huge token without spaces costs its bound and no more.

/** IAM action "service:Action": the prefix is matched case-insensitively later, printed case kept. */
const ACTION_AT = /[A-Za-z0-9][A-Za-z0-9-]{0,63}:[A-Za-z0-9*]{1,128}/y;
const ACTION_WHOLE = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}:[A-Za-z0-9*]{1,128}$/;
/** An IAM service prefix as the console's Service: line may print it ("cur", "bcm-data-exports"). */
const SERVICE_PREFIX = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** A bare action name as the console's Action: line may print it ("GetClassicReport"). */
const ACTION_NAME = /^[A-Za-z0-9*]{1,128}$/;
const POLICY_ARN_AT = /arn:[A-Za-z0-9:\/_+=,.@*-]{1,2048}/y;
const URL_AT = /https?:\/\/[^\s"<>]{1,2048}/y;
const ID_AT = /[0-9A-Za-z]{1,128}/y;
const ERROR_CODE = /^[A-Za-z][A-Za-z0-9._-]{0,127}$/;

export const MAX_PRINCIPAL = 2048;
export const MAX_RESOURCE = 2048;
export const MAX_BLOB = 32768;

function stickyAt(re: RegExp, s: string, pos: number, limit: number): string | null {
  re.lastIndex = pos;
  const m = re.exec(s);
  if (!m) return null;
  return pos + m[0].length > limit ? m[0].slice(0, Math.max(0, limit - pos)) || null : m[0];
}

/** Characters that would make a matched action part of a longer token ("arn:aws:iam"). */
function continuesToken(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ||
    c === 0x5f || c === 0x3a || c === 0x2f || c === 0x2a || c === 0x2d || c === 0x40 || c === 0x2b || c === 0x3d
  );
}

/** The action token at `pos`, or null when none is there or it runs on into a longer token. */
export function readActionAt(flat: string, pos: number, limit: number): string | null {
  ACTION_AT.lastIndex = pos;
  const m = ACTION_AT.exec(flat);
  if (!m) return null;
  const end = pos + m[0].length;
  if (end > limit) return null;
  if (end < limit && continuesToken(flat.charCodeAt(end))) return null;
  return m[0];
}

export function isAction(s: string): boolean {
  return ACTION_WHOLE.test(s);
}

export function isServicePrefix(s: string): boolean {
  return SERVICE_PREFIX.test(s);
}

export function isActionName(s: string): boolean {
  return ACTION_NAME.test(s);
}

export function isErrorCode(s: string): boolean {
  return ERROR_CODE.test(s);
}

/** Characters of principal ARNs and service principals (IAM names allow +=,.@_-). */
export function isPrincipalChar(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x3a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ||
    c === 0x2b || c === 0x3d || c === 0x2c || c === 0x2e || c === 0x40 || c === 0x5f || c === 0x2f || c === 0x2d
  );
}

/** Characters that end a free token: whitespace, quotes and markup. */
function endsFreeToken(c: number): boolean {
  return c === 0x20 || c === 0x22 || c === 0x3c || c === 0x3e || c === 0x0a || c === 0x09;
}

/** Bidi controls and zero-width characters: a token that reaches one is suspect. */
export function isInvisible(c: number): boolean {
  return (
    c === 0x061c || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2069) || c === 0xfeff
  );
}

export function hasInvisible(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isInvisible(s.charCodeAt(i))) return true;
  return false;
}

/** True when every character of `s` may appear in a principal ARN or service principal. */
export function isPrincipalToken(s: string): boolean {
  if (s.length === 0 || s.length > MAX_PRINCIPAL) return false;
  for (let i = 0; i < s.length; i++) if (!isPrincipalChar(s.charCodeAt(i))) return false;
  return true;
}

/** End of the free token (no spaces, quotes, markup or invisible characters) at `pos`. */
export function freeTokenEnd(flat: string, pos: number, limit: number, max: number): number {
  const hi = Math.min(limit, pos + max);
  let i = pos;
  while (i < hi) {
    const c = flat.charCodeAt(i);
    if (endsFreeToken(c) || isInvisible(c)) break;
    i++;
  }
  return i;
}

/** arn:<partition>:<service>:<region>:<account>:<resource>, the shape every policy ARN has. */
const ARN_SHAPE = /^arn:[a-z][a-z0-9-]{0,31}:[a-z0-9-]{1,64}:[a-z0-9-]{0,32}:[a-z0-9]{0,12}:./;

/** The policy ARN at `pos` with a sentence-final '.' or ',' removed, or null when it is not ARN-shaped. */
export function readPolicyArnAt(flat: string, pos: number, limit: number): { value: string; end: number } | null {
  const m = stickyAt(POLICY_ARN_AT, flat, pos, limit);
  if (!m) return null;
  const value = trimTrailing(m, '.,;');
  return ARN_SHAPE.test(value) ? { value, end: pos + m.length } : null;
}

export function readUrlAt(flat: string, pos: number, limit: number): string | null {
  return stickyAt(URL_AT, flat, pos, limit);
}

export function readIdAt(flat: string, pos: number, limit: number): string | null {
  return stickyAt(ID_AT, flat, pos, limit);
}

/** `s` without any trailing characters from `chars`. */
export function trimTrailing(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s.charAt(end - 1))) end--;
  return s.slice(0, end);
}
