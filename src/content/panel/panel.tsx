// The panel under one denial (or several of one principal by one layer): the answer first, from the page's own text
// (the verdict, who can fix it, the request for the admin), then the panel frame (an extension page, made once the
// user turns to the panel) with everything that needs credentials, then one folded "Details for your
// administrator". Once the frame has a diagnosis, that is the answer: the guess from the message folds into
// "Background". Where space is scarce (a modal, a popover, a narrow widget), and in "on-request" mode, only a "Why
// denied?" button until it is clicked.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { inertText as t } from '../../core/text.ts';
import { CopyRequest } from './copy-request.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { ActionName, ExplanationFacts, ExplanationGuidance } from './explanation-view.tsx';
import { joinRecordIds } from './frame-records.ts';
import { sharedVerdict } from '../../core/request-group.ts';
import { deniedActions, landmarkName, panelDenials } from './merged.ts';
import { onTrusted } from './trusted.ts';
import type { VisualMode } from '../../console/visual-mode.ts';
import type { PanelToFrame } from '../../shared/protocol.ts';
import type { FrameUrl, PanelData, PanelProps } from './types.ts';

/** The most the panel lets its frame ask for, in px. */
const MAX_FRAME_HEIGHT = 4000;
/** The frame's height until it says its own. */
const FRAME_START_HEIGHT = 60;

/**
 * What the panel takes from its frame, and only from that frame's own window: the height it needs, and whether it
 * shows a diagnosis (a flag, never the diagnosis itself).
 */
export function readFrameMessage(data: unknown): { height: number } | { diagnosed: boolean } | { escape: true } | null {
  const message = data as { whyDeniedFrameHeight?: unknown; whyDeniedFrameState?: unknown; whyDeniedFrameEscape?: unknown } | null;
  const height = message?.whyDeniedFrameHeight;
  if (typeof height === 'number' && height >= 0 && height <= MAX_FRAME_HEIGHT) return { height };
  const state = message?.whyDeniedFrameState;
  if (state === 'diagnosed' || state === 'idle') return { diagnosed: state === 'diagnosed' };
  if (message?.whyDeniedFrameEscape === true) return { escape: true };
  return null;
}

/** The worker could not be reached: a reload starts this page's content script (and its report) again. */
const RELOAD_PAGE = { label: 'Reload page', run: (event: MouseEvent) => (event.currentTarget as Element).ownerDocument.defaultView?.location.reload() };

interface DiagnosisFrameProps {
  data: PanelData;
  frameUrl: FrameUrl;
  mode: VisualMode | null;
  onDiagnosed: (diagnosed: boolean) => void;
  onEscape: () => void;
  /** The user has turned to the panel (usePanelInterest): only then is the frame made. */
  wanted: boolean;
  onWant: () => void;
}

