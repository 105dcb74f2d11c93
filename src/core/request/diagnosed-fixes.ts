// The changes a diagnosis knows exactly, for the admin request: the statement to grant (iam:PassRole
// with iam:PassedToService), and for cross-account access one ask per account, because each account
// has its own admin. The diagnosis crossed a message boundary: every field is checked.

import type { AccountSide, Diagnosis } from '../diagnosis.ts';
import type { Block } from './document.ts';
import { readableJson } from './routes/shared.ts';

const ROLE_WORDS: Readonly<Record<AccountSide['role'], string>> = { caller: "the caller's account", 'resource-owner': "the resource's account" };
const STATE_WORDS: Readonly<Record<AccountSide['state'], string>> = { allows: 'allows it', denies: 'blocks it', unknown: 'not checked' };

function isSide(value: unknown): value is AccountSide {
  const s = value as AccountSide | null;
  return typeof s?.account === 'string' && s.role in ROLE_WORDS && s.state in STATE_WORDS && typeof s.summary === 'string' && typeof s.request?.text === 'string';
}

export function sidesOf(diagnosis: Diagnosis | null | undefined): AccountSide[] {
  if (!diagnosis || diagnosis.status === 'failed' || !Array.isArray(diagnosis.accountSides)) return [];
  return diagnosis.accountSides.filter(isSide);
}

/** "Please, in account 222222222222, add to …": one ask line per account, for that account's admin. */
function sideAsk(side: AccountSide): string {
  // The prefix names the account already: "In account 111111111111, allow …" -> "allow …".
  const text = side.request.text.trim().replace(/^In account \d{12}, /, '');
  return `For the admin of account ${side.account} (${ROLE_WORDS[side.role]}): please ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

/** The per-account asks, shown with the main ask. */
export function sideAskBlocks(diagnosis: Diagnosis | null | undefined): Block[] {
  const sides = sidesOf(diagnosis);
  return sides.length > 0 ? [{ kind: 'list', items: sides.map(sideAsk) }] : [];
}

/** Under Details: the exact statement to grant, and each account's side with its statement. */
export function diagnosedFixBlocks(diagnosis: Diagnosis | null | undefined): Block[] {
  if (!diagnosis || diagnosis.status === 'failed') return [];
  const blocks: Block[] = [];
  if (diagnosis.suggestedStatement && typeof diagnosis.suggestedStatement === 'object') {
    blocks.push({ kind: 'paragraph', text: 'Statement to grant (from the diagnosis):' }, { kind: 'code', language: 'json', text: readableJson(diagnosis.suggestedStatement) });
  }
  const sides = sidesOf(diagnosis);
  if (sides.length > 0) blocks.push({ kind: 'heading', text: 'One request per account (each account has its own admin)' });
  for (const side of sides) {
    blocks.push({ kind: 'paragraph', text: `Account ${side.account} (${ROLE_WORDS[side.role]}; ${STATE_WORDS[side.state]}): ${side.summary}` });
    if (side.request.statement && typeof side.request.statement === 'object') blocks.push({ kind: 'code', language: 'json', text: readableJson(side.request.statement) });
  }
  return blocks;
}
