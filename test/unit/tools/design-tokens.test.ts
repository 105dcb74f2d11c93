// The generated token files match what the build step would write from the installed package, and carry the
// Cloudscape values the issue names (so a package update that changes them shows up here, not in a screenshot).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { generatedFiles, readTokenValues } from '../../../src/tools/design-tokens.ts';

const root = resolve(import.meta.dirname, '../../..');

describe('Cloudscape design tokens, compiled in at build time', () => {
  test('the committed generated files are what the build step writes', () => {
    for (const [file, text] of Object.entries(generatedFiles(root))) expect(readFileSync(resolve(root, file), 'utf8'), file).toBe(text);
  });

  test('alert and button shapes and the accent colour come from the package', () => {
    const t = readTokenValues(root);
    expect(t.static['border-width-alert']).toBe('2px');
    expect(t.static['border-radius-alert']).toMatch(/^1[2-6]px$/);
    expect(t.static['border-radius-button']).toBe('20px');
    expect(t.light['color-background-button-primary-default']).toBe('#006ce0');
    expect(t.dark['color-background-container-content']).not.toBe(t.light['color-background-container-content']);
    // Headings stand out from body text.
    expect(parseInt(t.static['font-size-heading-m'])).toBeGreaterThan(parseInt(t.static['font-size-body-m']));
  });
});
