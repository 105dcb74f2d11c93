// AWSReservedSSO_<set>_<hex> roles belong to IAM Identity Center: IAM will not let anyone edit them,
// so the fix is in the permission set, made by the Identity Center administrator.

import { PRECEDENCE, contribution, type Rule } from './contribution.ts';
import { DOCS } from '../knowledge/docs.ts';
import { identityCenterConsoleUrl } from '../knowledge/console-links.ts';

export const identityCenter: Rule = (facts, decided) => {
  const set = facts.principal.permissionSet;
  if (!set) return null;
  if (decided.layer !== 'identity-policy' && decided.layer !== 'permissions-boundary') return null;
  const out = contribution(PRECEDENCE.whoFixes);
  const part = decided.layer === 'identity-policy' ? 'its policies (inline policy, AWS managed or customer managed policies)' : 'its permissions boundary';
  out.fixer = 'identity-center-admin';
  out.fixerText = `the IAM Identity Center administrator (in the management account or the Identity Center delegated administrator account), who edits permission set ${set}`;
  out.replacesSteps = true;
  out.steps = [
    `Role ${facts.principal.roleName ?? ''} is created by IAM Identity Center from permission set ${set}. Change the permission set, not the role: IAM does not allow edits to AWSReservedSSO_ roles, and Identity Center would overwrite them.`,
    `In the IAM Identity Center console, open Permission sets, then ${set}, and change ${part}.`,
    `Save, then provision the permission set to the accounts it is assigned to (the console offers this after saving).`,
  ];
  out.links.push(DOCS.permissionSets);
  const console = identityCenterConsoleUrl(facts.partition);
  if (console) out.links.push({ label: 'IAM Identity Center console', url: console });
  return out;
};
