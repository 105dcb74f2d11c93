// The trigger phrases, as data. A text holds a denial exactly when it holds an accepted trigger:
// parseDenials reads one (perhaps partial) denial per trigger that no earlier denial covered, and
// containsDenialTrigger answers the same question cheaply. Triggers are specific phrases, never
// single words, so help text on a Billing page does not read as a denial. Phrases that share words
// are found by one scan for those words ("have permission" for the four prose forms). Whether a
// denial read from a page is shown is decided on its structure (src/console/structure.ts).

import type { DenialCause } from '../denial.ts';
import { JOINS_LETTERS, normalizeDenialText } from './normalize.ts';
import { policyTypeEndingAt } from './policy-types.ts';
import { SERVICE_MESSAGES } from './service-messages.ts';
import type { Source } from './source.ts';
import { makeSource } from './source.ts';
import { SENTENCE_ANCHOR } from './sentence.ts';
import { readActionAt } from './tokens.ts';

export type TriggerKind = 'sentence' | 'console-prose' | 'console-header' | 'console-context' | 'banner' | 'service';

export interface Trigger {
  /** Where the denial text this trigger stands for starts (at or before the phrase). */
  pos: number;
  /** Where the scan found it (inside the phrase). */
  at: number;
  /** Just past the phrase. */
  end: number;
  kind: TriggerKind;
  /** For service messages: the cause the message names. */
  cause: DenialCause | null;
  /** For service messages: where the message starts, lead words ("IAM ") included. */
  leadAt: number;
}

interface TriggerSpec {
  /** Lower case: what the scan looks for. */
  scan: string;
  kind: TriggerKind;
  /** A word of `scan`; the cheap pre-check looks for it in the raw text. */
  keyword: string;
  /** The trigger found at the scan hit `at`, or null when this occurrence is not one. */
  read: (src: Source, at: number) => Trigger | null;
}

export const CONSOLE_PROSE_NEEDLES = ["n't have permission to", "n't have permissions to", 'not have permission to', 'not have permissions to'];
const PROSE_SCAN = 'have permission';
const UPDATE_SCAN = 'update your iam permissions to allow';
/** Words that lead the "update your IAM permissions" wording, longest first. */
const UPDATE_LEADS = ['you or your aws administrator must ', 'your administrator must ', 'must '];
const HEADER_SCAN = 'access denied to ';

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

function trigger(kind: TriggerKind, pos: number, at: number, end: number, cause: DenialCause | null = null, leadAt = pos): Trigger {
  return { pos, at, end, kind, cause, leadAt };
}

/** The first of `phrases` that holds `scan` and lies over the hit `at`. */
function phraseOver(src: Source, at: number, scan: string, phrases: readonly string[]): { start: number; phrase: string } | null {
  for (const phrase of phrases) {
    const start = at - phrase.indexOf(scan);
    if (start >= 0 && src.lower.startsWith(phrase, start)) return { start, phrase };
  }
  return null;
}

/** Moves a policy-type phrase start back over an article ("a", "an", "the") in front of it. */
function withArticle(lower: string, start: number): number {
  for (const article of ['a ', 'an ', 'the ']) {
    const at = start - article.length;
    if (at >= 0 && lower.startsWith(article, at) && (at === 0 || !isLetter(lower.charCodeAt(at - 1)))) return at;
  }
  return start;
}

/** One spec per scan word shared by service messages, each message verified at the hit. */
function serviceSpecs(): TriggerSpec[] {
  const scans: Array<[scan: string, keyword: string]> = [
    ['access not activated', 'activated'],
    ['cost explorer', 'explorer'],
    ['standalone context', 'standalone'],
  ];
  return scans.map(([scan, keyword]): TriggerSpec => {
    const messages = SERVICE_MESSAGES.filter((m) => m.needle.includes(scan));
    return {
      scan,
      kind: 'service',
      keyword,
      read: (src, at) => {
        for (const m of messages) {
          const start = at - m.needle.indexOf(scan);
          if (start < 0 || !src.lower.startsWith(m.needle, start)) continue;
          const leadAt = m.lead && start >= m.lead.length && src.lower.startsWith(m.lead, start - m.lead.length) ? start - m.lead.length : start;
          return trigger('service', leadAt, at, start + m.needle.length, m.cause, leadAt);
        }
        return null;
      },
    };
  });
}

