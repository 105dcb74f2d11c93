// "Diagnose with credentials", inside the panel frame (an extension page, out of the console page's reach): pick a
// profile, ask the worker to diagnose this denial, follow its steps live, then show what it found. Once a diagnosis
// exists it is the answer, first in the frame; the rest of what it found is folded under it. Errors come as one
// alert with its own action. Even here only profile names, accounts and states arrive, never keys or tokens.
// A merged panel's frame diagnoses each of its denials in turn with the same profile (merged-answers.tsx).
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Denial } from '../core/denial.ts';
import type { Diagnosis, DiagnosisStep } from '../core/diagnosis.ts';
import type { Explanation } from '../core/explanation.ts';
import { openChecks } from '../core/rules/open-checks.ts';
import { inertText as t, errorMessage } from '../core/text.ts';
import type { ProfileSummary } from '../shared/protocol.ts';
import { PROFILE_STATE_LABEL } from '../content/panel/labels.ts';
import type { Send } from '../content/panel/types.ts';
import { onTrusted } from '../content/panel/trusted.ts';
import { diagnosedFixer } from './diagnosed-fixer.ts';
import { DiagnosisAnswer, DiagnosisDetails, StepList } from './diagnosis-view.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { frameError } from './frame-error.ts';
import { answerGroups, MergedAnswers, MergedDetails, MergedScope, type AnswerGroup, type DiagnosisTarget } from './merged-answers.tsx';
import { ReaderAccount } from './todays-version.tsx';

/** The frame's denial record and what the worker pushed about it. */
export interface FrameData {
  recordId: string;
  accountId: string | null;
  /** Steps of a running diagnosis, pushed by the worker ('diagnosis/progress'). */
  progress: DiagnosisStep[] | null;
  /** A finished diagnosis pushed by the worker ('diagnosis/done'). */
  pushedDiagnosis: Diagnosis | null;
  /** The profile that made the record's diagnosis, if any: "Compare with today's policy" reads with it. */
  diagnosedWith?: string | null;
}

/** The denial the frame sits beside, for the answer's words and the per-account requests. */
export interface DenialContext {
  denial: Denial;
  pageUrl: string;
  explanation: Explanation;
}

interface DiagnoseSectionProps {
  data: FrameData;
  send: Send;
  diagnosis: Diagnosis | null;
  onDiagnosis: (diagnosis: Diagnosis, recordId: string) => void;
  context: DenialContext;
  /** Shown right under the answer: the request with this diagnosis. */
  children?: ComponentChildren;
  /** A merged panel's other denials, diagnosed after this one with the same profile. */
  others?: DiagnosisTarget[];
  /** A merged panel's request under each of its answers. */
  requestFor?: (group: AnswerGroup) => ComponentChildren;
}

type Profiles =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'loaded'; list: ProfileSummary[] };

interface Run {
  running: boolean;
  /** The worker's own words when it could not diagnose (shown verbatim). */
  message: string | null;
  error: string | null;
}

/** The state in words for the profile's kind: access keys are not signed in to, they are replaced. */
function stateLabel(p: ProfileSummary): string {
  return p.kind === 'keys' && p.state === 'sign-in-required' ? 'keys expired' : PROFILE_STATE_LABEL[p.state];
}

function profileLabel(p: ProfileSummary): string {
  const account = p.accountId ? ` · ${p.accountId}` : '';
  const kind = p.kind === 'identity-center' ? 'Identity Center' : 'access keys';
  return `${p.name} (${kind}${account}) · ${stateLabel(p)}`;
}

function NoProfile({ send }: { send: Send }) {
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <div class="no-profile" data-testid="wd-no-profile">
      <p>
        No profile is set up, so this explanation comes from the message alone. To check it against the account's
        real policies, add a profile with access keys or an IAM Identity Center sign-in on the options page.
      </p>
      <p>
        <button type="button" data-testid="wd-open-options" onClick={onTrusted(() => void send('options/open', {}).then(() => setFailed(null), (e) => setFailed(errorMessage(e))))}>
          Add a profile
        </button>
        {failed && <span class="error"> Could not open the options page: {t(failed)}</span>}
      </p>
    </div>
  );
}

