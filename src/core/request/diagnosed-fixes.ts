// The changes a diagnosis knows exactly, for the admin request: the statement to grant (iam:PassRole
// with iam:PassedToService), and for cross-account access one request per account, because each
// account has its own admin. The diagnosis crossed a message boundary: every field is checked.

import type { AccountSide, Diagnosis } from '../diagnosis.ts';
import type { Block } from './document.ts';

const ROLE_WORDS: Readonly<Record<AccountSide['role'], string>> = { caller: "the caller's account", 'resource-owner': "the resource's account" };
const STATE_WORDS: Readonly<Record<AccountSide['state'], string>> = { allows: 'allows it', denies: 'blocks it', unknown: 'not checked' };

function isSide(value: unknown): value is AccountSide {
  const s = value as AccountSide | null;
  return typeof s?.account === 'string' && s.role in ROLE_WORDS && s.state in STATE_WORDS && typeof s.summary === 'string' && typeof s.request?.text === 'string';
}

export function diagnosedFixBlocks(diagnosis: Diagnosis | null | undefined): Block[] {
  if (!diagnosis || diagnosis.status === 'failed') return [];
  const blocks: Block[] = [];
  if (diagnosis.suggestedStatement && typeof diagnosis.suggestedStatement === 'object') {
    blocks.push({ kind: 'paragraph', text: 'Statement to grant (from the diagnosis):' }, { kind: 'code', language: 'json', text: JSON.stringify(diagnosis.suggestedStatement, null, 2) });
  }
  const sides = Array.isArray(diagnosis.accountSides) ? diagnosis.accountSides.filter(isSide) : [];
  if (sides.length > 0) blocks.push({ kind: 'heading', text: 'One request per account (each account has its own admin)' });
  for (const side of sides) {
    blocks.push(
      { kind: 'paragraph', text: `For the admin of account ${side.account} (${ROLE_WORDS[side.role]}; ${STATE_WORDS[side.state]}): ${side.summary}` },
      { kind: 'paragraph', text: side.request.text },
    );
    if (side.request.statement && typeof side.request.statement === 'object') blocks.push({ kind: 'code', language: 'json', text: JSON.stringify(side.request.statement, null, 2) });
  }
  return blocks;
}
