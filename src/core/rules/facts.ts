// What the explainers need to know about one denial, derived once: the action split into prefix
// and name, the principal's names, the resource's shape, the partition and the console page. Input
// may come across a message boundary, so every field is read defensively.

import type { Denial, DenialCause, DenyKind, PolicyType, PrincipalType } from '../denial.ts';
import { consolePageForUrl, type ConsolePage } from '../knowledge/console-pages.ts';
import { partitionOfConsoleUrl } from '../knowledge/console-links.ts';
import { POLICY_TYPES } from '../knowledge/layers.ts';
import { KNOWN_PARTITIONS } from '../knowledge/partitions.ts';
import { sarAction } from '../knowledge/sar-actions.ts';
import { bcmService, type BcmService } from '../knowledge/services.ts';
import type { ExplainContext } from './index.ts';

export interface PrincipalFacts {
  arn: string | null;
  type: PrincipalType | null;
  accountId: string | null;
  /** user name, role name, federated-user name; null for root, service and unknown principals. */
  name: string | null;
  /** The IAM role behind an assumed-role session or a role ARN. */
  roleName: string | null;
  sessionName: string | null;
  /** Identity Center: the permission set behind an AWSReservedSSO_<set>_<hex> role. */
  permissionSet: string | null;
}

export interface ResourceFacts {
  value: string | null;
  isArn: boolean;
  /** Cost Explorer / Data Exports operation pseudo-ARN: arn:aws:ce:us-east-1:<acct>:/GetCostAndUsage. */
  isOperationPseudoArn: boolean;
  region: string | null;
}

export interface DenialFacts {
  /** The action as printed, trimmed; null when the message names none. */
  action: string | null;
  /** The action in the SAR's spelling when known, else as printed. */
  canonicalAction: string | null;
  /** Lower-case service prefix. */
  prefix: string | null;
  service: BcmService | null;
  policyType: PolicyType | null;
  denyKind: DenyKind;
  cause: DenialCause | null;
  policyArn: string | null;
  authorizationId: string | null;
  principal: PrincipalFacts;
  resource: ResourceFacts;
  partition: string;
  pageUrl: string | null;
  page: ConsolePage | null;
  form: string | null;
  partial: boolean;
  /** The denial's own text, verbatim (empty when absent). */
  message: string;
  reason: string | null;
  troubleshooterUrl: string | null;
  /** "… VPC endpoint policy transitively through a service control policy": the parser reports scp. */
  transitiveVpcEndpoint: boolean;
}

const PRINCIPAL_TYPES: readonly PrincipalType[] = ['user', 'role', 'assumed-role', 'federated-user', 'root', 'service'];
const DENY_KINDS: readonly DenyKind[] = ['explicit', 'implicit', 'unknown'];
const CAUSES: readonly DenialCause[] = [
  'iam-billing-access-not-activated',
  'cost-explorer-not-enabled',
  'linked-account-cost-explorer-disabled',
  'management-account-standalone-context',
];

