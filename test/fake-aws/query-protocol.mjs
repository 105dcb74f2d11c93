// The AWS Query protocol used by IAM and STS: form-encoded requests in, XML out.
// https://smithy.io/2.0/aws/protocols/aws-query-protocol.html

import { randomUUID } from 'node:crypto';

export const NAMESPACES = {
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
};

export const API_VERSIONS = { iam: '2010-05-08', sts: '2011-06-15' };

/**
 * Parses `A.member.1.B=x&A.member.2.B=y` into a tree: { A: { member: { 1: { B: 'x' }, 2: { B: 'y' } } } }.
 * @param {string} body
 * @returns {Record<string, any>}
 */
export function parseQueryBody(body) {
  /** @type {Record<string, any>} */
  const root = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.split('.');
    let node = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = /** @type {string} */ (parts[i]);
      if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
      node = node[part];
    }
    node[/** @type {string} */ (parts[parts.length - 1])] = value;
  }
  return root;
}

/**
 * The members of a serialized list (`X.member.N`), in N order. Missing list -> [].
 * @param {any} node
 * @returns {any[]}
 */
export function listMembers(node) {
  const members = node && typeof node === 'object' ? node.member : undefined;
  if (!members || typeof members !== 'object') return [];
  return Object.keys(members)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => members[k]);
}

/** Marks an object to be serialized as a Query-protocol map (<entry><key/><value/></entry>). */
export class XmlMap {
  /** @param {Record<string, string>} entries */
  constructor(entries) {
    this.entries = entries;
  }
}

/** @param {string} text */
export function escapeXml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/**
 * Serializes a value as XML children. Arrays become <member> lists, XmlMap becomes <entry> lists,
 * null/undefined members are left out (as AWS leaves out absent members).
 * @param {string} name
 * @param {unknown} value
 * @returns {string}
 */
export function toXml(name, value) {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return `<${name}>${value.map((v) => toXml('member', v)).join('')}</${name}>`;
  if (value instanceof XmlMap) {
    const entries = Object.entries(value.entries)
      .map(([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${escapeXml(String(v))}</value></entry>`)
      .join('');
    return `<${name}>${entries}</${name}>`;
  }
  if (value instanceof Date) return `<${name}>${isoSeconds(value)}</${name}>`;
  if (typeof value === 'object') {
    const inner = Object.entries(value)
      .map(([k, v]) => toXml(k, v))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** IAM/STS print timestamps as ISO 8601 without milliseconds. @param {Date} date */
function isoSeconds(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A successful Query response: <XResponse><XResult>…</XResult><ResponseMetadata/></XResponse>.
 * @param {'iam'|'sts'} service
 * @param {string} action
 * @param {Record<string, unknown> | null} result  null -> no <XResult> (e.g. actions with no output)
 */
export function queryResponse(service, action, result) {
  const requestId = randomUUID();
  const resultXml = result === null ? '' : toXml(`${action}Result`, result);
  const body =
    `<${action}Response xmlns="${NAMESPACES[service]}">${resultXml}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

/**
 * A Query error: <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>.
 * @param {'iam'|'sts'} service
 * @param {{ status: number, code: string, message: string, type?: 'Sender'|'Receiver' }} error
 */
export function queryError(service, error) {
  const requestId = randomUUID();
  const type = error.type ?? (error.status >= 500 ? 'Receiver' : 'Sender');
  const body =
    `<ErrorResponse xmlns="${NAMESPACES[service]}"><Error><Type>${type}</Type>` +
    `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status: error.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}
