// @vitest-environment happy-dom
import { expect, test } from 'vitest';
import { inModalOrPopover, spaceIsScarce } from '../../../src/console/scarce-space.ts';

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

test('at mount only the modal and popover checks run: a narrow widget is left to the panel\'s ResizeObserver', () => {
  expect(inModalOrPopover(anchorIn('<div role="dialog"><div><p id="anchor">x</p></div></div>', 900))).toBe(true);
  expect(inModalOrPopover(anchorIn('<div class="awsui_body_xjuzf_1" role="dialog"><p id="anchor">x</p></div>', 900))).toBe(true);
  const narrow = anchorIn('<div class="widget"><p id="anchor">x</p></div>', 320);
  let measured = false;
  narrow.parentElement!.getBoundingClientRect = () => ((measured = true), { width: 320 }) as DOMRect;
  expect(inModalOrPopover(narrow)).toBe(false);
  expect(measured).toBe(false);
});
