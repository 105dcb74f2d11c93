// The one table of AWS partitions: console hosts and URLs, the API hosts a diagnosis calls, and
// the Regions IAM, Organizations and the billing APIs live in (docs/billing-actions.md section 12;
// docs/console-dom.md section 1). core, engine and the panel import it; no other module lists these.

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

export interface PartitionInfo {
  /** The console's base host; Region and multi-session hosts end with `.<consoleHost>`. */
  consoleHost: string;
  /** The console's home URL. */
  consoleUrl: string;
  /** The API hosts a diagnosis calls (IAM is global; STS and Organizations by Region). */
  apiHosts: { iam: string; sts: string; organizations: string };
  /** IAM is global; its SigV4 signing Region. */
  iamRegion: string;
  organizationsRegion: string;
  /** Where the Billing and Cost Management APIs are served: what `aws:RequestedRegion` holds for them. */
  billingRegion: string;
}

function partition(consoleHost: string, info: Omit<PartitionInfo, 'consoleHost' | 'consoleUrl'>): PartitionInfo {
  return { consoleHost, consoleUrl: `https://${consoleHost}`, ...info };
}

export const PARTITIONS: Readonly<Record<Partition, PartitionInfo>> = {
  aws: partition('console.aws.amazon.com', {
    apiHosts: { iam: 'iam.amazonaws.com', sts: 'sts.amazonaws.com', organizations: 'organizations.us-east-1.amazonaws.com' },
    iamRegion: 'us-east-1',
    organizationsRegion: 'us-east-1',
    billingRegion: 'us-east-1',
  }),
  'aws-cn': partition('console.amazonaws.cn', {
    apiHosts: { iam: 'iam.cn-north-1.amazonaws.com.cn', sts: 'sts.cn-north-1.amazonaws.com.cn', organizations: 'organizations.cn-northwest-1.amazonaws.com.cn' },
    iamRegion: 'cn-north-1',
    organizationsRegion: 'cn-northwest-1',
    billingRegion: 'cn-northwest-1',
  }),
  'aws-us-gov': partition('console.amazonaws-us-gov.com', {
    apiHosts: { iam: 'iam.us-gov.amazonaws.com', sts: 'sts.us-gov-west-1.amazonaws.com', organizations: 'organizations.us-gov-west-1.amazonaws.com' },
    iamRegion: 'us-gov-west-1',
    organizationsRegion: 'us-gov-west-1',
    billingRegion: 'us-gov-west-1',
  }),
};

/** Every partition name an ARN may carry, including those without a console this product knows. */
export const KNOWN_PARTITIONS: readonly string[] = [...Object.keys(PARTITIONS), 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];

export function isPartition(value: string): value is Partition {
  return Object.hasOwn(PARTITIONS, value);
}

/** The console host of a partition, or null when it has none we know (no link rather than a wrong one). */
export function consoleHost(name: string): string | null {
  return isPartition(name) ? PARTITIONS[name].consoleHost : null;
}

/** Console hosts by partition, including partitions the engine does not diagnose in (aws-eusc). */
export const CONSOLE_HOSTS: readonly { host: string; partition: string }[] = [
  ...(Object.keys(PARTITIONS) as Partition[]).map((partition) => ({ host: PARTITIONS[partition].consoleHost, partition })),
  { host: 'console.aws.eu', partition: 'aws-eusc' },
];

/** The partition a console host belongs to (base, Region or multi-session host), or null. */
export function partitionOfConsoleHost(host: string): string | null {
  const lower = host.toLowerCase();
  return CONSOLE_HOSTS.find(({ host: base }) => lower === base || lower.endsWith(`.${base}`))?.partition ?? null;
}
