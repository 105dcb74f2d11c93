// What every copy button does (the panel's request, the panel frame's statement and side requests, the popup's
// requests): copy, say "Copied" for a few seconds, and when the browser refuses the clipboard, keep the text so it
// can be shown selected for the user to copy by hand.
import { useEffect, useRef, useState } from 'preact/hooks';
import { inertText } from '../../core/text.ts';
import { ErrorAlert } from './error-alert.tsx';
import type { WriteClipboard } from './types.ts';

/** How long "Copied" stays: long enough to read, gone before the next copy so that one is announced too. */
export const COPIED_MS = 4000;

/** `key` says which of several texts (the popup's denials) was copied; null where there is one. */
export type CopyState = { kind: 'idle' } | { kind: 'copied'; key: string | null } | { kind: 'refused'; key: string | null; text: string };

export interface Copier {
  state: CopyState;
  copy: (text: string, key?: string | null) => Promise<void>;
  /** Back to idle: no "Copied", no manual-copy box (the text to copy changed). */
  reset: () => void;
}

/** Calls `clear` COPIED_MS after a `state` in which `shown` holds ("Copied", the options' "Saved"); a new state waits anew. */
export function useClearCopied(state: object, shown: boolean, clear: () => void): void {
  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(clear, COPIED_MS);
    return () => clearTimeout(timer);
  }, [state]);
}

export function useCopy(write: WriteClipboard): Copier {
  const [state, setState] = useState<CopyState>({ kind: 'idle' });
  useClearCopied(state, state.kind === 'copied', () => setState({ kind: 'idle' }));
  const copy = async (text: string, key: string | null = null) => {
    // Cleared first, so a second copy puts a new "Copied" into the live region and it is announced again.
    setState({ kind: 'idle' });
    try {
      await write(text);
      setState({ kind: 'copied', key });
    } catch {
      setState({ kind: 'refused', key, text });
    }
  };
  return { state, copy, reset: () => setState({ kind: 'idle' }) };
}

/** The text the browser would not copy, selected in a read-only box, in an alert that says why. */
export function ManualCopy({ text, label }: { text: string; label: string }) {
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => box.current?.select(), [text]);
  return (
    <ErrorAlert message="The browser did not allow copying. Select the text below and copy it yourself:">
      <textarea ref={box} readOnly rows={8} aria-label={label} data-testid="wd-copy-fallback" value={inertText(text)} />
    </ErrorAlert>
  );
}
