// Fake-AWS scenarios and profile inputs shared by the background tests.
import type { ProfileInput, ProfileSaveResult } from '../../../src/shared/protocol-profiles.ts';

export const ACCOUNT = '111111111111';
export const OTHER_ACCOUNT = '222222222222';
export const START_URL = 'https://d-1234567890.awsapps.com/start';

export const SSO_ROLES = {
  reader: { roleName: 'BillingReader', iamName: 'AWSReservedSSO_BillingReader_0123456789abcdef', accessKeyId: 'ASIAREADERREADER0001' },
  diagnoser: { roleName: 'Diagnoser', iamName: 'AWSReservedSSO_Diagnoser_fedcba9876543210', accessKeyId: 'ASIADIAGNOSERDIAG001' },
};

export const KEYS = {
  user: { accessKeyId: 'AKIADIAGNOSEUSER0001', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  temporary: { accessKeyId: 'ASIATEMPORARYKEYS001', secretAccessKey: 'tEmPoRaRySeCrEtKeY/K7MDENG/bPxRfiCYEXAMPL', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENxyzxyzxyz' },
};

const ssoRole = (name: string) => `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/${name}`;

/** Identity Center with two roles in one account: BillingReader may not simulate, Diagnoser may. */
export function identityCenterScenario(overrides: { refreshable?: boolean; pollIntervalSeconds?: number; readerCanSimulate?: boolean; diagnoserCanSimulate?: boolean } = {}) {
  const { reader, diagnoser } = SSO_ROLES;
  return {
    name: 'why-denied-identity-center',
    description: 'Identity Center sign-in for the background tests',
    users: [{ arn: `arn:aws:iam::${ACCOUNT}:user/diagnoser` }],
    roles: [
      { arn: ssoRole(reader.iamName), inlinePolicies: { Billing: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ce:Get*', Resource: '*' }] } } },
      { arn: ssoRole(diagnoser.iamName), inlinePolicies: { Everything: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } } },
    ],
    credentials: [
      { accessKeyId: KEYS.user.accessKeyId, secretAccessKey: KEYS.user.secretAccessKey, principal: `arn:aws:iam::${ACCOUNT}:user/diagnoser`, allow: '*' },
      {
        accessKeyId: reader.accessKeyId,
        secretAccessKey: 'readerSecretKeyEXAMPLEreaderSecretKeyEX1',
        sessionToken: 'IQoJreaderSESSIONTOKENreaderSESSIONTOKEN',
        principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${reader.iamName}/alice`,
        allow: overrides.readerCanSimulate ? ['*'] : ['ce:Get*', 'iam:GetRole'],
      },
      {
        accessKeyId: diagnoser.accessKeyId,
        secretAccessKey: 'diagnoserSecretKeyEXAMPLEdiagnoserSecret',
        sessionToken: 'IQoJdiagnoserSESSIONTOKENdiagnoserSESSION',
        principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${diagnoser.iamName}/alice`,
        allow: overrides.diagnoserCanSimulate === false ? ['ce:Get*'] : '*',
      },
    ],
    identityCenter: {
      startUrl: START_URL,
      region: 'us-east-1',
      tokenTtlSeconds: 3600,
      refreshable: overrides.refreshable ?? true,
      pollIntervalSeconds: overrides.pollIntervalSeconds ?? 1,
      deviceCodeTtlSeconds: 600,
      assignments: [
        { accountId: ACCOUNT, roleName: reader.roleName, accessKeyId: reader.accessKeyId },
        { accountId: ACCOUNT, roleName: diagnoser.roleName, accessKeyId: diagnoser.accessKeyId },
      ],
    },
    denial: `User: arn:aws:sts::${ACCOUNT}:assumed-role/${reader.iamName}/alice is not authorized to perform: ce:GetCostAndUsage on resource: arn:aws:ce:us-east-1:${ACCOUNT}:/GetCostAndUsage`,
    expect: { blockingLayer: 'identity' },
  };
}

export function ssoInput(endpoint: string, overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    id: null, kind: 'identity-center', name: 'Org SSO', partition: 'aws', region: 'us-east-1', endpoint, customEndpoint: endpoint !== null,
    credentialKind: null, accessKeyId: null, secretAccessKey: null, sessionToken: null, role: null,
    startUrl: START_URL, ssoRegion: 'us-east-1',
    ...overrides,
  };
}

export function keysInput(endpoint: string | null, overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    id: null, kind: 'keys', name: 'Diagnoser keys', partition: 'aws', region: 'us-east-1', endpoint, customEndpoint: endpoint !== null,
    credentialKind: 'long-term', accessKeyId: KEYS.user.accessKeyId, secretAccessKey: KEYS.user.secretAccessKey, sessionToken: null, role: null,
    startUrl: null, ssoRegion: null,
    ...overrides,
  };
}

/** Approves (or denies) a device code on the fake's verification page, as the user would. */
export async function decide(fakeUrl: string, userCode: string, decision: 'approve' | 'deny'): Promise<void> {
  const response = await fetch(`${fakeUrl}/device`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user_code: userCode, decision }).toString(),
  });
  if (!response.ok) throw new Error(`device page answered ${response.status}`);
}

/** A save's reply when it must have been saved: the test fails with the worker's reason otherwise. */
export function saved(reply: ProfileSaveResult): Extract<ProfileSaveResult, { saved: true }> {
  if (!reply.saved) throw new Error(`not saved: ${reply.message}`);
  return reply;
}
