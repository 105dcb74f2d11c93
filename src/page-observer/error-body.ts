// Which responses can be a denial, and the error type and message of one. The rules (AWS's wire protocols):
//   JSON 1.0/1.1: {"__type": "AccessDeniedException" or "com.amazon.coral.service#AccessDeniedException",
//                  "message" or "Message": "..."}
//   REST-JSON:    403 with an `x-amzn-ErrorType: AccessDeniedException:http://...` header and {"message": "..."}
//   Query (XML):  <ErrorResponse><Error><Code>AccessDenied</Code><Message>...</Message></Error></ErrorResponse>
//   the console's proxies (/billing/rest/..., /costmanagement/...): the service's error, or {"type": ..., "message": ...}
// A header names the error when present (the SDKs read it first); the body otherwise.

/** Bodies larger than this are never read (an error body is a few hundred bytes). */
export const BODY_CAP = 64 * 1024;

/** The only responses whose body is read: 400 or 403, JSON or XML, and not announced as larger than the cap. */
export function mayBeDenial(status: number, contentType: string | null, contentLength: string | null): boolean {
  if (status !== 400 && status !== 403) return false;
  if (!contentType || !/json|xml/i.test(contentType)) return false;
  if (contentLength === null || contentLength === '') return true;
  const length = Number(contentLength);
  return Number.isFinite(length) && length >= 0 && length <= BODY_CAP;
}

/** The bare error name: `ns#Name:suffix` -> `Name`. */
export function errorName(raw: string): string {
  const hash = raw.indexOf('#');
  const name = hash === -1 ? raw : raw.slice(hash + 1);
  const colon = name.indexOf(':');
  return (colon === -1 ? name : name.slice(0, colon)).trim();
}

export function namesAccessDenied(name: string): boolean {
  return /^AccessDenied\w{0,64}$/.test(name);
}

export interface ErrorParts {
  errorCode: string;
  message: string;
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const xmlText = (s: string) => s.replace(/&(lt|gt|amp|quot|apos);/g, (_, name: string) => XML_ENTITIES[name]!);

function fromJson(body: unknown): { type: string | null; message: string } | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const o = body as Record<string, unknown>;
  const type = [o.__type, o.type, o.code].find((v): v is string => typeof v === 'string') ?? null;
  const message = [o.message, o.Message].find((v): v is string => typeof v === 'string') ?? '';
  return { type, message };
}

function fromXml(text: string): { type: string | null; message: string } | null {
  const code = /<Code>([^<]{1,256})<\/Code>/.exec(text);
  const message = /<Message>([^<]{0,16384})<\/Message>/.exec(text);
  if (!code && !message) return null;
  return { type: code ? xmlText(code[1]!) : null, message: message ? xmlText(message[1]!) : '' };
}

/** JSON text, or an already parsed body (XMLHttpRequest with responseType "json"). */
function readBody(body: string | object, contentType: string): { type: string | null; message: string } | null {
  if (typeof body !== 'string') return fromJson(body);
  if (/xml/i.test(contentType)) return fromXml(body);
  try {
    return fromJson(JSON.parse(body));
  } catch {
    return null;
  }
}

/** The error of a denial response, or null when the response names no AccessDenied error. */
export function readDenialError(errorTypeHeader: string | null, contentType: string, body: string | object): ErrorParts | null {
  const read = readBody(body, contentType);
  const raw = errorTypeHeader || read?.type;
  if (!raw) return null;
  const errorCode = errorName(raw);
  if (!namesAccessDenied(errorCode)) return null;
  return { errorCode, message: read?.message ?? '' };
}
