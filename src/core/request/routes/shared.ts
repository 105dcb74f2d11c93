// What the command routes share: the Route shape (the commands shown with the ask, and what goes
// under Details), the shell banner, and compact and readable JSON.

import type { Link, PolicyDocument } from '../../explanation.ts';
import type { Block } from '../document.ts';

/** One way to make the change. */
export interface Route {
  /** Where the commands run, one line: "With the AWS CLI (IAM role FinanceRole):". */
  intro: string;
  /** Shell lines shown right after the policy, before Details; empty when there is nothing to run yet. */
  commands: string[];
  /** The console path, lookups and caveats, under Details. */
  details: Block[];
  /** Console links, listed with the other links at the end. */
  links: Link[];
}

export const IAM_POLICY_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/[\w+=,.@/-]+$/;

/** The banner of a shell block: the quoting is POSIX, and placeholders (if any) need values. */
export function shellBlock(lines: readonly string[], intro = ''): string {
  const placeholders = lines.some((line) => /<[a-z][a-z-]*>/.test(line));
  return [`# POSIX shell (bash, zsh)${placeholders ? '; replace every <placeholder> before running' : ''}.${intro ? ` ${intro}` : ''}`, ...lines].join('\n');
}

export function compact(policy: PolicyDocument): string {
  return JSON.stringify(policy);
}

const inline = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(inline).join(', ')}]`
    : value !== null && typeof value === 'object'
      ? `{${Object.entries(value)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`)
          .join(', ')}}`
      : JSON.stringify(value);

/** Short enough and flat enough to read on one line: a list of actions, a small Condition. */
function fitsOneLine(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every((v) => v === null || typeof v !== 'object');
  return !('Effect' in value) && !('Statement' in value) && inline(value).length <= 72 && Object.values(value).every(fitsOneLine);
}

/** JSON indented by two, with action lists and small conditions on one line: a policy stays short. */
export function readableJson(value: unknown, indent = ''): string {
  if (fitsOneLine(value)) return inline(value);
  // One statement: "[{" … "}]" hugs it, two lines shorter.
  if (Array.isArray(value) && value.length === 1) return `[${readableJson(value[0], indent)}]`;
  const inner = `${indent}  `;
  const items = Array.isArray(value)
    ? value.map((v) => inner + readableJson(v, inner))
    : Object.entries(value as object)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${inner}${JSON.stringify(k)}: ${readableJson(v, inner)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${items.join(',\n')}\n${indent}${close}`;
}

/** A one-link list, or nothing when there is no trustworthy URL. */
export function consoleLink(label: string, url: string | null): Link[] {
  return url ? [{ label, url }] : [];
}
