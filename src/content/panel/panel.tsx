// The panel under one denial: the explanation from the message and the request for the admin, rendered at once
// from the page's own text; below them, the panel frame (an extension page) with everything that needs
// credentials. In "on-request" mode only a small button is shown until the user asks.
import { useEffect, useRef, useState } from 'preact/hooks';
import { inertText as t } from '../../core/text.ts';
import { CopyRequest } from './copy-request.tsx';
import { ExplanationGuidance, ExplanationSummary } from './explanation-view.tsx';
import type { FrameUrl, PanelData, PanelProps } from './types.ts';

/** The frame's height is the one message the panel takes from it, and only from that frame's own window. */
const MAX_FRAME_HEIGHT = 4000;

function DiagnosisFrame({ data, frameUrl }: { data: PanelData; frameUrl: FrameUrl }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(60);
  useEffect(() => {
    const element = frame.current;
    const win = element?.ownerDocument.defaultView;
    if (!element || !win) return undefined;
    const onMessage = (event: MessageEvent) => {
      if (event.source !== element.contentWindow) return;
      const asked = (event.data as { whyDeniedFrameHeight?: unknown } | null)?.whyDeniedFrameHeight;
      if (typeof asked === 'number' && asked >= 0 && asked <= MAX_FRAME_HEIGHT) setHeight(asked);
    };
    win.addEventListener('message', onMessage);
    return () => win.removeEventListener('message', onMessage);
  }, [data.recordId]);
  if (!data.recordId) return <p class="muted">{t(data.recordError ?? 'Waiting for the extension to register this denial…')}</p>;
  return (
    <iframe
      ref={frame}
      class="diagnosis-frame"
      data-testid="wd-diagnosis-frame"
      title="why-denied: diagnosis with credentials"
      src={frameUrl(data.recordId)}
      // "*", not the default "src": the frame's document has the extension's own origin, not the dynamic URL's.
      allow="clipboard-write *"
      style={{ height: `${height}px` }}
    />
  );
}

export function Panel({ data, writeClipboard, send, frameUrl }: PanelProps) {
  const [open, setOpen] = useState(data.settings.panelMode === 'auto');
  const [expanded, setExpanded] = useState(true);
  const toggle = useRef<HTMLButtonElement>(null);

  if (!open)
    return (
      <button type="button" class="open" data-testid="wd-open" aria-label="Why denied? Explain this access denial" onClick={() => setOpen(true)}>
        Why denied?
      </button>
    );

  const bodyId = `wd-body-${data.watchId}`;
  // Escape folds the panel and leaves focus on its toggle, so keyboard users are not stranded in hidden content.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !expanded) return;
    setExpanded(false);
    toggle.current?.focus();
  };
  return (
    <section
      class="panel"
      role="region"
      aria-label={`Why denied: ${t(data.denial.action ?? 'access denial')}`}
      data-testid="wd-panel"
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <header>
        <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <circle cx="8" cy="8" r="7" />
          <path d="M8 11V8M8 5v.01" />
        </svg>
        <h2>Why denied?</h2>
        {!expanded && <p class="summary">{t(data.explanation.verdict)}</p>}
        <button ref={toggle} type="button" class="toggle" aria-expanded={expanded} aria-controls={bodyId} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Hide' : 'Show'}
        </button>
      </header>
      <div id={bodyId} class="body" hidden={!expanded}>
        <ExplanationSummary denial={data.denial} explanation={data.explanation} />
        <CopyRequest
          denial={data.denial}
          explanation={data.explanation}
          pageUrl={data.pageUrl}
          diagnosis={null}
          settings={data.settings}
          send={send}
          writeClipboard={writeClipboard}
        />
        <ExplanationGuidance denial={data.denial} explanation={data.explanation} />
        <h3>Diagnose with credentials</h3>
        <DiagnosisFrame data={data} frameUrl={frameUrl} />
      </div>
    </section>
  );
}
