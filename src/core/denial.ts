// The parsed form of one denial. The first block of fields is the CLI's public JSON contract
// (see README, "CLI"); keep names and value sets stable.

export type PrincipalType = 'user' | 'role' | 'assumed-role' | 'federated-user' | 'root' | 'service';

import type { PolicyType } from './knowledge/layers.ts';

export type { PolicyType };

export type DenyKind = 'explicit' | 'implicit' | 'unknown';

export type DenialCause =
  | 'iam-billing-access-not-activated'
  | 'cost-explorer-not-enabled'
  | 'linked-account-cost-explorer-disabled'
  | 'management-account-standalone-context';

/** Exactly the fields of the CLI's JSON contract, minus `explanation` and `diagnosis`. */
export interface DenialFields {
  principalArn: string | null;
  principalType: PrincipalType | null;
  accountId: string | null;
  action: string | null;
  resource: string | null;
  policyType: PolicyType | null;
  denyKind: DenyKind;
  policyArn: string | null;
  authorizationId: string | null;
  cause: DenialCause | null;
}

/** Which grammar produced the denial. */
export type DenialForm =
  | 'api-sentence' // "User: … is not authorized to perform: …"
  | 'console-alert' // the console's "Access denied" block with User:/Service:/Action:/Context: lines
  | 'billing-banner' // "You need permissions" on Billing pages
  | 'service-message'; // "IAM user access not activated", "User not enabled for cost explorer access", …

export interface DenialMeta {
  form: DenialForm;
  /** True when the text matched no known form completely; the fields hold what could be read. */
  partial: boolean;
  /** The denial's own text, normalised (entities decoded, whitespace folded). Shown verbatim, as text. */
  message: string;
  /** A service-specific reason in parentheses, or the console Context value, verbatim. */
  reason: string | null;
  /** Access Troubleshooter console link from the authorization-ID suffix. */
  troubleshooterUrl: string | null;
  /** EC2-style "Encoded authorization failure message" blob. */
  encodedMessage: string | null;
  /** The action after "allows the … action", when it differs from the one after "perform:". */
  hintAction: string | null;
  /** The error code of a wrapper (AccessDenied, AccessDeniedException, …). */
  errorCode: string | null;
  /** Where the principal came from: the message itself, or the signed-in identity on the page. */
  principalSource: 'message' | 'page' | null;
  /** Set when the page never printed the denial: the console's own request that AWS refused with it. */
  request?: { method: string; path: string };
}

export interface Denial extends DenialFields {
  meta: DenialMeta;
}

/** A stable key for de-duplication: the same denial re-rendered gets the same key. */
export function denialKey(d: DenialFields): string {
  return [d.principalArn, d.accountId, d.action, d.resource, d.policyType, d.denyKind, d.policyArn, d.cause].join('|');
}

/** True when every field of denialKey is the same in both, so their keys are equal, without building either key. */
export function sameKeyFields(a: DenialFields, b: DenialFields): boolean {
  return (
    a.action === b.action &&
    a.principalArn === b.principalArn &&
    a.resource === b.resource &&
    a.accountId === b.accountId &&
    a.policyType === b.policyType &&
    a.denyKind === b.denyKind &&
    a.policyArn === b.policyArn &&
    a.cause === b.cause
  );
}

export function toDenialFields(d: DenialFields): DenialFields {
  const { principalArn, principalType, accountId, action, resource, policyType, denyKind, policyArn, authorizationId, cause } = d;
  return { principalArn, principalType, accountId, action, resource, policyType, denyKind, policyArn, authorizationId, cause };
}

/** A denial with every field empty: the parser fills it in; readers of untrusted data start from it. */
export function blankDenial(form: DenialForm): Denial {
  return {
    principalArn: null,
    principalType: null,
    accountId: null,
    action: null,
    resource: null,
    policyType: null,
    denyKind: 'unknown',
    policyArn: null,
    authorizationId: null,
    cause: null,
    meta: {
      form,
      partial: false,
      message: '',
      reason: null,
      troubleshooterUrl: null,
      encodedMessage: null,
      hintAction: null,
      errorCode: null,
      principalSource: null,
    },
  };
}
