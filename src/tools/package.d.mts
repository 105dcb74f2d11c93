// Types for package.mjs (a plain Node script, so `npm run package` needs no TypeScript step).
export function zip(files: { name: string; data: Buffer }[]): Buffer;
export function manifestProblems(manifest: Record<string, unknown>, version: string): string[];
export function makePackages(options?: { out?: string; lint?: boolean }): {
  version: string;
  written: { target: 'chrome' | 'firefox' | 'source'; path: string; bytes: number; entries: number; sha256: string }[];
  lint: { errors: number; warnings: number; notices: number } | null;
};
