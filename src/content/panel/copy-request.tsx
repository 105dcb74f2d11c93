// "Copy request for admin": the ready-made request text, in plain text or Markdown, to the clipboard. When the
// browser refuses the clipboard, the text is shown selected in a read-only box so the user can copy it by hand.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Denial } from '../../core/denial.ts';
import type { Diagnosis } from '../../core/diagnosis.ts';
import type { Explanation } from '../../core/explanation.ts';
import { formatAdminRequest } from '../../core/request/admin-request.ts';
import { inertText } from '../../core/text.ts';
import type { Settings } from '../../shared/protocol.ts';
import { ErrorAlert } from './error-alert.tsx';
import { AdminContactLine, SendToAdmin } from './send-to-admin.tsx';
import { onTrusted } from './trusted.ts';
import type { ExplainedDenial, OpenTab, WriteClipboard } from './types.ts';

interface CopyRequestProps {
  denial: Denial;
  explanation: Explanation;
  pageUrl: string;
  /** When the denial was seen (the request's time); the time of the copy when not known. */
  seenAt?: number;
  diagnosis?: Diagnosis | null;
  settings: Settings;
  openTab: OpenTab;
  writeClipboard: WriteClipboard;
  label?: string;
  /** The other denials of a merged panel: the request covers them too. */
  merged?: readonly ExplainedDenial[];
}

/** How long "Copied" stays: long enough to read, gone before the next copy so that one is announced too. */
export const COPIED_MS = 4000;

/** Clears a "Copied" note COPIED_MS after `state` last changed to one that shows it. */
export function useClearCopied(state: object, copied: boolean, clear: () => void): void {
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(clear, COPIED_MS);
    return () => clearTimeout(timer);
  }, [state]);
}

type CopyState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'refused'; text: string };

function ManualCopy({ text }: { text: string }) {
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => box.current?.select(), [text]);
  return (
    <ErrorAlert message="The browser did not allow copying. Select the text below and copy it yourself:">
      <textarea ref={box} readOnly rows={10} data-testid="wd-copy-fallback" value={inertText(text)} />
    </ErrorAlert>
  );
}

/** A merged panel's actions, for one request that asks for all of them (null for a panel of one denial). */
function mergedActions(denial: Denial, merged: readonly ExplainedDenial[]): string[] | null {
  if (merged.length === 0) return null;
  return [denial, ...merged.map((other) => other.denial)].flatMap((d) => (d.action ? [d.action] : []));
}

export function CopyRequest({ denial, explanation, pageUrl, seenAt, diagnosis = null, settings, openTab, writeClipboard, label = 'Copy request for admin', merged = [] }: CopyRequestProps) {
  const [format, setFormat] = useState<Settings['requestFormat']>(settings.requestFormat);
  const actions = mergedActions(denial, merged);
  const [state, setState] = useState<CopyState>({ kind: 'idle' });
  useClearCopied(state, state.kind === 'copied', () => setState({ kind: 'idle' }));

  const copy = async () => {
    const text = formatAdminRequest({ denial, explanation, pageUrl, diagnosis, admin: settings.admin, deniedAt: seenAt, actions }, format);
    // Cleared first, so a second copy puts a new "Copied" into the live region and it is announced again.
    setState({ kind: 'idle' });
    try {
      await writeClipboard(text);
      setState({ kind: 'copied' });
    } catch {
      setState({ kind: 'refused', text });
    }
  };

  return (
    <div class="copy">
      <AdminContactLine admin={settings.admin} />
      <div class="row">
        <button type="button" class="primary" data-testid="wd-copy-request" onClick={onTrusted(() => void copy())}>
          {label}
        </button>
        <SendToAdmin {...{ denial, explanation, pageUrl, diagnosis, deniedAt: seenAt, actions, settings, format, openTab, writeClipboard }} />
        <label>
          as{' '}
          <select
            data-testid="wd-copy-format"
            value={format}
            onChange={(e) => {
              setFormat(e.currentTarget.value === 'markdown' ? 'markdown' : 'text');
              setState({ kind: 'idle' });
            }}
          >
            <option value="text">plain text</option>
            <option value="markdown">Markdown</option>
          </select>
        </label>
        <span role="status" aria-live="polite" class="status">
          {state.kind === 'copied' && <span data-testid="wd-copied">Copied</span>}
        </span>
      </div>
      {state.kind === 'refused' && <ManualCopy text={state.text} />}
    </div>
  );
}
