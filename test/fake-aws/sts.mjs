// STS (Query protocol, 2011-06-15): GetCallerIdentity and AssumeRole with the scenario role's trust conditions.

import { randomBytes } from 'node:crypto';
import { isRootArn, parseAssumedRoleArn, parseIamArn } from './arn.mjs';
import { AwsError } from './errors.mjs';

/** Temporary keys look like AWS's: ASIA + 16 upper-case characters, a 40-character secret, a long token. */
export function temporaryKeys() {
  const id = randomBytes(16)
    .toString('base64')
    .replace(/[^A-Z0-9]/gi, '')
    .toUpperCase()
    .padEnd(16, 'X')
    .slice(0, 16);
  return {
    accessKeyId: `ASIA${id}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(96).toString('base64')}`,
  };
}

/** @param {string} caller @param {string} roleArn */
function notAuthorized(caller, roleArn) {
  return new AwsError(403, 'AccessDenied', `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
}

/**
 * @typedef {import('./world.mjs').World} World
 * @typedef {import('./world.mjs').Credential} Credential
 */

/** @type {Record<string, { resource: (p: any) => string, handle: (p: any, credential: Credential, world: World, now: number) => object }>} */
export const STS_OPERATIONS = {
  GetCallerIdentity: {
    resource: () => '*',
    handle(_p, credential, world) {
      const arn = credential.principal;
      const session = parseAssumedRoleArn(arn);
      const accountId = arn.split(':')[4] ?? '';
      if (isRootArn(arn)) return { UserId: accountId, Account: accountId, Arn: arn };
      const entity = world.callerEntity(arn);
      const id = entity ? world.uniqueId(entity) : 'AIDAUNKNOWNPRINCIPAL';
      return { UserId: session ? `${id}:${session.sessionName}` : id, Account: accountId, Arn: arn };
    },
  },
  AssumeRole: {
    resource: (p) => p.RoleArn ?? '',
    handle(p, credential, world, now) {
      const roleArn = p.RoleArn;
      const sessionName = p.RoleSessionName;
      if (!roleArn) throw new AwsError(400, 'ValidationError', "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
      if (!sessionName) throw new AwsError(400, 'ValidationError', "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
      if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
        throw new AwsError(400, 'ValidationError', `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
      }
      const parsed = parseIamArn(roleArn);
      const role = parsed?.type === 'role' ? world.entityByArn(roleArn) : null;
      if (!role) throw notAuthorized(credential.principal, roleArn);

      const duration = p.DurationSeconds === undefined ? 3600 : Number(p.DurationSeconds);
      const maxDuration = role.raw.maxSessionDuration ?? 3600;
      if (!Number.isInteger(duration) || duration < 900) {
        throw new AwsError(400, 'ValidationError', `1 validation error detected: Value '${p.DurationSeconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`);
      }
      if (duration > maxDuration) throw new AwsError(400, 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');

      if (role.raw.externalId != null && p.ExternalId !== role.raw.externalId) throw notAuthorized(credential.principal, roleArn);
      if (role.raw.requireMfa) {
        if (!p.SerialNumber || !p.TokenCode) throw notAuthorized(credential.principal, roleArn);
        if (!credential.mfa || p.SerialNumber !== credential.mfa.serialNumber || p.TokenCode !== credential.mfa.tokenCode) {
          throw new AwsError(403, 'AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code. ');
        }
      }

      const keys = temporaryKeys();
      const expiresAt = now + duration * 1000;
      const sessionArn = `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`;
      world.addCredential({ ...keys, expiresAt, principal: sessionArn, allow: role.raw.allow ?? '*', mfa: null });
      return {
        Credentials: {
          AccessKeyId: keys.accessKeyId,
          SecretAccessKey: keys.secretAccessKey,
          SessionToken: keys.sessionToken,
          Expiration: new Date(expiresAt),
        },
        AssumedRoleUser: { AssumedRoleId: `${world.uniqueId(role)}:${sessionName}`, Arn: sessionArn },
      };
    },
  },
};
