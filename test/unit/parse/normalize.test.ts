// normalizeDenialText: the normalisation step of denial-grammar.md section 8.

import { describe, expect, it } from 'vitest';
import { normalizeDenialText } from '../../../src/core/parse/index.ts';

const cases: Array<[name: string, input: string, expected: string]> = [
  ['named entities', 'a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&#39;', `a & b <c> "d" 'e'`],
  ['numeric entities, decimal and hex', '&#x2F;&#47;&#X41;', '//A'],
  ['astral numeric entity', '&#x1F600;', '\u{1F600}'],
  ['invalid numeric entities become U+FFFD', '&#0;&#xD800;&#x110000;', '\uFFFD\uFFFD\uFFFD'],
  ['unknown named entity is kept', '&notanentity; &foo;', '&notanentity; &foo;'],
  ['entity without semicolon is kept', '&amp x &quot', '&amp x &quot'],
  ['double-encoded entities decode fully', '&amp;quot;x&amp;quot; &amp;amp;lt;', '"x" <'],
  ['an entity completed by a decoded character', '&am&#112;; &quot&#59;', '& "'],
  ['NBSP and other Unicode spaces are spaces', 'a\u00a0b\u2009c\u202fd\u3000e&nbsp;f', 'a b c d e f'],
  ['typographic apostrophes and quotes', 'don\u2019t \u2018x\u2019 \u201cy\u201d &rsquo;', `don't 'x' "y" '`],
  ['<br> variants are line breaks', 'a<br>b<BR/>c<br />d<br\n/>e', 'a\nb\nc\nd\ne'],
  ['nested <br> tags', 'a<br<br>>b', 'a\nb'],
  ['entity-encoded <br>', 'a&lt;br&gt;b', 'a\nb'],
  ['other tags are kept as text', '<b>x</b><script>y</script>', '<b>x</b><script>y</script>'],
  ['runs of spaces fold, line breaks are kept one per run', 'a  \t b \n\n  c\r\n\r\nd', 'a b\nc\nd'],
  ['CR and Unicode line separators', 'a\rb\u2028c\u2029d\u0085e', 'a\nb\nc\nd\ne'],
  ['both ends trimmed', ' \n a \n ', 'a'],
  ['bidi controls and zero-width characters are kept (shown as evidence)', 'ab\u202ec\u200bd\ufeffe', 'ab\u202ec\u200bd\ufeffe'],
  ['C0/C1 controls and soft hyphens are dropped', 'a\u0000b\u0007c\u0090d\u00ade&shy;f', 'abcdef'],
  ['a dropped control cannot hide an entity', '&am\u0000p;', '&'],
  ['lone surrogates are kept as they are', 'a\ud800b\udc00c', 'a\ud800b\udc00c'],
  ['empty and whitespace-only', ' \n\t ', ''],
  ['a single space or line break between words stays, a lone tab or Unicode space becomes a space', 'a b\nc\td\u2009e\rf', 'a b\nc d e\nf'],
  ['a lone space or line break at an end goes, as a run there does', '\na b\u2009\n', 'a b'],
  ['a lone character that is not a plain space', '\u2009', ''],
];

describe('normalizeDenialText', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    expect(normalizeDenialText(input)).toBe(expected);
  });

  it.each(cases)('is idempotent: %s', (_name, input) => {
    const once = normalizeDenialText(input);
    expect(normalizeDenialText(once)).toBe(once);
  });

  it('decodes deep nesting in linear time (reducer path) to the same result', () => {
    const depth = 20000;
    expect(normalizeDenialText(`&${'amp;'.repeat(depth)}quot;`)).toBe('"');
  });
});
