// Tasks only the root user can do: no IAM policy can grant them, so the request goes to the root
// user, not to an IAM administrator.

import type { Explainer } from '../draft.ts';
import { addLink } from '../draft.ts';
import { actionName } from '../words.ts';
import { ROOT_USER_TASKS_URL, formerlyRootOnlyTaskFor, rootOnlyTaskFor } from '../../knowledge/root-only.ts';

export const rootOnly: Explainer = (facts, draft) => {
  const formerly = formerlyRootOnlyTaskFor(facts.action);
  if (formerly) {
    const policy = formerly.managedPolicy ? ` The AWS managed policy ${formerly.managedPolicy} grants it.` : '';
    draft.notes.push({ kind: 'root-only', text: `${formerly.task} no longer needs the root user. ${formerly.now}${policy}` });
    addLink(draft, { label: formerly.task, url: formerly.source });
    return;
  }
  const task = rootOnlyTaskFor(facts.action);
  if (!task || facts.principal.type === 'root') return;
  const root = facts.principal.accountId ? `the root user of account ${facts.principal.accountId}` : 'the root user of the account';
  addLink(draft, { label: 'Tasks that require root user credentials', url: ROOT_USER_TASKS_URL });
  if (task.grantable === 'never') {
    draft.notes.push({ kind: 'root-only', text: `${actionName(facts)} is part of a root-only task (${task.task}). No IAM policy can grant it. ${task.note}` });
    // SCPs and RCPs restrict even the root user of a member account; for any other layer the root user is the fix.
    if (draft.layer !== 'scp' && draft.layer !== 'rcp') {
      draft.change = `Ask ${root} to do this: ${task.task.toLowerCase()}. No IAM policy can grant it.`;
      draft.fixer = 'root-user';
      draft.fixerText = `${root}; this is a root-user-only task`;
      draft.steps = [`Ask ${root} to sign in with the root credentials and do it.`];
    }
    return;
  }
  draft.notes.push({ kind: 'root-only', text: `${task.task} needs the root user in a standalone account. ${task.note}` });
};
