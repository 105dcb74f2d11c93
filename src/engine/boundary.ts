// The permissions boundary blocks (AllowedByPermissionsBoundary=false): name it from GetUser/GetRole,
// read its text, and say whether a Deny statement or the lack of an Allow blocks the action.

import type { BlockingPolicy } from '../core/diagnosis.ts';
import { managedPolicyUrl } from './console-links.ts';
import { boundaryOf } from './iam-entities.ts';
import { fetchManagedPolicy } from './iam-policies.ts';
import { emptyReport, type LayerReport } from './layer-report.ts';
import { evaluatePolicy, type LocalRequest } from './local-eval.ts';
import { confirmedArn, type SimulatedPrincipal } from './principal.ts';
import type { RequestContext } from './request-context.ts';
import type { Run } from './run.ts';
import { principalWords, statementWords } from './words.ts';

export async function explainBoundary(run: Run, principal: SimulatedPrincipal, local: LocalRequest): Promise<LayerReport> {
  const action = run.denial.action!;
  const report = emptyReport('permissions-boundary', `The permissions boundary of ${principalWords(principal)} does not allow ${action}.`);
  const entry: BlockingPolicy = { policyType: 'permissions-boundary', name: null, arn: null, attachedTo: confirmedArn(principal), statementSid: null, statement: null, consoleUrl: null };
  report.blocking.push(entry);

  const arn = await boundaryOf(run.session, principal);
  if (!arn.ok) {
    run.session.report(arn, `which permissions boundary blocks ${action}`);
    return { ...report, blocks: null, complete: false, opaque: true };
  }
  if (!arn.value) {
    return { ...report, blocks: false, sentence: `${principalWords(principal)} has no permissions boundary now.`, complete: false };
  }
  entry.arn = arn.value;
  entry.name = arn.value.slice(arn.value.lastIndexOf('/') + 1);
  entry.consoleUrl = managedPolicyUrl(principal.partition, arn.value);

  const fetched = await fetchManagedPolicy(run.session, arn.value, entry.attachedTo);
  if (!fetched.ok) {
    run.session.report(fetched, `which statement of the boundary ${entry.name} blocks ${action}`);
    return { ...report, blocks: null, sentence: `The permissions boundary ${entry.name} of ${principalWords(principal)} blocks ${action}.`, complete: false };
  }
  entry.name = fetched.policy.name;
  const parsed = fetched.policy.parsed;
  if (!parsed) return { ...report, blocks: null, sentence: `The permissions boundary ${entry.name} blocks ${action}; its text could not be read.`, complete: false };

  run.steps.set('evaluate-locally', 'running');
  const verdict = await evaluatePolicy(local, 'permissions-boundary', parsed);
  const localCheck = async (context: RequestContext) => {
    const v = await evaluatePolicy({ ...local, context }, 'permissions-boundary', parsed);
    return v.ok ? (v.result === 'Allowed' ? 'allowed' : 'denied') : 'unknown';
  };
  if (!verdict.ok) {
    run.steps.set('evaluate-locally', 'failed', verdict.message);
    return { ...report, blocks: null, sentence: `The permissions boundary ${entry.name} blocks ${action}.`, complete: false };
  }
  if (verdict.denying) {
    const statement = parsed.document.Statement[verdict.denying.index] ?? null;
    entry.statement = statement;
    entry.statementSid = statement?.Sid ?? null;
    run.steps.set('evaluate-locally', 'done', `boundary denies in ${statementWords(entry.name, entry.statementSid, verdict.denying.index)}`);
    return {
      ...report,
      sentence: `The permissions boundary ${statementWords(entry.name, entry.statementSid, verdict.denying.index)} of ${principalWords(principal)} explicitly denies ${action}.`,
      statements: statement ? [statement] : [],
      localCheck,
    };
  }
  run.steps.set('evaluate-locally', 'done', verdict.result === 'Allowed' ? 'boundary allows it locally' : 'boundary has no Allow for it');
  if (verdict.result === 'Allowed') {
    return { ...report, blocks: false, sentence: `The permissions boundary ${entry.name} allows ${action} when evaluated here; it may have changed since the denial.`, complete: false, localCheck };
  }
  return {
    ...report,
    sentence: `The permissions boundary ${entry.name} of ${principalWords(principal)} has no Allow for ${action}, so it caps it whatever the identity policies grant.`,
    statements: parsed.document.Statement.filter((s) => s.Effect === 'Allow'),
    localCheck,
  };
}
