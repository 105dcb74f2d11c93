// The request iam-simulate evaluates: the console's principal (the session for assumed roles), the
// denied action, and a concrete resource (its wildcard mode would drop implicit denies).

import type { LocalRequest } from './local-eval.ts';
import { PARTITIONS, type Partition } from './partitions.ts';
import { concreteResourceFor, type MappedResource } from './resource.ts';
import type { RequestContext } from './request-context.ts';

export async function localRequestFor(input: {
  principalArn: string;
  account: string;
  partition: Partition;
  action: string;
  resource: MappedResource;
  context: RequestContext;
}): Promise<LocalRequest> {
  const region = PARTITIONS[input.partition].billingRegion;
  const resource = await concreteResourceFor(input.action, input.resource.simulator, input.partition, input.account, region);
  const resourceAccount = /^arn:[\w-]+:[\w-]*:[\w-]*:(\d{12}):/.exec(resource)?.[1] ?? input.account;
  return { principalArn: input.principalArn, action: input.action, resource, resourceAccount, context: input.context };
}
