// The panel frame: an extension page that each panel embeds (web-accessible, through Chrome's per-session dynamic
// URL). Everything that comes from credentials is shown here and only here: the profile list, the diagnosis'
// progress, the blocking policy and statement, and the request with the diagnosis in it. The console page, and a
// script in it, cannot read a cross-origin frame, and the worker answers these requests only to this page.
// The record id comes in the URL's fragment; the worker gives this frame only records of its own tab. The frame
// tells the console page two things only: its height, and whether it shows a diagnosis (a state word, no content).
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Diagnosis, DiagnosisStep } from '../core/diagnosis.ts';
import { explainDenial } from '../core/rules/index.ts';
import { openChecks } from '../core/rules/open-checks.ts';
import { inertText as t, errorMessage } from '../core/text.ts';
import { retrying } from '../content/retry.ts';
import { CopyRequest } from '../content/panel/copy-request.tsx';
import { PANEL_CSS } from '../content/panel/styles.ts';
import { browser } from '../shared/compat.ts';
import { request } from '../shared/messaging.ts';
import { DEFAULT_SETTINGS, pushCheck, type DenialRecord, type FrameToPanel, type PanelToFrame, type Push, type Settings } from '../shared/protocol.ts';
import type { Send } from '../content/panel/types.ts';
import { DiagnoseSection } from './diagnose-section.tsx';
import { FRAME_CSS } from './frame-styles.ts';

const send = retrying(request);
const recordId = decodeURIComponent(location.hash.slice(1));

/** `send`, with a port open to the worker while a diagnosis runs: its progress and result come over it. */
function sendFollowing(onPush: (push: Push) => void): Send {
  return async (type, payload) => {
    if (type !== 'diagnosis/run') return send(type, payload);
    const port = browser.runtime.connect({ name: `progress:${recordId}` });
    port.onMessage.addListener((message: unknown) => {
      if (pushCheck(message, 'push') === null && (message as Push).recordId === recordId) onPush(message as Push);
    });
    try {
      return await send(type, payload);
    } finally {
      port.disconnect();
    }
  };
}

type Loaded = { kind: 'loading' } | { kind: 'gone' } | { kind: 'failed'; message: string } | { kind: 'loaded'; record: DenialRecord; settings: Settings };

function FrameApp() {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [progress, setProgress] = useState<DiagnosisStep[] | null>(null);
  const [pushed, setPushed] = useState<Diagnosis | null>(null);
  const [diagnosis, setDiagnosis] = useState<Diagnosis | null>(null);

  useEffect(() => {
    Promise.all([send('panel/record', { recordId }), send('settings/get', {}).catch(() => DEFAULT_SETTINGS)]).then(
      ([{ record }, settings]) => {
        setLoaded(record ? { kind: 'loaded', record, settings } : { kind: 'gone' });
        if (record?.diagnosis) setDiagnosis(record.diagnosis);
      },
      (e: unknown) => setLoaded({ kind: 'failed', message: errorMessage(e) }),
    );
  }, []);
  const following = useMemo(() => sendFollowing((push) => {
    if (push.type === 'diagnosis/progress') setProgress(push.steps);
    else if (push.type === 'diagnosis/done') setPushed(push.diagnosis);
  }), []);

  const diagnosed = diagnosis !== null && diagnosis.status !== 'failed';
  useEffect(() => tellParent({ whyDeniedFrameState: diagnosed ? 'diagnosed' : 'idle' }), [diagnosed]);

  if (loaded.kind === 'loading') return <p class="muted">Looking for profiles…</p>;
  if (loaded.kind === 'gone') return <p class="muted" data-testid="wd-diagnosis-message">This denial is no longer on record (the page was reloaded); look at it again after the page settles.</p>;
  if (loaded.kind === 'failed') return <p class="error" role="alert" data-testid="wd-diagnosis-error">The extension's worker could not be reached: {t(loaded.message)}</p>;
  const { record, settings } = loaded;
  const explanation = explainDenial(record.denial, { pageUrl: record.pageUrl, partition: null });
  return (
    <DiagnoseSection
      data={{ recordId, accountId: record.denial.accountId, progress, pushedDiagnosis: pushed }}
      send={following}
      diagnosis={diagnosis}
      onDiagnosis={setDiagnosis}
      context={{ denial: record.denial, pageUrl: record.pageUrl, explanation }}
    >
      <CopyRequest
        denial={record.denial}
        explanation={{ ...explanation, checklist: openChecks(explanation, diagnosis) }}
        pageUrl={record.pageUrl}
        diagnosis={diagnosis}
        settings={settings}
        openTab={(url) => void window.open(url, '_blank', 'noopener,noreferrer')}
        writeClipboard={(text) => navigator.clipboard.writeText(text)}
        label="Copy request with this diagnosis"
      />
    </DiagnoseSection>
  );
}

/** A message to the panel around this frame: its height or its state, never what the diagnosis found. */
function tellParent(message: FrameToPanel): void {
  parent.postMessage(message, '*');
}

/** Escape folds the panel around the frame, as it does anywhere else in the panel. */
function passOnEscape(): void {
  addEventListener('keydown', (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.defaultPrevented) tellParent({ whyDeniedFrameEscape: true });
  });
}

/** The panel sizes the frame to its content: the height is the one thing this page tells the console page. */
function reportHeight(): void {
  let last = -1;
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    tellParent({ whyDeniedFrameHeight: height });
  }).observe(document.documentElement);
}

/**
 * The console's visual mode, as the panel around this frame reads it ({ whyDeniedFrameMode }): the frame's colours
 * follow it like the panel's do, and prefers-color-scheme when there is none. Only the parent window may set it.
 */
function followParentMode(root: HTMLElement): void {
  addEventListener('message', (event: MessageEvent) => {
    if (event.source !== parent) return;
    const mode = (event.data as Partial<Record<keyof PanelToFrame, unknown>> | null)?.whyDeniedFrameMode;
    if (mode === 'dark' || mode === 'light') root.dataset.mode = mode;
    else if (mode === null) delete root.dataset.mode;
  });
}

const style = document.createElement('style');
style.textContent = `${PANEL_CSS}\n${FRAME_CSS}`;
document.head.append(style);
const app = document.getElementById('app');
if (app) {
  followParentMode(app);
  passOnEscape();
  render(<FrameApp />, app);
}
reportHeight();
