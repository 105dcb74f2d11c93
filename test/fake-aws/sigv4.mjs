// Server-side AWS Signature Version 4 verification (header form), with node:crypto.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const ALGORITHM = 'AWS4-HMAC-SHA256';
/** AWS rejects a request whose X-Amz-Date is more than 15 minutes from its clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;

/**
 * @typedef {{ accessKeyId: string, date: string, region: string, service: string,
 *             signedHeaders: string[], signature: string }} ParsedAuthorization
 */

/**
 * Reads `AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/iam/aws4_request, SignedHeaders=a;b, Signature=hex`.
 * @param {string | undefined} header
 * @returns {ParsedAuthorization | null}
 */
export function parseAuthorization(header) {
  if (!header || !header.startsWith(`${ALGORITHM} `)) return null;
  /** @type {Record<string, string>} */
  const parts = {};
  for (const piece of header.slice(ALGORITHM.length + 1).split(',')) {
    const eq = piece.indexOf('=');
    if (eq > 0) parts[piece.slice(0, eq).trim()] = piece.slice(eq + 1).trim();
  }
  const scope = (parts.Credential ?? '').split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request' || !parts.SignedHeaders || !parts.Signature) return null;
  const [accessKeyId, date, region, service] = /** @type {[string, string, string, string]} */ (scope);
  return { accessKeyId, date, region, service, signedHeaders: parts.SignedHeaders.split(';'), signature: parts.Signature };
}

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). @param {string} s */
function awsEncode(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** @param {string} s */
function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Non-S3 services: each already-encoded path segment is encoded once more ("twice" in total). @param {string} rawPath */
function canonicalPath(rawPath) {
  if (!rawPath || rawPath === '/') return '/';
  return rawPath
    .split('/')
    .map((segment) => awsEncode(segment))
    .join('/');
}

/** @param {string} rawQuery without the leading '?' */
function canonicalQuery(rawQuery) {
  if (!rawQuery) return '';
  return rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? '' : pair.slice(eq + 1);
      return /** @type {[string, string]} */ ([awsEncode(safeDecode(key.replace(/\+/g, ' '))), awsEncode(safeDecode(value.replace(/\+/g, ' ')))]);
    })
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** Header values by lower-case name, repeated headers joined with ',' as SigV4 specifies. @param {string[]} rawHeaders */
function headerValues(rawHeaders) {
  /** @type {Map<string, string[]>} */
  const values = new Map();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = /** @type {string} */ (rawHeaders[i]).toLowerCase();
    const value = /** @type {string} */ (rawHeaders[i + 1]).trim().replace(/\s+/g, ' ');
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return values;
}

/** @param {string | Buffer} data */
function sha256Hex(data) {
  return createHash('sha256').update(data).digest('hex');
}

