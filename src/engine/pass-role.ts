// iam:PassRole: name the service the role is passed to (from the console page, from the action that
// passes it, else from the role's trust policy), give it to the simulation as iam:PassedToService,
// and write the fix as an Allow carrying that condition.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html

import { passedToService } from '../core/knowledge/passed-to-service.ts';
import type { PolicyStatement } from '../core/explanation.ts';
import type { Verdict } from './draft.ts';
import { getRole } from './iam-entities.ts';
import { parsePolicy } from './policy-json.ts';
import type { ContextValue } from './request-context.ts';
import type { Run } from './run.ts';

export const PASSED_TO_SERVICE = 'iam:PassedToService';

export interface PassRoleFacts {
  roleArn: string | null;
  roleName: string | null;
  /** The services the role is passed to (one, or those its trust policy names). */
  services: string[];
  /** Where the service came from, for the verdict. */
  source: 'the console page' | 'the action that passes it' | "the role's trust policy" | null;
}

const ROLE_ARN = /^arn:[\w-]+:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/;

function passedRole(resource: string | null): { arn: string | null; name: string | null } {
  const arn = ROLE_ARN.exec(resource ?? '');
  if (arn) return { arn: resource, name: arn[1]! };
  const word = /^role\s+([\w+=,.@-]+)$/.exec(resource ?? '');
  return { arn: null, name: word?.[1] ?? null };
}

/** Services a trust policy lets assume the role (Allow statements with sts:AssumeRole, service principals). */
function trustedServices(trustPolicy: string): string[] {
  const parsed = parsePolicy(trustPolicy);
  const services = (parsed?.raw.Statement ?? []).flatMap((raw) => {
    const s = raw as { Effect?: string; Principal?: { Service?: string | string[] } | string };
    if (s.Effect !== 'Allow' || typeof s.Principal !== 'object' || !s.Principal.Service) return [];
    return [s.Principal.Service].flat();
  });
  return [...new Set(services)];
}

export async function passRoleFacts(run: Run, pageId: string | null): Promise<PassRoleFacts | null> {
  const { denial, session } = run;
  if (denial.action?.toLowerCase() !== 'iam:passrole') return null;
  const role = passedRole(denial.resource);
  const known = passedToService(pageId, denial.meta.hintAction);
  if (known) {
    const source = pageId && passedToService(pageId, null) ? 'the console page' : 'the action that passes it';
    return { roleArn: role.arn, roleName: role.name, services: [known], source };
  }
  if (!role.name) return { roleArn: null, roleName: null, services: [], source: null };
  const found = await getRole(session, role.name);
  if (!found.ok) {
    session.report(found, `which service role ${role.name} is passed to (its trust policy)`);
    return { roleArn: role.arn, roleName: role.name, services: [], source: null };
  }
  const services = found.value.trustPolicy ? trustedServices(found.value.trustPolicy) : [];
  return { roleArn: role.arn ?? found.value.arn, roleName: role.name, services, source: services.length ? "the role's trust policy" : null };
}

/** The simulation's iam:PassedToService, when the role goes to one service. */
export function passRoleContext(facts: PassRoleFacts | null | undefined): ContextValue[] {
  return facts?.services.length === 1 ? [{ key: PASSED_TO_SERVICE, type: 'string', values: [facts.services[0]!] }] : [];
}

/** The verdict names the service; when no identity policy allows it, the fix is an Allow with the condition. */
export function withPassRole(verdict: Verdict, facts: PassRoleFacts): Verdict {
  const role = facts.roleName ? `role ${facts.roleName}` : 'the role';
  if (!facts.services.length) {
    return { ...verdict, verdict: `${verdict.verdict} Which service ${role} is passed to could not be told; the fix needs iam:PassedToService set to it.` };
  }
  const service = facts.services.length === 1 ? facts.services[0]! : null;
  const named = `${role} is passed to ${facts.services.join(' or ')} (from ${facts.source})`;
  const noAllow = verdict.blockingLayer === 'identity' && !verdict.blocking.some((b) => b.statement?.Effect === 'Deny');
  if (!noAllow) return { ...verdict, verdict: `${verdict.verdict} The ${named}.` };
  const fix: PolicyStatement = {
    Sid: 'AllowPassRoleToService',
    Effect: 'Allow',
    Action: 'iam:PassRole',
    Resource: facts.roleArn ?? '*',
    Condition: { StringEquals: { [PASSED_TO_SERVICE]: service ?? facts.services } },
  };
  return {
    ...verdict,
    verdict: `${verdict.verdict} The ${named}: the fix is an Allow for iam:PassRole on ${facts.roleArn ?? role} with the condition ${PASSED_TO_SERVICE} = ${facts.services.join(' or ')}.`,
    suggestedStatement: fix,
  };
}
