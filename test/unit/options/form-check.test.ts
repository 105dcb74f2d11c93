// The profile form's own check: every problem at once, each under its field, worded without the label the field
// already shows; the worker's messages placed under the field they name.
import { describe, expect, it } from 'vitest';
import { formProblems, underField } from '../../../src/options/profiles/form-check.ts';
import { initial, type Fields } from '../../../src/options/profiles/profile-form-input.ts';
import type { ProfileView } from '../../../src/shared/protocol-profiles.ts';

const keys = (over: Partial<Fields> = {}): Fields => ({ ...initial('keys', null), ...over });
const sso = (over: Partial<Fields> = {}): Fields => ({ ...initial('identity-center', null), ...over });

describe('formProblems', () => {
  it('an empty access-key form: every missing field at once, in form order', () => {
    expect(formProblems('keys', keys(), null)).toEqual({
      name: 'Give the profile a name.',
      accessKeyId: 'Enter the access key ID.',
      secretAccessKey: 'Enter the secret access key that belongs to this access key ID.',
    });
  });

  it('checks the advanced fields with the rules the worker applies', () => {
    const problems = formProblems('keys', keys({
      name: 'x', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret', region: 'cn-north-1',
      endpoint: 'https://evil.example.com', roleArn: 'arn:aws:iam::123456789012:role/R', externalId: 'x', mfaSerial: 'short',
    }), null);
    expect(Object.keys(problems)).toEqual(['region', 'endpoint', 'externalId', 'mfaSerial']);
    expect(problems.region).toBe('cn-north-1 is a Region of the aws-cn partition, not aws.');
    expect(problems.endpoint).toMatch(/^evil\.example\.com is not an AWS endpoint of the aws partition/);
    expect(formProblems('keys', keys({ name: 'x', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret', endpoint: 'https://evil.example.com', customEndpoint: true }), null)).toEqual({});
  });

  it('temporary keys need their secret and session token together; an edit keeps saved ones', () => {
    expect(formProblems('keys', keys({ name: 'x', accessKeyId: 'ASIAEXAMPLE000000001', secretAccessKey: 's' }), null)).toEqual({
      sessionToken: 'Temporary (ASIA…) keys come with a session token; paste it too.',
    });
    expect(formProblems('keys', keys({ name: 'x', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', sessionToken: 'token' }), null)).toMatchObject({
      accessKeyId: expect.stringMatching(/^AKIA… keys are long-term keys/),
      secretAccessKey: expect.any(String),
    });
    const existing = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', credentialKind: 'long-term', secretSaved: true, temporaryKeysPresent: false } as ProfileView;
    expect(formProblems('keys', keys({ name: 'x', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }), existing)).toEqual({});
  });

  it('Identity Center: the start URL and its Region', () => {
    expect(formProblems('identity-center', sso({ name: 'Org' }), null)).toEqual({
      startUrl: 'Enter your AWS access portal URL, like https://d-1234567890.awsapps.com/start.',
      ssoRegion: 'Enter the Region of your Identity Center instance.',
    });
    expect(formProblems('identity-center', sso({ name: 'Org', startUrl: 'http://d-1.awsapps.com/start', ssoRegion: 'eu-west-1' }), null)).toEqual({
      startUrl: 'Use https (plain http is accepted only for 127.0.0.1 or localhost).',
    });
  });
});

describe('underField', () => {
  it('drops the label the field already shows; a leading word gets its capital, a value keeps its case', () => {
    expect(underField('Name: another profile is already called "a".')).toBe('Another profile is already called "a".');
    expect(underField('Region: "x" is not a Region name like us-east-1.')).toBe('"x" is not a Region name like us-east-1.');
  });
});
