// A button that copies one text (a statement, one account's request) to the clipboard, with the panel's copy
// behaviour (content/panel/copy-state.tsx): "Copied" for a few seconds, the text to copy by hand when refused.
import { ManualCopy, useCopy } from '../content/panel/copy-state.tsx';
import { onTrusted } from '../content/panel/trusted.ts';

interface CopyButtonProps {
  label: string;
  /** The text, made when the button is pressed. */
  text: () => string;
  testid: string;
  primary?: boolean;
}

export function CopyButton({ label, text, testid, primary = false }: CopyButtonProps) {
  const { state, copy } = useCopy((value) => navigator.clipboard.writeText(value));
  return (
    <>
      <span class="copy-one">
        <button type="button" class={primary ? 'primary' : undefined} data-testid={testid} onClick={onTrusted(() => void copy(text()))}>
          {label}
        </button>
        <span role="status" aria-live="polite" class="status">
          {state.kind === 'copied' && 'Copied'}
        </span>
      </span>
      {state.kind === 'refused' && <ManualCopy text={state.text} label={label} />}
    </>
  );
}
