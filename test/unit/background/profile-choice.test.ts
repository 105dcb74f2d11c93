import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accountsOf, preferredProfile, type ProfileCandidate } from '../../../src/background/profiles/choose.ts';

import type { StoredProfile } from '../../../src/background/profiles/model.ts';

const A = '111111111111';
const B = '222222222222';
const c = (id: string, state: ProfileCandidate['state'], accounts: string[] | null): ProfileCandidate => ({ id, state, accounts });

describe('preferredProfile', () => {
  it('picks the profile in the denied account over others, whatever the order', () => {
    expect(preferredProfile([c('b', 'ready', [B]), c('a', 'ready', [A])], A)).toBe('a');
    expect(preferredProfile([c('a', 'ready', [A]), c('b', 'ready', [B])], B)).toBe('b');
  });

  it('among matching profiles, the readiest one, then the first listed', () => {
    expect(preferredProfile([c('locked', 'locked', [A]), c('signin', 'sign-in-required', [A]), c('ready', 'ready', [A])], A)).toBe('ready');
    expect(preferredProfile([c('locked', 'locked', [A]), c('untested', 'untested', [A])], A)).toBe('untested');
    expect(preferredProfile([c('first', 'ready', [A]), c('second', 'ready', [A])], A)).toBe('first');
    // A locked profile in the right account still beats a ready one in the wrong account.
    expect(preferredProfile([c('other', 'ready', [B]), c('mine', 'locked', [A])], A)).toBe('mine');
  });

  it('counts every account of an Identity Center profile', () => {
    expect(preferredProfile([c('keys', 'ready', [B]), c('sso', 'ready', [B, A])], A)).toBe('sso');
  });

  it('falls back to a profile whose account is not known yet, never to one known to be elsewhere', () => {
    expect(preferredProfile([c('elsewhere', 'ready', [B]), c('unknown', 'untested', null)], A)).toBe('unknown');
    expect(preferredProfile([c('elsewhere', 'ready', [B])], A)).toBeNull();
    expect(preferredProfile([], A)).toBeNull();
  });

  it('without a denied account, the readiest profile', () => {
    expect(preferredProfile([c('x', 'untested', null), c('y', 'ready', [B])], null)).toBe('y');
  });

  it('always returns a candidate id or null, and a match when one exists', () => {
    const account = fc.constantFrom(A, B, '333333333333');
    const candidate = fc.record({
      id: fc.uuid(),
      state: fc.constantFrom('ready', 'locked', 'sign-in-required', 'untested') as fc.Arbitrary<ProfileCandidate['state']>,
      accounts: fc.option(fc.array(account, { maxLength: 3 }), { nil: null }),
    });
    fc.assert(fc.property(fc.array(candidate, { maxLength: 8 }), fc.option(account, { nil: null }), (candidates, denied) => {
      const id = preferredProfile(candidates, denied);
      if (id === null) {
        if (denied === null) expect(candidates).toEqual([]);
        else expect(candidates.every((x) => x.accounts !== null && !x.accounts.includes(denied))).toBe(true);
        return;
      }
      const chosen = candidates.find((x) => x.id === id);
      expect(chosen).toBeDefined();
      if (denied && candidates.some((x) => x.accounts?.includes(denied))) expect(chosen?.accounts).toContain(denied);
    }));
  });
});

describe('accountsOf', () => {
  const base = { id: 'p', name: 'p', partition: 'aws', region: 'us-east-1', endpoint: null, customEndpoint: false } as const;

  it('is the tested account for keys, the role account for an assumed role, the assignments for Identity Center', () => {
    const keys: StoredProfile = { ...base, kind: 'keys', credentialKind: 'long-term', accessKeyId: 'AKIAEXAMPLE000000001', role: null, lastTest: null };
    expect(accountsOf(keys)).toBeNull();
    expect(accountsOf({ ...keys, lastTest: { accountId: A, arn: `arn:aws:iam::${A}:user/x`, at: 1 } })).toEqual([A]);
    expect(accountsOf({ ...keys, lastTest: { accountId: A, arn: '', at: 1 }, role: { roleArn: `arn:aws:iam::${B}:role/R`, externalId: null, mfaSerial: null } })).toEqual([B]);
    const sso: StoredProfile = { ...base, kind: 'identity-center', startUrl: 'https://x.awsapps.com/start', ssoRegion: 'us-east-1', assignments: [], preferredRoles: {}, lastTest: null };
    expect(accountsOf(sso)).toBeNull();
    expect(accountsOf({ ...sso, assignments: [{ accountId: A, accountName: 'a', roles: ['R'] }, { accountId: B, accountName: 'b', roles: [] }] })).toEqual([A, B]);
  });
});
