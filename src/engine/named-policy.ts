// The message already names the denying policy's ARN (2026 messages): that is ground truth for the
// name. Fetch the policy (IAM GetPolicy + GetPolicyVersion, or Organizations DescribePolicy), pick
// the statement that denies by evaluating it locally, and find what decides it the same way.

import { ListTargetsForPolicyCommand } from '@aws-sdk/client-organizations';
import type { PolicyType } from '../core/denial.ts';
import type { BlockingPolicy } from '../core/diagnosis.ts';
import { parsePolicyArn } from '../core/knowledge/console-links.ts';
import { managedPolicyUrl, orgPolicyUrl } from './console-links.ts';
import { decidingConditions } from './deciding.ts';
import type { Verdict } from './draft.ts';
import { fetchManagedPolicy, findUserAttachment } from './iam-policies.ts';
import { emptyReport, type LayerReport } from './layer-report.ts';
import { evaluatePolicy, type GuardrailRole } from './local-eval.ts';
import { localRequestFor } from './local-request.ts';
import { checkPrincipal } from './not-simulatable.ts';
import { describeOrgPolicy, listOrgLevels } from './org-policies.ts';
import { isPartition, type Partition } from './partitions.ts';
import type { ParsedPolicy } from './policy-json.ts';
import { confirmedArn, type SimulatedPrincipal } from './principal.ts';
import { resolvePrincipal } from './resolve-principal.ts';
import { withRecorded } from './recorded-context.ts';
import { consoleRequestContext, type RequestContext } from './request-context.ts';
import { simulatorResource } from './resource.ts';
import type { Run } from './run.ts';
import { POLICY_TYPE_WORDS, statementWords } from './words.ts';

type NamedPolicy =
  | { source: 'iam'; arn: string; partition: Partition; name: string }
  | { source: 'organizations'; arn: string; partition: Partition; kind: 'scp' | 'rcp'; policyId: string };

/**
 * The policy an ARN names, read as the panel reads it (console-links.ts), where the engine can fetch it: a known
 * partition, and a name (IAM) or a policy id (Organizations).
 */
export function namedPolicyOf(arn: string): NamedPolicy | null {
  const parsed = parsePolicyArn(arn);
  if (!parsed?.name || !isPartition(parsed.partition)) return null;
  const { partition, name } = parsed;
  return parsed.kind === 'iam' ? { source: 'iam', arn, partition, name } : { source: 'organizations', arn, partition, kind: parsed.kind, policyId: name };
}

const ROLES: Partial<Record<PolicyType, GuardrailRole>> = {
  identity: 'identity',
  'permissions-boundary': 'permissions-boundary',
  session: 'session',
  scp: 'scp',
  rcp: 'rcp',
};

export async function diagnoseNamedPolicy(run: Run): Promise<Verdict> {
  const { denial, session, steps } = run;
  const action = denial.action!;
  const named = namedPolicyOf(denial.policyArn!);
  if (!named) {
    session.note('message', `policy ARN ${denial.policyArn} has an unknown shape`);
    steps.set('fetch-named-policy', 'failed', 'unknown policy ARN shape');
    return { status: 'partial', blockingLayer: denial.policyType ?? 'not-simulated', verdict: `The message names the denying policy ${denial.policyArn}, which could not be read.`, blocking: [], decidingConditions: [] };
  }
  const policyType: PolicyType = named.source === 'organizations' ? named.kind : (denial.policyType ?? 'identity');
  const entry: BlockingPolicy = {
    policyType,
    name: named.source === 'iam' ? named.name : null,
    arn: named.arn,
    attachedTo: null,
    statementSid: null,
    statement: null,
    consoleUrl: named.source === 'iam' ? managedPolicyUrl(named.partition, named.arn) : orgPolicyUrl(named.partition, named.kind, named.policyId),
  };
  const label = () => entry.name ?? (named.source === 'organizations' ? named.policyId : named.arn);
  const base = (status: Verdict['status'], verdict: string): Verdict => ({ status, blockingLayer: policyType, verdict, blocking: [entry], decidingConditions: [] });

  steps.set('fetch-named-policy', 'running');
  const fetched = named.source === 'iam' ? await fetchManagedPolicy(session, named.arn) : await describeOrgPolicy(session, named.policyId);
  if (!fetched.ok) {
    session.report(fetched, `the statement of ${named.arn} that denies ${action}`);
    steps.set('fetch-named-policy', 'failed', fetched.error.code);
    return base('partial', `${POLICY_TYPE_WORDS[policyType]} denies ${action}: ${label()} (named in the message); its text could not be read.`);
  }
  const parsed: ParsedPolicy | null = 'policy' in fetched ? fetched.policy.parsed : fetched.value.parsed;
  entry.name = 'policy' in fetched ? fetched.policy.name : fetched.value.name;
  steps.set('fetch-named-policy', 'done', entry.name ?? undefined);
  if (!parsed) return base('partial', `${label()} (named in the message) denies ${action}; its text could not be parsed.`);

  const setup = await localSetup(run, named.partition);
  const role = ROLES[policyType] ?? 'identity';
  steps.set('evaluate-locally', 'running');
  const verdict = await evaluatePolicy(setup.local, role, parsed);
  entry.attachedTo = await attachmentOf(run, named, policyType, setup.principal, setup.local.resourceAccount);
  if (!verdict.ok || !verdict.denying) {
    steps.set('evaluate-locally', 'failed', verdict.ok ? 'no statement denies it locally' : verdict.message);
    const why = verdict.ok ? 'no statement in its current text denies it locally; it may have changed since the denial' : 'it could not be evaluated locally';
    return base('partial', `The message names ${label()} as the denying ${policyType === 'scp' ? 'SCP' : 'policy'}, but ${why}.`);
  }
  const statement = parsed.document.Statement[verdict.denying.index] ?? null;
  entry.statement = statement;
  entry.statementSid = statement?.Sid ?? verdict.denying.sid;
  steps.set('evaluate-locally', 'done', statementWords(entry.name, entry.statementSid, verdict.denying.index));

  const report: LayerReport = {
    ...emptyReport(policyType, ''),
    blocking: [entry],
    statements: statement ? [statement] : [],
    localCheck: async (context: RequestContext) => {
      const v = await evaluatePolicy({ ...setup.local, context }, role, parsed);
      return v.ok ? (v.denying ? 'denied' : 'allowed') : 'unknown';
    },
  };
  const deciding = await decidingConditions(run, { principal: setup.principal, resource: setup.resource, context: setup.local.context, reports: [report] });
  return {
    ...base('done', `${statementWords(entry.name, entry.statementSid, verdict.denying.index)} explicitly denies ${action} (the message names ${policyType === 'scp' ? 'this SCP' : policyType === 'rcp' ? 'this RCP' : 'this policy'}).`),
    decidingConditions: deciding.conditions,
    decidingKeys: deciding.keys,
  };
}

