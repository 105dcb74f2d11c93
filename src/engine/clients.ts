// SDK clients for one diagnosis, configured once: the SDK's standard retry strategy (bounded
// exponential backoff with jitter and a retry quota, shared by every client of the diagnosis), a
// per-attempt timeout, and a middleware that counts every attempt that goes on the wire. No
// `defaultsMode: 'auto'`, which probes `window` and throws in the service worker.

import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import { StandardRetryStrategy } from '@smithy/core/retry';
import type { MetadataBearer, MiddlewareStack } from '@smithy/types';
import { BucketPolicyClient } from './bucket-policy.ts';
import { IamToolboxClient } from './iam-toolbox.ts';
import { PARTITIONS } from './partitions.ts';
import { SignedRestClient } from './signed-rest.ts';
import type { AwsService, AwsTarget } from './target.ts';

/** Tries per call: the SDK's standard mode default (AWS SDKs and Tools reference, "Retry behavior"). */
export const MAX_ATTEMPTS = 3;
/** One attempt that takes longer than this is abandoned and, within the attempts, tried again. */
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 8000;

export interface ClientOptions {
  attemptTimeoutMs?: number;
  /** Called once per HTTP attempt (first tries and retries alike). */
  onAttempt?: () => void;
}

export interface AwsClients {
  iam(): IAMClient;
  sts(): STSClient;
  organizations(): OrganizationsClient;
  toolbox(): IamToolboxClient;
  /** s3:GetBucketPolicy only. */
  s3(): BucketPolicyClient;
  /** Closes pooled connections (Node keeps sockets alive otherwise). */
  destroy(): void;
}

function endpointFor(target: AwsTarget, service: AwsService): string | undefined {
  return target.endpoints?.[service] ?? target.endpoint ?? undefined;
}

function signingRegion(target: AwsTarget, service: AwsService): string {
  const partition = PARTITIONS[target.partition];
  if (service === 'iam' || service === 'iam-toolbox' || service === 's3') return partition.iamRegion;
  if (service === 'organizations') return partition.organizationsRegion;
  return target.region || partition.iamRegion;
}

/** Counts attempts: the deserialize step runs inside the retry loop, once per attempt. */
function countAttempts<C extends IAMClient | STSClient | OrganizationsClient>(client: C, onAttempt: (() => void) | undefined): C {
  if (!onAttempt) return client;
  (client.middlewareStack as unknown as MiddlewareStack<object, MetadataBearer>).add(
    (next) => async (args) => {
      onAttempt();
      return next(args);
    },
    { step: 'deserialize', name: 'whyDeniedAttemptCounter', priority: 'high' },
  );
  return client;
}

export function createClients(target: AwsTarget, options: ClientOptions = {}): AwsClients {
  const retryStrategy = new StandardRetryStrategy(MAX_ATTEMPTS);
  const requestTimeout = options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = target.credentials;
  const credentials = { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}), ...(expiration ? { expiration } : {}) };
  const config = (service: AwsService) => {
    const endpoint = endpointFor(target, service);
    return {
      region: signingRegion(target, service),
      credentials,
      retryStrategy,
      maxAttempts: MAX_ATTEMPTS,
      // Node's handler only warns on requestTimeout unless told to throw.
      requestHandler: { requestTimeout, throwOnRequestTimeout: true },
      ...(endpoint ? { endpoint } : {}),
      ...(target.systemClockOffsetMs ? { systemClockOffset: target.systemClockOffsetMs } : {}),
    };
  };
  const counted = <C extends IAMClient | STSClient | OrganizationsClient>(client: C): C => countAttempts(client, options.onAttempt);
  let iam: IAMClient | undefined;
  let sts: STSClient | undefined;
  let organizations: OrganizationsClient | undefined;
  let toolbox: IamToolboxClient | undefined;
  let s3: BucketPolicyClient | undefined;
  const iamClient = () => (iam ??= counted(new IAMClient(config('iam'))));
  // The IAM client's HTTP handler and hash: the runtime's (fetch in the worker, node:http in the CLI).
  const rest = (service: AwsService) => new SignedRestClient({ ...config(service), base: iamClient, ...(options.onAttempt ? { onAttempt: options.onAttempt } : {}) });
  return {
    iam: iamClient,
    sts: () => (sts ??= counted(new STSClient(config('sts')))),
    organizations: () => (organizations ??= counted(new OrganizationsClient(config('organizations')))),
    toolbox: () => {
      const { region, endpoint } = config('iam-toolbox');
      return (toolbox ??= new IamToolboxClient({ rest: rest('iam-toolbox'), region, ...(endpoint ? { endpoint } : {}) }));
    },
    s3: () => {
      const { region, endpoint } = config('s3');
      return (s3 ??= new BucketPolicyClient({ rest: rest('s3'), partition: target.partition, region, ...(endpoint ? { endpoint } : {}) }));
    },
    destroy: () => {
      for (const client of [iam, sts, organizations]) client?.destroy();
      iam = sts = organizations = toolbox = s3 = undefined;
    },
  };
}
