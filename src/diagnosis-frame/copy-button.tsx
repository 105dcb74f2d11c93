// A button that copies one text (a statement, one account's request) to the clipboard, says "Copied" in a live
// region for a few seconds, and shows the text selected in a read-only box when the browser refuses.
import { useEffect, useRef, useState } from 'preact/hooks';
import { inertText as t } from '../core/text.ts';
import { useClearCopied } from '../content/panel/copy-request.tsx';
import { onTrusted } from '../content/panel/trusted.ts';

type CopyState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'refused' };

interface CopyButtonProps {
  label: string;
  /** The text, made when the button is pressed. */
  text: () => string;
  testid: string;
  primary?: boolean;
}

export function CopyButton({ label, text, testid, primary = false }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>({ kind: 'idle' });
  const [shown, setShown] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  useClearCopied(state, state.kind === 'copied', () => setState({ kind: 'idle' }));
  useEffect(() => box.current?.select(), [state, shown]);
  const copy = async () => {
    const value = text();
    setState({ kind: 'idle' });
    try {
      await navigator.clipboard.writeText(value);
      setState({ kind: 'copied' });
    } catch {
      setShown(value);
      setState({ kind: 'refused' });
    }
  };
  return (
    <>
      <span class="copy-one">
        <button type="button" class={primary ? 'primary' : undefined} data-testid={testid} onClick={onTrusted(() => void copy())}>
          {label}
        </button>
        <span role="status" aria-live="polite" class="status">
          {state.kind === 'copied' && 'Copied'}
        </span>
      </span>
      {state.kind === 'refused' && (
        <span class="manual-copy">
          The browser did not allow copying; select the text and copy it yourself:
          <textarea ref={box} readOnly rows={6} aria-label={label} value={t(shown)} />
        </span>
      )}
    </>
  );
}
