// Explicit deny in an identity policy: fetch each policy the simulator matched (inline on the user,
// a group or the role, or managed) and pick the statement at the matched position, or, without a
// position, the one that denies when evaluated locally.

import type { BlockingPolicy } from '../core/diagnosis.ts';
import type { PolicyStatement } from '../core/explanation.ts';
import { iamEntityUrl, managedPolicyUrl } from './console-links.ts';
import { fetchSourcePolicy, type FetchedPolicy } from './iam-policies.ts';
import { emptyReport, type LayerReport } from './layer-report.ts';
import { evaluatePolicy, type LocalRequest } from './local-eval.ts';
import { statementAt } from './policy-json.ts';
import { policySourceOf } from './policy-source.ts';
import type { SimulatedPrincipal } from './principal.ts';
import type { Run } from './run.ts';
import type { MatchedStatement } from './simulate.ts';
import { listWords, principalWords, statementWords } from './words.ts';

const MAX_POLICIES = 3;

export type PickedStatement = { index: number; statement: PolicyStatement };

export async function explainIdentityDeny(
  run: Run,
  principal: SimulatedPrincipal,
  matched: MatchedStatement[],
  local: LocalRequest,
  boundaryName: string | null,
): Promise<LayerReport> {
  const action = run.denial.action!;
  const sources = dedupe(matched).filter((m) => m.sourcePolicyId !== boundaryName).slice(0, MAX_POLICIES);
  const denying: { policy: FetchedPolicy; picked: PickedStatement | null }[] = [];
  const unread: string[] = [];
  for (const m of sources) {
    const source = policySourceOf(m, principal);
    const name = source.kind === 'other' ? m.sourcePolicyId : source.policyName;
    const fetched = await fetchSourcePolicy(run.session, source, principal);
    if (!fetched) continue;
    if (!fetched.ok) {
      run.session.report(fetched, `the statement in ${name} that denies ${action}`);
      unread.push(name);
      continue;
    }
    const picked = await pickDenyingStatement(fetched.policy, m, local);
    if (picked === 'not-deny') continue;
    denying.push({ policy: fetched.policy, picked });
  }
  return identityDenyReport(run, principal, denying, unread);
}

/** The report for identity policies known to deny (from the simulator or local evaluation). */
export function identityDenyReport(
  run: Run,
  principal: SimulatedPrincipal,
  denying: { policy: FetchedPolicy; picked: PickedStatement | null }[],
  unread: string[] = [],
): LayerReport {
  const action = run.denial.action!;
  const report = emptyReport('identity', '');
  for (const { policy, picked } of denying) {
    report.blocking.push(blockingEntry(principal, policy, picked));
    if (picked) report.statements.push(picked.statement);
    else report.complete = false;
    run.session.note(policy.arn ? 'iam:GetPolicyVersion' : `iam:Get${cap(policy.inline!.owner)}Policy`, `${statementWords(policy.name, picked?.statement.Sid ?? null, picked?.index ?? null)} denies ${action}`);
  }
  for (const name of unread) {
    report.complete = false;
    report.blocking.push({ policyType: 'identity', name, arn: null, attachedTo: null, statementSid: null, statement: null, consoleUrl: iamEntityUrl(principal.partition, principal.arn) });
  }
  if (!report.blocking.length) {
    report.complete = false;
    report.sentence = `An identity-based policy of ${principalWords(principal)} explicitly denies ${action}, but the denying statement could not be found.`;
    return report;
  }
  const names = report.blocking.map((b) => statementWords(b.name, b.statementSid, null));
  report.sentence = `${listWords(names)} explicitly ${report.blocking.length > 1 ? 'deny' : 'denies'} ${action} for ${principalWords(principal)}.`;
  return report;
}

function dedupe(matched: MatchedStatement[]): MatchedStatement[] {
  const seen = new Set<string>();
  return matched.filter((m) => {
    const key = `${m.sourcePolicyType}|${m.sourcePolicyId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function pickDenyingStatement(policy: FetchedPolicy, m: MatchedStatement, local: LocalRequest): Promise<PickedStatement | null | 'not-deny'> {
  const parsed = policy.parsed;
  if (!parsed) return null;
  if (m.start) {
    const index = statementAt(parsed.text, m.start);
    const statement = index !== null ? parsed.document.Statement[index] : undefined;
    if (statement?.Effect === 'Deny') return { index: index!, statement };
  }
  const verdict = await evaluatePolicy(local, 'identity', parsed);
  if (!verdict.ok) return null;
  if (!verdict.denying) return m.start ? 'not-deny' : null;
  const statement = parsed.document.Statement[verdict.denying.index];
  return statement ? { index: verdict.denying.index, statement } : null;
}

function blockingEntry(principal: SimulatedPrincipal, policy: FetchedPolicy, picked: PickedStatement | null): BlockingPolicy {
  return {
    policyType: 'identity',
    name: policy.name,
    arn: policy.arn,
    attachedTo: policy.attachedTo,
    statementSid: picked?.statement.Sid ?? null,
    statement: picked?.statement ?? null,
    consoleUrl: policy.arn ? managedPolicyUrl(principal.partition, policy.arn) : policy.attachedTo ? iamEntityUrl(principal.partition, policy.attachedTo) : null,
  };
}

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
