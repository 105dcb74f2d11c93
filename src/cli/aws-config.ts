// The parts of the AWS CLI's configuration that the CLI honours besides credentials (which the SDK's own
// provider chain resolves): the profile's region and endpoint URLs, from the environment and the shared config
// file, with the same precedence as the AWS CLI and SDKs.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type Service = 'iam' | 'sts' | 'organizations' | 'iam-toolbox' | 's3';

export interface ResolvedConfig {
  profile: string;
  region: string;
  endpoints: Partial<Record<Service, string>>;
}

type Ini = Map<string, Map<string, string | Map<string, string>>>;

/** INI as the AWS CLI reads it, including nested sub-sections (`iam =` followed by indented `endpoint_url = …`). */
export function parseIni(text: string): Ini {
  const sections: Ini = new Map();
  let current: Map<string, string | Map<string, string>> | null = null;
  let nested: Map<string, string> | null = null;
  for (const rawLine of text.split(/\r?\n/)) {
    if (/^\s*([#;]|$)/.test(rawLine)) continue;
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(rawLine);
    if (header) {
      current = new Map();
      nested = null;
      sections.set(header[1]!.trim().replace(/\s+/g, ' '), current);
      continue;
    }
    if (!current) continue;
    const eq = rawLine.indexOf('=');
    if (eq < 0) continue;
    const key = rawLine.slice(0, eq).trim().toLowerCase();
    const value = rawLine.slice(eq + 1).trim();
    if (/^\s/.test(rawLine) && nested) nested.set(key, value);
    else if (value === '') current.set(key, (nested = new Map()));
    else {
      nested = null;
      current.set(key, value);
    }
  }
  return sections;
}

function readIni(path: string): Ini {
  try {
    return parseIni(readFileSync(path, 'utf8'));
  } catch {
    return new Map();
  }
}

/** The service ID ("IAM Toolbox") in the environment variable's form and in the shared config's [services] key. */
const ENV_SERVICE_IDS: Record<Service, string> = { iam: 'IAM', sts: 'STS', organizations: 'ORGANIZATIONS', 'iam-toolbox': 'IAM_TOOLBOX', s3: 'S3' };
const CONFIG_SERVICE_KEYS: Record<Service, string> = { iam: 'iam', sts: 'sts', organizations: 'organizations', 'iam-toolbox': 'iam_toolbox', s3: 's3' };

export function resolveConfig(env: NodeJS.ProcessEnv, profileFlag: string | null): ResolvedConfig {
  const profile = profileFlag ?? env.AWS_PROFILE ?? env.AWS_DEFAULT_PROFILE ?? 'default';
  const configFile = readIni(env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config'));
  const section = configFile.get(profile === 'default' ? 'default' : `profile ${profile}`) ?? configFile.get(profile);
  const value = (key: string) => {
    const v = section?.get(key);
    return typeof v === 'string' ? v : undefined;
  };
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? value('region') ?? 'us-east-1';
  const ignoreConfigured = /^true$/i.test(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? value('ignore_configured_endpoint_urls') ?? '');
  const services = configFile.get(`services ${value('services') ?? ''}`);
  const endpoints: Partial<Record<Service, string>> = {};
  if (!ignoreConfigured) {
    for (const service of Object.keys(ENV_SERVICE_IDS) as Service[]) {
      const nested = services?.get(CONFIG_SERVICE_KEYS[service]);
      const fromServices = nested instanceof Map ? nested.get('endpoint_url') : undefined;
      const url = env[`AWS_ENDPOINT_URL_${ENV_SERVICE_IDS[service]}`] ?? env.AWS_ENDPOINT_URL ?? fromServices ?? value('endpoint_url');
      if (url) endpoints[service] = url;
    }
  }
  return { profile, region, endpoints };
}

export function partitionOf(region: string): 'aws' | 'aws-cn' | 'aws-us-gov' {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
