// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, test } from 'vitest';
import { SettingsSection } from '../../../src/options/settings-section.tsx';
import { FakeWorker, allByTestId, byTestId, choose, settings, settle } from '../content/helpers.ts';

let app: HTMLElement;
afterEach(() => {
  render(null, app);
  app.remove();
});

async function open(fake: FakeWorker) {
  app = document.createElement('main');
  document.body.append(app);
  render(<SettingsSection send={fake.send} />, app);
  await settle();
}

describe('options: settings', () => {
  test('shows the saved settings, saves each change and says so', async () => {
    const fake = new FakeWorker().answer('settings/get', settings({ panelMode: 'on-request' })).answer('settings/set', (s) => s);
    await open(fake);
    const mode = byTestId(app, 'wd-setting-panel-mode') as HTMLSelectElement;
    const format = byTestId(app, 'wd-setting-request-format') as HTMLSelectElement;
    expect([mode.value, format.value]).toEqual(['on-request', 'text']);
    expect(allByTestId(app, 'wd-settings-saved')).toHaveLength(0);

    choose(mode, 'auto');
    await settle();
    expect(fake.callsOf('settings/set')).toEqual([{ panelMode: 'auto', requestFormat: 'text', responseObserver: true }]);
    expect(byTestId(app, 'wd-settings-saved').textContent).toBe('Saved');

    choose(format, 'markdown');
    await settle();
    expect(fake.callsOf('settings/set').at(-1)).toEqual({ panelMode: 'auto', requestFormat: 'markdown', responseObserver: true });

    // The response observer: on by default, one click turns it off, and the page says what it reads.
    const observer = byTestId(app, 'wd-setting-response-observer') as HTMLInputElement;
    expect(observer.checked).toBe(true);
    expect(byTestId(app, 'wd-setting-response-observer-help').textContent).toMatch(/never reads a successful response/);
    observer.click();
    await settle();
    expect(fake.callsOf('settings/set').at(-1)).toEqual({ panelMode: 'auto', requestFormat: 'markdown', responseObserver: false });
  });

  test('a failed save says so and is not shown as saved', async () => {
    const fake = new FakeWorker().answer('settings/get', settings({})).answer('settings/set', new Error('settings/set: quota exceeded'));
    await open(fake);
    choose(byTestId(app, 'wd-setting-request-format') as HTMLSelectElement, 'markdown');
    await settle();
    expect(allByTestId(app, 'wd-settings-saved')).toHaveLength(0);
    expect(app.textContent).toContain('quota exceeded');
  });
});
