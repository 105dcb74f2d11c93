// Counts vitest's JSON report for `npm test`'s final line: tests only. The report's suite counts include every
// describe block, so one failing test in a nested describe would otherwise count three times.

/** @param {{ testResults?: Array<{ status: string, assertionResults?: Array<{ status: string }> }> }} report */
export function countVitestReport(report) {
  let passed = 0;
  let failed = 0;
  for (const file of report.testResults ?? []) {
    const tests = file.assertionResults ?? [];
    const failedTests = tests.filter((t) => t.status === 'failed').length;
    passed += tests.filter((t) => t.status === 'passed').length;
    // A file that failed without a failing test (it did not load, or a hook threw) is one failure.
    failed += failedTests > 0 ? failedTests : file.status === 'failed' ? 1 : 0;
  }
  return { passed, failed };
}
