// Tasks only the root user can do: no IAM policy can grant them, so the request goes to the root
// user, not to an IAM administrator. Tasks that used to be root-only and no longer are say so.

import { PRECEDENCE, contribution, type Contribution, type Decided, type Rule } from './contribution.ts';
import type { DenialFacts } from './facts.ts';
import { actionName } from './words.ts';
import { ROOT_USER_TASKS_URL, formerlyRootOnlyTaskFor, rootOnlyTaskFor } from '../knowledge/root-only.ts';

/**
 * True when only the root user can do what was denied: a never-grantable task, asked by someone
 * else, and not blocked by an SCP or RCP (those restrict even the root user of a member account).
 */
export function rootUserMustDoIt(facts: DenialFacts, decided: Decided): boolean {
  const task = rootOnlyTaskFor(facts.action);
  return task?.grantable === 'never' && facts.principal.type !== 'root' && decided.layer !== 'scp' && decided.layer !== 'rcp';
}

export const rootOnly: Rule = (facts, decided) => {
  const formerly = formerlyRootOnlyTaskFor(facts.action);
  if (formerly) {
    const out = contribution(PRECEDENCE.advice);
    const policy = formerly.managedPolicy ? ` The AWS managed policy ${formerly.managedPolicy} grants it.` : '';
    out.notes.push({ kind: 'root-only', text: `${formerly.task} no longer needs the root user. ${formerly.now}${policy}` });
    out.links.push({ label: formerly.task, url: formerly.source });
    return out;
  }
  const task = rootOnlyTaskFor(facts.action);
  if (!task || facts.principal.type === 'root') return null;
  const root = facts.principal.accountId ? `the root user of account ${facts.principal.accountId}` : 'the root user of the account';
  const link = { label: 'Tasks that require root user credentials', url: ROOT_USER_TASKS_URL };
  if (task.grantable !== 'never') {
    const out = contribution(PRECEDENCE.advice);
    out.notes.push({ kind: 'root-only', text: `${task.task} needs the root user in a standalone account. ${task.note}` });
    out.links.push(link);
    return out;
  }
  const note = { kind: 'root-only' as const, text: `${actionName(facts)} is part of a root-only task (${task.task}). No IAM policy can grant it. ${task.note}` };
  if (!rootUserMustDoIt(facts, decided)) return { ...contribution(PRECEDENCE.advice), notes: [note], links: [link] };
  const out: Contribution = {
    ...contribution(PRECEDENCE.rootUser),
    change: `Ask ${root} to do this: ${task.task.toLowerCase()}. No IAM policy can grant it.`,
    fixer: 'root-user',
    fixerText: `${root}; this is a root-user-only task`,
    replacesSteps: true,
  };
  out.steps.push(`Ask ${root} to sign in with the root credentials and do it.`);
  out.notes.push(note);
  out.links.push(link);
  return out;
};