export function DiagnoseSection({ data, send, diagnosis, onDiagnosis, context, children, others = [], requestFor }: DiagnoseSectionProps) {
  const [profiles, setProfiles] = useState<Profiles>({ kind: 'loading' });
  const [selected, setSelected] = useState<string | null>(null);
  const [diagnosedWith, setDiagnosedWith] = useState<string | null>(data.diagnosedWith ?? null);
  const [run, setRun] = useState<Run>({ running: false, message: null, error: null });
  const [liveSteps, setLiveSteps] = useState<DiagnosisStep[]>([]);
  const [retryNote, setRetryNote] = useState<string | null>(null);
  const accountId = data.accountId;

  const loadProfiles = () =>
    send('profiles/summaries', { accountId }).then(
      ({ profiles: list, preferredId }) => {
        setProfiles({ kind: 'loaded', list });
        setSelected((current) => (current && list.some((p) => p.id === current) ? current : (preferredId ?? list[0]?.id ?? null)));
      },
      (e) => setProfiles({ kind: 'failed', message: errorMessage(e) }),
    );

  useEffect(() => void loadProfiles(), [accountId]);
  useEffect(() => {
    if (run.running && data.progress) setLiveSteps(data.progress);
  }, [data.progress]);
  useEffect(() => {
    if (data.pushedDiagnosis) onDiagnosis(data.pushedDiagnosis, data.recordId);
  }, [data.pushedDiagnosis]);

  const targets: DiagnosisTarget[] = [{ recordId: data.recordId, context, diagnosis }, ...others];

  /** Runs the diagnosis of each denial in turn; resolves to the worker's own words, if it had some. */
  const start = async (recheck: boolean): Promise<string | null> => {
    setLiveSteps([]);
    setRetryNote(null);
    setRun({ running: true, message: null, error: null });
    let message: string | null = null;
    let profileId = selected;
    try {
      for (const { recordId } of targets) {
        const reply = await send('diagnosis/run', { recordId, profileId, recheck });
        if (reply.diagnosis) onDiagnosis(reply.diagnosis, recordId);
        if (reply.profileId) setSelected((profileId = reply.profileId));
        if (reply.diagnosis) setDiagnosedWith(profileId);
        message ??= reply.message;
        // Without a diagnosis the worker said why (no profile fits, the record is gone): the next would say it again.
        if (!reply.diagnosis) break;
      }
      setRun({ running: false, message, error: null });
    } catch (e) {
      setRun({ running: false, message: null, error: errorMessage(e) });
    }
    void loadProfiles();
    return message;
  };
  // "Try again" on an alert: what the worker said about that try shows in the alert (a re-check too soon, say).
  const retry = async () => setRetryNote(await start(true));
  const compareFor = async (recordId: string, policyIndex: number): Promise<string | null> => {
    const reply = await send('diagnosis/current-policy', { recordId, policyIndex });
    if (reply.diagnosis) onDiagnosis(reply.diagnosis, recordId);
    return reply.message;
  };

  if (profiles.kind === 'loading') return <p class="muted">Looking for profiles…</p>;
  if (profiles.kind === 'failed')
    return <p class="error" role="alert" data-testid="wd-diagnosis-error">Could not list the extension's profiles: {t(profiles.message)}</p>;
  if (profiles.list.length === 0) return <NoProfile send={send} />;

  const profile = profiles.list.find((p) => p.id === selected) ?? null;
  const canRun = !run.running && !!profile;
  // A failed diagnosis is no answer: the explanation from the message stands, and the alert says why.
  const answer = diagnosis && diagnosis.status !== 'failed' ? diagnosis : null;
  // Kept while a re-check runs: the trouble stands until a new answer replaces it. Of a merged panel's diagnoses,
  // a failed one is the trouble.
  const troubled = targets.find((target) => target.diagnosis?.status === 'failed')?.diagnosis ?? diagnosis;
  const error = frameError({ profile, diagnosis: troubled, runMessage: run.message, runError: run.error });
  const merged = others.length > 0;
  const groups = merged ? answerGroups(targets) : [];

  const reader = profiles.list.find((p) => p.id === diagnosedWith)?.accountId ?? null;

  return (
    <ReaderAccount.Provider value={reader}>
      <div class="diagnose">
        {merged && <MergedAnswers groups={groups} total={targets.length} request={(group) => requestFor?.(group)} compare={compareFor} />}
        {!merged && answer && (
          <DiagnosisAnswer diagnosis={answer} denial={context.denial} pageUrl={context.pageUrl} fixer={diagnosedFixer(context.denial, answer, context.pageUrl)} compare={(i) => compareFor(data.recordId, i)} />
        )}
        {!merged && answer && children}
        {error && <ErrorAlert error={error} profile={profile} diagnosis={diagnosis} send={send} retry={() => void retry()} note={retryNote} canRetry={canRun} />}
        <div class="row">
          <label>
            Profile{' '}
            <select data-testid="wd-profile-select" value={selected ?? ''} onChange={(e) => setSelected(e.currentTarget.value)}>
              {profiles.list.map((p) => (
                <option key={p.id} value={p.id}>
                  {t(profileLabel(p))}
                </option>
              ))}
            </select>
          </label>
          <button type="button" class={answer || groups.length > 0 ? undefined : 'primary'} data-testid="wd-diagnose" disabled={!canRun} onClick={onTrusted(() => void start(false))}>
            Diagnose
          </button>
          <button
            type="button"
            data-testid="wd-recheck"
            disabled={!canRun || (targets.every((target) => !target.diagnosis) && !run.message)}
            title="Run the diagnosis again without cached answers"
            onClick={onTrusted(() => void start(true))}
          >
            Re-check
          </button>
        </div>
        <div aria-live="polite" aria-busy={run.running}>
          {run.running && <p class="muted">Diagnosing…</p>}
          {run.running && liveSteps.length > 0 && <StepList steps={liveSteps} />}
        </div>
        {!error && run.message && (
          <p class="notice" data-testid="wd-diagnosis-message">
            {t(run.message)}
          </p>
        )}
        {merged && !run.running && <MergedScope targets={targets} answered={groups.flatMap((group) => group.targets)} />}
        {merged && <MergedDetails groups={groups} total={targets.length} running={run.running} />}
        {!merged && answer && <DiagnosisDetails diagnosis={answer} openChecks={openChecks(context.explanation, answer)} running={run.running} />}
      </div>
    </ReaderAccount.Provider>
  );
}
