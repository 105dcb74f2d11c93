// IAM's simulator allows the action, so the identity policies, the boundary and the SCPs are not
// what blocks. Say what is left, and why: the layer the message names (session policy, RCP,
// resource policy), the billing IAM-access setting, or a request that differs from the simulated one.

import type { BlockingLayer } from '../core/diagnosis.ts';
import { BILLING_SETTING_SERVICES, serviceOf } from './billing-services.ts';
import type { Verdict } from './draft.ts';
import type { LocalRequest } from './local-eval.ts';
import { explainOrgGuardrail } from './org-guardrail.ts';
import { RCP_SERVICES } from './rcp-services.ts';
import type { SimulatedPrincipal } from './principal.ts';
import type { Run } from './run.ts';
import type { SimulationResult } from './simulate.ts';
import { POLICY_TYPE_WORDS, principalWords } from './words.ts';

function sessionPolicyNote(principal: SimulatedPrincipal): string {
  if (!principal.sessionArn) return 'IAM users have no session policy.';
  if (principal.permissionSet) return 'Identity Center sessions normally carry no session policy.';
  return 'A session policy passed when the role was assumed could still limit it; it cannot be read afterwards.';
}

export async function explainAllowed(run: Run, principal: SimulatedPrincipal, hint: SimulationResult | null, local: LocalRequest, via: 'simulator' | 'local'): Promise<Verdict> {
  const { denial } = run;
  const action = denial.action!;
  const allowed = via === 'simulator' ? `IAM's simulator allows ${action} for ${principalWords(principal)}` : `The policies of ${principalWords(principal)}, evaluated here, allow ${action}`;
  const verdict = (blockingLayer: BlockingLayer, text: string, status: Verdict['status'] = 'done'): Verdict => ({
    status,
    blockingLayer,
    verdict: text,
    blocking: [],
    decidingConditions: [],
  });

  if (denial.policyType === 'session') {
    const who = principal.permissionSet
      ? 'Identity Center does not normally set one, so check how this session was started'
      : 'it was set by whoever assumed the role (an AssumeRole caller, a broker or a lab platform)';
    return { ...verdict('session', `${allowed}, so a session policy limits this session: ${who}. Session policies cannot be read afterwards.`), blocking: [{ policyType: 'session', name: null, arn: null, attachedTo: principal.sessionArn, statementSid: null, statement: null, consoleUrl: null }] };
  }
  if (denial.policyType === 'rcp') {
    // RCPs guard the resource's account; IAM's simulator does not evaluate them.
    const rcp = await explainOrgGuardrail(run, 'rcp', local.resourceAccount, principal.partition, local);
    return { status: rcp.complete ? 'done' : 'partial', blockingLayer: 'rcp', verdict: `${allowed}; ${lower(rcp.sentence)}`, blocking: rcp.blocking, decidingConditions: [] };
  }
  if (RCP_SERVICES.has(serviceOf(action)) && local.resource !== '*' && !run.resourceElsewhere) {
    // The simulator never evaluates RCPs: read them whenever Organizations can be read, named or not.
    const rcp = await explainOrgGuardrail(run, 'rcp', local.resourceAccount, principal.partition, local, { optional: true });
    if (rcp.blocks) return { status: rcp.complete ? 'done' : 'partial', blockingLayer: 'rcp', verdict: `${allowed}; ${lower(rcp.sentence)}`, blocking: rcp.blocking, decidingConditions: [] };
  }
  if (denial.policyType === 'resource' || denial.policyType === 'vpc-endpoint' || denial.policyType === 'role-trust') {
    return {
      ...verdict(denial.policyType, `${allowed}, so ${POLICY_TYPE_WORDS[denial.policyType]} blocks it, as the message says; the simulator does not read that policy.`, 'partial'),
      blocking: [{ policyType: denial.policyType, name: null, arn: null, attachedTo: denial.resource, statementSid: null, statement: null, consoleUrl: null }],
    };
  }
  if (hint && hint.decision !== 'allowed') {
    return verdict('identity', `${allowed}, but not ${hint.action}, which the message also names; that action is what the page needs.`);
  }
  // A message that names a policy type was about policies; one that names none fits the setting.
  if (BILLING_SETTING_SERVICES.has(serviceOf(action)) && denial.policyType === null && denial.denyKind !== 'explicit') {
    return verdict(
      'billing-access-setting',
      `${allowed}, so the likely block is the account setting "IAM user and role access to Billing information": only the root user of account ${principal.account} can activate it. ${sessionPolicyNote(principal)}`,
    );
  }
  return verdict(
    'none-found',
    `${allowed} now, so the denial could not be reproduced: the policies may have changed since, the console sent another action or context${local.resource !== '*' ? ', or a resource policy or RCP on the resource denies it' : ''}. ${sessionPolicyNote(principal)}`,
    'partial',
  );
}

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
