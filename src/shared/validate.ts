// A small schema checker for data that crosses a trust boundary (messages, storage). Each check returns the
// path of the first problem, or null, so errors say exactly what was wrong.

export type Check = (value: unknown, path: string) => string | null;

export const str = (max = 1_000_000): Check => (v, p) =>
  typeof v === 'string' && v.length <= max ? null : `${p}: expected a string of at most ${max} characters`;
export const num: Check = (v, p) => (typeof v === 'number' && Number.isFinite(v) ? null : `${p}: expected a number`);
export const int: Check = (v, p) => (Number.isSafeInteger(v) ? null : `${p}: expected an integer`);
export const bool: Check = (v, p) => (typeof v === 'boolean' ? null : `${p}: expected a boolean`);
export const any: Check = () => null;

export const oneOf = (...values: readonly (string | number | boolean | null)[]): Check => (v, p) =>
  values.includes(v as string) ? null : `${p}: expected one of ${values.map((x) => JSON.stringify(x)).join(', ')}`;

export const nullable = (check: Check): Check => (v, p) => (v === null ? null : check(v, p));
export const optional = (check: Check): Check => (v, p) => (v === undefined ? null : check(v, p));

export const arr = (item: Check, max = 10_000): Check => (v, p) => {
  if (!Array.isArray(v)) return `${p}: expected an array`;
  if (v.length > max) return `${p}: more than ${max} items`;
  for (let i = 0; i < v.length; i++) {
    const problem = item(v[i], `${p}[${i}]`);
    if (problem) return problem;
  }
  return null;
};

export const record = (item: Check, max = 1_000): Check => (v, p) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${p}: expected an object`;
  const entries = Object.entries(v);
  if (entries.length > max) return `${p}: more than ${max} keys`;
  for (const [k, x] of entries) {
    const problem = item(x, `${p}.${k}`);
    if (problem) return problem;
  }
  return null;
};

/**
 * An object with exactly these keys (unknown keys are rejected, so nothing unexpected rides along). Only own
 * properties count, on both sides: "constructor" or "__proto__" are never fields, and a missing field is absent
 * even when a prototype has one by that name.
 */
export const obj = (shape: Record<string, Check>): Check => (v, p) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${p}: expected an object`;
  for (const key of Object.keys(v)) if (!Object.hasOwn(shape, key)) return `${p}: unexpected key "${key}"`;
  for (const [key, check] of Object.entries(shape)) {
    const problem = check(Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined, `${p}.${key}`);
    if (problem) return problem;
  }
  return null;
};
