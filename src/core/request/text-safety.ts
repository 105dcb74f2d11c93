// Page text is untrusted: a hostile page can put anything in a denial. Before it goes into the
// request, control and bidi-override characters are made visible, and in Markdown it is escaped so
// it cannot become a link, an image, HTML or formatting.

/** C0/C1 controls (except tab and newline) and bidi overrides, which can hide or reorder text in terminals and editors. */
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Normalises newlines and replaces invisible controls with U+FFFD so tampering shows. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(INVISIBLE, '\uFFFD');
}

/** One line of text: newlines and runs of whitespace folded to a space. */
export function oneLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
}

/**
 * Escapes text for a Markdown paragraph or list item: with `[`, `]`, `<`, `>` and backticks escaped
 * no link, image, autolink, HTML or code span can start; emphasis and entity characters are
 * escaped too, and a leading block marker (heading, quote, list, thematic break) is neutralised.
 */
export function escapeMarkdownInline(text: string): string {
  const escaped = oneLine(text).replace(/[\\`*_[\]<>~&|]/g, '\\$&');
  return escaped.replace(/^([#>+=-]|\d+[.)])/, (marker) => (marker.length === 1 ? `\\${marker}` : `${marker.slice(0, -1)}\\${marker.slice(-1)}`));
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/** A Markdown code span that no backtick in the value can close early. */
export function codeSpan(value: string): string {
  const text = oneLine(value);
  const ticks = '`'.repeat(longestBacktickRun(text) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text.length === 0 ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** A fenced Markdown code block whose fence is longer than any backtick run inside. */
export function fencedBlock(content: string, language: string): string {
  const text = cleanText(content).replace(/\n+$/, '');
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}

const SAFE_URL = /^https:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:[/?#][^\s<>"'`\\]*)?$/;

/** Only plain https URLs become links; anything else is shown as text. */
export function isSafeUrl(url: string): boolean {
  return SAFE_URL.test(url) && url.length <= 2048;
}