const SPECS: readonly TriggerSpec[] = [
  { scan: 'not authorized to perform', kind: 'sentence', keyword: 'authorized', read: (_src, at) => trigger('sentence', at, at, at + SENTENCE_ANCHOR.length) },
  {
    // "You don't have permission to …" and its variants.
    scan: PROSE_SCAN,
    kind: 'console-prose',
    keyword: 'permission',
    read: (src, at) => {
      const found = phraseOver(src, at, PROSE_SCAN, CONSOLE_PROSE_NEEDLES);
      return found ? trigger('console-prose', found.start, at, found.start + found.phrase.length) : null;
    },
  },
  {
    // "You or your AWS administrator must update your IAM permissions to allow <action>" (console pages).
    scan: UPDATE_SCAN,
    kind: 'console-prose',
    keyword: 'permission',
    read: (src, at) => {
      const lead = UPDATE_LEADS.find((l) => at >= l.length && src.lower.startsWith(l, at - l.length));
      return trigger('console-prose', at - (lead?.length ?? 0), at, at + UPDATE_SCAN.length);
    },
  },
  {
    // The header of a console-home widget, only when an action follows.
    scan: HEADER_SCAN,
    kind: 'console-header',
    keyword: 'denied',
    read: (src, at) => (readActionAt(src.flat, at + HEADER_SCAN.length, src.flat.length) ? trigger('console-header', at, at, at + HEADER_SCAN.length) : null),
  },
  {
    // The Billing banner's heading "You Need Permissions".
    scan: 'need permissions',
    kind: 'banner',
    keyword: 'permission',
    read: (src, at) => (at >= 4 && src.lower.startsWith('you ', at - 4) && (at === 4 || !isLetter(src.lower.charCodeAt(at - 5))) ? trigger('banner', at - 4, at, at + 'need permissions'.length) : null),
  },
  ...serviceSpecs(),
  {
    // Console Context phrasing: "<article> <type> explicitly denies the action".
    scan: ' explicitly denies the',
    kind: 'console-context',
    keyword: 'denies',
    read: (src, at) => {
      const start = policyTypeEndingAt(src.lower, at, 0);
      return start === -1 ? null : trigger('console-context', withArticle(src.lower, start), at, at + ' explicitly denies the'.length);
    },
  },
  {
    // Console Context phrasing: "no <type> allows the action" (the API's "because no …" too).
    scan: ' allows the',
    kind: 'console-context',
    keyword: 'allows',
    read: (src, at) => {
      const start = policyTypeEndingAt(src.lower, at, 0);
      const no = start - 3;
      const ok = start !== -1 && no >= 0 && src.lower.startsWith('no ', no) && (no === 0 || !isLetter(src.lower.charCodeAt(no - 1)));
      return ok ? trigger('console-context', no, at, at + ' allows the'.length) : null;
    },
  },
  { scan: 'with an explicit deny', kind: 'console-context', keyword: 'explicit', read: (_src, at) => trigger('console-context', at, at, at + 'with an explicit deny'.length) },
];

/** Every word the pre-check needs: a normalised trigger implies one of them in the raw text. */
const KEYWORDS = [...new Set(SPECS.map((s) => s.keyword))].join('|');
/** A keyword, or what lets normalising join letters (JOINS_LETTERS): one pass over each text the page adds, by the thousand. */
const MAY_HOLD_TRIGGER = new RegExp(`${KEYWORDS}|${JOINS_LETTERS}`, 'i');

/**
 * The accepted triggers of a source in text order, read lazily: `next(from)` returns the first
 * trigger whose scan hit is at or after `from`. Each scan keeps a cursor that only moves forward,
 * so skipping a covered span costs one indexOf per scan and the whole scan is linear.
 */
export class TriggerScanner {
  private readonly heads: Array<Trigger | null>;
  /** Offset each scan continues from; -1 when it is exhausted. */
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
    const cursor = this.cursors[i] ?? 0;
    if (cursor === -1) return null;
    const head = this.heads[i] ?? null;
    if (head && head.at >= from) return head;
    const spec = SPECS[i] as TriggerSpec;
    const { lower } = this.src;
    for (let at = lower.indexOf(spec.scan, Math.max(from, cursor)); at !== -1; at = lower.indexOf(spec.scan, at + 1)) {
      const found = spec.read(this.src, at);
      if (found) {
        this.heads[i] = found;
        this.cursors[i] = at + 1;
        return found;
      }
    }
    this.heads[i] = null;
    this.cursors[i] = -1;
    return null;
  }
}

function hasAnyTrigger(src: Source): boolean {
  for (const spec of SPECS) {
    for (let at = src.lower.indexOf(spec.scan); at !== -1; at = src.lower.indexOf(spec.scan, at + 1)) {
      if (spec.read(src, at)) return true;
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
  return typeof text === 'string' && text.length > 0 && MAY_HOLD_TRIGGER.test(text);
}
