// Since 2026 explicit denies name the denying policy's ARN (same account or organization only).
// Show it, link it in the IAM console (IAM policies) or the Organizations console (SCPs, RCPs), on
// the partition's own console host.

import type { Explainer } from '../draft.ts';
import { addLink } from '../draft.ts';
import { parsePolicyArn, policyConsoleUrl } from '../../knowledge/console-links.ts';

export const policyArn: Explainer = (facts, draft) => {
  const arn = facts.policyArn;
  if (!arn) return;
  const parsed = parsePolicyArn(arn);
  draft.confidenceReasons.push(`The message names the blocking policy: ${arn}.`);
  if (!parsed) {
    draft.steps.unshift(`The message names the policy ${arn}; open it and read the statement that matches.`);
    return;
  }
  draft.verdict = `${draft.verdict.replace(/\.$/, '')} (policy ${parsed.name}).`;
  const url = policyConsoleUrl(arn);
  if (parsed.kind === 'iam') {
    if (url) addLink(draft, { label: `Policy ${parsed.name} in the IAM console`, url });
    draft.steps.unshift(
      parsed.awsManaged
        ? `The policy is the AWS managed policy ${parsed.name} (${arn}). AWS managed policies cannot be edited: detach it, or replace it with a customer managed copy without the statement that blocks.`
        : `The policy is ${parsed.name} (${arn}) in account ${parsed.account}.`,
    );
    return;
  }
  const kind = parsed.kind === 'scp' ? 'SCP' : 'RCP';
  if (url) addLink(draft, { label: `${kind} ${parsed.name} in the Organizations console`, url });
  if (parsed.awsManaged) {
    draft.steps.unshift(`The policy is the AWS managed ${kind} ${parsed.name} (${arn}).`);
    return;
  }
  draft.steps.unshift(
    `The ${kind} is ${parsed.name} (${arn}). It belongs to the organization whose management account is ${parsed.account}: sign in there, or to a delegated administrator account, to open it.`,
  );
  if (draft.fixer === 'organization-admin')
    draft.fixerText = `an administrator of your AWS Organization, in the management account ${parsed.account} or a delegated administrator account`;
};
