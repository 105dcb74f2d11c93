// @vitest-environment happy-dom
// The frame's copy button shares the panel's copy behaviour (content/panel/copy-state.tsx): "Copied" that clears,
// and, when the browser refuses, the text selected in a labelled box inside an alert.
import { render } from 'preact';
import { afterEach, expect, test, vi } from 'vitest';
import { COPIED_MS } from '../../../src/content/panel/copy-state.tsx';
import { CopyButton } from '../../../src/diagnosis-frame/copy-button.tsx';
import { allByTestId, byTestId, click, settle } from '../content/helpers.ts';

let app: HTMLElement;
afterEach(() => {
  render(null, app);
  app.remove();
  vi.useRealTimers();
});

function mount(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
  app = document.createElement('div');
  document.body.append(app);
  render(<CopyButton label="Copy statement" testid="wd-copy-it" text={() => '{"Effect":"Allow"}'} />, app);
}

test('"Copied" in the live region, gone after COPIED_MS', async () => {
  vi.useFakeTimers();
  mount(async () => {});
  click(byTestId(app, 'wd-copy-it'));
  await vi.advanceTimersByTimeAsync(10);
  expect(app.querySelector('[role=status]')?.textContent).toBe('Copied');
  await vi.advanceTimersByTimeAsync(COPIED_MS + 100);
  expect(app.querySelector('[role=status]')?.textContent).toBe('');
});

test('refused: the text, selected, in a labelled read-only box inside an alert', async () => {
  mount(async () => Promise.reject(new Error('NotAllowedError')));
  click(byTestId(app, 'wd-copy-it'));
  await settle();
  const box = byTestId(app, 'wd-copy-fallback') as HTMLTextAreaElement;
  expect(box.value).toBe('{"Effect":"Allow"}');
  expect(box.readOnly).toBe(true);
  expect(box.getAttribute('aria-label')).toBe('Copy statement');
  expect(box.closest('[role=alert]')).not.toBeNull();
  expect(allByTestId(app, 'wd-copied')).toHaveLength(0);
});
