// Add or edit a profile: access keys (long-term, or temporary with a session token; either may assume a role), or
// IAM Identity Center (start URL and its Region). A saved secret is never sent back, so editing leaves the secret
// fields empty, and empty means "keep the saved one".
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Send } from '../../content/panel/types.ts';
import { inertText as t } from '../../core/text.ts';
import { PARTITION_NAMES, type Partition, type ProfileInput, type ProfileView } from '../../shared/protocol-profiles.ts';
import { errorText } from './errors.ts';

export type FormKind = ProfileInput['kind'];

interface Props {
  send: Send;
  kind: FormKind;
  existing: ProfileView | null;
  onSaved: (message: string) => Promise<void>;
  onCancel: () => void;
  /** Fields filled in advance (the organization's Identity Center start URL and Region). */
  preset?: Partial<Fields>;
}

const PARTITION_LABELS: Record<Partition, string> = {
  aws: 'AWS (commercial Regions)',
  'aws-cn': 'AWS China',
  'aws-us-gov': 'AWS GovCloud (US)',
};

export interface Fields {
  name: string;
  partition: Partition;
  region: string;
  endpoint: string;
  customEndpoint: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  roleArn: string;
  externalId: string;
  mfaSerial: string;
  startUrl: string;
  ssoRegion: string;
}

function initial(kind: FormKind, p: ProfileView | null): Fields {
  return {
    name: p?.name ?? '',
    partition: p?.partition ?? 'aws',
    region: p?.region ?? (kind === 'keys' ? 'us-east-1' : ''),
    endpoint: p?.endpoint ?? '',
    customEndpoint: p?.customEndpoint ?? false,
    accessKeyId: p?.accessKeyId ?? '',
    secretAccessKey: '',
    sessionToken: '',
    roleArn: p?.role?.roleArn ?? '',
    externalId: p?.role?.externalId ?? '',
    mfaSerial: p?.role?.mfaSerial ?? '',
    startUrl: p?.startUrl ?? '',
    ssoRegion: p?.ssoRegion ?? '',
  };
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** Temporary keys come with a session token; an edit without one keeps the kind the profile has. */
function credentialKind(f: Fields, existing: ProfileView | null): ProfileInput['credentialKind'] {
  if (f.sessionToken.trim()) return 'temporary';
  if (existing?.credentialKind && !f.secretAccessKey.trim() && existing.accessKeyId === f.accessKeyId.trim()) return existing.credentialKind;
  return f.accessKeyId.trim().startsWith('ASIA') ? 'temporary' : 'long-term';
}

export function toInput(kind: FormKind, f: Fields, existing: ProfileView | null): ProfileInput {
  const common = { id: existing?.id ?? null, kind, name: f.name, partition: f.partition, endpoint: orNull(f.endpoint), customEndpoint: f.customEndpoint };
  if (kind === 'identity-center') {
    return {
      ...common,
      region: orNull(f.region) ?? f.ssoRegion.trim(),
      credentialKind: null, accessKeyId: null, secretAccessKey: null, sessionToken: null, role: null,
      startUrl: orNull(f.startUrl), ssoRegion: orNull(f.ssoRegion),
    };
  }
  return {
    ...common,
    region: f.region,
    credentialKind: credentialKind(f, existing),
    accessKeyId: orNull(f.accessKeyId),
    secretAccessKey: orNull(f.secretAccessKey),
    sessionToken: orNull(f.sessionToken),
    role: orNull(f.roleArn) ? { roleArn: f.roleArn.trim(), externalId: orNull(f.externalId), mfaSerial: orNull(f.mfaSerial) } : null,
    startUrl: null,
    ssoRegion: null,
  };
}

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

function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint && <small class="muted">{hint}</small>}
    </div>
  );
}

