// Page text is shown to the user as text, but text can still lie: bidi overrides reorder what is displayed
// ("alice‮nimda" reads as "aliceadmin"), and invisible characters hide inside names. inertText makes such
// characters visible as markers, so what the user reads is what the page held.

/** Characters shown as a visible ⟨U+XXXX⟩ marker: bidi controls, and zero-width characters that can hide in names. */
const MARKED = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/** C0 controls other than \t and \n, and DEL: they have no visible form and are dropped. */
const DROPPED = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

function marker(char: string): string {
  return `⟨U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** Either kind, tested once: most text has neither, and a panel passes every string it shows through here. */
const EITHER = new RegExp(`[${DROPPED.source.slice(1, -1)}${MARKED.source.slice(1, -1)}]`);

/** The text with bidi and zero-width characters replaced by visible markers and other controls removed. */
export function inertText(s: string): string {
  return EITHER.test(s) ? s.replace(DROPPED, '').replace(MARKED, marker) : s;
}

/** C1 controls: a browser shows nothing for them, but a terminal may act on them (U+009B is its CSI). */
const C1 = /[\u0080-\u009F]/g;

/** inertText for a terminal: C1 controls are dropped as well. */
export function terminalText(s: string): string {
  return inertText(s).replace(C1, '');
}

/** What JSON.stringify leaves as it is and inertText would change (C0 controls are escaped already). */
const UNESCAPED_IN_JSON = new RegExp(`[\\u007F${C1.source.slice(1, -1)}${MARKED.source.slice(1, -1)}]`, 'g');

/** JSON text with those characters written as \u escapes: the same data, inert on a terminal. */
export function inertJson(json: string): string {
  return json.replace(UNESCAPED_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What went wrong, as one line of text: an Error's message, anything else as a string. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
