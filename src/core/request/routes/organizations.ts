// SCPs and RCPs: read the one the message names, or find the ones attached to the account and its
// parents, and update it. Run in the management account or a delegated administrator account.

import type { DenialFacts } from '../../rules/facts.ts';
import { organizationsPoliciesConsoleUrl, parsePolicyArn } from '../../knowledge/console-links.ts';
import type { Block } from '../document.ts';
import { accountIdArg } from '../shell.ts';
import { POSIX, consoleLink } from './shared.ts';

const ORGANIZATIONS_POLICY_ID = /^p-[A-Za-z0-9_]{1,128}$/;

/** How to read the SCP or RCP named in the message, or find the ones that apply to the account. */
export function organizationsRoute(facts: DenialFacts, kind: 'scp' | 'rcp', policyArnValue: string | null): Block[] {
  const parsed = parsePolicyArn(policyArnValue);
  const id = parsed && parsed.kind === kind && ORGANIZATIONS_POLICY_ID.test(parsed.name) ? parsed.name : null;
  const filter = kind === 'scp' ? 'SERVICE_CONTROL_POLICY' : 'RESOURCE_CONTROL_POLICY';
  const account = accountIdArg(facts.principal.accountId);
  const label = kind === 'scp' ? 'SCP' : 'RCP';
  const lines = [POSIX, '# Run in the management account (or a delegated administrator account for Organizations policies).'];
  if (id) {
    lines.push(`# The ${label} named in the message:`, `aws organizations describe-policy --policy-id ${id} --query Policy.Content --output text`);
  } else {
    lines.push(
      `# The ${label}s attached to account ${account}, then to each parent up to the root:`,
      `aws organizations list-policies-for-target --target-id ${account} --filter ${filter}`,
      `aws organizations list-parents --child-id ${account}`,
      `aws organizations list-policies-for-target --target-id <ou-or-root-id> --filter ${filter}`,
      'aws organizations describe-policy --policy-id <policy-id> --query Policy.Content --output text',
    );
  }
  lines.push(
    `# After changing the document (saved as ${kind}.json):`,
    `aws organizations update-policy --policy-id ${id ?? '<policy-id>'} --content file://${kind}.json`,
  );
  return [
    { kind: 'heading', text: `${label}: read and change it` },
    { kind: 'code', language: 'sh', text: lines.join('\n') },
    ...(id ? [] : consoleLink(`${label}s in the Organizations console (management account)`, organizationsPoliciesConsoleUrl(facts.partition, kind))),
  ];
}
