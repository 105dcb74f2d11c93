// Pieces of POSIX shell commands built from page text. Names must be valid IAM names or they become
// placeholders, and every argument is single-quoted, so nothing from the page can run as a command.

const IAM_NAME = /^[\w+=,.@-]{1,64}$/;
const INLINE_POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const ACCOUNT_ID = /^\d{12}$/;

/** Single-quotes a value for sh/bash/zsh ('it'\''s'). */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function isIamName(name: string | null): name is string {
  return name !== null && IAM_NAME.test(name);
}

/** An inline policy's name: the same characters as other IAM names, up to 128 of them. */
export function isInlinePolicyName(name: string | null): name is string {
  return name !== null && INLINE_POLICY_NAME.test(name);
}

/** An IAM user or role name as a shell argument, or the placeholder when it is not a valid name. */
export function iamNameArg(name: string | null, placeholder: string): string {
  return isIamName(name) ? name : placeholder;
}

export function accountIdArg(accountId: string | null, placeholder = '<account-id>'): string {
  return accountId && ACCOUNT_ID.test(accountId) ? accountId : placeholder;
}

/** "why-denied-ce-GetCostAndUsage": inline policy names allow [\w+=,.@-], up to 128 characters. */
export function inlinePolicyName(action: string | null): string {
  const base = action ? action.replace(/[^\w+=,.@-]+/g, '-') : 'access';
  return `why-denied-${base}`.slice(0, 128);
}
