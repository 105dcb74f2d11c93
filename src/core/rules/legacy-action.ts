// The 2023 switch from aws-portal:* to fine-grained actions. A denied legacy action means the
// account still uses the legacy action set; a denied fine-grained action may mean a policy still
// grants only the legacy action that used to cover it.

import { PRECEDENCE, contribution, type Rule } from './contribution.ts';
import { actionName, principalShort } from './words.ts';
import { LEGACY_RETIREMENT, asLegacyAction, legacyActionsCovering, legacyReplacements, retiredReplacements } from '../knowledge/legacy-actions.ts';

export const legacyAction: Rule = (facts, decided) => {
  const out = contribution(PRECEDENCE.advice);
  const legacy = asLegacyAction(facts.action);
  const links = [
    { label: 'Mapping fine-grained IAM actions reference', url: LEGACY_RETIREMENT.mappingReference },
    { label: 'Changes to Billing, Cost Management and Account console permissions (AWS blog)', url: LEGACY_RETIREMENT.blog },
  ];
  if (legacy) {
    const replacements = legacyReplacements(legacy, facts.partition);
    const where = facts.partition === 'aws-cn' ? ' in the China Regions' : '';
    const retired = retiredReplacements(legacy);
    const retiredText = retired.length > 0 ? ` AWS's mapping also lists ${retired.join(', ')}, which no longer exist${retired.length === 1 ? 's' : ''} (not in the Service Authorization Reference).` : '';
    const replacementText =
      replacements.length > 0
        ? `Its fine-grained replacements${where} are: ${replacements.join(', ')}.`
        : `AWS's mapping gives it no fine-grained replacement${where}: there is nothing to grant instead.`;
    out.notes.push({
      kind: 'legacy-action',
      text: `${legacy} is a legacy Billing action that AWS retired (standard support ended ${LEGACY_RETIREMENT.standardSupportEnded}). That it is checked at all means this account still uses the legacy action set. ${replacementText}${retiredText}`,
    });
    if (replacements.length > 0)
      out.steps.push(
        `Plan the move to the fine-grained actions: grant ${replacements.length === 1 ? replacements[0] : 'the replacements listed in the note'} as well, so access keeps working once the account switches action sets (${LEGACY_RETIREMENT.actionSetSwitches[0]} shows which set is enforced).`,
      );
    out.links.push(...links);
    return out;
  }
  const covering = legacyActionsCovering(facts.canonicalAction, facts.partition);
  if (covering.length === 0 || facts.denyKind === 'explicit') return null;
  const list = covering.join(' or ');
  if (decided.layer === 'scp') {
    out.notes.push({
      kind: 'legacy-action',
      text: `If your SCPs are an allow list written before 2023, they may allow only the legacy ${list} (or aws-portal:*) and not ${actionName(facts)}. Accounts created since ${LEGACY_RETIREMENT.fineGrainedDefaultSince[facts.partition === 'aws-cn' ? 'aws-cn' : 'aws']} check only the fine-grained actions.`,
    });
  } else if (decided.layer === 'identity-policy' || decided.layer === 'permissions-boundary' || decided.layer === 'unknown') {
    out.notes.push({
      kind: 'legacy-action',
      text: `If the policies of ${principalShort(facts.principal)} were written before 2023, they may still grant only the legacy ${list}, which no longer controls this. Add ${actionName(facts)} itself.`,
    });
  } else {
    return null;
  }
  out.links.push(...links);
  return out;
};