export function ProfileForm({ send, kind, existing, onSaved, onCancel, preset }: Props) {
  const [f, setF] = useState<Fields>(() => ({ ...initial(kind, existing), ...preset }));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const text = (key: Exclude<keyof Fields, 'customEndpoint'>, testid: string, label: string, opts: { secret?: boolean; hint?: string; placeholder?: string } = {}) => {
    const common = {
      id: testid,
      'data-testid': testid,
      spellcheck: false,
      placeholder: opts.placeholder,
      value: f[key],
      onInput: (e: { currentTarget: HTMLInputElement }) => {
        const value = e.currentTarget.value;
        setF((prev) => ({ ...prev, [key]: value }));
      },
    };
    return (
      <Field id={testid} label={label} hint={opts.hint}>
        {/* Secrets: masked, and no browser autofill or password-manager offer. */}
        {opts.secret ? <input type="password" autocomplete="new-password" {...common} /> : <input type="text" autocomplete="off" {...common} />}
      </Field>
    );
  };

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const { message } = await send('profiles/save', toInput(kind, f, existing));
      setF((prev) => ({ ...prev, secretAccessKey: '', sessionToken: '' }));
      await onSaved(message);
    } catch (e) {
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const secretHint = existing?.secretSaved ? 'A secret is saved. Leave this empty to keep it; it is never shown again.' : undefined;
  return (
    <form class="profile-form" data-kind={kind} onSubmit={save}>
      <h3>{existing ? `Edit "${t(existing.name)}"` : kind === 'keys' ? 'Add a profile with access keys' : 'Add an IAM Identity Center profile'}</h3>
      {text('name', 'wd-profile-name', 'Name')}
      {kind === 'keys' ? (
        <>
          {text('accessKeyId', 'wd-access-key-id', 'Access key ID', { placeholder: 'AKIA… or ASIA…' })}
          {text('secretAccessKey', 'wd-secret-access-key', 'Secret access key', { secret: true, hint: secretHint })}
          {text('sessionToken', 'wd-session-token', 'Session token (temporary keys only)', {
            secret: true,
            hint: 'Temporary keys are kept only until the browser closes. Leave empty for long-term keys.',
          })}
        </>
      ) : (
        <>
          {text('startUrl', 'wd-sso-start-url', 'AWS access portal URL', { placeholder: 'https://d-1234567890.awsapps.com/start' })}
          {text('ssoRegion', 'wd-sso-region', 'Identity Center Region', { placeholder: 'us-east-1' })}
        </>
      )}
      <Field id="wd-partition" label="Partition">
        <select id="wd-partition" data-testid="wd-partition" value={f.partition} onChange={(e) => {
          const partition = e.currentTarget.value as Partition;
          setF((prev) => ({ ...prev, partition }));
        }}>
          {PARTITION_NAMES.map((p) => <option key={p} value={p}>{PARTITION_LABELS[p]}</option>)}
        </select>
      </Field>
      {text('region', 'wd-region', 'Home Region', { placeholder: kind === 'keys' ? 'us-east-1' : 'the Identity Center Region' })}
      {text('endpoint', 'wd-endpoint', 'Endpoint override (optional)', {
        placeholder: 'http://127.0.0.1:4566',
        hint: 'An AWS endpoint of the partition, or (with "Custom endpoint") an AWS-compatible one such as a local test service: every AWS call of this profile goes there. Plain http is allowed only for this machine (127.0.0.1, localhost, [::1]).',
      })}
      <CustomEndpoint f={f} onChange={(customEndpoint) => setF((prev) => ({ ...prev, customEndpoint }))} />
      {kind === 'keys' && (
        <fieldset>
          <legend>Assume a role (optional)</legend>
          {text('roleArn', 'wd-role-arn', 'Role ARN', { placeholder: 'arn:aws:iam::123456789012:role/Diagnostics' })}
          {text('externalId', 'wd-external-id', 'External ID')}
          {text('mfaSerial', 'wd-mfa-serial', 'MFA device ARN', { hint: 'When set, Test asks for the current MFA code to assume the role.' })}
        </fieldset>
      )}
      {problem && <p class="error" role="alert" data-testid="wd-profile-problem">{t(problem)}</p>}
      <div class="actions">
        <button type="submit" data-testid="wd-profile-save" disabled={busy}>Save</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