function DiagnosisFrame({ data, frameUrl, mode, onDiagnosed, onEscape, wanted, onWant }: DiagnosisFrameProps) {
  const frame = useRef<HTMLIFrameElement>(null);
  // A merged panel's frame diagnoses every action of the panel.
  const src = data.recordId ? frameUrl(joinRecordIds([data.recordId, ...data.mergedRecordIds])) : null;
  const [height, setHeight] = useState(FRAME_START_HEIGHT);
  // Focus on the slot's button when the frame replaced it moves to the frame, not to the page's body: once, when the
  // frame comes (with the record, if the button was pressed before the record was there).
  const slotFocused = useRef(false);
  useEffect(() => {
    if (!wanted || !slotFocused.current || !frame.current) return;
    slotFocused.current = false;
    frame.current.focus();
  }, [wanted, src]);
  // The frame follows the console's mode as the panel does; it cannot read the page's body itself. The frame's
  // origin is the extension's real one, not the dynamic URL's, hence "*"; the mode is no secret.
  const tellMode = () => frame.current?.contentWindow?.postMessage({ whyDeniedFrameMode: mode } satisfies PanelToFrame, '*');
  useEffect(tellMode, [mode]);
  useEffect(() => {
    // New records are a new frame: what the old one showed no longer holds until the new one says so.
    onDiagnosed(false);
    const element = frame.current;
    const win = element?.ownerDocument.defaultView;
    if (!element || !win) return undefined;
    const onMessage = (event: MessageEvent) => {
      // A frame without a window (not loaded, or gone) has nothing to say: a null source is never it.
      if (!element.contentWindow || event.source !== element.contentWindow) return;
      const read = readFrameMessage(event.data);
      if (read && 'height' in read) setHeight(read.height);
      else if (read && 'escape' in read) onEscape();
      else if (read) onDiagnosed(read.diagnosed);
    };
    win.addEventListener('message', onMessage);
    return () => win.removeEventListener('message', onMessage);
  }, [src, wanted]);
  if (data.recordError) return <ErrorAlert message={data.recordError} action={RELOAD_PAGE} />;
  // Its place, kept at the frame's size so nothing moves when it comes, from the panel's mount on: the record
  // (the worker's answer to the report) usually comes before the user turns to the panel.
  if (!wanted)
    return (
      <div class="diagnosis-frame frame-slot" data-testid="wd-diagnosis-frame-slot" style={{ height: `${height}px` }}>
        <button type="button" data-testid="wd-diagnosis-load" onFocus={() => (slotFocused.current = true)} onClick={onWant}>
          Diagnose with your AWS profile…
        </button>
      </div>
    );
  if (!src) return <p class="muted">Waiting for the extension to register this denial…</p>;
  return (
    <iframe
      // A new list of records is a new frame document: changing only the URL's fragment would not reload it.
      key={src}
      ref={frame}
      class="diagnosis-frame"
      data-testid="wd-diagnosis-frame"
      title="why-denied: diagnosis with credentials"
      src={src}
      // "*", not the default "src": the frame's document has the extension's own origin, not the dynamic URL's.
      allow="clipboard-write *"
      style={{ height: `${height}px` }}
      onLoad={tellMode}
    />
  );
}

/**
 * False until the user turns to the panel (the pointer over it, focus or a click in it, "Show on page"), then true
 * for good. The panel frame is a document of its own, another process in Chrome, and work in the page's process on
 * every frame it is shown in: a page of failed widgets would otherwise make one for each, and any page pays for it
 * in its own script time when the panel mounts, whether or not anyone reads the panel.
 */
function usePanelInterest(turned: boolean, onTurn?: () => void): [boolean, () => void] {
  const [interested, setInterested] = useState(turned);
  const show = () => {
    if (interested) return;
    setInterested(true);
    onTurn?.();
  };
  return [interested, show];
}

/**
 * One folded section: a real disclosure button (aria-expanded, aria-controls) over its content. The content is built
 * the first time it opens, and kept: most of a panel's elements are in it, and a panel mounts in the frame of the page
 * its denial appeared in.
 */
function Disclosure({ id, label, testid, children }: { id: string; label: string; testid: string; children: ComponentChildren }) {
  const [open, setOpen] = useState(false);
  const [built, setBuilt] = useState(false);
  const toggle = () => {
    setOpen(!open);
    setBuilt(true);
  };
  return (
    <div class="disclosure">
      <button type="button" class="disclosure-toggle" data-testid={`${testid}-toggle`} aria-expanded={open} aria-controls={id} onClick={toggle}>
        <svg class="caret" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="m5 2 6 6-6 6" />
        </svg>
        {label}
      </button>
      <div id={id} class="disclosure-content" data-testid={testid} hidden={!open}>
        {built && children}
      </div>
    </div>
  );
}

