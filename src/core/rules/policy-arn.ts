// Since 2026 explicit denies name the denying policy's ARN (same account or organization only).
// Show it, link it in the IAM console (IAM policies) or the Organizations console (SCPs, RCPs), on
// the partition's own console host.

import { PRECEDENCE, contribution, type Rule } from './contribution.ts';
import { parsePolicyArn, policyConsoleUrl } from '../knowledge/console-links.ts';

export const policyArn: Rule = (facts, decided) => {
  const arn = facts.policyArn;
  if (!arn) return null;
  const parsed = parsePolicyArn(arn);
  const out = contribution(PRECEDENCE.whoFixes);
  out.confidenceReasons.push(`The message names the blocking policy: ${arn}.`);
  if (!parsed) {
    out.firstSteps.push(`The message names the policy ${arn}; open it and read the statement that matches.`);
    return out;
  }
  out.verdictPolicy = parsed.name;
  const url = policyConsoleUrl(arn);
  if (parsed.kind === 'iam') {
    if (url) out.links.push({ label: `Policy ${parsed.name} in the IAM console`, url });
    out.firstSteps.push(
      parsed.awsManaged
        ? `The policy is the AWS managed policy ${parsed.name} (${arn}). AWS managed policies cannot be edited: detach it, or replace it with a customer managed copy without the statement that blocks.`
        : `The policy is ${parsed.name} (${arn}) in account ${parsed.account}.`,
    );
    return out;
  }
  const kind = parsed.kind === 'scp' ? 'SCP' : 'RCP';
  if (url) out.links.push({ label: `${kind} ${parsed.name} in the Organizations console`, url });
  if (parsed.awsManaged) {
    out.firstSteps.push(`The policy is the AWS managed ${kind} ${parsed.name} (${arn}).`);
    return out;
  }
  out.firstSteps.push(
    `The ${kind} is ${parsed.name} (${arn}). It belongs to the organization whose management account is ${parsed.account}: sign in there, or to a delegated administrator account, to open it.`,
  );
  if (decided.fixer === 'organization-admin')
    out.fixerText = `an administrator of your AWS Organization, in the management account ${parsed.account} or a delegated administrator account`;
  return out;
};