/** @param {Buffer | string} key @param {string} data */
function hmac(key, data) {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** @param {string} secret @param {string} date @param {string} region @param {string} service */
function signingKey(secret, date, region, service) {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

/** `20260102T030405Z` -> epoch ms, or NaN. @param {string} amzDate */
function parseAmzDate(amzDate) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** epoch ms -> `20260102T030405Z`. @param {number} ms */
function toAmzDate(ms) {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * The wording AWS uses for a request signed with a clock outside the 15-minute window.
 * @param {number} signedAt @param {number} now
 */
function skewMessage(signedAt, now) {
  const minutes = MAX_SKEW_MS / 60000;
  if (signedAt < now) {
    return `Signature expired: ${toAmzDate(signedAt)} is now earlier than ${toAmzDate(now - MAX_SKEW_MS)} (${toAmzDate(now)} - ${minutes} min.)`;
  }
  return `Signature not yet current: ${toAmzDate(signedAt)} is still later than ${toAmzDate(now + MAX_SKEW_MS)} (${toAmzDate(now)} + ${minutes} min.)`;
}

/**
 * @typedef {{ secretAccessKey: string, sessionToken: string | null, expiresAt: number | null }} SigningSecret
 * @typedef {{ method: string, rawPath: string, rawQuery: string, rawHeaders: string[], body: Buffer }} SignedRequest
 * @typedef {{ ok: true, accessKeyId: string, service: string, region: string }
 *         | { ok: false, kind: 'missing-auth'|'incomplete-signature'|'unknown-key'|'bad-session-token'|'bad-signature'|'signature-expired'|'expired-token',
 *             detail?: string, accessKeyId: string | null }} VerifyResult
 */

/**
 * Verifies the Authorization header of a request against the secret of its access key.
 * @param {SignedRequest} request
 * @param {(accessKeyId: string) => SigningSecret | undefined} lookupSecret
 * @param {number} [now]
 * @returns {VerifyResult}
 */
export function verifySigV4(request, lookupSecret, now = Date.now()) {
  const headers = headerValues(request.rawHeaders);
  const authorization = headers.get('authorization')?.[0];
  if (!authorization) return { ok: false, kind: 'missing-auth', accessKeyId: null };
  const auth = parseAuthorization(authorization);
  if (!auth) {
    return {
      ok: false,
      kind: 'incomplete-signature',
      accessKeyId: null,
      detail: `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters for ${ALGORITHM}.`,
    };
  }
  const { accessKeyId } = auth;
  const secret = lookupSecret(accessKeyId);
  if (!secret) return { ok: false, kind: 'unknown-key', accessKeyId };

  const amzDate = headers.get('x-amz-date')?.[0];
  const signedAt = amzDate ? parseAmzDate(amzDate) : Date.parse(headers.get('date')?.[0] ?? '');
  if (Number.isNaN(signedAt)) {
    return { ok: false, kind: 'incomplete-signature', accessKeyId, detail: 'Authorization header requires existence of either a \'X-Amz-Date\' or a \'Date\' header.' };
  }
  if (Math.abs(now - signedAt) > MAX_SKEW_MS) {
    return { ok: false, kind: 'signature-expired', accessKeyId, detail: skewMessage(signedAt, now) };
  }

  const declaredHash = headers.get('x-amz-content-sha256')?.[0];
  const bodyHash = sha256Hex(request.body);
  if (declaredHash && declaredHash !== 'UNSIGNED-PAYLOAD' && declaredHash !== bodyHash) {
    return { ok: false, kind: 'bad-signature', accessKeyId };
  }
  const key = signingKey(secret.secretAccessKey, auth.date, auth.region, auth.service);
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(auth.signature) ? auth.signature : '', 'hex');
  /** Is the signature right if the request was signed for this Host? @param {string | undefined} host */
  const signedFor = (host) => {
    const canonicalHeaders = auth.signedHeaders
      .map((name) => `${name}:${name === 'host' && host !== undefined ? host : (headers.get(name) ?? []).join(',')}\n`)
      .join('');
    const canonicalRequest = [
      request.method,
      auth.service === 's3' ? request.rawPath || '/' : canonicalPath(request.rawPath),
      canonicalQuery(request.rawQuery),
      canonicalHeaders,
      auth.signedHeaders.join(';'),
      declaredHash ?? bodyHash,
    ].join('\n');
    const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
    const stringToSign = [ALGORITHM, amzDate ?? toAmzDate(signedAt), scope, sha256Hex(canonicalRequest)].join('\n');
    const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest();
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  // A request signed for the real endpoint and forwarded here (a browser test's route to the fake) arrives
  // with the fake's Host; its signature is still checked in full, against the AWS host it was signed for.
  // IAM Toolbox signs with the name `iam` but lives at iam-toolbox.<region>.amazonaws.com.
  const awsHosts = [`${auth.service}.amazonaws.com`, `${auth.service}.${auth.region}.amazonaws.com`, ...(auth.service === 'iam' ? [`iam-toolbox.${auth.region}.amazonaws.com`] : [])];
  if (!signedFor(undefined) && !(auth.signedHeaders.includes('host') && awsHosts.some(signedFor))) {
    return { ok: false, kind: 'bad-signature', accessKeyId };
  }

  const sessionToken = headers.get('x-amz-security-token')?.[0] ?? null;
  if ((secret.sessionToken ?? null) !== sessionToken) return { ok: false, kind: 'bad-session-token', accessKeyId };
  if (secret.expiresAt !== null && secret.expiresAt <= now) return { ok: false, kind: 'expired-token', accessKeyId };
  return { ok: true, accessKeyId, service: auth.service, region: auth.region };
}
