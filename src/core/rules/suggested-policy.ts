// The least-privilege statement to grant when the fix is an identity policy: the denied action,
// with "*" for actions without resource types and the real resource ARN otherwise (never a Cost
// Explorer operation pseudo-ARN such as arn:aws:ce:us-east-1:<acct>:/GetCostAndUsage).

import { PRECEDENCE, contribution, type Contribution, type Decided, type Rule } from './contribution.ts';
import type { PolicyDocument, PolicyStatement } from '../explanation.ts';
import type { DenialFacts } from './facts.ts';
import { actionName } from './words.ts';
import { rootOnlyTaskFor } from '../knowledge/root-only.ts';
import { rootUserMustDoIt } from './root-only.ts';
import { arnMatchesTemplate, sarAction, sarCoversPrefix } from '../knowledge/sar-actions.ts';

const CONCRETE_ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;
const PLAIN_ARN = /^arn:[^\s"'`<>\\]+$/;

interface ResourceChoice {
  resource: string;
  why: string;
}

/** Where the admin puts the account ID that the message's resource ARN had masked. */
export const ACCOUNT_PLACEHOLDER = '<ACCOUNT-ID>';
/** The fields of an ARN: arn, partition, service, Region, account, then the resource (which may hold colons). */
const ARN_FIELDS = /^(arn:[^:]*:[^:]*:[^:]*:)([^:]*)(:.*)$/s;

/**
 * The ARN with a masked account field ("***", "xxx", "<account_id>": masked before it was pasted) put as
 * `account`; null when its account is a real one, AWS's own ("aws"), or absent (S3).
 */
function withMaskedAccount(arn: string, account: string): string | null {
  const fields = ARN_FIELDS.exec(arn);
  const field = fields?.[2];
  if (!fields || !field || /^(\d{12}|aws)$/.test(field)) return null;
  return `${fields[1]}${account}${fields[3]}`;
}

/** Which Resource the Allow needs, and why, in words for the admin. */
function statementResource(facts: DenialFacts): ResourceChoice {
  const action = actionName(facts);
  const value = facts.resource.value;
  const known = sarAction(facts.canonicalAction);
  if (known && known.resourceArnTemplates.length === 0)
    return { resource: '*', why: `Resource is "*" because ${action} has no resource types: IAM accepts only "*" for it.` };
  if (facts.resource.isOperationPseudoArn)
    return { resource: '*', why: `Resource is "*": the message's resource ${value} is an operation pseudo-ARN, not a resource IAM policies can name.` };
  // A masked account is judged as if it were a real one, and left for the admin to fill in: kept as it was, "***"
  // would match every account.
  const arn = facts.resource.isArn ? value : null;
  const judged = arn === null ? null : (withMaskedAccount(arn, '000000000000') ?? arn);
  const accepted =
    arn !== null && judged !== null && PLAIN_ARN.test(judged) && (known ? known.resourceArnTemplates.some((template) => arnMatchesTemplate(judged, template)) : !sarCoversPrefix(facts.prefix));
  if (!accepted) return { resource: '*', why: `Resource is "*" because the message names no resource this action accepts; narrow it if you know the resource.` };
  const toFill = withMaskedAccount(arn, ACCOUNT_PLACEHOLDER);
  return toFill
    ? { resource: toFill, why: `Resource is the ARN from the message, ${arn}, whose account was masked there: put the account ID in place of ${ACCOUNT_PLACEHOLDER}.` }
    : { resource: arn, why: `Resource is the ARN from the message, ${arn}.` };
}

/** "WhyDeniedCeGetCostAndUsage": Sids allow letters and digits only. */
export function sidFor(action: string): string {
  const words = action.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return `WhyDenied${words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('')}`.slice(0, 128);
}

export function allowPolicy(statement: PolicyStatement): PolicyDocument {
  return { Version: '2012-10-17', Statement: [statement] };
}

/** The Allow statement for the denied action, or null when no Allow can fix it. */
export function leastPrivilegeStatement(facts: DenialFacts): { statement: PolicyStatement; why: string } | null {
  const action = facts.canonicalAction;
  if (!action || !CONCRETE_ACTION.test(action)) return null;
  if (facts.principal.type === 'root' || facts.principal.type === 'service') return null;
  if (rootOnlyTaskFor(action)?.grantable === 'never') return null;
  const { resource, why } = statementResource(facts);
  return { statement: { Sid: sidFor(action), Effect: 'Allow', Action: action, Resource: resource }, why };
}

/** The denied action is iam:PassRole, which passrole.ts answers with its own statement and condition. */
export function isPassRole(facts: DenialFacts): boolean {
  return facts.canonicalAction?.toLowerCase() === 'iam:passrole';
}

/** True when adding an Allow to the principal's identity policy is the fix (or the likeliest one). */
export function identityAllowIsTheFix(facts: DenialFacts, decided: Decided): boolean {
  if (facts.denyKind === 'explicit' || facts.cause !== null || rootUserMustDoIt(facts, decided)) return false;
  return decided.layer === 'identity-policy' || (decided.layer === 'unknown' && facts.form !== 'billing-banner');
}

export const suggestedPolicy: Rule = (facts, decided) => {
  // iam:PassRole gets its own statement, with its condition (passrole.ts).
  if (isPassRole(facts) || !identityAllowIsTheFix(facts, decided)) return null;
  const built = leastPrivilegeStatement(facts);
  if (!built) return null;
  const out: Contribution = { ...contribution(PRECEDENCE.advice), suggestedPolicy: allowPolicy(built.statement) };
  out.steps.push(
    decided.layer === 'unknown'
      ? `If the checks below show that the Allow is what is missing, add the suggested statement. ${built.why}`
      : facts.principal.permissionSet
        ? `Add the suggested statement to the inline policy of permission set ${facts.principal.permissionSet}. ${built.why}`
        : `Add the suggested statement (an inline policy or a customer managed policy). ${built.why}`,
  );
  return out;
};
