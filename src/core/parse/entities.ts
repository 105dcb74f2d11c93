// Named HTML entities the parser decodes. Console and documentation text uses few of them; an
// entity not listed here is left as written (numeric entities are always decoded).

export const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'], ['AMP', '&'], ['lt', '<'], ['LT', '<'], ['gt', '>'], ['GT', '>'],
  ['quot', '"'], ['QUOT', '"'], ['apos', "'"], ['nbsp', '\u00A0'],
  ['lsquo', '\u2018'], ['rsquo', '\u2019'], ['sbquo', '\u201A'], ['ldquo', '\u201C'], ['rdquo', '\u201D'],
  ['bdquo', '\u201E'], ['laquo', '\u00AB'], ['raquo', '\u00BB'], ['prime', '\u2032'],
  ['ndash', '\u2013'], ['mdash', '\u2014'], ['hellip', '\u2026'], ['middot', '\u00B7'], ['bull', '\u2022'],
  ['ensp', '\u2002'], ['emsp', '\u2003'], ['thinsp', '\u2009'], ['shy', '\u00AD'],
  ['zwsp', '\u200B'], ['zwnj', '\u200C'], ['zwj', '\u200D'], ['lrm', '\u200E'], ['rlm', '\u200F'],
  ['copy', '\u00A9'], ['reg', '\u00AE'], ['trade', '\u2122'],
  ['colon', ':'], ['sol', '/'], ['bsol', '\\'], ['lpar', '('], ['rpar', ')'], ['lsqb', '['], ['rsqb', ']'],
  ['lbrack', '['], ['rbrack', ']'], ['lcub', '{'], ['rcub', '}'], ['lowbar', '_'], ['period', '.'],
  ['comma', ','], ['semi', ';'], ['num', '#'], ['excl', '!'], ['quest', '?'], ['equals', '='], ['plus', '+'],
  ['ast', '*'], ['commat', '@'], ['dollar', '$'], ['percnt', '%'], ['hyphen', '\u2010'], ['dash', '\u2010'],
  ['Tab', '\t'], ['NewLine', '\n'],
]);

/** The longest entity body (between '&' and ';') worth looking back for. */
export const MAX_ENTITY_BODY = 10;
