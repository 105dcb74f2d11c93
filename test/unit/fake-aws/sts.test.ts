import { GetRoleCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeAws, Scenario } from '../../fake-aws/server.mjs';
import { clientsFor, failure, miniScenario, start } from './helpers.ts';

const ACCT = '111111111111';
let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const TRUSTING: Scenario = miniScenario({
  credentials: [
    {
      accessKeyId: 'AKIAFAKEDIAGNOSER001',
      secretAccessKey: 'fakeDiagnoserSecret/0001+abcdefghijklmnopqrstu',
      sessionToken: null,
      expiresAt: null,
      principal: `arn:aws:iam::${ACCT}:user/diagnoser`,
      allow: ['sts:AssumeRole'],
      mfa: { serialNumber: `arn:aws:iam::${ACCT}:mfa/diagnoser`, tokenCode: '123456' },
    },
  ],
  roles: [
    { arn: `arn:aws:iam::${ACCT}:role/audit/WhyDeniedAudit`, externalId: 'why-denied-1234', requireMfa: false, allow: ['iam:GetRole'] },
    { arn: `arn:aws:iam::${ACCT}:role/BreakGlass`, requireMfa: true, maxSessionDuration: 7200 },
  ],
});

describe('fake-aws STS', () => {
  it('GetCallerIdentity describes a user, a role session and is never denied', async () => {
    const s = await start('fail-no-simulate-permission');
    fake = s.fake;
    const me = await s.sts.send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: ACCT, Arn: `arn:aws:iam::${ACCT}:user/diagnoser` });
    expect(me.UserId).toMatch(/^AIDA/);
    s.fake.setScenario('idc-no-diagnostic-role');
    const session = clientsFor(s.fake, s.fake.scenario.credentials[0]!);
    const who = await session.sts.send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:sts::${ACCT}:assumed-role/AWSReservedSSO_BillingAnalyst_0123456789abcdef/hana@example.com`);
    expect(who.UserId).toMatch(/^AROA[A-Z2-7]{17}:hana@example\.com$/);
  });

  it('AssumeRole checks the external id and issues working credentials for the session', async () => {
    const s = await start(TRUSTING);
    fake = s.fake;
    const RoleArn = `arn:aws:iam::${ACCT}:role/audit/WhyDeniedAudit`;
    const refused = await failure(s.sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'why-denied', ExternalId: 'wrong' })));
    expect(refused.name).toBe('AccessDenied');
    expect(refused.message).toBe(`User: arn:aws:iam::${ACCT}:user/diagnoser is not authorized to perform: sts:AssumeRole on resource: ${RoleArn}`);
    expect((await failure(s.sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'why-denied' })))).name).toBe('AccessDenied');

    const out = await s.sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'why-denied', ExternalId: 'why-denied-1234', DurationSeconds: 900 }));
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCT}:assumed-role/WhyDeniedAudit/why-denied`);
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:why-denied$/);
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    const expires = out.Credentials?.Expiration?.getTime() ?? 0;
    expect(Math.abs(expires - (Date.now() + 900_000))).toBeLessThan(5000);

    const session = new STSClient({
      endpoint: s.fake.url,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: out.Credentials?.AccessKeyId ?? '', secretAccessKey: out.Credentials?.SecretAccessKey ?? '', sessionToken: out.Credentials?.SessionToken ?? '' },
    });
    expect((await session.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${ACCT}:assumed-role/WhyDeniedAudit/why-denied`);
    // The role's own allow-list applies to its sessions.
    const sessionIam = clientsFor(s.fake, { ...s.profile, accessKeyId: out.Credentials?.AccessKeyId ?? '', secretAccessKey: out.Credentials?.SecretAccessKey ?? '', sessionToken: out.Credentials?.SessionToken ?? '' }).iam;
    expect((await sessionIam.send(new GetRoleCommand({ RoleName: 'WhyDeniedAudit' }))).Role?.Path).toBe('/audit/');
    expect((await failure(sessionIam.send(new GetUserCommand({ UserName: 'diagnoser' })))).name).toBe('AccessDenied');
  });

  it('AssumeRole checks MFA: missing -> not authorized, wrong code -> MFA failure, right code -> credentials', async () => {
    const s = await start(TRUSTING);
    fake = s.fake;
    const RoleArn = `arn:aws:iam::${ACCT}:role/BreakGlass`;
    const SerialNumber = `arn:aws:iam::${ACCT}:mfa/diagnoser`;
    expect((await failure(s.sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'bg' })))).message).toContain('is not authorized to perform: sts:AssumeRole');
    const wrong = await failure(s.sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'bg', SerialNumber, TokenCode: '000000' })));
    expect(wrong.message).toBe('MultiFactorAuthentication failed with invalid MFA one time pass code. ');
    const ok = await s.sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'bg', SerialNumber, TokenCode: '123456', DurationSeconds: 7200 }));
    expect(ok.Credentials?.SessionToken).toBeTruthy();
    const tooLong = await failure(s.sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'bg', SerialNumber, TokenCode: '123456', DurationSeconds: 7201 })));
    expect(tooLong.message).toBe('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  });

  it('AssumeRole on an unknown role is AccessDenied, and a bad session name is a ValidationError', async () => {
    const s = await start(TRUSTING);
    fake = s.fake;
    expect((await failure(s.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCT}:role/Nope`, RoleSessionName: 'x1' })))).name).toBe('AccessDenied');
    expect((await failure(s.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCT}:role/BreakGlass`, RoleSessionName: 'bad name' })))).name).toBe('ValidationError');
  });

  it('AssumeRole is refused when the caller\'s allow-list lacks sts:AssumeRole', async () => {
    const s = await start('fail-no-simulate-permission');
    fake = s.fake;
    const error = await failure(s.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCT}:role/X`, RoleSessionName: 'x1' })));
    expect(error.message).toBe(
      `User: arn:aws:iam::${ACCT}:user/diagnoser is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCT}:role/X because no identity-based policy allows the sts:AssumeRole action`,
    );
  });
});
