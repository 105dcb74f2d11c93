// The user's own "Send to admin" channel, when no policy sets one: an email address (with cc and a subject
// template) or an https ticket URL template. Checked with the same rules as a policy's channel before it is saved.
import { useState } from 'preact/hooks';
import { channelProblem, PLACEHOLDERS, type RequestChannel } from '../core/request/send.ts';
import { inertText as t } from '../core/text.ts';

interface Props {
  channel: RequestChannel | null;
  /** Set by a policy (or locked): shown, not editable. */
  fixed: boolean;
  onSave: (channel: RequestChannel | null) => void;
  /** Called on every edit not saved yet. */
  onEdit?: () => void;
}

type Kind = 'none' | RequestChannel['kind'];

const split = (s: string) => s.split(/[,;\s]+/).map((a) => a.trim()).filter(Boolean);

export function ChannelField({ channel, fixed, onSave, onEdit = () => {} }: Props) {
  const [kind, setKind] = useState<Kind>(channel?.kind ?? 'none');
  const [to, setTo] = useState(channel?.kind === 'email' ? channel.to : '');
  const [cc, setCc] = useState(channel?.kind === 'email' ? channel.cc.join(', ') : '');
  const [subject, setSubject] = useState(channel?.kind === 'email' ? channel.subject : '');
  const [url, setUrl] = useState(channel?.kind === 'ticketUrl' ? channel.url : '');
  /** A field's setter that also says the form now differs from what was saved. */
  const edited = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    onEdit();
  };

  const draft: RequestChannel | null =
    kind === 'email' ? { kind: 'email', to: to.trim(), cc: split(cc), subject } : kind === 'ticketUrl' ? { kind: 'ticketUrl', url: url.trim() } : null;
  const problem = draft ? channelProblem(draft) : null;

  return (
    <fieldset class="field" disabled={fixed} data-testid="wd-setting-channel">
      <legend>"Send to admin" sends the request</legend>
      <label>
        Channel{' '}
        <select data-testid="wd-setting-channel-kind" value={kind} onChange={(e) => edited(setKind)(e.currentTarget.value as Kind)}>
          <option value="none">Nowhere (no "Send to admin" button)</option>
          <option value="email">By email</option>
          <option value="ticketUrl">To a ticket form (URL)</option>
        </select>
      </label>
      {kind === 'email' && (
        <>
          <label>To <input type="email" data-testid="wd-setting-channel-to" value={to} onInput={(e) => edited(setTo)(e.currentTarget.value)} /></label>
          <label>Cc <input data-testid="wd-setting-channel-cc" value={cc} onInput={(e) => edited(setCc)(e.currentTarget.value)} /></label>
          <label>Subject (empty: the request's title) <input data-testid="wd-setting-channel-subject" value={subject} onInput={(e) => edited(setSubject)(e.currentTarget.value)} /></label>
        </>
      )}
      {kind === 'ticketUrl' && (
        <label>
          Ticket URL (https)
          <input type="url" data-testid="wd-setting-channel-url" value={url} placeholder="https://tickets.example.com/new?summary={summary}&body={request}" onInput={(e) => edited(setUrl)(e.currentTarget.value)} />
        </label>
      )}
      {kind !== 'none' && <small class="muted">Placeholders: {PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}</small>}
      {problem && <small class="error" data-testid="wd-setting-channel-problem">{t(problem)}</small>}
      {!fixed && (
        <button type="button" data-testid="wd-setting-channel-save" disabled={problem !== null} onClick={() => onSave(draft)}>
          Save "Send to admin"
        </button>
      )}
    </fieldset>
  );
}
