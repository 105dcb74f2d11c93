// The pure core, as one library: the CLI and the benchmarks import it from dist/node/core.mjs.
export type * from './denial.ts';
export type * from './explanation.ts';
export type * from './diagnosis.ts';
