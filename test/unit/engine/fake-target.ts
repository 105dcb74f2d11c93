// Targets for the engine tests: the fake AWS's endpoint and a scenario's first (diagnosing) credential,
// with the scenario's client-side twists (wrong secret, unknown key, skewed clock).

import { afterAll } from 'vitest';
import { parseDenials } from '../../../src/core/parse/index.ts';
import { diagnoseDenial, type AwsTarget } from '../../../src/engine/index.ts';
import { startFakeAws, type FakeAws, type Scenario } from '../../fake-aws/server.mjs';

/** The profile's home Region in tests: not us-east-1, so billing calls differ from it. */
export const HOME_REGION = 'eu-central-1';

export function targetFor(url: string, scenario: Scenario, profileName = 'diagnoser'): AwsTarget {
  const credential = scenario.credentials[0]!;
  const client = scenario.client ?? {};
  return {
    profileName,
    credentials: {
      accessKeyId: client.accessKeyId ?? credential.accessKeyId,
      secretAccessKey: client.secretAccessKey ?? credential.secretAccessKey,
      ...(credential.sessionToken ? { sessionToken: credential.sessionToken } : {}),
      ...(credential.expiresAt ? { expiration: new Date(credential.expiresAt) } : {}),
    },
    region: HOME_REGION,
    partition: 'aws',
    endpoint: url,
    ...(client.clockOffsetSeconds ? { systemClockOffsetMs: client.clockOffsetSeconds * 1000 } : {}),
  };
}

/** Every secret a diagnosis must never contain. */
export function secretsOf(scenario: Scenario): string[] {
  return scenario.credentials.flatMap((c) => [c.secretAccessKey, c.sessionToken ?? '']).filter((s) => s.length >= 8);
}

/**
 * A diagnoser for one test file: each scenario's denial against its own fake AWS (closed after the file's
 * tests), with the calls it made as `service:Action`.
 */
export function scenarioDiagnoser() {
  const fakes: FakeAws[] = [];
  afterAll(async () => {
    await Promise.all(fakes.map((f) => f.close()));
  });
  return async (scenario: Scenario) => {
    const fake = await startFakeAws({ scenario });
    fakes.push(fake);
    const d = await diagnoseDenial(parseDenials(scenario.denial)[0]!, targetFor(fake.url, scenario));
    return { d, calls: fake.calls.map((c) => `${c.service}:${c.action}`), actions: fake.calls.map((c) => c.action) };
  };
}
