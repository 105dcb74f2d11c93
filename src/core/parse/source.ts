// The normalised text in the three shapes the readers need, all with the same offsets, plus the
// bounded search helpers that keep the parser linear. Every search either has a small fixed window
// or is amortised (a cached "next occurrence", line offsets computed once), so no input makes one
// trigger rescan the text another trigger already scanned.

export interface Source {
  /** Normalised text; '\n' separates lines (console code-box fields are one per line). */
  readonly text: string;
  /** `text` with every '\n' read as ' ': sentences may be wrapped across lines. */
  readonly flat: string;
  /** `flat` lower-cased, for case-insensitive phrase matching. */
  readonly lower: string;
  readonly lines: LineIndex;
  /** The next occurrence of a lower-case needle in `lower`, amortised over increasing offsets. */
  next(needle: string): NextIndex;
  /** The last occurrence of a lower-case needle in `lower` before an offset, amortised likewise. */
  prev(needle: string): PrevIndex;
  /** False when the text holds no JSON "message" key and no <Message> tag: no body to look for. */
  readonly mayHoldBody: boolean;
}

export function makeSource(text: string): Source {
  const flat = text.includes('\n') ? text.replaceAll('\n', ' ') : text;
  const lower = asciiLower(flat);
  const nexts = new Map<string, NextIndex>();
  const prevs = new Map<string, PrevIndex>();
  return {
    text,
    flat,
    lower,
    lines: new LineIndex(text),
    next(needle) {
      let index = nexts.get(needle);
      if (!index) nexts.set(needle, (index = new NextIndex(lower, needle)));
      return index;
    },
    prev(needle) {
      let index = prevs.get(needle);
      if (!index) prevs.set(needle, (index = new PrevIndex(lower, needle)));
      return index;
    },
    mayHoldBody: lower.includes('<message>') || /message\\*"/.test(lower),
  };
}

/**
 * Lower case for ASCII letters only, offsets kept. toLowerCase() does that except for the two
 * characters whose lower case is (or starts with) an ASCII letter: U+0130 (two code units) and the
 * Kelvin sign. They are masked first, so matching here agrees with an ASCII /i regex on the raw text.
 */
function asciiLower(s: string): string {
  return (/[\u0130\u212A]/.test(s) ? s.replace(/[\u0130\u212A]/g, '\uE000') : s).toLowerCase();
}

/** Line offsets of a text, computed on first use. */
export class LineIndex {
  private breaks: Int32Array | null = null;
  /** The line of the last lookup: readers mostly ask about the same line or the next one. */
  private last = 0;

  constructor(private readonly text: string) {}

  private all(): Int32Array {
    if (this.breaks) return this.breaks;
    let count = 0;
    for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) count++;
    const breaks = new Int32Array(count);
    let k = 0;
    for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) breaks[k++] = i;
    this.breaks = breaks;
    return breaks;
  }

  get count(): number {
    return this.all().length + 1;
  }

  /** The index of the line holding offset `pos`. */
  lineOf(pos: number): number {
    const breaks = this.all();
    if (this.holds(breaks, this.last, pos)) return this.last;
    if (this.holds(breaks, this.last + 1, pos)) return ++this.last;
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((breaks[mid] ?? 0) < pos) lo = mid + 1;
      else hi = mid;
    }
    this.last = lo;
    return lo;
  }

  private holds(breaks: Int32Array, line: number, pos: number): boolean {
    return line <= breaks.length && (line === 0 || (breaks[line - 1] ?? 0) < pos) && (line === breaks.length || pos <= (breaks[line] ?? 0));
  }

  start(line: number): number {
    return line <= 0 ? 0 : (this.all()[line - 1] ?? this.text.length) + 1;
  }

  end(line: number): number {
    return this.all()[line] ?? this.text.length;
  }
}

/** The next occurrence of a needle, cached so that increasing queries cost O(n) in total. */
export class NextIndex {
  private from = -1;
  private at = -1;

  constructor(
    private readonly hay: string,
    private readonly needle: string,
  ) {}

  /** The first occurrence starting at or after `from` and ending by `limit`, or -1. */
  find(from: number, limit: number): number {
    if (this.from !== -1 && from >= this.from && (this.at === -1 || from <= this.at)) {
      // Cached: nothing in [this.from, this.at) and `from` is inside that range.
    } else if (this.from !== -1 && from < this.from) {
      return indexWithin(this.hay, this.needle, from, limit);
    } else {
      this.from = from;
      this.at = this.hay.indexOf(this.needle, from);
    }
    return this.at !== -1 && this.at + this.needle.length <= limit ? this.at : -1;
  }
}

