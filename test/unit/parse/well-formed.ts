// What every Denial that parseDenials returns must look like, whatever the input: the CLI JSON
// contract's types and value sets, and the field rules of denial-grammar.md. Returns the problems
// found (empty when well formed), so a failing property prints what is wrong.

import type { Denial } from '../../../src/core/denial.ts';

const PRINCIPAL_TYPES = new Set(['user', 'role', 'assumed-role', 'federated-user', 'root', 'service']);
const POLICY_TYPES = new Set(['identity', 'resource', 'permissions-boundary', 'session', 'scp', 'rcp', 'vpc-endpoint', 'role-trust']);
const DENY_KINDS = new Set(['explicit', 'implicit', 'unknown']);
const CAUSES = new Set(['iam-billing-access-not-activated', 'cost-explorer-not-enabled', 'linked-account-cost-explorer-disabled', 'management-account-standalone-context']);
const FORMS = new Set(['api-sentence', 'console-alert', 'billing-banner', 'service-message']);
const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9*]*$/;
const ACCOUNT = /^\d{12}$/;
/** As printed: masks and placeholders ("***", "<account_id>", "[child account number]") may hold any text but line breaks. */
const PRINCIPAL = /^[^\n\t\r]+$/;
const AUTHORIZATION_ID = /^[0-9A-Za-z]+$/;
const POLICY_ARN = /^arn:[A-Za-z0-9:/_+=,.@*-]+$/;
/** Bidi controls and zero-width characters. */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;
/** Controls that normalisation drops (tab and line feed are whitespace). */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const FIELD_KEYS = ['principalArn', 'principalType', 'accountId', 'action', 'resource', 'policyType', 'denyKind', 'policyArn', 'authorizationId', 'cause', 'meta'];

function nullableString(v: unknown): v is string | null {
  return v === null || typeof v === 'string';
}

export function problemsOf(d: Denial): string[] {
  const p: string[] = [];
  const keys = Object.keys(d).sort();
  if (keys.join() !== [...FIELD_KEYS].sort().join()) p.push(`keys ${keys.join()}`);
  for (const k of ['principalArn', 'accountId', 'action', 'resource', 'policyArn', 'authorizationId'] as const) {
    if (!nullableString(d[k])) p.push(`${k} is not string|null`);
    else if (d[k] === '') p.push(`${k} is empty`);
  }
  if (d.principalType !== null && !PRINCIPAL_TYPES.has(d.principalType)) p.push(`principalType ${d.principalType}`);
  if (d.policyType !== null && !POLICY_TYPES.has(d.policyType)) p.push(`policyType ${d.policyType}`);
  if (!DENY_KINDS.has(d.denyKind)) p.push(`denyKind ${d.denyKind}`);
  if (d.cause !== null && !CAUSES.has(d.cause)) p.push(`cause ${d.cause}`);
  if (d.action !== null && !ACTION.test(d.action)) p.push(`action ${JSON.stringify(d.action)}`);
  if (d.accountId !== null && !ACCOUNT.test(d.accountId)) p.push(`accountId ${JSON.stringify(d.accountId)}`);
  if (d.principalArn !== null && !PRINCIPAL.test(d.principalArn)) p.push(`principalArn ${JSON.stringify(d.principalArn)}`);
  if (d.principalType !== null && d.principalArn === null) p.push('principalType without principalArn');
  if (d.principalType === 'service' && d.accountId !== null) p.push('service principal with an account');
  if (d.principalArn !== null && /^\s|\s$/.test(d.principalArn)) p.push('principalArn has surrounding spaces');
  const field5 = d.principalArn?.split(':')[4] ?? '';
  if (d.principalType !== null && d.principalType !== 'service' && d.accountId !== (ACCOUNT.test(field5) ? field5 : null)) {
    p.push('accountId is not the 12-digit field 5 of the principal ARN');
  }
  if (d.policyArn !== null && (!POLICY_ARN.test(d.policyArn) || d.policyArn.endsWith('.'))) p.push(`policyArn ${JSON.stringify(d.policyArn)}`);
  if (d.authorizationId !== null && !AUTHORIZATION_ID.test(d.authorizationId)) p.push(`authorizationId ${JSON.stringify(d.authorizationId)}`);
  if (d.resource !== null) {
    if (d.resource.endsWith('.') && !(d.resource.endsWith('...') && !d.resource.endsWith('....'))) p.push('resource ends with "." (an ellipsis aside)');
    if (/^".*"$/s.test(d.resource)) p.push('resource keeps its quotes');
    if (/^[ \n]|[ \n]$/.test(d.resource)) p.push('resource has surrounding spaces');
    if (INVISIBLE.test(d.resource) && !d.meta.partial) p.push('invisible characters in a resource of a complete denial');
  }
  for (const k of ['principalArn', 'accountId', 'action', 'policyArn', 'authorizationId'] as const) {
    if (d[k] !== null && INVISIBLE.test(d[k] as string)) p.push(`invisible characters in ${k}`);
  }
  const m = d.meta;
  if (typeof m !== 'object' || m === null) return [...p, 'meta missing'];
  if (!FORMS.has(m.form)) p.push(`form ${m.form}`);
  if (typeof m.partial !== 'boolean') p.push('partial is not boolean');
  if (typeof m.message !== 'string' || m.message.trim() === '') p.push('message is empty');
  else if (CONTROL.test(m.message)) p.push('message holds control characters');
  for (const k of ['reason', 'troubleshooterUrl', 'encodedMessage', 'hintAction', 'errorCode'] as const) {
    if (!nullableString(m[k])) p.push(`meta.${k} is not string|null`);
  }
  if (m.hintAction !== null && !ACTION.test(m.hintAction)) p.push(`hintAction ${JSON.stringify(m.hintAction)}`);
  if (m.errorCode !== null && !/^[A-Za-z][A-Za-z0-9._-]*$/.test(m.errorCode)) p.push(`errorCode ${JSON.stringify(m.errorCode)}`);
  if (m.principalSource !== null && m.principalSource !== 'message') p.push(`principalSource ${m.principalSource}`);
  if ((d.principalArn !== null || d.accountId !== null) !== (m.principalSource === 'message')) p.push('principalSource disagrees with the principal fields');
  if (m.form === 'billing-banner' && (d.principalArn !== null || d.action !== null || d.denyKind !== 'unknown')) p.push('banner with IAM fields');
  return p;
}
