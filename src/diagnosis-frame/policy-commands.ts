// The AWS CLI commands to read and change the policy a diagnosis found, with every id it knows filled in: the
// Organizations policy id, the managed policy's ARN, the user, group or role name. A command whose id is not
// known is left out rather than shown with a placeholder. The lines are the admin request's (core/request/policy-edit.ts).

import type { BlockingPolicy } from '../core/diagnosis.ts';
import { iamOwnerOf, parsePolicyArn } from '../core/knowledge/console-links.ts';
import { organizationsPolicyId } from '../core/request/routes/organizations.ts';
import {
  editInlinePolicyLines, editManagedPolicyLines, editTrustPolicyLines, readManagedPolicyLine, readOrganizationsPolicyLine, updateOrganizationsPolicyLines,
} from '../core/request/policy-edit.ts';
import { IAM_POLICY_ARN } from '../core/request/routes/shared.ts';
import { isInlinePolicyName } from '../core/request/shell.ts';

export interface PolicyCommands {
  /** Where to run them, when it matters (Organizations policies: the management account). */
  where: string | null;
  lines: string[];
}

/** Commands for one blocking policy, or null when the diagnosis does not know enough to name it. */
export function policyCommands(policy: BlockingPolicy): PolicyCommands | null {
  const parsed = parsePolicyArn(policy.arn);
  const organizationsId = parsed && parsed.kind !== 'iam' ? organizationsPolicyId(policy.arn, parsed.kind) : null;
  if (parsed && parsed.kind !== 'iam' && organizationsId) {
    return {
      where: 'in the management account or a delegated administrator account',
      lines: [readOrganizationsPolicyLine(organizationsId, parsed.kind), ...updateOrganizationsPolicyLines(organizationsId, parsed.kind)],
    };
  }
  if (parsed?.kind === 'iam' && policy.arn && IAM_POLICY_ARN.test(policy.arn))
    return { where: null, lines: parsed.awsManaged ? [readManagedPolicyLine(policy.arn)] : editManagedPolicyLines(policy.arn, 'policy.json') };
  const entity = iamOwnerOf(policy.attachedTo);
  if (!entity) return null;
  if (policy.policyType === 'role-trust' && entity.kind === 'role') return { where: null, lines: editTrustPolicyLines(entity.name) };
  if (policy.policyType === 'identity' && isInlinePolicyName(policy.name)) return { where: null, lines: editInlinePolicyLines(entity.kind, entity.name, policy.name) };
  return null;
}
