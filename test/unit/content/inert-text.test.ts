import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { inertJson, inertText, terminalText } from '../../../src/core/text.ts';

const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];

describe('inertText', () => {
  test('plain text, markup and newlines pass through unchanged', () => {
    const text = 'User: arn:aws:iam::111111111111:user/alice\n\t<script>alert(1)</script> & "quotes" é 日本';
    expect(inertText(text)).toBe(text);
  });

  test('every bidi control becomes a visible marker', () => {
    for (const char of BIDI) {
      const hex = char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      expect(inertText(`a${char}b`)).toBe(`a⟨U+${hex}⟩b`);
    }
  });

  test('a right-to-left override cannot reorder an ARN', () => {
    expect(inertText('arn:aws:sts::111111111111:assumed-role/AuditRole/eve\u202Enimda')).toBe(
      'arn:aws:sts::111111111111:assumed-role/AuditRole/eve⟨U+202E⟩nimda',
    );
  });

  test('zero-width characters hiding in a name are shown', () => {
    expect(inertText('ali\u200Bce\uFEFF')).toBe('ali⟨U+200B⟩ce⟨U+FEFF⟩');
  });

  test('C0 controls other than tab and newline, and DEL, are dropped', () => {
    expect(inertText('a\u0000b\u0007c\u001Bd\re\u007Ff\ng\th')).toBe('abcdef\ng\th');
  });

  test('the result never holds a bidi or C0 control, and a second pass changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom(...BIDI, '\u0000', '\u001F', '\r', '\n', '\t'), fc.string({ unit: 'grapheme', maxLength: 1 })) }), (s) => {
        const out = inertText(s);
        expect(out).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u0000-\u0008\u000B-\u001F\u007F]/);
        expect(inertText(out)).toBe(out);
      }),
    );
  });
});

describe('for a terminal', () => {
  const C1 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i));
  const units = fc.oneof(fc.constantFrom(...BIDI, ...C1, '\u200B', '\uFEFF', '\u007F', '\u001B', '\n'), fc.string({ unit: 'grapheme', maxLength: 1 }));
  const RAW = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;

  test('terminalText is inertText without C1 controls', () => {
    expect(terminalText('a\u009B2Jb\u0085c\u202Ed')).toBe('a2Jbc⟨U+202E⟩d');
    fc.assert(
      fc.property(fc.string({ unit: units }), (s) => {
        expect(terminalText(s)).not.toMatch(RAW);
      }),
    );
  });

  test('inertJson holds none of them raw and parses back to the same data', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: units }), fc.string({ unit: units })), (data) => {
        const json = inertJson(JSON.stringify(data, null, 2));
        expect(json).not.toMatch(RAW);
        expect(JSON.parse(json)).toEqual(data);
      }),
    );
  });
});
