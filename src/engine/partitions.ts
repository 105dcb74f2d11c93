// Per-partition facts the engine needs: where IAM, Organizations and the billing APIs live, and the
// console host for links. The billing Region is what `aws:RequestedRegion` holds for billing calls.

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

export interface PartitionInfo {
  consoleHost: string;
  /** IAM is global; its SigV4 signing Region. */
  iamRegion: string;
  organizationsRegion: string;
  /** Where Billing and Cost Management APIs are served (billing-actions.md section 10). */
  billingRegion: string;
}

export const PARTITIONS: Record<Partition, PartitionInfo> = {
  aws: { consoleHost: 'console.aws.amazon.com', iamRegion: 'us-east-1', organizationsRegion: 'us-east-1', billingRegion: 'us-east-1' },
  'aws-cn': { consoleHost: 'console.amazonaws.cn', iamRegion: 'cn-north-1', organizationsRegion: 'cn-northwest-1', billingRegion: 'cn-northwest-1' },
  'aws-us-gov': {
    consoleHost: 'console.amazonaws-us-gov.com',
    iamRegion: 'us-gov-west-1',
    organizationsRegion: 'us-gov-west-1',
    billingRegion: 'us-gov-west-1',
  },
};

export function isPartition(value: string): value is Partition {
  return Object.hasOwn(PARTITIONS, value);
}
