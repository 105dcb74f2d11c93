// What is still open for the admin when the message does not decide the layer, in the order the
// AWS troubleshooting guide checks them: activation, identity policies, SCPs, MFA conditions,
// permissions boundaries, the Region; then session policies, RCPs and Cost Explorer access.

import { PRECEDENCE, contribution, type Rule } from './contribution.ts';
import type { DenialFacts } from './facts.ts';
import { actionName, principalShort } from './words.ts';
import { activationChecklistItem, activationMayApply } from './billing-activation.ts';
import { COST_EXPLORER_CHECKLIST_ITEM, costExplorerMemberMayApply } from './cost-explorer-member.ts';
import { mfaChecklistItem, mfaSuspected } from './mfa.ts';
import { regionChecklistItem, regionScpSuspected } from './region-scp.ts';
import { rcpApplies } from '../knowledge/sar-actions.ts';
import { checklistItem } from './checklist-topics.ts';

function signsIn(facts: DenialFacts): boolean {
  return facts.principal.type !== 'root' && facts.principal.type !== 'service';
}

function what(facts: DenialFacts): string {
  return facts.action ? actionName(facts) : 'the billing actions this page needs';
}

export const checklist: Rule = (facts, decided) => {
  const out = contribution(PRECEDENCE.advice);
  const add = (item: string) => out.checklist.push(item);
  const open = decided.layer === 'unknown';
  const explicit = facts.denyKind === 'explicit';
  const who = principalShort(facts.principal);
  const via = facts.principal.permissionSet ? `the permission set ${facts.principal.permissionSet}` : 'its IAM groups';
  if (open && activationMayApply(facts)) add(activationChecklistItem(facts));
  if (open && signsIn(facts))
    add(
      checklistItem(
        'identity',
        explicit
          ? `does a policy of ${who} (attached directly or through ${via}) have a Deny that matches ${what(facts)}?`
          : `does a policy of ${who} (attached directly or through ${via}) allow ${what(facts)}?`,
      ),
    );
  if (open && facts.principal.type !== 'service')
    add(checklistItem('scp', `does an SCP on the account, one of its OUs or the organization root deny ${what(facts)}, or lack an Allow for it?`));
  if (signsIn(facts) && ((open && facts.action !== null) || mfaSuspected(facts))) add(mfaChecklistItem(facts));
  if (open && signsIn(facts) && facts.principal.type !== 'federated-user')
    add(
      checklistItem(
        'permissions-boundary',
        explicit
          ? `if ${who} has one, does it deny ${what(facts)}?`
          : `if ${who} has one, does it allow ${what(facts)}? A boundary without an Allow blocks it, whatever the identity policies say.`,
      ),
    );
  const region = regionChecklistItem(facts);
  if (region && (open || regionScpSuspected(facts))) add(region);
  if (open && !facts.principal.permissionSet && (facts.principal.type === 'assumed-role' || facts.principal.type === 'federated-user'))
    add(
      checklistItem(
        'session',
        `was this session started with a session policy (by AssumeRole, GetFederationToken or a broker) that leaves out ${what(facts)}? A new session is needed to change it.`,
      ),
    );
  if (open && rcpApplies(facts.prefix))
    add(checklistItem('rcp', `does a resource control policy on the resource's account deny ${what(facts)}?`));
  if (open && costExplorerMemberMayApply(facts)) add(COST_EXPLORER_CHECKLIST_ITEM);
  return out;
};
