// Billing tasks that need the root user (IAM User Guide, "Tasks that require root user
// credentials"), tasks that used to and no longer do, and the account setting only the root user
// can turn on (docs/billing-actions.md section 9).

/**
 * never: no IAM policy can grant it. organization: root-only in a standalone account, but the
 * organization's management account can do it for member accounts.
 */
export type RootOnlyGrantability = 'never' | 'organization';

export interface RootOnlyTask {
  id: string;
  task: string;
  /** The IAM actions a denial names when someone tries the task (empty when no action shows). */
  actions: readonly string[];
  grantable: RootOnlyGrantability;
  note: string;
}

export const ROOT_ONLY_TASKS: readonly RootOnlyTask[] = [
  {
    id: 'activate-iam-billing-access',
    task: 'Activate IAM access to the Billing and Cost Management console',
    actions: ['billing:UpdateIAMAccessPreference'],
    grantable: 'never',
    note: 'Only the root user of the account can change "IAM user and role access to Billing information".',
  },
  {
    id: 'close-account',
    task: 'Close the AWS account',
    actions: ['account:CloseAccount'],
    grantable: 'organization',
    note: 'In an organization, the management account closes member accounts with organizations:CloseAccount (AWS Organizations CloseAccount API); account:CloseAccount only ever closes the caller\'s own account.',
  },
  {
    id: 'change-account-email',
    task: 'Change the email address, root password or root access keys',
    actions: ['account:StartPrimaryEmailUpdate', 'account:AcceptPrimaryEmailUpdate'],
    grantable: 'organization',
    note: 'Contact information, payment currency, Regions and the account name do not need the root user. The primary-email actions are for the management account acting on member accounts.',
  },
  {
    id: 'ri-marketplace-seller',
    task: 'Register as a seller in the Reserved Instance Marketplace',
    actions: [],
    grantable: 'never',
    note: 'Only the root user can register.',
  },
  {
    id: 'tax-invoices',
    task: 'View certain tax invoices',
    actions: [],
    grantable: 'never',
    note: 'IAM principals with billing view rights can get VAT invoices from AWS Europe, but not those from AWS Inc. or Amazon Internet Services Pvt. Ltd (AISPL).',
  },
];

/** Tasks that were root-only and that IAM policies can now grant: the advice must not send these to the root user. */
export interface FormerlyRootOnlyTask {
  task: string;
  actions: readonly string[];
  /** Since when, and who may do it now. */
  now: string;
  /** An AWS managed policy that grants it, when one does (checked against the policy document by the tests). */
  managedPolicy: string | null;
  source: string;
}

export const FORMERLY_ROOT_ONLY_TASKS: readonly FormerlyRootOnlyTask[] = [
  {
    task: 'Change the account name',
    actions: ['account:PutAccountName'],
    now: 'Since April 2025, IAM users and roles allowed account:PutAccountName can rename a standalone or management account, and the management account can rename member accounts.',
    managedPolicy: 'AWSAccountManagementFullAccess',
    source: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-acct-name.html',
  },
  {
    task: 'Change the AWS Support plan',
    actions: ['supportplans:CreateSupportPlanSchedule', 'supportplans:StartSupportPlanUpdate'],
    now: 'IAM users and roles allowed the supportplans: actions can change the support plan; it is no longer a root-user task.',
    managedPolicy: 'AWSSupportPlansFullAccess',
    source: 'https://docs.aws.amazon.com/awssupport/latest/user/security-support-plans-iam-awsmanpol.html',
  },
];

const FORMERLY_BY_ACTION = new Map(FORMERLY_ROOT_ONLY_TASKS.flatMap((task) => task.actions.map((action) => [action.toLowerCase(), task] as const)));

/** The task a denied action belongs to when it used to need the root user and no longer does, or null. */
export function formerlyRootOnlyTaskFor(action: string | null | undefined): FormerlyRootOnlyTask | null {
  if (typeof action !== 'string') return null;
  return FORMERLY_BY_ACTION.get(action.trim().toLowerCase()) ?? null;
}

export const ROOT_USER_TASKS_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html';

const BY_ACTION = new Map(
  ROOT_ONLY_TASKS.flatMap((task) => task.actions.map((action) => [action.toLowerCase(), task] as const)),
);

/** The root-only task a denied action belongs to, or null. */
export function rootOnlyTaskFor(action: string | null | undefined): RootOnlyTask | null {
  if (typeof action !== 'string') return null;
  return BY_ACTION.get(action.trim().toLowerCase()) ?? null;
}

/** "IAM user and role access to Billing information" (billing-actions.md section 8). */
export const BILLING_ACCESS_SETTING = {
  name: 'IAM user and role access to Billing information',
  effect:
    'Until this account setting is activated, IAM users and roles (Identity Center roles included) cannot use the Billing and Cost Management console, whatever their IAM policies allow.',
  rootSteps: [
    'Sign in to the AWS Management Console as the root user of the account (the account email address and password).',
    'Open the Account page of the Billing console (top-right account menu, "Account").',
    'Find "IAM user and role access to Billing information" and choose "Edit".',
    'Select "Activate IAM Access".',
    'Choose "Update". The page then says "IAM user/role access to billing information is activated".',
  ],
  readAction: 'billing:GetIAMAccessPreference',
  updateAction: 'billing:UpdateIAMAccessPreference',
  docs: [
    {
      label: 'Activating access to the Billing and Cost Management console',
      url: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/control-access-billing.html',
    },
    {
      label: 'How do I troubleshoot IAM permission issues for the Billing console? (re:Post)',
      url: 'https://repost.aws/knowledge-center/iam-billing-access',
    },
  ],
} as const;
