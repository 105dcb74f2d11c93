// Profile checks outside a diagnosis: who the credentials sign in as (sts:GetCallerIdentity), and a
// role assumed from a base profile (cross-account diagnosis, MFA-protected roles).

import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { DiagnosisProblem } from '../core/diagnosis.ts';
import { targetProblem } from './input.ts';
import { AwsSession } from './session.ts';
import type { AwsTarget } from './target.ts';

export type IdentityCheck = { ok: true; account: string; arn: string; userId: string } | { ok: false; problem: DiagnosisProblem };

export async function checkIdentity(target: AwsTarget): Promise<IdentityCheck> {
  const bad = targetProblem(target, new Date());
  if (bad) return { ok: false, problem: bad };
  const session = new AwsSession(target);
  try {
    const outcome = await session.send('sts:GetCallerIdentity', (c, abortSignal) => c.sts().send(new GetCallerIdentityCommand({}), { abortSignal }));
    if (!outcome.ok) return { ok: false, problem: session.report(outcome) };
    const { Account, Arn, UserId } = outcome.value;
    if (!Account || !Arn) return { ok: false, problem: { kind: 'unknown', message: 'STS answered without an account or ARN.' } };
    return { ok: true, account: Account, arn: Arn, userId: UserId ?? '' };
  } catch (e) {
    return { ok: false, problem: { kind: 'unknown', message: `The identity check stopped unexpectedly (${e instanceof Error ? e.name : 'error'}).` } };
  } finally {
    session.close();
  }
}

export interface RoleToAssume {
  roleArn: string;
  externalId?: string;
  mfaSerial?: string;
  mfaCode?: string;
  sessionName?: string;
}

export type AssumedRole = { ok: true; target: AwsTarget; expiresAt: number } | { ok: false; problem: DiagnosisProblem };

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const ROLE_ARN = /^arn:[\w-]+:iam::\d{12}:role\/.+$/;

export async function assumeRole(base: AwsTarget, role: RoleToAssume): Promise<AssumedRole> {
  const bad = targetProblem(base, new Date());
  if (bad) return { ok: false, problem: bad };
  if (!ROLE_ARN.test(role?.roleArn ?? '')) return { ok: false, problem: { kind: 'unknown', message: `"${role?.roleArn ?? ''}" is not an IAM role ARN.` } };
  if (role.mfaSerial && !/^\d{6}$/.test(role.mfaCode ?? '')) return { ok: false, problem: { kind: 'unknown', message: 'The role needs MFA: enter the 6-digit code from the device.' } };
  const sessionName = role.sessionName && SESSION_NAME.test(role.sessionName) ? role.sessionName : 'why-denied';
  const session = new AwsSession(base);
  try {
    const outcome = await session.send('sts:AssumeRole', (c, abortSignal) =>
      c.sts().send(
        new AssumeRoleCommand({
          RoleArn: role.roleArn,
          RoleSessionName: sessionName,
          ...(role.externalId ? { ExternalId: role.externalId } : {}),
          ...(role.mfaSerial ? { SerialNumber: role.mfaSerial, TokenCode: role.mfaCode } : {}),
        }),
        { abortSignal },
      ),
    );
    if (!outcome.ok) return { ok: false, problem: session.report(outcome, `role ${role.roleArn}`) };
    const c = outcome.value.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) return { ok: false, problem: { kind: 'unknown', message: 'STS answered AssumeRole without credentials.' } };
    const expiration = c.Expiration instanceof Date ? c.Expiration : new Date(Date.now() + 3600_000);
    return {
      ok: true,
      expiresAt: expiration.getTime(),
      target: {
        ...base,
        profileName: `${base.profileName} → ${role.roleArn.slice(role.roleArn.lastIndexOf('/') + 1)}`,
        credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}), expiration },
      },
    };
  } catch (e) {
    return { ok: false, problem: { kind: 'unknown', message: `AssumeRole stopped unexpectedly (${e instanceof Error ? e.name : 'error'}).` } };
  } finally {
    session.close();
  }
}
