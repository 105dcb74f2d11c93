// The trigger phrases, as data. A text holds a denial exactly when it holds an accepted trigger:
// parseDenials reads one (perhaps partial) denial per trigger that no earlier denial covered, and
// containsDenialTrigger answers the same question cheaply. Triggers are specific phrases, never
// single words, so help text on a Billing page does not read as a denial.

import type { DenialCause } from '../denial.ts';
import { mayJoinLetters, normalizeDenialText } from './normalize.ts';
import { policyTypeEndingAt } from './policy-types.ts';
import { SERVICE_MESSAGES } from './service-messages.ts';
import type { Source } from './source.ts';
import { indexWithin, makeSource } from './source.ts';
import { readActionAt } from './tokens.ts';

export type TriggerKind = 'sentence' | 'console-prose' | 'console-header' | 'console-context' | 'banner' | 'service';

export interface Trigger {
  /** Where the denial text this trigger stands for starts (at or before the needle). */
  pos: number;
  /** Where the needle starts. */
  at: number;
  /** Just past the needle. */
  end: number;
  kind: TriggerKind;
  /** For service messages: the cause the message names. */
  cause: DenialCause | null;
  /** For service messages: where the lead words ("IAM ") would start. */
  leadAt: number;
}

interface TriggerSpec {
  /** Lower case. */
  needle: string;
  kind: TriggerKind;
  /** A word of the needle; the cheap pre-check looks for it in the raw text. */
  keyword: string;
  /** Where the trigger starts, or -1 to reject this occurrence. Default: the needle itself. */
  accept?: (src: Source, at: number) => number;
  cause?: DenialCause;
  lead?: string;
}

export const CONSOLE_PROSE_NEEDLES = ["n't have permission to", "n't have permissions to", 'not have permission to', 'not have permissions to'];

const HEADER_NEEDLE = 'access denied to ';

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** Moves a policy-type phrase start back over an article ("a", "an", "the") in front of it. */
function withArticle(lower: string, start: number): number {
  for (const article of ['a ', 'an ', 'the ']) {
    const at = start - article.length;
    if (at >= 0 && lower.startsWith(article, at) && (at === 0 || !isLetter(lower.charCodeAt(at - 1)))) {
      return at;
    }
  }
  return start;
}

const SPECS: readonly TriggerSpec[] = [
  { needle: 'not authorized to perform', kind: 'sentence', keyword: 'authorized' },
  ...CONSOLE_PROSE_NEEDLES.map((needle): TriggerSpec => ({ needle, kind: 'console-prose', keyword: 'permission' })),
  {
    // The header of a console-home widget, only when an action follows.
    needle: HEADER_NEEDLE,
    kind: 'console-header',
    keyword: 'denied',
    accept: (src, at) => (readActionAt(src.flat, at + HEADER_NEEDLE.length, src.flat.length) ? at : -1),
  },
  {
    needle: 'need permissions',
    kind: 'banner',
    keyword: 'permission',
    accept: (src, at) => (at >= 4 && src.lower.startsWith('you ', at - 4) && (at === 4 || !isLetter(src.lower.charCodeAt(at - 5))) ? at - 4 : -1),
  },
  ...SERVICE_MESSAGES.map(
    (m): TriggerSpec => ({
      needle: m.needle,
      kind: 'service',
      keyword: m.needle.includes('explorer') ? 'explorer' : m.needle.includes('activated') ? 'activated' : 'standalone',
      cause: m.cause,
      lead: m.lead,
    }),
  ),
  {
    // Console Context phrasing: "<article> <type> explicitly denies the action".
    needle: ' explicitly denies the',
    kind: 'console-context',
    keyword: 'denies',
    accept: (src, at) => {
      const start = policyTypeEndingAt(src.lower, at, 0);
      return start === -1 ? -1 : withArticle(src.lower, start);
    },
  },
  {
    // Console Context phrasing: "no <type> allows the action" (the API's "because no …" too).
    needle: ' allows the',
    kind: 'console-context',
    keyword: 'allows',
    accept: (src, at) => {
      const start = policyTypeEndingAt(src.lower, at, 0);
      const no = start - 3;
      return start !== -1 && no >= 0 && src.lower.startsWith('no ', no) && (no === 0 || !isLetter(src.lower.charCodeAt(no - 1))) ? no : -1;
    },
  },
  { needle: 'with an explicit deny', kind: 'console-context', keyword: 'explicit' },
];

