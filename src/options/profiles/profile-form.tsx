// Add or edit a profile. The first field has the focus when the form opens; the name and the credentials come
// first, and partition, home Region, endpoint and the role to assume fold under "Advanced". Save checks every field
// at once and shows each problem under its field (aria-invalid, aria-describedby), with the focus on the first.
// A new Identity Center profile is saved and signed in with one click.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Send } from '../../content/panel/types.ts';
import { inertText as t } from '../../core/text.ts';
import { PARTITION_NAMES, type Partition, type ProfileField, type ProfileView } from '../../shared/protocol-profiles.ts';
import { errorText } from './errors.ts';
import { ADVANCED_FIELDS, FIELD_ORDER, formProblems, underField, type FieldProblems } from './form-check.ts';
import type { HostAccess } from './host-access.ts';
import { initial, toInput, type Fields, type FormKind } from './profile-form-input.ts';
import { askToSignIn } from './sso-sign-in.ts';

interface Props {
  send: Send;
  hostAccess: HostAccess;
  kind: FormKind;
  existing: ProfileView | null;
  /** After a save: the worker's message, and why the sign-in that followed did not start (null: it started, or none was asked). */
  onSaved: (message: string, signInProblem: string | null) => Promise<void>;
  onCancel: () => void;
  /** Fields filled in advance (the organization's Identity Center start URL and Region). */
  preset?: Partial<Fields>;
}

const PARTITION_LABELS: Record<Partition, string> = {
  aws: 'AWS (commercial Regions)',
  'aws-cn': 'AWS China',
  'aws-us-gov': 'AWS GovCloud (US)',
};

/** The host a custom endpoint sends every call to, as the warning names it (null while the URL is incomplete). */
function endpointHost(endpoint: string): string | null {
  try {
    return new URL(endpoint.trim()).host || null;
  } catch {
    return null;
  }
}

function CustomEndpoint({ f, onChange }: { f: Fields; onChange: (on: boolean) => void }) {
  const host = endpointHost(f.endpoint);
  return (
    <div class="field">
      <label>
        <input type="checkbox" data-testid="wd-custom-endpoint" checked={f.customEndpoint} onChange={(e) => onChange(e.currentTarget.checked)} />{' '}
        Custom endpoint (not an AWS endpoint of this partition)
      </label>
      {f.customEndpoint && host && (
        <p class="warning" role="alert" data-testid="wd-custom-endpoint-warning">
          Every AWS call of this profile goes to <strong>{t(host)}</strong>, signed with its keys
          {' '}(for Identity Center, with its access token). Turn this on only for a host you run.
        </p>
      )}
    </div>
  );
}


/** Each field's input id (also its test id); a field's error is `<id>-error`. */
const INPUT_ID: Record<ProfileField, string> = {
  name: 'wd-profile-name',
  accessKeyId: 'wd-access-key-id',
  secretAccessKey: 'wd-secret-access-key',
  sessionToken: 'wd-session-token',
  startUrl: 'wd-sso-start-url',
  ssoRegion: 'wd-sso-region',
  region: 'wd-region',
  endpoint: 'wd-endpoint',
  roleArn: 'wd-role-arn',
  externalId: 'wd-external-id',
  mfaSerial: 'wd-mfa-serial',
};

/** What describes an input: its error first (read first), then its hint. */
function describedBy(id: string, error: string | undefined, hint: string | undefined): string | undefined {
  return [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined;
}

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {error && (
        <small id={`${id}-error`} class="field-error" data-testid={`${id}-error`}>
          <span class="icon" aria-hidden="true">!</span>
          {t(error)}
        </small>
      )}
      {hint && <small id={`${id}-hint`} class="muted">{hint}</small>}
    </div>
  );
}

/** A new Identity Center profile is signed in as part of the save. */
const signsIn = (kind: FormKind, existing: ProfileView | null) => kind === 'identity-center' && existing === null;

