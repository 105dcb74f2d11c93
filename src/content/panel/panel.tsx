// The panel under one denial: the explanation from the message, the request for the admin, and the diagnosis
// with credentials. In "on-request" mode only a small button is shown until the user asks.
import { useRef, useState } from 'preact/hooks';
import type { Denial } from '../../core/denial.ts';
import type { Diagnosis } from '../../core/diagnosis.ts';
import { inertText as t } from '../../core/text.ts';
import { CopyRequest } from './copy-request.tsx';
import { DiagnoseSection } from './diagnose-section.tsx';
import { ExplanationGuidance, ExplanationSummary } from './explanation-view.tsx';
import type { PanelProps } from './types.ts';

export function Panel({ data, send, writeClipboard }: PanelProps) {
  const [open, setOpen] = useState(data.settings.panelMode === 'auto');
  const [expanded, setExpanded] = useState(true);
  const toggle = useRef<HTMLButtonElement>(null);
  // A diagnosis belongs to the denial it was run for: when the page changes the message, it no longer applies
  // (the worker drops it too).
  const [diagnosed, setDiagnosed] = useState<{ denial: Denial; diagnosis: Diagnosis } | null>(null);
  const diagnosis = diagnosed?.denial === data.denial ? diagnosed.diagnosis : null;
  const setDiagnosis = (d: Diagnosis) => setDiagnosed({ denial: data.denial, diagnosis: d });

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
          diagnosis={diagnosis}
          defaultFormat={data.settings.requestFormat}
          writeClipboard={writeClipboard}
        />
        <ExplanationGuidance denial={data.denial} explanation={data.explanation} />
        <h3>Diagnose with credentials</h3>
        <DiagnoseSection data={data} send={send} diagnosis={diagnosis} onDiagnosis={setDiagnosis} />
      </div>
    </section>
  );
}