/** The last occurrence of a needle before an offset, cached so that increasing queries cost O(n) in total. */
export class PrevIndex {
  /** Latest occurrence ending by `upTo`, and the occurrence after it (-2: not looked up yet). */
  private prev = -1;
  private following = -2;
  private upTo = 0;

  constructor(
    private readonly hay: string,
    private readonly needle: string,
  ) {}

  /** The last occurrence lying wholly in hay[floor, before), or -1. */
  find(floor: number, before: number): number {
    if (before < this.upTo) return lastIndexWithin(this.hay, this.needle, floor, before);
    this.upTo = before;
    for (;;) {
      if (this.following === -2) this.following = this.hay.indexOf(this.needle, this.prev + 1);
      if (this.following === -1 || this.following + this.needle.length > before) break;
      this.prev = this.following;
      this.following = -2;
    }
    return this.prev >= floor && this.prev !== -1 ? this.prev : -1;
  }
}

/** Windows up to this size are searched in place; larger ones through a substring view. */
const SMALL_WINDOW = 512;

/** First occurrence of `needle` lying wholly in hay[from, limit), or -1. Costs at most limit - from. */
export function indexWithin(hay: string, needle: string, from: number, limit: number): number {
  const lo = Math.max(0, from);
  const last = Math.min(hay.length, limit) - needle.length;
  if (last < lo) return -1;
  if (last - lo > SMALL_WINDOW) {
    const i = hay.substring(lo, last + needle.length).indexOf(needle);
    return i === -1 ? -1 : i + lo;
  }
  const first = needle.charCodeAt(0);
  for (let i = lo; i <= last; i++) if (hay.charCodeAt(i) === first && hay.startsWith(needle, i)) return i;
  return -1;
}

/** Last occurrence of `needle` lying wholly in hay[floor, before), or -1. Costs at most before - floor. */
export function lastIndexWithin(hay: string, needle: string, floor: number, before: number): number {
  const lo = Math.max(0, floor);
  const last = Math.min(hay.length, before) - needle.length;
  if (last < lo) return -1;
  if (last - lo > SMALL_WINDOW) {
    const i = hay.substring(lo, last + needle.length).lastIndexOf(needle);
    return i === -1 ? -1 : i + lo;
  }
  const first = needle.charCodeAt(0);
  for (let i = last; i >= lo; i--) if (hay.charCodeAt(i) === first && hay.startsWith(needle, i)) return i;
  return -1;
}

/** True when `phrase` (lower case) starts at `pos` and ends by `limit`. */
export function startsAt(lower: string, phrase: string, pos: number, limit: number): boolean {
  return pos >= 0 && pos + phrase.length <= limit && lower.startsWith(phrase, pos);
}

/** True when `phrase` (lower case) ends exactly at `end` and starts at or after `floor`. */
export function endsAt(lower: string, phrase: string, end: number, floor: number): boolean {
  const pos = end - phrase.length;
  return pos >= floor && pos >= 0 && lower.startsWith(phrase, pos);
}

/**
 * `s` without leading and trailing spaces and line breaks: the only whitespace normalised text has.
 * (String.prototype.trim would also remove U+FEFF, which the text keeps as evidence.)
 */
export function trimSpaces(s: string): string {
  let from = 0;
  let to = s.length;
  while (from < to && (s.charCodeAt(from) === 0x20 || s.charCodeAt(from) === 0x0a)) from++;
  while (to > from && (s.charCodeAt(to - 1) === 0x20 || s.charCodeAt(to - 1) === 0x0a)) to--;
  return from === 0 && to === s.length ? s : s.slice(from, to);
}

/** `pos` moved past one space, when there is one before `limit`. */
export function skipSpace(flat: string, pos: number, limit: number): number {
  return pos < limit && flat.charCodeAt(pos) === 0x20 ? pos + 1 : pos;
}

/**
 * The end of a free-text clause starting at `pos`: the offset of the first '.' that ends a
 * sentence, else the end of the last whole word within `max` characters, never past `limit`.
 */
export function clauseEnd(flat: string, pos: number, limit: number, max: number): number {
  const hi = Math.min(limit, pos + max);
  for (let i = pos; i < hi; i++) {
    if (flat.charCodeAt(i) === 0x2e /* . */ && (i + 1 >= limit || flat.charCodeAt(i + 1) === 0x20)) return i;
  }
  if (hi >= limit) return limit;
  const space = lastIndexWithin(flat, ' ', pos, hi);
  return space > pos ? space : hi;
}
