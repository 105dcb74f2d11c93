// What the message alone says, appended to a verdict when AWS could not be asked.

import type { Denial } from '../core/denial.ts';
import { POLICY_TYPE_WORDS } from './words.ts';

export function offlineHint(denial: Denial): string {
  if (!denial.policyType) return '';
  const how = denial.denyKind === 'explicit' ? 'a Deny statement in' : denial.denyKind === 'implicit' ? 'no Allow in' : '';
  return ` The message itself points at ${how ? `${how} ` : ''}${POLICY_TYPE_WORDS[denial.policyType]}.`;
}
