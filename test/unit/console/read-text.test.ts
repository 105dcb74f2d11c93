// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { foldSpaces, isBlockElement, isRendered, readLines, readText } from '../../../src/console/read-text.ts';

function html(markup: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = markup;
  document.body.append(host);
  return host;
}

afterEach(() => {
  document.body.replaceChildren();
  document.head.replaceChildren();
});

describe('readText', () => {
  test('puts a line break around blocks and at <br>, and none inside inline runs', () => {
    const el = html('<div>User: <span>arn:aws:iam::111111111111:user/<b>alice</b></span></div><div>Service: ce</div>one<br>two<p>three</p>four');
    expect(readText(el)).toBe('User: arn:aws:iam::111111111111:user/alice\nService: ce\none\ntwo\nthree\nfour');
  });

  test('folds runs of spaces, tabs, newlines and NBSP inside a line', () => {
    const el = html('<div>is&nbsp;not \n\t authorized   to&nbsp;&nbsp;perform:</div>');
    expect(readText(el)).toBe('is not authorized to perform:');
  });

  test('drops empty lines and trims each line', () => {
    const el = html('<div>  </div><div> a </div><div><span> </span></div><div>b</div>');
    expect(readLines(el)).toEqual(['a', 'b']);
  });

  test('skips script, style, template, hidden attribute, inline display:none and CSS-hidden classes', () => {
    document.head.innerHTML = '<style>.gone { display: none; }</style>';
    const el = html(
      '<div>shown</div><script>var leak = "script"</script><style>.x{}</style><template><p>template</p></template>' +
        '<div hidden>hidden attr</div><div style="display:none">inline none</div><span style="visibility:hidden">invisible</span><div class="gone">css none</div>',
    );
    expect(readText(el)).toBe('shown');
  });

  test('never reads into a why-denied panel host', () => {
    const el = html('<p>page</p><div data-why-denied="panel"><p>our panel</p></div>');
    expect(readText(el)).toBe('page');
    expect(readText(el.querySelector('[data-why-denied]')!)).toBe('');
  });

  test('leaves out subtrees the caller skips', () => {
    const el = html('<div>keep</div><button>Copy</button><div class="nested">nested</div>');
    expect(readText(el, { skip: child => child.matches('button, .nested') })).toBe('keep');
  });

  test('separates table cells by a space and rows by a line', () => {
    const el = html('<table><tr><td>Amazon S3</td><td>USD 2.10</td></tr><tr><td>Lambda</td><td>USD 0</td></tr></table>');
    expect(readText(el)).toBe('Amazon S3 USD 2.10\nLambda USD 0');
  });

  test('keeps bidi controls and markup-looking text as text', () => {
    const el = html('<div>user/eve\u202Enimda &lt;img src=x&gt;</div>');
    expect(readText(el)).toBe('user/eve\u202Enimda <img src=x>');
    expect(el.querySelector('img')).toBeNull();
  });

  test('returns an empty string for a hidden element itself', () => {
    const el = html('<div id="x" hidden>secret</div>');
    expect(readText(el.querySelector('#x')!)).toBe('');
  });
});

describe('isRendered', () => {
  test('is false under a hidden ancestor and true otherwise', () => {
    const el = html('<div style="display:none"><p id="in">in</p></div><p id="out">out</p>');
    expect(isRendered(el.querySelector('#in')!)).toBe(false);
    expect(isRendered(el.querySelector('#out')!)).toBe(true);
  });
});

describe('isBlockElement', () => {
  const BLOCK = ['address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
    'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
    'legend', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul'];
  // Each pair shares one interface in the HTML standard, or HTMLElement; a span or a cell is never a block here.
  const INLINE = ['span', 'a', 'b', 'em', 'code', 'q', 'xmp', 'listing', 'ins', 'del', 'td', 'th', 'button', 'label', 'img',
    'br', 'input', 'small', 'abbr', 'kbd', 'mark', 'x-widget', 'awsui-badge'];

  test('answers by tag in every order, whether or not it has seen the element interface before', () => {
    const tags = [...BLOCK, ...INLINE];
    for (const order of [tags, [...tags].reverse(), [...INLINE, ...BLOCK]]) {
      for (const tag of order) expect([tag, isBlockElement(document.createElement(tag))]).toEqual([tag, BLOCK.includes(tag)]);
    }
  });

  test('answers by tag in an XML document, where tag names keep their case', () => {
    const doc = document.implementation.createDocument('http://www.w3.org/1999/xhtml', 'html');
    expect(isBlockElement(doc.createElementNS('http://www.w3.org/1999/xhtml', 'div'))).toBe(true);
    expect(isBlockElement(doc.createElementNS('urn:x', 'div'))).toBe(true);
    expect(isBlockElement(doc.createElementNS('urn:x', 'span'))).toBe(false);
  });
});

describe('foldSpaces', () => {
  test('maps Unicode spaces to one ASCII space', () => {
    expect(foldSpaces('a\u00A0\u2009\u3000b\n\tc')).toBe('a b c');
  });
});
