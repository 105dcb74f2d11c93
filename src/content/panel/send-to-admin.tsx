// "Send to admin", beside "Copy request": opens the request in the channel the organization (or the user) set up,
// a mailto: or a ticket form filled with the denial's placeholders. The panel opens the URL in a new tab itself, as
// a link would: the worker takes no request to open a tab from a content script, whose world a page may subvert.
// Mail clients take short links only, so the full text is also copied, and the user is told.
import { useState } from 'preact/hooks';
import type { Denial } from '../../core/denial.ts';
import type { Diagnosis } from '../../core/diagnosis.ts';
import type { Explanation } from '../../core/explanation.ts';
import { placeholderValues, sendTarget, type SendInput } from '../../core/request/send.ts';
import { inertText } from '../../core/text.ts';
import type { Settings } from '../../shared/protocol.ts';
import { ErrorAlert } from './error-alert.tsx';
import type { OpenTab, WriteClipboard } from './types.ts';

interface SendToAdminProps {
  denial: Denial;
  explanation: Explanation;
  pageUrl: string;
  diagnosis: Diagnosis | null;
  deniedAt: SendInput['deniedAt'];
  alsoDenied?: SendInput['alsoDenied'];
  settings: Settings;
  format: Settings['requestFormat'];
  openTab: OpenTab;
  writeClipboard: WriteClipboard;
}

type SendState = { kind: 'idle' } | { kind: 'sent'; message: string } | { kind: 'failed'; message: string };

export function AdminContactLine({ admin }: { admin: Settings['admin'] }) {
  if (!admin) return null;
  const parts = [admin.name, admin.email, admin.url].filter(Boolean).map(inertText);
  return <p class="muted" data-testid="wd-admin-contact">Your administrator: {parts.join(' · ')}</p>;
}

export function SendToAdmin({ denial, explanation, pageUrl, diagnosis, deniedAt, alsoDenied, settings, format, openTab, writeClipboard }: SendToAdminProps) {
  const [state, setState] = useState<SendState>({ kind: 'idle' });
  const channel = settings.requestChannel;
  if (!channel) return null;

  const open = async (event: MouseEvent) => {
    // Only a real click opens a tab or writes the clipboard: a page cannot press this button for the user. The
    // clipboard goes first: once the new tab has the focus, the browser refuses it.
    if (!event.isTrusted) return;
    const values = placeholderValues({ denial, explanation, pageUrl, diagnosis, deniedAt, alsoDenied, admin: settings.admin, format });
    const target = sendTarget(channel, values);
    if (!target.ok) return setState({ kind: 'failed', message: `The "Send to admin" channel cannot be used: ${target.problem}.` });
    let copied = false;
    if (target.kind === 'email' || target.cut) copied = await writeClipboard(target.fullText).then(() => true, () => false);
    openTab(target.url);
    const opened = target.kind === 'email' ? 'Opened an email to your administrator.' : 'Opened the ticket form.';
    const note = target.cut ? (copied ? ' The request was too long for the link, so it was cut there; the full text is in your clipboard.' : ' The request was too long for the link and was cut; use "Copy request" for the full text.')
      : copied ? ' The full request is also in your clipboard.' : '';
    setState({ kind: 'sent', message: opened + note });
  };

  return (
    <>
      <button type="button" data-testid="wd-send-admin" onClick={(e) => void open(e)}>
        {channel.kind === 'email' ? 'Send to admin (email)' : 'Send to admin (ticket)'}
      </button>
      <span role="status" aria-live="polite" class="status" data-testid="wd-send-status">
        {state.kind === 'sent' && inertText(state.message)}
      </span>
      {state.kind === 'failed' && <ErrorAlert message={state.message} />}
    </>
  );
}
