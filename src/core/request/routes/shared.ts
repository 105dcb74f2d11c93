// What the command routes share: the shell banner, compact JSON, one-link blocks, and how to read
// and republish a customer managed IAM policy.

import type { PolicyDocument } from '../../explanation.ts';
import type { Block } from '../document.ts';

export const POSIX = '# POSIX shell (bash, zsh). Replace every <placeholder> before running.';

export const IAM_POLICY_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/[\w+=,.@/-]+$/;

export function compact(policy: PolicyDocument): string {
  return JSON.stringify(policy);
}

/** A one-link block, or nothing when there is no trustworthy URL. */
export function consoleLink(label: string, url: string | null): Block[] {
  return url ? [{ kind: 'links', links: [{ label, url }] }] : [];
}

/** Read the default version of a managed policy, and publish an edited copy as the new default. */
export function editManagedPolicyLines(arn: string, file: string): string[] {
  return [
    '# Its current document:',
    `aws iam get-policy-version --policy-arn ${arn} --version-id "$(aws iam get-policy --policy-arn ${arn} --query Policy.DefaultVersionId --output text)" --query PolicyVersion.Document`,
    `# Save the document as ${file}, change it, and publish it as the default version`,
    '# (a managed policy keeps at most five versions: delete an old one first if needed).',
    `aws iam create-policy-version --policy-arn ${arn} --policy-document file://${file} --set-as-default`,
  ];
}
