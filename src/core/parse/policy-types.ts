// The policy-type phrases of the typed context clause (denial-grammar.md 2.1 and 6.2), as data.
// The transitive VPC-endpoint-through-SCP form counts as an SCP: the IAM doc says to fix the SCP.

import type { PolicyType } from '../denial.ts';

const PHRASES: ReadonlyArray<readonly [phrase: string, type: PolicyType]> = [
  ['vpc endpoint policy transitively through a service control policy', 'scp'],
  ['service control policy', 'scp'],
  ['resource control policy', 'rcp'],
  ['vpc endpoint policy', 'vpc-endpoint'],
  ['permissions boundary policy', 'permissions-boundary'],
  ['permissions boundary', 'permissions-boundary'],
  ['permission boundary', 'permissions-boundary'],
  ['sessions policy', 'session'], // the IAM doc's typo
  ['session policy', 'session'],
  ['resource-based policy', 'resource'],
  ['resource based policy', 'resource'],
  ['role trust policy', 'role-trust'],
  ['identity-based policy', 'identity'],
  ['identity based policy', 'identity'],
];

/** Longest first, so that "vpc endpoint policy transitively …" wins over "vpc endpoint policy". */
const POLICY_TYPE_PHRASES = [...PHRASES].sort((a, b) => b[0].length - a[0].length);

const ARTICLES = ['a ', 'an ', 'the '];

function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d;
}

/** The policy type named at `pos` in lower-cased text, and where its phrase ends. */
export function matchPolicyType(lower: string, pos: number, limit: number): { type: PolicyType; end: number } | null {
  for (const [phrase, type] of POLICY_TYPE_PHRASES) {
    const end = pos + phrase.length;
    if (end <= limit && lower.startsWith(phrase, pos) && (end >= limit || !isWordChar(lower.charCodeAt(end)))) {
      return { type, end };
    }
  }
  return null;
}

/** `pos` moved past "a ", "an " or "the ", when one is there. */
export function skipArticle(lower: string, pos: number, limit: number): number {
  for (const article of ARTICLES) {
    if (pos + article.length <= limit && lower.startsWith(article, pos)) return pos + article.length;
  }
  return pos;
}

/**
 * Where the policy-type phrase (with an optional article) that ends at `end` starts, or -1.
 * Used to accept console context triggers: "<type> explicitly denies the", "no <type> allows the".
 */
export function policyTypeEndingAt(lower: string, end: number, floor: number): number {
  for (const [phrase] of POLICY_TYPE_PHRASES) {
    const start = end - phrase.length;
    if (start >= floor && lower.startsWith(phrase, start) && (start === 0 || !isWordChar(lower.charCodeAt(start - 1)))) {
      return start;
    }
  }
  return -1;
}
