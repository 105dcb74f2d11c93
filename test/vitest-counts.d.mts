// Types for test/vitest-counts.mjs, so its unit test can import it without a build step.

export interface VitestReport {
  testResults?: Array<{ status: string; assertionResults?: Array<{ status: string }> }>;
}

export function countVitestReport(report: VitestReport): { passed: number; failed: number };
