// Targets for the engine tests: the fake AWS's endpoint and a scenario's first (diagnosing) credential,
// with the scenario's client-side twists (wrong secret, unknown key, skewed clock).

import type { Scenario } from '../../fake-aws/server.mjs';
import type { AwsTarget } from '../../../src/engine/index.ts';

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
