// The diagnosis engine's public API. Runs in the MV3 service worker and in the Node CLI: no
// browser.* APIs, no DOM, fetch-based SDK clients.

export type { AwsCredentials, AwsService, AwsTarget, DiagnoseOptions } from './target.ts';
export type { Partition } from './partitions.ts';
export { diagnoseDenial } from './diagnose.ts';
export { compareWithTodaysVersion } from './current-policy.ts';
export { checkIdentity, assumeRole, type IdentityCheck, type AssumedRole, type RoleToAssume } from './identity.ts';
export { DiagnosisCache, diagnosisCacheKey, DEFAULT_CACHE_TTL_MS, DIAGNOSIS_CACHE_PREFIX, type KeyValueStore } from './cache.ts';
export { failedDiagnosis } from './draft.ts';
export { AWS_CALLS, type AwsCallName } from './aws-calls.ts';
export { minimalDiagnosticPolicy } from './diagnostic-policy.ts';
// The parser, so the CLI and the benchmark can go from text to a diagnosis with this one library.
export { parseDenials } from '../core/parse/index.ts';
