// @vitest-environment happy-dom
// The "Send to admin" button: shown only with a channel, and deaf to clicks a page script makes (untrusted events;
// the real, trusted click that opens the ticket form is checked end to end in both browsers, test/e2e/managed).
// It opens the URL itself, as a link: the worker takes no request to open a tab from the content script.
import { render } from 'preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { AdminContactLine, SendToAdmin } from '../../../src/content/panel/send-to-admin.tsx';
import { TEXT, allByTestId, byTestId, click, panelData, parseOne, settings, settle, untrustedClick } from './helpers.ts';

let app: HTMLElement;
afterEach(() => {
  render(null, app);
  app.remove();
});

function mount(channel: Parameters<typeof settings>[0]['requestChannel']) {
  const data = panelData(parseOne(TEXT.implicitIdentity));
  const openTab = vi.fn((_url: string) => {});
  const writeClipboard = vi.fn(async (_text: string) => {});
  app = document.createElement('div');
  document.body.append(app);
  const s = settings({ requestChannel: channel ?? null });
  render(<SendToAdmin denial={data.denial} explanation={data.explanation} pageUrl={data.pageUrl} diagnosis={null} deniedAt={data.seenAt} settings={s} format="text" openTab={openTab} writeClipboard={writeClipboard} />, app);
  return { openTab, writeClipboard };
}

describe('Send to admin', () => {
  test('no channel, no button', () => {
    mount(null);
    expect(allByTestId(app, 'wd-send-admin')).toHaveLength(0);
  });

  test('a click a script makes (not trusted) opens nothing and copies nothing', async () => {
    const { openTab, writeClipboard } = mount({ kind: 'email', to: 'admins@example.com', cc: [], subject: '' });
    expect(byTestId(app, 'wd-send-admin').textContent).toBe('Send to admin (email)');
    untrustedClick(byTestId(app, 'wd-send-admin'));
    await settle();
    expect(openTab).not.toHaveBeenCalled();
    expect(writeClipboard).not.toHaveBeenCalled();
  });

  test("a user's click opens the channel's mailto: and copies the full request", async () => {
    const { openTab, writeClipboard } = mount({ kind: 'email', to: 'admins@example.com', cc: [], subject: '' });
    click(byTestId(app, 'wd-send-admin'));
    await settle();
    expect(openTab.mock.calls).toEqual([[expect.stringMatching(/^mailto:admins@example\.com\?/)]]);
    expect(writeClipboard.mock.invocationCallOrder[0]).toBeLessThan(openTab.mock.invocationCallOrder[0]!);
    expect(writeClipboard).toHaveBeenCalledTimes(1);
  });

  test('the contact line names the organization\'s admin, as text', () => {
    app = document.createElement('div');
    document.body.append(app);
    render(<AdminContactLine admin={{ name: '<b>Cloud</b> Team', email: 'cloud@example.com', url: '' }} />, app);
    expect(byTestId(app, 'wd-admin-contact').textContent).toBe('Your administrator: <b>Cloud</b> Team · cloud@example.com');
    expect(app.querySelector('b')).toBeNull();
  });
});
