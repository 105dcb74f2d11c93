import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkedUrl, checkProfileInput, InputError } from '../../../src/background/profiles/profile-input.ts';
import type { ProfileInput } from '../../../src/shared/protocol-profiles.ts';
import { keysInput, ssoInput } from './fixtures.ts';

const ok = (input: ProfileInput, existing: Parameters<typeof checkProfileInput>[2] = null, saved = false) => checkProfileInput(input, 'id-1', existing, saved);
/** The worker's refusal of the input, or null when it passes. */
function refusal(input: ProfileInput, existing: Parameters<typeof checkProfileInput>[2] = null, saved = false): InputError | null {
  try {
    checkProfileInput(input, 'id-1', existing, saved);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  return null;
}
const problem = (...args: Parameters<typeof refusal>) => refusal(...args)?.message ?? null;
/** The field a refusal names (null: the form as a whole), or undefined when the input passes. */
const fieldOf = (input: ProfileInput) => { const r = refusal(input); return r ? r.field : undefined; };

describe('checkProfileInput', () => {
  it('accepts long-term keys and keeps the secret apart from the stored profile', () => {
    const checked = ok(keysInput(null));
    expect(checked.secretAccessKey).toBe(keysInput(null).secretAccessKey);
    expect(JSON.stringify(checked.profile)).not.toContain(keysInput(null).secretAccessKey);
    expect(checked.profile).toMatchObject({ kind: 'keys', credentialKind: 'long-term', endpoint: null, role: null, lastTest: null });
  });

  it('tells temporary from long-term keys by their prefix', () => {
    expect(problem(keysInput(null, { accessKeyId: 'ASIAEXAMPLE000000001' }))).toMatch(/ASIA… keys are temporary/);
    expect(problem(keysInput(null, { credentialKind: 'temporary', sessionToken: 'token' }))).toMatch(/AKIA… keys are long-term/);
    expect(problem(keysInput(null, { sessionToken: 'token' }))).toMatch(/long-term keys have none/);
    expect(problem(keysInput(null, { credentialKind: 'temporary', accessKeyId: 'ASIAEXAMPLE000000001' }))).toMatch(/together/);
    const temporary = ok(keysInput(null, { credentialKind: 'temporary', accessKeyId: 'ASIAEXAMPLE000000001', sessionToken: 'IQoJtoken' }));
    expect(temporary.temporaryKeys).toEqual({ accessKeyId: 'ASIAEXAMPLE000000001', secretAccessKey: keysInput(null).secretAccessKey, sessionToken: 'IQoJtoken', expiresAt: null });
    expect(temporary.secretAccessKey).toBeNull();
  });

  it('keeps the saved secret on an edit that does not re-enter it, and the last Test when nothing that decides it changed', () => {
    const first = ok(keysInput(null)).profile;
    const tested = { ...first, lastTest: { accountId: '111111111111', arn: 'arn:aws:iam::111111111111:user/x', at: 1 } };
    const renamed = ok(keysInput(null, { name: 'Renamed', secretAccessKey: null }), tested, true);
    expect(renamed.secretAccessKey).toBeNull();
    expect(renamed.profile.lastTest).toEqual(tested.lastTest);
    expect(renamed.identityChanged).toBe(false);
    const withRole = ok(keysInput(null, { secretAccessKey: null, role: { roleArn: 'arn:aws:iam::222222222222:role/R', externalId: null, mfaSerial: null } }), tested, true);
    expect(withRole.profile.lastTest).toBeNull();
    expect(withRole.identityChanged).toBe(true);
    expect(problem(keysInput(null, { secretAccessKey: null }), tested, false)).toMatch(/enter the secret access key/);
    expect(problem(keysInput(null, { secretAccessKey: null, accessKeyId: 'AKIAOTHERKEY00000001' }), tested, true)).toMatch(/enter the secret access key/);
  });

  it('checks role ARN, external ID and MFA serial shapes, and the partition', () => {
    const role = (roleArn: string, externalId: string | null = null, mfaSerial: string | null = null) => keysInput(null, { role: { roleArn, externalId, mfaSerial } });
    expect(ok(role('arn:aws:iam::123456789012:role/path/Name', 'ext-id', 'arn:aws:iam::123456789012:mfa/alice')).profile).toMatchObject({
      role: { roleArn: 'arn:aws:iam::123456789012:role/path/Name', externalId: 'ext-id', mfaSerial: 'arn:aws:iam::123456789012:mfa/alice' },
    });
    expect(problem(role('arn:aws:iam::123:role/Name'))).toMatch(/not a role ARN/);
    expect(problem(role('arn:aws-cn:iam::123456789012:role/Name'))).toMatch(/aws-cn partition/);
    expect(problem(role('arn:aws:iam::123456789012:role/Name', 'x'))).toMatch(/External ID/);
    expect(problem(role('arn:aws:iam::123456789012:role/Name', null, 'arn:aws:iam::123456789012:user/alice'))).toMatch(/MFA serial/);
    expect(ok(role('  ', 'ignored')).profile).toMatchObject({ role: null });
  });

  it('checks Regions against the partition', () => {
    expect(problem(keysInput(null, { region: 'us-east' }))).toMatch(/not a Region name/);
    expect(problem(keysInput(null, { region: 'cn-north-1' }))).toMatch(/aws-cn partition, not aws/);
    expect(ok(keysInput(null, { partition: 'aws-cn', region: 'cn-north-1' })).profile.region).toBe('cn-north-1');
    expect(ok(keysInput(null, { partition: 'aws-us-gov', region: 'us-gov-west-1' })).profile.region).toBe('us-gov-west-1');
    expect(problem(keysInput(null, { partition: 'aws-us-gov', region: 'us-east-1' }))).toMatch(/aws partition, not aws-us-gov/);
  });

  it('accepts https endpoints, and plain http only to this machine', () => {
    expect(ok(keysInput('http://127.0.0.1:4566/')).profile.endpoint).toBe('http://127.0.0.1:4566');
    expect(ok(keysInput('http://localhost:8080')).profile.endpoint).toBe('http://localhost:8080');
    expect(ok(keysInput('https://iam.example.internal')).profile.endpoint).toBe('https://iam.example.internal');
    expect(problem(keysInput('http://iam.example.com'))).toMatch(/use https/);
    expect(problem(keysInput('https://user:pw@iam.example.com'))).toMatch(/user name or password/);
    expect(problem(keysInput('not a url'))).toMatch(/not a URL/);
    expect(ok(keysInput('   ')).profile.endpoint).toBeNull();
  });

  it('checks Identity Center fields, and a start URL change forgets the old assignments', () => {
    const sso = ok(ssoInput('http://127.0.0.1:9000'));
    expect(sso.profile).toMatchObject({ kind: 'identity-center', startUrl: 'https://d-1234567890.awsapps.com/start', ssoRegion: 'us-east-1', assignments: [] });
    expect(problem(ssoInput('', { startUrl: '' }))).toMatch(/Start URL/);
    expect(problem(ssoInput('', { ssoRegion: null }))).toMatch(/Identity Center Region/);
    expect(problem(ssoInput('', { startUrl: 'ftp://x' }))).toMatch(/use https/);
    const existing = { ...sso.profile, assignments: [{ accountId: '111111111111', accountName: 'a', roles: ['R'] }], preferredRoles: { '111111111111': 'R' } };
    if (existing.kind !== 'identity-center') throw new Error('kind');
    expect(ok(ssoInput('http://127.0.0.1:9000', { name: 'New name' }), existing).profile).toMatchObject({ assignments: existing.assignments, preferredRoles: existing.preferredRoles });
    const moved = ok(ssoInput('http://127.0.0.1:9000', { startUrl: 'https://d-0000000000.awsapps.com/start' }), existing);
    expect(moved.profile).toMatchObject({ assignments: [], preferredRoles: {} });
    expect(moved.identityChanged).toBe(true);
    expect(problem(keysInput(null), existing)).toMatch(/cannot change kind/);
  });

  it('names the form field each refusal is about, for the options page to show it there', () => {
    expect(fieldOf(keysInput(null, { name: ' ' }))).toBe('name');
    expect(fieldOf(keysInput(null, { accessKeyId: 'ASIAEXAMPLE000000001' }))).toBe('accessKeyId');
    expect(fieldOf(keysInput(null, { secretAccessKey: 'has space' }))).toBe('secretAccessKey');
    expect(fieldOf(keysInput(null, { credentialKind: 'temporary', accessKeyId: 'ASIAEXAMPLE000000001' }))).toBe('sessionToken');
    expect(fieldOf(keysInput(null, { region: 'cn-north-1' }))).toBe('region');
    expect(fieldOf(keysInput(null, { endpoint: 'http://evil.example' }))).toBe('endpoint');
    expect(fieldOf(keysInput(null, { role: { roleArn: 'arn:aws:iam::111111111111:role/R', externalId: 'x', mfaSerial: null } }))).toBe('externalId');
    expect(fieldOf(ssoInput('', { ssoRegion: 'nowhere' }))).toBe('ssoRegion');
    expect(fieldOf(ssoInput('', { startUrl: 'http://portal.example/start' }))).toBe('startUrl');
    expect(fieldOf(keysInput(null, { credentialKind: null }))).toBeNull();
    expect(fieldOf(keysInput(null))).toBeUndefined();
  });

  it('never throws anything but an InputError on any text in the form', () => {
    const text = fc.oneof(fc.string({ maxLength: 60 }), fc.constant(''), fc.constantFrom('AKIAEXAMPLE000000001', 'ASIAEXAMPLE000000001', 'us-east-1', 'http://127.0.0.1:1'));
    fc.assert(fc.property(text, text, text, text, fc.option(text, { nil: null }), fc.constantFrom('long-term', 'temporary', null), (name, region, key, secret, token, kind) => {
      const input = keysInput(null, { name, region, accessKeyId: key, secretAccessKey: secret, sessionToken: token, credentialKind: kind as ProfileInput['credentialKind'] });
      try {
        checkProfileInput(input, 'id', null, false);
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
      }
    }), { numRuns: 300 });
  });
});

describe('checkedUrl', () => {
  it('drops one trailing slash and keeps the path', () => {
    expect(checkedUrl('https://x.example/start/', 'u')).toBe('https://x.example/start');
  });
});
