// The denial parser: text in, denials out (denial-grammar.md). One pass over the triggers in text
// order; each trigger not covered by an earlier denial is read by the reader for its form, and the
// span that reader consumed is then covered. Work is linear in the text (see source.ts).

import type { Denial } from '../denial.ts';
import { denialKey, sameKeyFields } from '../denial.ts';
import { readBillingBanner, BANNER_PROSE } from './banners.ts';
import type { Body } from './bodies.ts';
import { findEnclosingBody } from './bodies.ts';
import { readConsoleAroundContext, readConsoleForward } from './console-alert.ts';
import { onContextLine } from './console-fields.ts';
import { readContextFragment } from './fragment.ts';
import { normalizeDenialText } from './normalize.ts';
import type { Reading } from './reading.ts';
import { readSentence } from './sentence.ts';
import { readServiceMessage } from './service-message.ts';
import type { Source } from './source.ts';
import { makeSource, skipSpace, startsAt, trimSpaces } from './source.ts';
import type { Trigger } from './triggers.ts';
import { mayHoldTrigger, TriggerScanner } from './triggers.ts';

export { normalizeDenialText } from './normalize.ts';
export { containsDenialTrigger } from './triggers.ts';
export { parsePrincipalArn } from './principal.ts';
export type { PrincipalInfo } from './principal.ts';

/** Error bodies inside error bodies: deeper nesting is read as plain text. */
const MAX_BODY_DEPTH = 3;

/** All denials in `text`, in order of appearance, de-duplicated. Never throws. */
export function parseDenials(text: string): Denial[] {
  if (!mayHoldTrigger(text)) return [];
  const found = new Denials();
  try {
    readAll(normalizeDenialText(text), 0, found);
  } catch {
    // A reader bug must not take the page down; what was read before it is still returned.
  }
  return found.list();
}

/**
 * One denial per key, at the place of its first copy, de-duplicated as they are read (so that
 * repeated copies are dropped young instead of piling up). A later copy that carries the Access
 * Troubleshooter id the first lacks replaces it, message and all.
 */
class Denials {
  private readonly byKey = new Map<string, Denial>();
  /** The last denial added and its key: the copies of a repeated text come one after another. */
  private lastDenial: Denial | null = null;
  private lastKey = '';
  count = 0;

  add(d: Denial): void {
    this.count++;
    const key = this.lastDenial && sameKeyFields(this.lastDenial, d) ? this.lastKey : denialKey(d);
    this.lastDenial = d;
    this.lastKey = key;
    const first = this.byKey.get(key);
    if (!first || (first.authorizationId === null && d.authorizationId !== null)) this.byKey.set(key, d);
  }

  list(): Denial[] {
    return [...this.byKey.values()];
  }
}

function readAll(normalised: string, depth: number, out: Denials): void {
  const src = makeSource(normalised);
  const triggers = new TriggerScanner(src);
  let covered = 0;
  let from = 0;
  /** The body whose message is being read in place, if any. */
  let body: Body | null = null;
  for (let trigger = triggers.next(0); trigger; trigger = triggers.next(from)) {
    // A trigger whose text starts inside the previous denial (its lead words) belongs to it.
    from = Math.max(covered, trigger.at + 1);
    if (trigger.pos < covered) continue;
    if (body && trigger.pos >= body.messageTo) body = null;
    const found: Body | null = body ?? (depth < MAX_BODY_DEPTH ? findEnclosingBody(src, trigger.pos, covered) : null);
    // In place only for readers that keep to a limit; line-based ones read the message on its own.
    const inPlace: boolean = found !== null && found.inPlace && READS_IN_PLACE.has(trigger.kind);
    if (found && !inPlace) {
      const inner = new Denials();
      readAll(normalizeDenialText(found.message()), depth + 1, inner);
      if (inner.count > 0) {
        for (const d of inner.list()) {
          d.meta.errorCode = d.meta.errorCode ?? found.errorCode;
          out.add(d);
        }
        covered = found.end;
        from = covered;
        continue;
      }
    }
    body = inPlace ? found : null;
    const reading = body
      ? readInLimits(src, trigger, Math.max(covered, body.messageFrom), body.messageTo)
      : readTrigger(src, trigger, covered, src.text.length, (at) => triggers.next(at)?.pos ?? src.text.length);
    if (body) reading.denial.meta.errorCode = reading.denial.meta.errorCode ?? body.errorCode;
    // The span always takes in its trigger, so the message is a text that reads as this denial again.
    const start = Math.min(reading.start, trigger.pos);
    const end = Math.max(reading.end, trigger.end);
    const byLine = reading.denial.meta.form === 'console-alert' || reading.denial.meta.form === 'billing-banner';
    reading.denial.meta.message = trimSpaces((byLine ? src.text : src.flat).slice(start, end));
    out.add(reading.denial);
    covered = end;
    from = covered;
  }
}

/** Trigger kinds whose readers keep within [floor, limit). */
const READS_IN_PLACE: ReadonlySet<Trigger['kind']> = new Set(['sentence', 'service', 'console-context']);

function readInLimits(src: Source, trigger: Trigger, floor: number, limit: number): Reading {
  if (trigger.kind === 'sentence') return readSentence(src, trigger.pos, floor, limit);
  if (trigger.kind === 'service') return readServiceMessage(src, trigger, floor, limit);
  return readContextFragment(src, trigger, floor, limit);
}

/** `nextTriggerFrom(p)`: where the first trigger at or after p starts (the console reader asks). */
function readTrigger(src: Source, trigger: Trigger, floor: number, limit: number, nextTriggerFrom: (from: number) => number): Reading {
  if (onContextLine(src, trigger.pos, floor)) {
    const block = readConsoleAroundContext(src, trigger.pos, floor);
    if (block) return block;
  }
  switch (trigger.kind) {
    case 'sentence':
      return readSentence(src, trigger.pos, floor, limit);
    case 'console-prose':
      return startsAt(src.lower, BANNER_PROSE, skipSpace(src.flat, trigger.end, limit), limit)
        ? readBillingBanner(src, youBefore(src, trigger.pos, floor), trigger.end)
        : readConsoleForward(src, trigger.pos, trigger.end, false, floor, nextTriggerFrom);
    case 'console-header':
      return readConsoleForward(src, trigger.pos, trigger.end, true, floor, nextTriggerFrom);
    case 'banner':
      return readBillingBanner(src, trigger.pos, trigger.end);
    case 'service':
      return readServiceMessage(src, trigger, floor, limit);
    case 'console-context':
      return readContextFragment(src, trigger, floor, limit);
  }
}

/** The "You" of "You don't have permission …", when it is right before the needle. */
function youBefore(src: Source, pos: number, floor: number): number {
  for (let at = pos - 1; at >= Math.max(floor, pos - 8); at--) if (src.lower.startsWith('you ', at)) return at;
  return pos;
}

