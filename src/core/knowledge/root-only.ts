// Billing tasks that need the root user (IAM User Guide, "Tasks that require root user
// credentials"), and the account setting only the root user can turn on (billing-actions.md 8, 9).

/**
 * never: no IAM policy can grant it. organization: root-only in a standalone account, but the
 * organization's management account can do it for member accounts. check-live-page: historically
 * root-only, and AWS has been shrinking the list.
 */
export type RootOnlyGrantability = 'never' | 'organization' | 'check-live-page';

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
    note: 'In an organization, the management account can close member accounts (organizations:CloseAccount or account:CloseAccount on the member).',
  },
  {
    id: 'change-account-settings',
    task: 'Change the account name, email address, root password or root access keys',
    actions: ['account:PutAccountName', 'account:StartPrimaryEmailUpdate', 'account:AcceptPrimaryEmailUpdate'],
    grantable: 'organization',
    note: 'Contact information, payment currency and Regions do not need the root user. The account-name and primary-email actions are mostly for the management account acting on member accounts.',
  },
  {
    id: 'change-support-plan',
    task: 'Change or cancel the AWS Support plan',
    actions: ['supportplans:CreateSupportPlanSchedule', 'supportplans:StartSupportPlanUpdate'],
    grantable: 'check-live-page',
    note: 'Historically root-only; check the live "Tasks that require root user credentials" page, because the list has been shrinking.',
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
