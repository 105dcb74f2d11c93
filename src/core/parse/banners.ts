// The Billing console's full-page "You Need Permissions" banner (denial-grammar.md 7.1). It names
// two possible causes — the account setting "IAM user and role access to Billing information" is
// off, or the principal lacks billing permissions — so by itself it says neither: cause stays null
// and the deny kind unknown. Only text that states the setting is off sets the cause.

import type { Reading } from './reading.ts';
import { blankDenial } from './reading.ts';
import type { Source } from './source.ts';
import { indexWithin } from './source.ts';

/** Lower-case statements that the billing IAM-access setting is off. */
const SETTING_IS_OFF = [
  'iam user access not activated',
  'access to billing information is not activated',
  'access to billing information is deactivated',
  'access to billing information is not enabled',
  'iam access is not activated',
  'iam access has not been activated',
];
/** The banner paragraph's lines: "You don't have permission to access billing information …". */
const BANNER_LINE_WORDS = ['billing information', 'iam permissions'];
export const BANNER_PROSE = 'access billing information';
const MAX_LINE = 2000;
const MAX_EXTRA_LINES = 3;

function anyWithin(lower: string, phrases: readonly string[], from: number, to: number): boolean {
  for (const phrase of phrases) if (indexWithin(lower, phrase, from, to) !== -1) return true;
  return false;
}

/**
 * The banner starting at `start` (its heading, or its paragraph when the heading is missing), whose
 * trigger phrase ends at `phraseEnd` (the heading may be wrapped over two lines).
 */
export function readBillingBanner(src: Source, start: number, phraseEnd: number): Reading {
  const { lines, lower } = src;
  const first = lines.lineOf(Math.max(start, phraseEnd - 1));
  let end = Math.min(lines.end(first), start + MAX_LINE);
  for (let k = first + 1; k < lines.count && k <= first + MAX_EXTRA_LINES && end === lines.end(k - 1); k++) {
    const ls = lines.start(k);
    const le = lines.end(k);
    if (le - ls > MAX_LINE || !anyWithin(lower, BANNER_LINE_WORDS, ls, le)) break;
    end = le;
  }
  const d = blankDenial('billing-banner');
  if (anyWithin(lower, SETTING_IS_OFF, start, end)) d.cause = 'iam-billing-access-not-activated';
  return { denial: d, start, end };
}
