// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { COPIED_MS } from '../../../src/content/panel/copy-state.tsx';
import { SettingsSection } from '../../../src/options/settings-section.tsx';
import { checkManagedConfig, type ManagedConfig } from '../../../src/shared/managed-config.ts';
import { FakeWorker, allByTestId, byTestId, choose, click, settings, settle } from '../content/helpers.ts';

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
    expect(fake.callsOf('settings/set')).toEqual([{ panelMode: 'auto', requestFormat: 'text', responseObserver: true, requestChannel: null, admin: null }]);
    expect(byTestId(app, 'wd-settings-saved').textContent).toBe('Saved');

    choose(format, 'markdown');
    await settle();
    expect(fake.callsOf('settings/set').at(-1)).toEqual({ panelMode: 'auto', requestFormat: 'markdown', responseObserver: true, requestChannel: null, admin: null });

    // The response observer: on by default, one click turns it off, and the page says what it reads.
    const observer = byTestId(app, 'wd-setting-response-observer') as HTMLInputElement;
    expect(observer.checked).toBe(true);
    expect(byTestId(app, 'wd-setting-response-observer-help').textContent).toMatch(/never reads a successful response/);
    observer.click();
    await settle();
    expect(fake.callsOf('settings/set').at(-1)).toEqual({ panelMode: 'auto', requestFormat: 'markdown', responseObserver: false, requestChannel: null, admin: null });
  });

  test('"Saved" clears after a few seconds, and at once when the form is edited again', async () => {
    vi.useFakeTimers();
    try {
      const fake = new FakeWorker().answer('settings/get', settings({})).answer('settings/set', (s) => s);
      app = document.createElement('main');
      document.body.append(app);
      render(<SettingsSection send={fake.send} />, app);
      await vi.advanceTimersByTimeAsync(10);
      choose(byTestId(app, 'wd-setting-request-format') as HTMLSelectElement, 'markdown');
      await vi.advanceTimersByTimeAsync(10);
      expect(allByTestId(app, 'wd-settings-saved')).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(COPIED_MS - 500);
      expect(allByTestId(app, 'wd-settings-saved')).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(600);
      expect(allByTestId(app, 'wd-settings-saved')).toHaveLength(0);

      // Saved again, then an unsaved edit: the note goes before its timer does.
      choose(byTestId(app, 'wd-setting-panel-mode') as HTMLSelectElement, 'on-request');
      await vi.advanceTimersByTimeAsync(10);
      expect(allByTestId(app, 'wd-settings-saved')).toHaveLength(1);
      choose(byTestId(app, 'wd-setting-channel-kind') as HTMLSelectElement, 'ticketUrl');
      await vi.advanceTimersByTimeAsync(10);
      const url = byTestId(app, 'wd-setting-channel-url') as HTMLInputElement;
      url.value = 'https://tickets.example.com/new';
      url.dispatchEvent(new Event('input', { bubbles: true }));
      await vi.advanceTimersByTimeAsync(10);
      expect(allByTestId(app, 'wd-settings-saved')).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });

  test('a change while "Saved" shows is saved as made (a browser fires input, runs microtasks, then change)', async () => {
    const fake = new FakeWorker().answer('settings/get', settings({})).answer('settings/set', (s) => s);
    await open(fake);
    const format = byTestId(app, 'wd-setting-request-format') as HTMLSelectElement;
    choose(format, 'markdown');
    await settle();
    expect(allByTestId(app, 'wd-settings-saved')).toHaveLength(1);
    format.value = 'text';
    format.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    format.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(fake.callsOf('settings/set').map((s) => s.requestFormat)).toEqual(['markdown', 'text']);
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

describe('options: settings the organization sets', () => {
  async function openManaged(fake: FakeWorker, managed: ManagedConfig) {
    app = document.createElement('main');
    document.body.append(app);
    render(<SettingsSection send={fake.send} managed={managed} />, app);
    await settle();
  }

  test('a managed or locked setting is read-only and says "Set by your organization"', async () => {
    const managed = checkManagedConfig({ requestFormat: 'markdown', locked: ['requestChannel'] }).config;
    const fake = new FakeWorker().answer('settings/get', settings({ requestFormat: 'markdown' })).answer('settings/set', (s) => s);
    await openManaged(fake, managed);
    expect((byTestId(app, 'wd-setting-request-format') as HTMLSelectElement).disabled).toBe(true);
    expect(byTestId(app, 'wd-managed-requestFormat').textContent).toBe('Set by your organization');
    expect((byTestId(app, 'wd-setting-channel') as HTMLFieldSetElement).disabled).toBe(true);
    expect(allByTestId(app, 'wd-setting-channel-save')).toHaveLength(0);
    expect((byTestId(app, 'wd-setting-panel-mode') as HTMLSelectElement).disabled).toBe(false);
    expect(allByTestId(app, 'wd-managed-showPanel')).toHaveLength(0);
  });

  test('the user sets a ticket channel when no policy does; a bad template cannot be saved', async () => {
    const fake = new FakeWorker().answer('settings/get', settings({})).answer('settings/set', (s) => s);
    await open(fake);
    choose(byTestId(app, 'wd-setting-channel-kind') as HTMLSelectElement, 'ticketUrl');
    await settle();
    const url = byTestId(app, 'wd-setting-channel-url') as HTMLInputElement;
    type(url, 'http://tickets.example.com/new?s={summary}');
    await settle();
    expect(byTestId(app, 'wd-setting-channel-problem').textContent).toBe('not https (http)');
    expect((byTestId(app, 'wd-setting-channel-save') as HTMLButtonElement).disabled).toBe(true);
    type(url, 'https://tickets.example.com/new?s={summary}');
    await settle();
    click(byTestId(app, 'wd-setting-channel-save'));
    await settle();
    expect(fake.callsOf('settings/set').at(-1)).toMatchObject({ requestChannel: { kind: 'ticketUrl', url: 'https://tickets.example.com/new?s={summary}' } });
  });
});

function type(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
