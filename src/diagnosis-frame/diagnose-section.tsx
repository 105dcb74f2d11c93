// "Diagnose with credentials", inside the panel frame (an extension page, out of the console page's reach): pick a
// profile, ask the worker to diagnose this denial, follow its steps live, then show what it found. Even here only
// profile names, accounts and states arrive, never keys or tokens.
import { useEffect, useState } from 'preact/hooks';
import type { Diagnosis, DiagnosisStep } from '../core/diagnosis.ts';
import { inertText as t } from '../core/text.ts';
import type { ProfileSummary } from '../shared/protocol.ts';
import { DiagnosisView, StepList } from './diagnosis-view.tsx';
import { PROFILE_STATE_LABEL } from '../content/panel/labels.ts';
import type { Send } from '../content/panel/types.ts';
import { onTrusted } from '../content/panel/trusted.ts';

/** The frame's denial record and what the worker pushed about it. */
export interface FrameData {
  recordId: string;
  accountId: string | null;
  /** Steps of a running diagnosis, pushed by the worker ('diagnosis/progress'). */
  progress: DiagnosisStep[] | null;
  /** A finished diagnosis pushed by the worker ('diagnosis/done'). */
  pushedDiagnosis: Diagnosis | null;
}

interface DiagnoseSectionProps {
  data: FrameData;
  send: Send;
  diagnosis: Diagnosis | null;
  onDiagnosis: (diagnosis: Diagnosis) => void;
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

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

function profileLabel(p: ProfileSummary): string {
  const account = p.accountId ? ` · ${p.accountId}` : '';
  const kind = p.kind === 'identity-center' ? 'Identity Center' : 'access keys';
  return `${p.name} (${kind}${account}) · ${PROFILE_STATE_LABEL[p.state]}`;
}

function NoProfile({ send }: { send: Send }) {
  return (
    <div class="no-profile" data-testid="wd-no-profile">
      <p>
        No profile is set up, so this explanation comes from the message alone. To check it against the account's
        real policies (IAM policy simulator, permissions boundary, SCPs), add a profile with access keys or an IAM
        Identity Center sign-in on the extension's options page.
      </p>
      <OpenOptions send={send} label="Add a profile" />
    </div>
  );
}

function OpenOptions({ send, label }: { send: Send; label: string }) {
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <p>
      <button type="button" data-testid="wd-open-options" onClick={onTrusted(() => void send('options/open', {}).then(() => setFailed(null), (e) => setFailed(errorText(e))))}>
        {label}
      </button>
      {failed && <span class="error"> Could not open the options page: {t(failed)}</span>}
    </p>
  );
}

function SignInAgain({ send, profile }: { send: Send; profile: ProfileSummary }) {
  const [said, setSaid] = useState<string | null>(null);
  const signIn = () =>
    send('sso/sign-in', { profileId: profile.id }).then(
      (reply) => setSaid(reply.message),
      (e) => setSaid(`Sign-in could not start: ${errorText(e)}`),
    );
  return (
    <div class="sign-in">
      <p>The IAM Identity Center session of {t(profile.name)} has expired.</p>
      <button type="button" data-testid="wd-sign-in-again" onClick={onTrusted(() => void signIn())}>
        Sign in again
      </button>
      <span role="status" aria-live="polite" class="status">
        {said && t(said)}
      </span>
    </div>
  );
}

export function DiagnoseSection({ data, send, diagnosis, onDiagnosis }: DiagnoseSectionProps) {
  const [profiles, setProfiles] = useState<Profiles>({ kind: 'loading' });
  const [selected, setSelected] = useState<string | null>(null);
  const [run, setRun] = useState<Run>({ running: false, message: null, error: null });
  const [liveSteps, setLiveSteps] = useState<DiagnosisStep[]>([]);
  const accountId = data.accountId;

  const loadProfiles = () =>
    send('profiles/summaries', { accountId }).then(
      ({ profiles: list, preferredId }) => {
        setProfiles({ kind: 'loaded', list });
        setSelected((current) => (current && list.some((p) => p.id === current) ? current : (preferredId ?? list[0]?.id ?? null)));
      },
      (e) => setProfiles({ kind: 'failed', message: errorText(e) }),
    );

  useEffect(() => void loadProfiles(), [accountId]);
  useEffect(() => {
    if (run.running && data.progress) setLiveSteps(data.progress);
  }, [data.progress]);
  useEffect(() => {
    if (data.pushedDiagnosis) onDiagnosis(data.pushedDiagnosis);
  }, [data.pushedDiagnosis]);

  const start = async (recheck: boolean) => {
    setLiveSteps([]);
    setRun({ running: true, message: null, error: null });
    try {
      const reply = await send('diagnosis/run', { recordId: data.recordId, profileId: selected, recheck });
      if (reply.diagnosis) onDiagnosis(reply.diagnosis);
      if (reply.profileId) setSelected(reply.profileId);
      setRun({ running: false, message: reply.message, error: null });
    } catch (e) {
      setRun({ running: false, message: null, error: errorText(e) });
    }
    void loadProfiles();
  };

  if (profiles.kind === 'loading') return <p class="muted">Looking for profiles…</p>;
  if (profiles.kind === 'failed')
    return <p class="error">Could not list the extension's profiles: {t(profiles.message)}</p>;
  if (profiles.list.length === 0) return <NoProfile send={send} />;

  const profile = profiles.list.find((p) => p.id === selected) ?? null;
  const signInNeeded =
    profile?.kind === 'identity-center' &&
    (profile.state === 'sign-in-required' || !!diagnosis?.problems.some((p) => p.kind === 'sign-in-required'));
  const canRun = !run.running && !!profile;
  const steps = run.running ? liveSteps : (diagnosis?.steps ?? []);

  return (
    <div class="diagnose">
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
        <button type="button" class="primary" data-testid="wd-diagnose" disabled={!canRun} onClick={onTrusted(() => void start(false))}>
          Diagnose
        </button>
        <button
          type="button"
          data-testid="wd-recheck"
          disabled={!canRun || (!diagnosis && !run.message)}
          title="Run the diagnosis again without cached answers"
          onClick={onTrusted(() => void start(true))}
        >
          Re-check
        </button>
      </div>
      {profile?.state === 'locked' && (
        <div class="locked">
          <p>The extension's profile vault is locked. Unlock it with your passphrase on the options page.</p>
          <OpenOptions send={send} label="Open options" />
        </div>
      )}
      {signInNeeded && profile && <SignInAgain send={send} profile={profile} />}
      {profile?.kind === 'keys' && profile.state === 'sign-in-required' && (
        <div class="locked">
          <p>The temporary keys of {t(profile.name)} have expired, or its role needs an MFA code: update the profile on the options page.</p>
          <OpenOptions send={send} label="Open options" />
        </div>
      )}
      <div aria-live="polite" aria-busy={run.running}>
        {run.running && <p class="muted">Diagnosing…</p>}
        {steps.length > 0 && <StepList steps={steps} />}
      </div>
      {run.message && (
        <p class="notice" data-testid="wd-diagnosis-message">
          {t(run.message)}
        </p>
      )}
      {run.error && <p class="error" data-testid="wd-diagnosis-error">The diagnosis could not run: {t(run.error)}</p>}
      {diagnosis && <DiagnosisView diagnosis={diagnosis} />}
    </div>
  );
}