export function Panel({ data, writeClipboard, openTab, frameUrl, mode = null, onTurn }: PanelProps) {
  const [open, setOpen] = useState(Boolean(data.turned) || (data.settings.panelMode === 'auto' && !data.compact));
  const [expanded, setExpanded] = useState(true);
  const [diagnosed, setDiagnosed] = useState(false);
  const [interested, showInterest] = usePanelInterest(Boolean(data.turned), onTurn);
  // The container narrowed or widened past the compact width: fold to the button, or open as at mount. A diagnosis
  // stays open (scrollable in compact mode) rather than being thrown away.
  const compactAtLastRender = useRef(data.compact);
  useEffect(() => {
    if (compactAtLastRender.current === data.compact) return;
    compactAtLastRender.current = data.compact;
    if (!diagnosed) setOpen(data.settings.panelMode === 'auto' && !data.compact);
  }, [data.compact]);
  const toggle = useRef<HTMLButtonElement>(null);
  const denials = panelDenials(data);
  const actions = deniedActions(denials);

  if (!open)
    return (
      <button
        type="button"
        class="open"
        data-testid="wd-open"
        aria-label={`Why denied? Explain this access denial${actions.length ? ` (${actions.join(', ')})` : ''}`}
        onClick={onTrusted(() => {
          setOpen(true);
          showInterest();
        })}
      >
        Why denied?
      </button>
    );

  const bodyId = `wd-body-${data.watchId}`;
  // Escape folds the panel and leaves focus on its toggle, so keyboard users are not stranded in hidden content.
  const fold = () => {
    if (!expanded) return;
    setExpanded(false);
    toggle.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') fold();
  };
  const verdictText = t(sharedVerdict(denials));
  const fixer = (
    <p class="fixer">
      <span class="label">Who can fix it:</span>{' '}
      <span data-testid="wd-fixer" data-fixer={data.explanation.fixer}>
        {t(data.explanation.fixerText)}
      </span>
    </p>
  );
  const copy = (
    <CopyRequest
      denial={data.denial}
      explanation={data.explanation}
      merged={data.merged}
      pageUrl={data.pageUrl}
      seenAt={data.seenAt}
      settings={data.settings}
      openTab={openTab}
      writeClipboard={writeClipboard}
    />
  );
  const details = denials.map(({ denial, explanation }, i) => (
    <div key={i} class={i > 0 ? 'merged-details' : undefined}>
      {denials.length > 1 && <h3>{t(denial.action ?? 'Denial')}</h3>}
      <ExplanationFacts denial={denial} explanation={explanation} pageShows={data.pageShows} />
      <ExplanationGuidance denial={denial} explanation={explanation} checklist={!diagnosed} />
    </div>
  ));
  return (
    <section
      class={data.compact ? 'panel compact' : 'panel'}
      role="region"
      aria-label={t(landmarkName(denials))}
      data-testid="wd-panel"
      data-state={diagnosed ? 'diagnosed' : 'offline'}
      data-principal={t(data.denial.principalArn ?? '')}
      data-actions={t(actions.join(' '))}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      onPointerEnter={showInterest}
      onFocusCapture={showInterest}
      onClickCapture={showInterest}
    >
      <header>
        <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <circle cx="8" cy="8" r="7" />
          <path d="M8 11V8M8 5v.01" />
        </svg>
        {/* Until a diagnosis answers it, the verdict from the message is the panel's heading: the answer, even folded. */}
        <h2>{diagnosed ? 'Why denied?' : <span data-testid="wd-verdict">{verdictText}</span>}</h2>
        <button ref={toggle} type="button" class="toggle" aria-expanded={expanded} aria-controls={bodyId} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Hide' : 'Show'}
        </button>
      </header>
      <div id={bodyId} class="body" hidden={!expanded}>
        {!diagnosed && actions.length > 1 && (
          <p class="actions" data-testid="wd-actions">
            {actions.map((action, i) => (
              <span key={action}>
                {i > 0 && ', '}
                <ActionName action={action} />
              </span>
            ))}
          </p>
        )}
        {!diagnosed && fixer}
        {!diagnosed && copy}
        <DiagnosisFrame data={data} frameUrl={frameUrl} mode={mode} onDiagnosed={setDiagnosed} onEscape={fold} wanted={interested} onWant={showInterest} />
        {diagnosed ? (
          <Disclosure key="background" id={`wd-background-${data.watchId}`} label="Background (from the message)" testid="wd-background">
            <p class="verdict" data-testid="wd-verdict">
              {verdictText}
            </p>
            {fixer}
            {copy}
            {details}
          </Disclosure>
        ) : (
          <Disclosure key="details" id={`wd-details-${data.watchId}`} label="Details for your administrator" testid="wd-details">
            {details}
          </Disclosure>
        )}
      </div>
    </section>
  );
}
