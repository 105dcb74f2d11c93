// Shared set-up for the fake-aws tests: a server per scenario and real SDK clients pointed at it.

import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SSOClient } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { STSClient } from '@aws-sdk/client-sts';
import { startFakeAws, type FakeAws, type Scenario, type ScenarioCredential } from '../../fake-aws/server.mjs';

export interface Clients {
  iam: IAMClient;
  sts: STSClient;
  org: OrganizationsClient;
}

export interface ClientOptions {
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  systemClockOffset?: number;
}

/** IAM, STS and Organizations clients signing as a scenario credential (or overrides), one attempt each. */
export function clientsFor(fake: FakeAws, credential: ScenarioCredential, options: ClientOptions = {}): Clients {
  const config = {
    endpoint: fake.url,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: {
      accessKeyId: options.accessKeyId ?? credential.accessKeyId,
      secretAccessKey: options.secretAccessKey ?? credential.secretAccessKey,
      sessionToken: options.sessionToken ?? credential.sessionToken ?? undefined,
    },
    ...(options.systemClockOffset === undefined ? {} : { systemClockOffset: options.systemClockOffset }),
  };
  return { iam: new IAMClient(config), sts: new STSClient(config), org: new OrganizationsClient(config) };
}

export function identityCenterClients(fake: FakeAws) {
  const config = { endpoint: fake.url, region: 'us-east-1', maxAttempts: 1 };
  return { oidc: new SSOOIDCClient(config), sso: new SSOClient(config) };
}

/** Starts the fake for a scenario and returns it with clients for the scenario's first (diagnosing) credential. */
export async function start(scenario: string | Scenario, options: ClientOptions = {}) {
  const fake = await startFakeAws({ scenario });
  const profile = fake.scenario.credentials[0] as ScenarioCredential;
  return { fake, profile, ...clientsFor(fake, profile, options) };
}

/** Runs a promise that must reject; returns the error so the test can inspect it. */
export async function failure(promise: Promise<unknown>): Promise<Error & { name: string; $metadata?: { httpStatusCode?: number }; $response?: { body?: unknown } } & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** A small scenario built in the test, for cases no scenario file covers. */
export function miniScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    name: 'mini',
    description: 'built in a unit test',
    credentials: [
      {
        accessKeyId: 'AKIAFAKEDIAGNOSER001',
        secretAccessKey: 'fakeDiagnoserSecret/0001+abcdefghijklmnopqrstu',
        sessionToken: null,
        expiresAt: null,
        principal: 'arn:aws:iam::111111111111:user/diagnoser',
        allow: '*',
      },
    ],
    users: [],
    groups: [],
    roles: [],
    managedPolicies: [],
    organization: null,
    identityCenter: null,
    faults: [],
    denial: 'User: arn:aws:iam::111111111111:user/diagnoser is not authorized to perform: ce:GetCostAndUsage',
    expect: { blockingLayer: 'none-found' },
    ...overrides,
  };
}