/** Keeps very long page text from costing anything downstream; real messages are far shorter. */
const MAX_FIELD = 4096;

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed.slice(0, MAX_FIELD) : null;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | null {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

const ARN = /^arn:([a-z-]+):([a-z0-9-]*):([a-z0-9-]*):([^:]*):(.*)$/;

interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(value: string | null): ParsedArn | null {
  if (!value) return null;
  const match = ARN.exec(value);
  if (!match) return null;
  const [, partition = '', service = '', region = '', account = '', resource = ''] = match;
  return { partition, service, region, account, resource };
}

const SSO_ROLE = /^AWSReservedSSO_(.+)_[0-9a-f]{16}$/;

function principalFacts(arnValue: string | null, declaredType: PrincipalType | null, accountId: string | null): PrincipalFacts {
  const arn = parseArn(arnValue);
  const facts: PrincipalFacts = {
    arn: arnValue,
    type: declaredType,
    accountId: accountId ?? (arn && /^\d{12}$/.test(arn.account) ? arn.account : null),
    name: null,
    roleName: null,
    sessionName: null,
    permissionSet: null,
  };
  if (!arn) return facts;
  const segments = arn.resource.split('/');
  const kind = segments[0] ?? '';
  if (arn.service === 'iam' && kind === 'user' && segments.length >= 2) {
    facts.type ??= 'user';
    facts.name = segments[segments.length - 1] || null;
  } else if (arn.service === 'iam' && kind === 'role' && segments.length >= 2) {
    facts.type ??= 'role';
    facts.roleName = segments[segments.length - 1] || null;
    facts.name = facts.roleName;
  } else if (arn.service === 'sts' && kind === 'assumed-role' && segments.length >= 3) {
    facts.type ??= 'assumed-role';
    facts.roleName = segments[1] || null;
    facts.sessionName = segments.slice(2).join('/') || null;
    facts.name = facts.roleName;
  } else if (arn.service === 'sts' && kind === 'federated-user' && segments.length >= 2) {
    facts.type ??= 'federated-user';
    facts.name = segments.slice(1).join('/') || null;
  } else if (arn.service === 'iam' && arn.resource === 'root') {
    facts.type ??= 'root';
  }
  const sso = facts.roleName ? SSO_ROLE.exec(facts.roleName) : null;
  facts.permissionSet = sso?.[1] ?? null;
  return facts;
}

function resourceFacts(value: string | null): ResourceFacts {
  const arn = parseArn(value);
  return {
    value,
    isArn: arn !== null,
    isOperationPseudoArn: arn !== null && arn.resource.startsWith('/'),
    region: arn && arn.region.length > 0 ? arn.region : null,
  };
}

function partitionOf(candidates: (string | null | undefined)[]): string {
  for (const candidate of candidates) {
    if (candidate && KNOWN_PARTITIONS.includes(candidate)) return candidate;
  }
  return 'aws';
}

/** Everything the explainers read, from a denial that may be partial or malformed. */
export function deriveFacts(denial: Denial, context: ExplainContext = {}): DenialFacts {
  const input = (denial ?? {}) as Partial<Denial>;
  const meta = (input.meta ?? {}) as Partial<Denial['meta']>;
  const action = text(input.action);
  const known = sarAction(action);
  const prefix = action && action.includes(':') ? (action.split(':')[0] ?? '').toLowerCase() || null : null;
  const principalArn = text(input.principalArn);
  const accountId = text(input.accountId);
  const resource = text(input.resource);
  const policyArn = text(input.policyArn);
  const pageUrl = text(context?.pageUrl);
  const message = typeof meta.message === 'string' ? meta.message.slice(0, 4 * MAX_FIELD) : '';
  return {
    action,
    // IAM reads a service prefix in any case; policies and AWS's references write it in lower case (SNS prints "SNS:").
    canonicalAction: known?.action ?? (action && prefix ? `${prefix}${action.slice(action.indexOf(':'))}` : action),
    prefix,
    service: bcmService(prefix),
    policyType: oneOf(input.policyType, POLICY_TYPES),
    denyKind: oneOf(input.denyKind, DENY_KINDS) ?? 'unknown',
    cause: oneOf(input.cause, CAUSES),
    policyArn,
    authorizationId: text(input.authorizationId),
    principal: principalFacts(principalArn, oneOf(input.principalType, PRINCIPAL_TYPES), accountId && /^\d{12}$/.test(accountId) ? accountId : null),
    resource: resourceFacts(resource),
    partition: partitionOf([
      text(context?.partition),
      parseArn(principalArn)?.partition,
      parseArn(resource)?.partition,
      parseArn(policyArn)?.partition,
      partitionOfConsoleUrl(pageUrl),
    ]),
    pageUrl,
    page: consolePageForUrl(pageUrl),
    form: text(meta.form),
    partial: meta.partial === true,
    message,
    reason: text(meta.reason),
    troubleshooterUrl: text(meta.troubleshooterUrl),
    transitiveVpcEndpoint: /VPC endpoint policy transitively through a service control policy/i.test(message),
  };
}
