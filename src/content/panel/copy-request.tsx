// "Copy request for admin": the ready-made request text, in plain text or Markdown, to the clipboard. When the
// browser refuses the clipboard, the text is shown selected in a read-only box so the user can copy it by hand.
import { useState } from 'preact/hooks';
import type { Denial } from '../../core/denial.ts';
import type { Diagnosis } from '../../core/diagnosis.ts';
import type { Explanation } from '../../core/explanation.ts';
import { formatAdminRequest } from '../../core/request/admin-request.ts';
import type { Settings } from '../../shared/protocol.ts';
import { ManualCopy, useCopy } from './copy-state.tsx';
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

export function CopyRequest({ denial, explanation, pageUrl, seenAt, diagnosis = null, settings, openTab, writeClipboard, label = 'Copy request for admin', merged = [] }: CopyRequestProps) {
  const [format, setFormat] = useState<Settings['requestFormat']>(settings.requestFormat);
  // The merged denials are on this page: the request asks for their actions too, and quotes their messages.
  const alsoDenied = merged.map((other) => ({ denial: other.denial, pageUrl }));
  const { state, copy, reset } = useCopy(writeClipboard);
  const request = () => formatAdminRequest({ denial, explanation, pageUrl, diagnosis, admin: settings.admin, deniedAt: seenAt, alsoDenied }, format);

  return (
    <div class="copy">
      <AdminContactLine admin={settings.admin} />
      <div class="row">
        <button type="button" class="primary" data-testid="wd-copy-request" onClick={onTrusted(() => void copy(request()))}>
          {label}
        </button>
        <SendToAdmin {...{ denial, explanation, pageUrl, diagnosis, deniedAt: seenAt, alsoDenied, settings, format, openTab, writeClipboard }} />
        <label>
          as{' '}
          <select
            data-testid="wd-copy-format"
            value={format}
            onChange={(e) => {
              setFormat(e.currentTarget.value === 'markdown' ? 'markdown' : 'text');
              reset();
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
      {state.kind === 'refused' && <ManualCopy text={state.text} label={label} />}
    </div>
  );
}
