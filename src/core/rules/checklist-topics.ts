// The topics of the explanation's open checklist items. Each item starts with its topic's lead ("SCPs (…):"),
// written here once: the rules build their items with checklistItem, and checklistTopic reads the topic back
// from the same leads, so a diagnosis can tell which items it settled (open-checks.ts) without a second copy.

export const CHECKLIST_TOPICS = [
  'billing-activation',
  'identity',
  'scp',
  'mfa',
  'permissions-boundary',
  'region',
  'session',
  'rcp',
  'cost-explorer',
] as const;

export type ChecklistTopic = (typeof CHECKLIST_TOPICS)[number];

const LEAD: Readonly<Record<ChecklistTopic, string>> = {
  'billing-activation': 'Billing access setting:',
  identity: 'Identity policies:',
  scp: 'SCPs (member accounts only; they never apply to the management account):',
  mfa: 'MFA conditions:',
  'permissions-boundary': 'Permissions boundary:',
  region: 'Region:',
  session: 'Session policy:',
  rcp: 'RCPs:',
  'cost-explorer': 'Cost Explorer access:',
};

/** One checklist item: its topic's lead, then the question. */
export function checklistItem(topic: ChecklistTopic, question: string): string {
  return `${LEAD[topic]} ${question}`;
}

/** The topic an item was built with, or null for an item not built by checklistItem. */
export function checklistTopic(item: string): ChecklistTopic | null {
  return CHECKLIST_TOPICS.find((topic) => item.startsWith(`${LEAD[topic]} `)) ?? null;
}
