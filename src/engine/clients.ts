// SDK clients for one target. `maxAttempts: 1` because the engine retries throttling itself (it owns
// the time budget and must be able to say "throttled"); no `defaultsMode: 'auto'`, which probes
// `window` and throws in the service worker.

import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import { PARTITIONS } from './partitions.ts';
import type { AwsService, AwsTarget } from './target.ts';

export interface AwsClients {
  iam(): IAMClient;
  sts(): STSClient;
  organizations(): OrganizationsClient;
  /** Closes pooled connections (Node keeps sockets alive otherwise). */
  destroy(): void;
}

function endpointFor(target: AwsTarget, service: AwsService): string | undefined {
  return target.endpoints?.[service] ?? target.endpoint ?? undefined;
}

function signingRegion(target: AwsTarget, service: AwsService): string {
  const partition = PARTITIONS[target.partition];
  if (service === 'iam') return partition.iamRegion;
  if (service === 'organizations') return partition.organizationsRegion;
  return target.region || partition.iamRegion;
}

function clientConfig(target: AwsTarget, service: AwsService) {
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = target.credentials;
  const endpoint = endpointFor(target, service);
  return {
    region: signingRegion(target, service),
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}), ...(expiration ? { expiration } : {}) },
    maxAttempts: 1,
    ...(endpoint ? { endpoint } : {}),
    ...(target.systemClockOffsetMs ? { systemClockOffset: target.systemClockOffsetMs } : {}),
  };
}

export function createClients(target: AwsTarget): AwsClients {
  let iam: IAMClient | undefined;
  let sts: STSClient | undefined;
  let organizations: OrganizationsClient | undefined;
  return {
    iam: () => (iam ??= new IAMClient(clientConfig(target, 'iam'))),
    sts: () => (sts ??= new STSClient(clientConfig(target, 'sts'))),
    organizations: () => (organizations ??= new OrganizationsClient(clientConfig(target, 'organizations'))),
    destroy: () => {
      for (const client of [iam, sts, organizations]) client?.destroy();
      iam = sts = organizations = undefined;
    },
  };
}