export function ProfileForm({ send, hostAccess, kind, existing, onSaved, onCancel, preset }: Props) {
  const [f, setF] = useState<Fields>(() => ({ ...initial(kind, existing), ...preset }));
  const [errors, setErrors] = useState<FieldProblems>({});
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Open when editing a profile that uses what it holds, so nothing set is hidden.
  const [advanced, setAdvanced] = useState(() => existing !== null && (existing.partition !== 'aws' || existing.endpoint !== null || existing.role !== null));
  const [focus, setFocus] = useState<{ field: ProfileField } | null>(null);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => form.current?.querySelector<HTMLElement>('input, select')?.focus(), []);
  useEffect(() => {
    if (focus) form.current?.querySelector<HTMLElement>(`#${INPUT_ID[focus.field]}`)?.focus();
  }, [focus]);

  const showProblems = (problems: FieldProblems) => {
    setErrors(problems);
    const first = FIELD_ORDER.find((key) => problems[key]);
    if (!first) return false;
    if (FIELD_ORDER.some((key) => problems[key] && ADVANCED_FIELDS.has(key))) setAdvanced(true);
    setFocus({ field: first });
    return true;
  };

  const text = (key: Exclude<keyof Fields, 'customEndpoint' | 'partition'>, label: string, opts: { secret?: boolean; hint?: string; placeholder?: string } = {}) => {
    const id = INPUT_ID[key];
    const error = errors[key];
    const common = {
      id,
      'data-testid': id,
      spellcheck: false,
      placeholder: opts.placeholder,
      value: f[key],
      'aria-invalid': error ? ('true' as const) : undefined,
      'aria-describedby': describedBy(id, error, opts.hint),
      onInput: (e: { currentTarget: HTMLInputElement }) => {
        const value = e.currentTarget.value;
        setF((prev) => ({ ...prev, [key]: value }));
      },
    };
    return (
      <Field id={id} label={label} hint={opts.hint} error={error}>
        {/* Secrets: masked, and no browser autofill or password-manager offer. */}
        {opts.secret ? <input type="password" autocomplete="new-password" {...common} /> : <input type="text" autocomplete="off" {...common} />}
      </Field>
    );
  };

  const save = (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setFormProblem(null);
    if (showProblems(formProblems(kind, f, existing))) return;
    const input = toInput(kind, f, existing);
    // Asked now, inside the click: the browser allows a permission prompt only there.
    const signIn = signsIn(kind, existing) ? askToSignIn(send, hostAccess, input) : null;
    setBusy(true);
    void (async () => {
      try {
        const result = await send('profiles/save', input);
        if (!result.saved) {
          if (result.field) showProblems({ [result.field]: underField(result.message) });
          else setFormProblem(result.message);
          return;
        }
        const { profile, message } = result;
        setF((prev) => ({ ...prev, secretAccessKey: '', sessionToken: '' }));
        const signInProblem = signIn ? await signIn(profile.id).then(() => null, errorText) : null;
        await onSaved(message, signInProblem);
      } catch (e) {
        setFormProblem(errorText(e));
      } finally {
        setBusy(false);
      }
    })();
  };

  const secretHint = existing?.secretSaved ? 'A secret is saved. Leave this empty to keep it; it is never shown again.' : undefined;
  const heading = existing ? `Edit "${existing.name}"` : kind === 'keys' ? 'Add a profile with access keys' : 'Sign in with IAM Identity Center';
  return (
    <form ref={form} class="profile-form" data-kind={kind} onSubmit={save} noValidate aria-labelledby="wd-profile-form-heading">
      <h3 id="wd-profile-form-heading">{t(heading)}</h3>
      {text('name', 'Name')}
      {kind === 'keys' ? (
        <>
          {text('accessKeyId', 'Access key ID', { placeholder: 'AKIA… or ASIA…' })}
          {text('secretAccessKey', 'Secret access key', { secret: true, hint: secretHint })}
          {text('sessionToken', 'Session token (temporary keys only)', {
            secret: true,
            hint: 'Temporary keys are kept only until the browser closes. Leave empty for long-term keys.',
          })}
        </>
      ) : (
        <>
          {text('startUrl', 'AWS access portal URL', { placeholder: 'https://d-1234567890.awsapps.com/start' })}
          {text('ssoRegion', 'Identity Center Region', { placeholder: 'us-east-1' })}
        </>
      )}
      <details class="advanced" data-testid="wd-profile-advanced" open={advanced} onToggle={(e) => setAdvanced(e.currentTarget.open)}>
        <summary>Advanced: partition, home Region, endpoint{kind === 'keys' ? ', role to assume' : ''}</summary>
        <Field id="wd-partition" label="Partition">
          <select id="wd-partition" data-testid="wd-partition" value={f.partition} onChange={(e) => {
            const partition = e.currentTarget.value as Partition;
            setF((prev) => ({ ...prev, partition }));
          }}>
            {PARTITION_NAMES.map((p) => <option key={p} value={p}>{PARTITION_LABELS[p]}</option>)}
          </select>
        </Field>
        {text('region', 'Home Region', { placeholder: kind === 'keys' ? 'us-east-1' : 'the Identity Center Region' })}
        {text('endpoint', 'Endpoint override (optional)', {
          placeholder: 'http://127.0.0.1:4566',
          hint: 'An AWS endpoint of the partition, or (with "Custom endpoint") an AWS-compatible one such as a local test service: every AWS call of this profile goes there. Plain http is allowed only for this machine (127.0.0.1, localhost, [::1]).',
        })}
        <CustomEndpoint f={f} onChange={(customEndpoint) => setF((prev) => ({ ...prev, customEndpoint }))} />
        {kind === 'keys' && (
          <fieldset>
            <legend>Assume a role (optional)</legend>
            {text('roleArn', 'Role ARN', { placeholder: 'arn:aws:iam::123456789012:role/Diagnostics' })}
            {text('externalId', 'External ID')}
            {text('mfaSerial', 'MFA device ARN', { hint: 'When set, Test asks for the current MFA code to assume the role.' })}
          </fieldset>
        )}
      </details>
      {formProblem && (
        <div class="alert" data-type="error" role="alert" data-testid="wd-profile-problem">
          {t(formProblem)}
        </div>
      )}
      <div class="actions">
        <button type="submit" class="primary" data-testid="wd-profile-save" disabled={busy}>
          {signsIn(kind, existing) ? 'Save and sign in' : 'Save'}
        </button>
        <button type="button" data-testid="wd-profile-cancel" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
