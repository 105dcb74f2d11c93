// The billing-specific service messages (denial-grammar.md 7.1, 7.2, 2.4) and the cause each one
// names. Their text is English only, like all API error messages.

import type { DenialCause } from '../denial.ts';
import type { Source } from './source.ts';
import { indexWithin } from './source.ts';

interface ServiceMessage {
  /** Lower case; what the trigger scan looks for. */
  needle: string;
  /** Lower-case words that usually lead the needle and belong to the message ("iam "). */
  lead: string;
  cause: DenialCause;
}

export const SERVICE_MESSAGES: readonly ServiceMessage[] = [
  { needle: 'user access not activated', lead: 'iam ', cause: 'iam-billing-access-not-activated' },
  { needle: 'not enabled for cost explorer access', lead: 'user ', cause: 'cost-explorer-not-enabled' },
  { needle: "linked account doesn't have access to cost explorer", lead: '', cause: 'linked-account-cost-explorer-disabled' },
  { needle: 'linked account does not have access to cost explorer', lead: '', cause: 'linked-account-cost-explorer-disabled' },
  {
    needle: 'standalone context from the management account',
    lead: 'the management account can only be managed using the ',
    cause: 'management-account-standalone-context',
  },
];

/** The cause named by a service message inside lower[from, to), or null. */
export function causeWithin(src: Source, from: number, to: number): DenialCause | null {
  for (const message of SERVICE_MESSAGES) {
    if (indexWithin(src.lower, message.needle, from, to) !== -1) return message.cause;
  }
  return null;
}
