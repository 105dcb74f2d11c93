// The profile form's fields and the message they make: access keys (long-term, or temporary with a session token;
// either may assume a role), or IAM Identity Center (start URL and its Region). A saved secret is never sent back,
// so editing leaves the secret fields empty, and empty means "keep the saved one".
import type { Partition, ProfileInput, ProfileView } from '../../shared/protocol-profiles.ts';

export type FormKind = ProfileInput['kind'];

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

export function initial(kind: FormKind, p: ProfileView | null): Fields {
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
