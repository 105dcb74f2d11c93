// Implicit deny with no matched statement: no identity policy grants the action. IAM's list of the
// condition keys the principal's policies use tells whether an Allow may hinge on MFA or the Region
// (worth a what-if run) or on something the console request sets that cannot be known here.

import { GetContextKeysForPrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { iamEntityUrl } from './console-links.ts';
import { emptyReport, type LayerReport } from './layer-report.ts';
import { confirmedArn, type SimulatedPrincipal } from './principal.ts';
import type { Run } from './run.ts';
import { listWords, principalWords } from './words.ts';

/** No policy to name: the blocking entry is the principal whose policies lack an Allow. */
export function noAllowReport(run: Run, principal: SimulatedPrincipal, resource: string, allowedLegacy: readonly string[] = []): LayerReport {
  const action = run.denial.action!;
  const on = resource !== '*' ? ` on ${resource}` : '';
  const who = principal.permissionSet ? `the permission set ${principal.permissionSet}` : principalWords(principal);
  const legacy = allowedLegacy.length
    ? ` Its policies still allow the retired ${listWords(allowedLegacy)}, which no longer controls this page; ${action} itself must be allowed.`
    : '';
  const report = emptyReport('identity', `No identity-based policy of ${who} allows ${action}${on}.${legacy}`);
  report.blocking.push({ policyType: 'identity', name: null, arn: null, attachedTo: confirmedArn(principal), statementSid: null, statement: null, consoleUrl: iamEntityUrl(principal.partition, principal.arn) });
  return report;
}

export async function explainNoAllow(run: Run, principal: SimulatedPrincipal, resource: string, allowedLegacy: readonly string[]): Promise<LayerReport> {
  const report = noAllowReport(run, principal, resource, allowedLegacy);
  const keys = await run.session.send('iam:GetContextKeysForPrincipalPolicy', (c, abortSignal) =>
    c.iam().send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: principal.arn }), { abortSignal }),
  );
  if (!keys.ok) {
    run.session.report(keys);
    return { ...report, complete: false };
  }
  const names = keys.value.ContextKeyNames ?? [];
  run.session.note('iam:GetContextKeysForPrincipalPolicy', names.length ? `policies use ${names.join(', ')}` : 'policies use no condition keys');
  return { ...report, referencedKeys: names };
}
