// SCPs and RCPs: read the one the message or the diagnosis names, or find the ones attached to the
// account and its parents, and update it. Run in the management account or a delegated administrator
// account.

import type { DenialFacts } from '../../rules/facts.ts';
import { organizationsPoliciesConsoleUrl, parsePolicyArn } from '../../knowledge/console-links.ts';
import { readOrganizationsPolicyLine, updateOrganizationsPolicyLines } from '../policy-edit.ts';
import { accountIdArg } from '../shell.ts';
import { consoleLink, type Route } from './shared.ts';

const ORGANIZATIONS_POLICY_ID = /^p-[A-Za-z0-9_]{1,128}$/;
const TARGET_ID = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/;

/** The policy id ("p-abc123") of an SCP or RCP ARN, or null. */
export function organizationsPolicyId(policyArn: string | null, kind: 'scp' | 'rcp'): string | null {
  const parsed = parsePolicyArn(policyArn);
  return parsed && parsed.kind === kind && ORGANIZATIONS_POLICY_ID.test(parsed.name) ? parsed.name : null;
}

/** How to read the SCP or RCP, or find the ones that apply to the account (or to the known target). */
export function organizationsRoute(facts: DenialFacts, kind: 'scp' | 'rcp', policyArnValue: string | null, target: string | null = null): Route {
  const id = organizationsPolicyId(policyArnValue, kind);
  const filter = kind === 'scp' ? 'SERVICE_CONTROL_POLICY' : 'RESOURCE_CONTROL_POLICY';
  const account = accountIdArg(facts.principal.accountId);
  const label = kind === 'scp' ? 'SCP' : 'RCP';
  const on = target && TARGET_ID.test(target) ? target : null;
  const lines = id
    ? [readOrganizationsPolicyLine(id, kind)]
    : on
      ? [`aws organizations list-policies-for-target --target-id ${on} --filter ${filter}`, 'aws organizations describe-policy --policy-id <policy-id> --query Policy.Content --output text']
      : [
          `# The ${label}s attached to account ${account}, then to each parent up to the root:`,
          `aws organizations list-policies-for-target --target-id ${account} --filter ${filter}`,
          `aws organizations list-parents --child-id ${account}`,
          `aws organizations list-policies-for-target --target-id <ou-or-root-id> --filter ${filter}`,
          'aws organizations describe-policy --policy-id <policy-id> --query Policy.Content --output text',
        ];
  lines.push(...updateOrganizationsPolicyLines(id ?? '<policy-id>', kind));
  return {
    intro: `${id ? `${label} ${id}${on ? ` (attached to ${on})` : ''}, with` : 'With'} the AWS CLI in the management account (or a delegated administrator account for Organizations policies):`,
    commands: lines,
    details: [],
    links: id ? [] : consoleLink(`${label}s in the Organizations console (management account)`, organizationsPoliciesConsoleUrl(facts.partition, kind)),
  };
}
