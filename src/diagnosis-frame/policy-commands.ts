// The AWS CLI commands to read and change the policy a diagnosis found, with every id it knows filled in: the
// Organizations policy id, the managed policy's ARN, the user, group or role name. A command whose id is not
// known is left out rather than shown with a placeholder. Arguments are single-quoted (shell.ts).

import type { BlockingPolicy } from '../core/diagnosis.ts';
import { parseIamEntityArn, parsePolicyArn } from '../core/knowledge/console-links.ts';
import { organizationsPolicyId } from '../core/request/routes/organizations.ts';
import { isIamName, shellQuote } from '../core/request/shell.ts';

/** The first IAM user, group or role among "attached to" (a comma-separated list of ARNs). */
function entityOf(attachedTo: string | null): ReturnType<typeof parseIamEntityArn> {
  for (const arn of (attachedTo ?? '').split(/,\s*/)) {
    const entity = parseIamEntityArn(arn.trim());
    if (entity && isIamName(entity.name)) return entity;
  }
  return null;
}

export interface PolicyCommands {
  /** Where to run them, when it matters (Organizations policies: the management account). */
  where: string | null;
  lines: string[];
}

/** Commands for one blocking policy, or null when the diagnosis does not know enough to name it. */
export function policyCommands(policy: BlockingPolicy): PolicyCommands | null {
  const parsed = parsePolicyArn(policy.arn);
  const organizationsId = parsed && parsed.kind !== 'iam' ? organizationsPolicyId(policy.arn, parsed.kind) : null;
  if (parsed && organizationsId) {
    const file = `${parsed.kind}.json`;
    return {
      where: 'in the management account or a delegated administrator account',
      lines: [
        `aws organizations describe-policy --policy-id ${organizationsId} --query Policy.Content --output text > ${file}`,
        `aws organizations update-policy --policy-id ${organizationsId} --content file://${file}`,
      ],
    };
  }
  if (parsed?.kind === 'iam' && policy.arn) {
    const arn = shellQuote(policy.arn);
    const lines = [
      `aws iam get-policy-version --policy-arn ${arn} --version-id "$(aws iam get-policy --policy-arn ${arn} --query Policy.DefaultVersionId --output text)" --query PolicyVersion.Document`,
    ];
    if (!parsed.awsManaged) lines.push(`aws iam create-policy-version --policy-arn ${arn} --policy-document file://policy.json --set-as-default`);
    return { where: null, lines };
  }
  const entity = entityOf(policy.attachedTo);
  if (!entity) return null;
  if (policy.policyType === 'role-trust' && entity.kind === 'role') {
    const role = shellQuote(entity.name);
    return {
      where: null,
      lines: [
        `aws iam get-role --role-name ${role} --query Role.AssumeRolePolicyDocument`,
        `aws iam update-assume-role-policy --role-name ${role} --policy-document file://trust.json`,
      ],
    };
  }
  if (policy.policyType === 'identity' && policy.name && isIamName(policy.name)) {
    const target = `--${entity.kind}-name ${shellQuote(entity.name)} --policy-name ${shellQuote(policy.name)}`;
    return {
      where: null,
      lines: [`aws iam get-${entity.kind}-policy ${target} --query PolicyDocument`, `aws iam put-${entity.kind}-policy ${target} --policy-document file://policy.json`],
    };
  }
  return null;
}