/** The console request, built from the denial (an Identity Center role's path costs one GetRole). */
async function localSetup(run: Run, partition: Partition) {
  const { denial, target } = run;
  const check = checkPrincipal(denial);
  const principal: SimulatedPrincipal | null = check.ok ? (await resolvePrincipal(run, check.ref)).principal : null;
  const account = principal?.account ?? denial.accountId ?? '000000000000';
  const resource = simulatorResource(denial.resource, partition, account);
  const principalArn = principal?.arn ?? denial.principalArn ?? `arn:${partition}:iam::${account}:root`;
  const context = withRecorded(consoleRequestContext({ action: denial.action!, resource: resource.simulator === '*' ? denial.resource : resource.simulator, principalArn, partition, homeRegion: target.region, now: run.now }), run.recordedContext);
  const local = await localRequestFor({ principalArn: principal?.sessionArn ?? principalArn, account, partition, action: denial.action!, resource, context });
  return { principal, resource, local };
}

/** Where the named policy applies to this principal: its own entity, a group, or an organization level. */
async function attachmentOf(run: Run, named: NamedPolicy, policyType: PolicyType, principal: SimulatedPrincipal | null, resourceAccount: string): Promise<string | null> {
  const { session } = run;
  if (named.source === 'organizations') {
    const account = named.kind === 'rcp' ? resourceAccount : principal?.account ?? run.denial.accountId;
    if (!account) return null;
    // The denial proves the policy applies to the account: attached to the account itself, or to its
    // only target. Otherwise the account's levels tell which of its targets is on the account's path.
    const targets = await session.send('organizations:ListTargetsForPolicy', (c, abortSignal) =>
      c.organizations().send(new ListTargetsForPolicyCommand({ PolicyId: named.policyId }), { abortSignal }),
    );
    if (targets.ok && !targets.value.NextToken) {
      const ids = (targets.value.Targets ?? []).flatMap((t) => (t.TargetId ? [t.TargetId] : []));
      const at = ids.includes(account) ? account : ids.length === 1 ? ids[0]! : null;
      if (at) {
        session.note('organizations:ListTargetsForPolicy', `${named.policyId} is attached to ${ids.join(', ')}`);
        return at;
      }
    }
    const levels = await listOrgLevels(session, account, named.kind);
    if (!levels.ok) {
      session.report(levels, `where ${named.policyId} is attached`);
      return null;
    }
    const at = levels.value.filter((l) => l.summaries.some((s) => s.Id === named.policyId)).map((l) => l.targetId);
    session.note('organizations:ListPoliciesForTarget', at.length ? `${named.policyId} is attached to ${at.join(', ')}` : `${named.policyId} is attached to none of the account's levels`);
    return at[0] ?? null;
  }
  if (!principal) return null;
  if (policyType === 'session') return principal.sessionArn;
  if (policyType === 'permissions-boundary' || principal.kind === 'role') return confirmedArn(principal);
  const found = await findUserAttachment(session, named.arn, principal);
  if (!found.ok) {
    session.report(found, `whether ${named.name} is attached to ${principal.name} or to one of its groups`);
    return null;
  }
  return found.value?.attachedTo ?? null;
}
