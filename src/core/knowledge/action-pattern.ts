// IAM action patterns as policies write them: `service:Get*`, case-insensitive, `*` and `?` wildcards.

/**
 * Each wildcard pattern's compiled form. A panel's explanation tests a page's few dozen patterns against each
 * denied action, and compiling a RegExp per test was most of a first explanation's time.
 */
const compiled = new Map<string, RegExp>();
const MAX_COMPILED = 1000;

/** True when an IAM action pattern matches an action. */
export function actionPatternMatches(pattern: string, action: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern.toLowerCase() === action.toLowerCase();
  let regex = compiled.get(pattern);
  if (!regex) {
    // The worker also tests the patterns of the policies it reads: a bound keeps a long session's cache small.
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    const source = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    regex = new RegExp(`^${source}$`, 'i');
    compiled.set(pattern, regex);
  }
  return regex.test(action);
}

/** True when any of the patterns matches the action. */
export function anyPatternMatches(patterns: readonly string[], action: string): boolean {
  return patterns.some((pattern) => actionPatternMatches(pattern, action));
}
