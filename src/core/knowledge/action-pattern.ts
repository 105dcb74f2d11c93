// IAM action patterns as policies write them: `service:Get*`, case-insensitive, `*` and `?` wildcards.

/** True when an IAM action pattern matches an action. */
export function actionPatternMatches(pattern: string, action: string): boolean {
  const source = pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(action.toLowerCase());
}

/** True when any of the patterns matches the action. */
export function anyPatternMatches(patterns: readonly string[], action: string): boolean {
  return patterns.some((pattern) => actionPatternMatches(pattern, action));
}
