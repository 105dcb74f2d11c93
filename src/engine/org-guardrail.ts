// An SCP (AllowedByOrganizations=false) or RCP blocks. IAM's simulator only answers yes/no, so read
// the policies attached from the root through the OUs to the account and evaluate them locally to
// name the policy, the statement and the level it is attached to. Without Organizations access the
// layer is still reported, unnamed.

import type { BlockingPolicy } from '../core/diagnosis.ts';
import { orgPolicyUrl } from './console-links.ts';
import { emptyReport, type LayerReport } from './layer-report.ts';
import { evaluateOrgLevels, type LocalRequest, type OrgBlocker } from './local-eval.ts';
import { readOrgLevelsUntil, readOrgPolicyChain, type OrgLevel, type OrgPolicy, type OrgPolicyKind } from './org-policies.ts';
import type { Partition } from './partitions.ts';
import type { RequestContext } from './request-context.ts';
import type { Run } from './run.ts';
import { listWords, statementWords } from './words.ts';

const KIND_WORDS: Record<OrgPolicyKind, { short: string; layer: 'scp' | 'rcp' }> = {
  scp: { short: 'SCP', layer: 'scp' },
  rcp: { short: 'RCP', layer: 'rcp' },
};

export interface GuardrailOptions {
  /** An explicit deny is expected (the simulator says so): read the levels from the account up, stop at the first that denies. */
  expectExplicit?: boolean;
  /** A check nothing asked for (an RCP the message does not name): unreadable Organizations is a note, not a problem. */
  optional?: boolean;
}

export async function explainOrgGuardrail(run: Run, kind: OrgPolicyKind, account: string, partition: Partition, local: LocalRequest, options: GuardrailOptions = {}): Promise<LayerReport> {
  const { expectExplicit = false, optional = false } = options;
  const action = run.denial.action!;
  const { short, layer } = KIND_WORDS[kind];
  const unnamed: BlockingPolicy = { policyType: layer, name: null, arn: null, attachedTo: null, statementSid: null, statement: null, consoleUrl: null };
  const report = emptyReport(layer, `An ${short} in the organization blocks ${action}.`);

  run.steps.set('read-scps', 'running');
  const deniesHere = async (level: OrgLevel) => {
    const v = await evaluateOrgLevels(local, kind, [level]);
    return v.ok && v.blockers.some((b) => b.policy);
  };
  // RCPs can only deny (RCPFullAWSAccess allows the rest), so the first level that denies settles them too.
  const chain = expectExplicit || kind === 'rcp' ? await readOrgLevelsUntil(run.session, account, kind, deniesHere) : await readOrgPolicyChain(run.session, account, kind);
  if (chain.ok && 'complete' in chain && !chain.complete) run.session.note('organizations', `stopped at ${chain.levels[0]!.targetId}: an explicit deny there settles it; the levels above were not read`);
  if (!chain.ok && chain.error.kind === 'org-not-in-use') {
    run.steps.set('read-scps', 'done', 'the account is in no organization');
    return { ...report, blocks: false, sentence: `The account is in no organization, so no ${short} applies.` };
  }
  if (!chain.ok) {
    if (optional) run.session.note(chain.call, `${short}s not checked: ${chain.error.code}`);
    else run.session.report(chain, `which ${short} and statement block ${action}`);
    run.steps.set('read-scps', 'failed', chain.error.code);
    return { ...report, blocks: null, blocking: [unnamed], complete: false, opaque: true };
  }
  const levels = chain.levels;
  const count = levels.reduce((n, l) => n + l.policies.length, 0);
  run.session.note('organizations:ListPoliciesForTarget', levels.map((l) => `${l.targetId}: ${l.policies.map((p) => p.name).join(', ') || 'none'}`).join('; '));
  run.steps.set('read-scps', 'done', `${count} ${short}${count === 1 ? '' : 's'} on ${levels.length} level${levels.length === 1 ? '' : 's'}`);

  run.steps.set('evaluate-locally', 'running');
  const verdict = await evaluateOrgLevels(local, kind, levels);
  if (!verdict.ok) {
    run.steps.set('evaluate-locally', 'failed', verdict.message);
    return { ...report, blocks: null, blocking: [unnamed], complete: false };
  }
  const localCheck = async (context: RequestContext) => {
    const v = await evaluateOrgLevels({ ...local, context }, kind, levels);
    return v.ok ? (v.result === 'Allowed' ? 'allowed' : 'denied') : 'unknown';
  };
  if (!verdict.blockers.length) {
    run.steps.set('evaluate-locally', 'done', `the ${short}s allow it locally`);
    return {
      ...report,
      blocks: false,
      sentence: `The ${short}s read from Organizations allow ${action} when evaluated here; they may have changed since the denial, or a condition differs.`,
      blocking: [unnamed],
      complete: false,
      localCheck,
    };
  }
  const blocking = verdict.blockers.flatMap((b) => entriesFor(b, layer, kind, partition));
  const explicit = verdict.blockers.filter((b) => b.policy);
  run.steps.set('evaluate-locally', 'done', blocking.map((b) => statementWords(b.name, b.statementSid, null) + (b.attachedTo ? ` on ${b.attachedTo}` : '')).join('; '));
  const sentence = explicit.length
    ? `${listWords(explicit.map((b) => `${short} ${statementWords(b.policy!.name, b.statement?.sid ?? null, b.statement?.index ?? null)} on ${levelWords(b.level)}`))} explicitly ${explicit.length > 1 ? 'deny' : 'denies'} ${action}.`
    : `No ${short} attached to ${listWords(verdict.blockers.map((b) => levelWords(b.level)))} allows ${action} (${listWords(blocking.map((b) => b.name ?? 'none'))}); every level from the root to the account needs an Allow.`;
  return {
    ...report,
    sentence,
    blocking,
    statements: blocking.map((b) => b.statement).filter((s) => s !== null),
    localCheck,
  };
}

/** A Deny statement names its policy; a level without an Allow names every policy attached there (none allows it). */
function entriesFor(b: OrgBlocker, layer: 'scp' | 'rcp', kind: OrgPolicyKind, partition: Partition): BlockingPolicy[] {
  const entry = (policy: OrgPolicy | null, statement: BlockingPolicy['statement'], sid: string | null): BlockingPolicy => ({
    policyType: layer,
    name: policy?.name ?? null,
    arn: policy?.arn ?? null,
    attachedTo: b.level.targetId,
    statementSid: sid,
    statement,
    consoleUrl: policy ? orgPolicyUrl(partition, kind, policy.id) : null,
  });
  if (b.policy) return [entry(b.policy, b.statement ? (b.policy.parsed?.document.Statement[b.statement.index] ?? null) : null, b.statement?.sid ?? null)];
  return b.level.policies.length ? b.level.policies.map((p) => entry(p, null, null)) : [entry(null, null, null)];
}

function levelWords(level: OrgLevel): string {
  return level.kind === 'root' ? `the root ${level.targetId}` : level.kind === 'ou' ? `OU ${level.targetId}` : `account ${level.targetId}`;
}
