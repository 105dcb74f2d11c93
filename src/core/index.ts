// The pure core as one library: the CLI, the benchmarks and other tools import it (dist/node/core.mjs).
export type * from './denial.ts';
export type * from './explanation.ts';
export type * from './diagnosis.ts';
export { denialKey, toDenialFields } from './denial.ts';
export { parseDenials, normalizeDenialText, containsDenialTrigger, parsePrincipalArn } from './parse/index.ts';
export { explainDenial, type ExplainContext } from './rules/index.ts';
export { formatAdminRequest, type AdminRequestInput, type RequestFormat } from './request/admin-request.ts';
export { inertText } from './text.ts';
