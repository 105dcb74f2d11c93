// AWSReservedSSO_<set>_<hex> roles belong to IAM Identity Center: IAM will not let anyone edit them,
// so the fix is in the permission set, made by the Identity Center administrator.

import type { Explainer } from '../draft.ts';
import { addLink } from '../draft.ts';
import { DOCS } from '../../knowledge/docs.ts';
import { identityCenterConsoleUrl } from '../../knowledge/console-links.ts';

export const identityCenter: Explainer = (facts, draft) => {
  const set = facts.principal.permissionSet;
  if (!set) return;
  if (draft.layer !== 'identity-policy' && draft.layer !== 'permissions-boundary') return;
  const part = draft.layer === 'identity-policy' ? 'its policies (inline policy, AWS managed or customer managed policies)' : 'its permissions boundary';
  draft.fixer = 'identity-center-admin';
  draft.fixerText = `the IAM Identity Center administrator (in the management account or the Identity Center delegated administrator account), who edits permission set ${set}`;
  draft.steps = [
    `Role ${facts.principal.roleName ?? ''} is created by IAM Identity Center from permission set ${set}. Change the permission set, not the role: IAM does not allow edits to AWSReservedSSO_ roles, and Identity Center would overwrite them.`,
    `In the IAM Identity Center console, open Permission sets, then ${set}, and change ${part}.`,
    `Save, then provision the permission set to the accounts it is assigned to (the console offers this after saving).`,
  ];
  addLink(draft, DOCS.permissionSets);
  const console = identityCenterConsoleUrl(facts.partition);
  if (console) addLink(draft, { label: 'IAM Identity Center console', url: console });
};
