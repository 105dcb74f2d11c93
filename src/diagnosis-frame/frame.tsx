// The panel frame: an extension page that each panel embeds (web-accessible, through Chrome's per-session dynamic
// URL). Everything that comes from credentials is shown here and only here: the profile list, the diagnosis'
// progress, the blocking policy and statement, and the request with the diagnosis in it. The console page, and a
// script in it, cannot read a cross-origin frame, and the worker answers these requests only to this page.
// The record id comes in the URL's fragment (a merged panel's frame gets every record id of its panel, and diagnoses
// each); the worker gives this frame only records of its own tab. The frame tells the console page two things only:
// its height, and whether it shows a diagnosis of every denial (a state word, no content).
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Diagnosis, DiagnosisStep } from '../core/diagnosis.ts';
import { explainDenial } from '../core/rules/index.ts';
import { openChecks } from '../core/rules/open-checks.ts';
import { inertText as t, errorMessage } from '../core/text.ts';
import { retrying } from '../content/retry.ts';
import { CopyRequest } from '../content/panel/copy-request.tsx';
import { splitRecordIds } from '../content/panel/frame-records.ts';
import { openTabFrom } from '../content/open-tab.ts';
import { PANEL_CSS } from '../content/panel/styles.ts';
import { browser } from '../shared/compat.ts';
import { request } from '../shared/messaging.ts';
import { DEFAULT_SETTINGS, pushCheck, type DenialRecord, type DiagnosisPush, type FrameToPanel, type PanelToFrame, type RequestOf, type Settings } from '../shared/protocol.ts';
import type { Send } from '../content/panel/types.ts';
import { DiagnoseSection, type DenialContext } from './diagnose-section.tsx';
import { FRAME_CSS } from './frame-styles.ts';
import type { AnswerGroup } from './merged-answers.tsx';

const send = retrying(request);
const [recordId = '', ...otherRecordIds] = splitRecordIds(decodeURIComponent(location.hash.slice(1)));

/** `send`, with a port open to the worker while a diagnosis runs: its progress and result come over it. */
function sendFollowing(onPush: (push: DiagnosisPush) => void): Send {
  return async (type, payload) => {
    if (type !== 'diagnosis/run') return send(type, payload);
    const { recordId } = payload as RequestOf<'diagnosis/run'>;
    const port = browser.runtime.connect({ name: `progress:${recordId}` });
    port.onMessage.addListener((message: unknown) => {
      const push = message as DiagnosisPush;
      const diagnosisNews = push?.type === 'diagnosis/progress' || push?.type === 'diagnosis/done';
      if (diagnosisNews && pushCheck(message, 'push') === null && push.recordId === recordId) onPush(push);
    });
    try {
      return await send(type, payload);
    } finally {
      port.disconnect();
    }
  };
}

/** A record and what the message says about it. */
interface LoadedRecord {
  record: DenialRecord;
  context: DenialContext;
}
type Loaded = { kind: 'loading' } | { kind: 'gone' } | { kind: 'failed'; message: string } | { kind: 'loaded'; lead: LoadedRecord; others: LoadedRecord[]; settings: Settings };

const withContext = (record: DenialRecord): LoadedRecord => ({
  record,
  context: { denial: record.denial, pageUrl: record.pageUrl, explanation: explainDenial(record.denial, { pageUrl: record.pageUrl, partition: null }) },
});

function FrameApp() {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [progress, setProgress] = useState<DiagnosisStep[] | null>(null);
  const [pushed, setPushed] = useState<Diagnosis | null>(null);
  /** Each record's diagnosis, by record id. */
  const [diagnoses, setDiagnoses] = useState<Record<string, Diagnosis>>({});
  const setDiagnosis = (diagnosis: Diagnosis, id: string) => setDiagnoses((all) => ({ ...all, [id]: diagnosis }));

  useEffect(() => {
    const records = Promise.all([recordId, ...otherRecordIds].map((id) => send('panel/record', { recordId: id }).then(({ record }) => record)));
    Promise.all([records, send('settings/get', {}).catch(() => DEFAULT_SETTINGS)]).then(
      ([[lead, ...others], settings]) => {
        // A merged denial that left the record (its page part re-rendered) is simply not diagnosed here.
        const kept = others.filter((record): record is DenialRecord => record !== null);
        setLoaded(lead ? { kind: 'loaded', lead: withContext(lead), others: kept.map(withContext), settings } : { kind: 'gone' });
        for (const record of lead ? [lead, ...kept] : []) if (record.diagnosis) setDiagnosis(record.diagnosis, record.id);
      },
      (e: unknown) => setLoaded({ kind: 'failed', message: errorMessage(e) }),
    );
  }, []);
  const following = useMemo(() => sendFollowing((push) => {
    if (push.type === 'diagnosis/progress') setProgress(push.steps);
    else if (push.type === 'diagnosis/done' && push.recordId === recordId) setPushed(push.diagnosis);
    else if (push.type === 'diagnosis/done') setDiagnosis(push.diagnosis, push.recordId);
  }), []);

  const ids = loaded.kind === 'loaded' ? [loaded.lead, ...loaded.others].map(({ record }) => record.id) : [recordId];
  const diagnosed = ids.every((id) => diagnoses[id] !== undefined && diagnoses[id].status !== 'failed');
  useEffect(() => tellParent({ whyDeniedFrameState: diagnosed ? 'diagnosed' : 'idle' }), [diagnosed]);

  if (loaded.kind === 'loading') return <p class="muted">Looking for profiles…</p>;
  if (loaded.kind === 'gone') return <p class="muted" data-testid="wd-diagnosis-message">This denial is no longer on record (the page was reloaded); look at it again after the page settles.</p>;
  if (loaded.kind === 'failed') return <p class="error" role="alert" data-testid="wd-diagnosis-error">The extension's worker could not be reached: {t(loaded.message)}</p>;
  const { lead, others, settings } = loaded;
  const diagnosis = diagnoses[lead.record.id] ?? null;
  const request = (context: DenialContext, diagnosis: Diagnosis | null, label: string, merged: DenialContext[] = []) => (
    <CopyRequest
      denial={context.denial}
      explanation={{ ...context.explanation, checklist: openChecks(context.explanation, diagnosis) }}
      pageUrl={context.pageUrl}
      diagnosis={diagnosis}
      merged={merged}
      settings={settings}
      openTab={openTabFrom(window)}
      writeClipboard={(text) => navigator.clipboard.writeText(text)}
      label={label}
    />
  );
  // One answer for all actions: one request for all of them, with the first one's diagnosis; else one per action.
  const requestFor = ({ targets: [first, ...rest] }: AnswerGroup) =>
    request(first.context, first.diagnosis, rest.length > 0 ? 'Copy request with this diagnosis' : `Copy request for ${first.context.denial.action ?? 'this denial'}`, rest.map((target) => target.context));
  return (
    <DiagnoseSection
      data={{ recordId: lead.record.id, accountId: lead.record.denial.accountId, progress, pushedDiagnosis: pushed, diagnosedWith: lead.record.diagnosedWith ?? null }}
      send={following}
      diagnosis={diagnosis}
      onDiagnosis={setDiagnosis}
      context={lead.context}
      others={others.map(({ record, context }) => ({ recordId: record.id, context, diagnosis: diagnoses[record.id] ?? null }))}
      requestFor={requestFor}
    >
      {request(lead.context, diagnosis, 'Copy request with this diagnosis')}
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
