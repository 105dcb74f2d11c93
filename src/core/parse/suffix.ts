// What may follow the core sentence (denial-grammar.md 2.3, 2.4, 5): the Access Troubleshooter
// suffix ("Go to <url> for complete details, or call the GetRequestAuthorizationDetails API with the
// following authorization id: <id>"), the EC2 "Encoded authorization failure message: <blob>", and
// the Java SDK's "(Service: …; Error Code: <Code>; …)".

import type { Source } from './source.ts';
import { indexWithin, skipSpace, startsAt } from './source.ts';
import { freeTokenEnd, isErrorCode, MAX_BLOB, readIdAt, readUrlAt, trimTrailing } from './tokens.ts';

export interface SuffixReading {
  authorizationId: string | null;
  troubleshooterUrl: string | null;
  encodedMessage: string | null;
  errorCode: string | null;
  partial: boolean;
  end: number;
}

const ENCODED = 'encoded authorization failure message:';
const GO_TO = 'go to ';
const AUTHORIZATION_ID = 'authorization id: ';
const CALL_THE_API = 'call the getrequestauthorizationdetails api';
const DETAILS_PATH = '/authorization-details/';
const JAVA = '(service: ';
const ERROR_CODE = 'error code: ';
/** How far after the URL the "… authorization id: " phrase may end. */
const PHRASE_WINDOW = 200;

/** Reads the suffixes in any order, starting at `pos` (just after the core and its context); null when none. */
export function readSuffixes(src: Source, pos: number, limit: number): SuffixReading | null {
  let r: SuffixReading | null = null;
  let end = pos;
  for (let round = 0; round < 4; round++) {
    let q = end;
    if (q < limit && src.flat.charCodeAt(q) === 0x2e /* . */) q++;
    q = skipSpace(src.flat, q, limit);
    // Cheap first-character test before any reader: most sentences have no suffix at all.
    const c = src.lower.charCodeAt(q);
    if (c !== 0x65 /* e */ && c !== 0x67 /* g */ && c !== 0x6f /* o */ && c !== 0x63 /* c */ && c !== 0x28 /* ( */) break;
    const reading: SuffixReading = r ?? { authorizationId: null, troubleshooterUrl: null, encodedMessage: null, errorCode: null, partial: false, end };
    const next = readEncoded(src, q, limit, reading) ?? readTroubleshooter(src, q, limit, reading) ?? readJava(src, q, limit, reading);
    if (next === null) break;
    r = reading;
    end = next;
    r.end = next;
  }
  return r;
}

function readEncoded(src: Source, q: number, limit: number, r: SuffixReading): number | null {
  if (!startsAt(src.lower, ENCODED, q, limit)) return null;
  const at = skipSpace(src.flat, q + ENCODED.length, limit);
  const end = freeTokenEnd(src.flat, at, limit, MAX_BLOB);
  const blob = trimTrailing(src.flat.slice(at, end), '.');
  if (blob === '') r.partial = true;
  else r.encodedMessage = blob;
  if (end - at >= MAX_BLOB) r.partial = true;
  return end;
}

function readTroubleshooter(src: Source, q: number, limit: number, r: SuffixReading): number | null {
  let end = q;
  let url: string | null = null;
  if (startsAt(src.lower, GO_TO, q, limit)) {
    url = readUrlAt(src.flat, q + GO_TO.length, limit);
    if (url) end = q + GO_TO.length + url.length;
  }
  // Without the URL, only "(or )call the GetRequestAuthorizationDetails API …" may start the suffix.
  const callsApi = url !== null || startsAt(src.lower, CALL_THE_API, q, limit) || startsAt(src.lower, 'or ' + CALL_THE_API, q, limit);
  const phraseFrom = url ? end : q;
  const idLabel = callsApi ? indexWithin(src.lower, AUTHORIZATION_ID, phraseFrom, Math.min(limit, phraseFrom + PHRASE_WINDOW)) : -1;
  const phraseOk = idLabel !== -1;
  const cleanUrl = url ? trimTrailing(url, '.,') : null;
  const detailsAt = cleanUrl ? cleanUrl.indexOf(DETAILS_PATH) : -1;
  if (!phraseOk && detailsAt === -1) return null;
  if (cleanUrl) r.troubleshooterUrl = cleanUrl;
  if (phraseOk) {
    const idAt = idLabel + AUTHORIZATION_ID.length;
    const id = readIdAt(src.flat, idAt, limit);
    if (id) {
      r.authorizationId = id;
      return idAt + id.length;
    }
    r.partial = true;
    end = idAt;
  }
  if (cleanUrl && detailsAt !== -1 && r.authorizationId === null) {
    const id = readIdAt(cleanUrl, detailsAt + DETAILS_PATH.length, cleanUrl.length);
    if (id) r.authorizationId = id;
  }
  return end;
}

function readJava(src: Source, q: number, limit: number, r: SuffixReading): number | null {
  if (!startsAt(src.lower, JAVA, q, limit)) return null;
  const close = src.next(')').find(q, Math.min(limit, q + 1024));
  if (close === -1) return null;
  const codeLabel = indexWithin(src.lower, ERROR_CODE, q, close);
  if (codeLabel !== -1) {
    const from = codeLabel + ERROR_CODE.length;
    const semi = indexWithin(src.flat, ';', from, close);
    const code = src.flat.slice(from, semi === -1 ? close : semi).trim();
    if (isErrorCode(code)) r.errorCode = code;
  }
  return close + 1;
}
