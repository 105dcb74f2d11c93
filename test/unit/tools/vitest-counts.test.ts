// npm test's final line counts tests, not the describe blocks around a failing test.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countVitestReport } from '../../vitest-counts.mjs';

const captured = (name: string) => JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8'));

describe('countVitestReport', () => {
  it('counts one failing test in a nested describe once (the report says 3 failed suites)', () => {
    const report = captured('vitest-nested-failure.json');
    expect(report.numFailedTestSuites).toBe(3);
    expect(countVitestReport(report)).toEqual({ passed: 2, failed: 1 });
  });

  it('counts a test file that failed to load as one failure', () => {
    expect(countVitestReport(captured('vitest-file-failure.json'))).toEqual({ passed: 0, failed: 1 });
  });

  it('counts skipped and todo tests as neither', () => {
    const report = { testResults: [{ status: 'passed', assertionResults: [{ status: 'passed' }, { status: 'skipped' }, { status: 'todo' }] }] };
    expect(countVitestReport(report)).toEqual({ passed: 1, failed: 0 });
  });
});
