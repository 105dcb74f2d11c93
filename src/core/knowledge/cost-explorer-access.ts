// Cost Explorer access is an account/organization setting, not an IAM permission: the management
// account enables Cost Explorer and decides whether member accounts may use it, "regardless of the
// IAM policies" (Billing User Guide; denial-grammar.md section 7.2).

export const COST_EXPLORER_ACCESS = {
  /** Enabling: opening Cost Explorer once in the console; there is no API for it. */
  enableSteps: [
    'Sign in to the management account of the organization (or the standalone account) with a user allowed to open Cost Explorer; AWS documents the root user for this.',
    'Open the Billing and Cost Management console and choose Cost Explorer. Opening it the first time enables it; there is no API for this.',
    'Wait: the current month appears in about 24 hours, older data a few days later.',
  ],
  memberAccessSteps: [
    'Sign in to the organization\'s management account.',
    'Open the Billing and Cost Management console and choose "Cost Management preferences" in the navigation pane.',
    'Under the member (linked) account settings, select "Linked account access" and save. Access is for all member accounts or none; it cannot be set per account.',
    'In the member account, its root user must activate "IAM user and role access to Billing information" (Account page): until then no IAM user or role there can use Cost Explorer, whatever the policies say.',
    'Then give the member account\'s users an IAM policy (or permission set) that allows the ce: actions they need.',
  ],
  docs: [
    { label: 'Controlling access to Cost Explorer', url: 'https://docs.aws.amazon.com/cost-management/latest/userguide/ce-access.html' },
    { label: 'Activating access to the Billing and Cost Management console', url: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/control-access-billing.html' },
    { label: 'Enabling Cost Explorer', url: 'https://docs.aws.amazon.com/cost-management/latest/userguide/ce-enable.html' },
    {
      label: 'Grant Cost Explorer access to a member account (re:Post)',
      url: 'https://repost.aws/knowledge-center/organization-cost-explorer-iam',
    },
  ],
} as const;
