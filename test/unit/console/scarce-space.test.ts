// @vitest-environment happy-dom
import { expect, test } from 'vitest';
import { spaceIsScarce } from '../../../src/console/scarce-space.ts';

function anchorIn(html: string, width: number): Element {
  document.body.innerHTML = html;
  const anchor = document.querySelector('#anchor')!;
  anchor.parentElement!.getBoundingClientRect = () => ({ width }) as DOMRect;
  return anchor;
}

test('a modal, a popover and a narrow widget are scarce space; a wide container, or one not laid out, is not', () => {
  expect(spaceIsScarce(anchorIn('<div role="dialog"><div><p id="anchor">x</p></div></div>', 900))).toBe(true);
  expect(spaceIsScarce(anchorIn('<div class="awsui_body_xjuzf_1" role="dialog"><p id="anchor">x</p></div>', 900))).toBe(true);
  expect(spaceIsScarce(anchorIn('<div class="widget"><p id="anchor">x</p></div>', 320))).toBe(true);
  expect(spaceIsScarce(anchorIn('<div class="widget"><p id="anchor">x</p></div>', 900))).toBe(false);
  expect(spaceIsScarce(anchorIn('<div class="widget"><p id="anchor">x</p></div>', 0))).toBe(false);
});