/** Every word the pre-check needs: a normalised trigger implies one of them in the raw text. */
const KEYWORDS = new RegExp([...new Set(SPECS.map((s) => s.keyword))].join('|'), 'i');

function triggerAt(spec: TriggerSpec, src: Source, at: number): Trigger | null {
  const pos = spec.accept ? spec.accept(src, at) : at;
  if (pos === -1) return null;
  const lead = spec.lead ?? '';
  const leadAt = lead && at >= lead.length && src.lower.startsWith(lead, at - lead.length) ? at - lead.length : at;
  return { pos: Math.min(pos, leadAt), at, end: at + spec.needle.length, kind: spec.kind, cause: spec.cause ?? null, leadAt };
}

/**
 * The accepted triggers of a source in text order, read lazily: `next(from)` returns the first
 * trigger whose needle starts at or after `from`. Each needle keeps a cursor that only moves
 * forward, so skipping a covered span costs one indexOf per needle and the whole scan is linear.
 */
export class TriggerScanner {
  private readonly heads: Array<Trigger | null>;
  /** Needle offset each head was searched from; -1 when the needle is exhausted. */
  private readonly cursors: number[];

  constructor(private readonly src: Source) {
    this.heads = SPECS.map(() => null);
    this.cursors = SPECS.map(() => 0);
  }

  next(from: number): Trigger | null {
    let best: Trigger | null = null;
    for (let i = 0; i < SPECS.length; i++) {
      const head = this.headOf(i, from);
      if (head && (best === null || head.pos < best.pos || (head.pos === best.pos && head.end < best.end))) best = head;
    }
    return best;
  }

  private headOf(i: number, from: number): Trigger | null {
    const spec = SPECS[i] as TriggerSpec;
    const head = this.heads[i] ?? null;
    const cursor = this.cursors[i] ?? 0;
    if (cursor === -1) return null;
    if (head && head.at >= from) return head;
    for (let at = this.src.lower.indexOf(spec.needle, Math.max(from, cursor)); at !== -1; at = this.src.lower.indexOf(spec.needle, at + 1)) {
      const trigger = triggerAt(spec, this.src, at);
      if (trigger) {
        this.heads[i] = trigger;
        this.cursors[i] = at + 1;
        return trigger;
      }
    }
    this.heads[i] = null;
    this.cursors[i] = -1;
    return null;
  }
}

/** True when src[from, to) holds an accepted trigger (to is small: a line or a window). */
export function hasTriggerWithin(src: Source, from: number, to: number): boolean {
  for (const spec of SPECS) {
    for (let at = indexWithin(src.lower, spec.needle, from, to); at !== -1; at = indexWithin(src.lower, spec.needle, at + 1, to)) {
      if (triggerAt(spec, src, at)) return true;
    }
  }
  return false;
}

function hasAnyTrigger(src: Source): boolean {
  for (const spec of SPECS) {
    for (let at = src.lower.indexOf(spec.needle); at !== -1; at = src.lower.indexOf(spec.needle, at + 1)) {
      if (triggerAt(spec, src, at)) return true;
    }
  }
  return false;
}

/**
 * The cheap pre-check: true exactly when parseDenials(text) finds at least one denial. Texts with
 * no trigger word (and nothing that normalisation could join into one) return without normalising.
 */
export function containsDenialTrigger(text: string): boolean {
  return mayHoldTrigger(text) && hasAnyTrigger(makeSource(normalizeDenialText(text)));
}

/** False when the raw text cannot hold a trigger once normalised (no trigger word, nothing to join). */
export function mayHoldTrigger(text: string): boolean {
  return typeof text === 'string' && text.length > 0 && (KEYWORDS.test(text) || mayJoinLetters(text));
}
