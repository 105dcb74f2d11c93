// The message names only one policy type even when several deny the request, so a fix for the
// named type may uncover a second denial (IAM User Guide, troubleshooting access denied).

import { PRECEDENCE, contribution, type Rule } from './contribution.ts';
import { POLICY_TYPE_PHRASE } from '../knowledge/layers.ts';

export const severalTypes: Rule = (facts) => {
  if (!facts.policyType) return null;
  const out = contribution(PRECEDENCE.advice);
  const named = POLICY_TYPE_PHRASE[facts.policyType];
  const next =
    facts.policyType === 'identity'
      ? 'an SCP or a permissions boundary'
      : facts.policyType === 'scp' || facts.policyType === 'rcp'
        ? 'the identity policy, which may still lack an Allow'
        : 'another layer, such as the identity policy or an SCP';
  out.notes.push({
    kind: 'several-types',
    text: `The message names only one policy type. If several deny the request, fixing ${named} may uncover a second denial from ${next}; the new message will name it.`,
  });
  return out;
};
