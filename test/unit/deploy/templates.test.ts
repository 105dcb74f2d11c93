// docs/deploy/: the templates carry exactly the engine's minimal diagnostic policy (one source), they pass a
// CloudFormation schema check, and a role made from the template's policy in the fake AWS can diagnose.
// WD_UPDATE_DEPLOY=1 (npm run deploy-templates) rewrites the files from the source instead of comparing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseDenials } from '../../../src/core/parse/index.ts';
import { assumeRole, diagnoseDenial, minimalDiagnosticPolicy } from '../../../src/engine/index.ts';
import { deployFiles, deployFileText, DIAGNOSTIC_ROLE_NAME } from '../../../src/tools/deploy-templates.ts';
import { loadScenario, startFakeAws, type FakeAws, type Scenario } from '../../fake-aws/server.mjs';
import { targetFor } from '../engine/fake-target.ts';

const dir = resolve(import.meta.dirname, '../../../docs/deploy');
const files = deployFiles();
const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));

if (process.env.WD_UPDATE_DEPLOY === '1') for (const [name, value] of Object.entries(files)) writeFileSync(join(dir, name), deployFileText(value));

describe('docs/deploy is generated from src/engine/diagnostic-policy.ts', () => {
  test.each(Object.keys(files))('%s matches its source (npm run deploy-templates rewrites it)', (name) => {
    expect(existsSync(join(dir, name)), `${name} is missing: run npm run deploy-templates`).toBe(true);
    expect(readFileSync(join(dir, name), 'utf8')).toBe(deployFileText(files[name]));
  });

  test('the permission set and the role carry exactly the policy the engine prints', () => {
    const policy = minimalDiagnosticPolicy();
    expect(read('diagnostic-policy.json')).toEqual(policy);
    expect(read('permission-set.template.json').Resources.DiagnosticPermissionSet.Properties.InlinePolicy).toEqual(policy);
    expect(read('diagnostic-role-stackset.template.json').Resources.DiagnosticRole.Properties.Policies[0].PolicyDocument).toEqual(policy);
    const delegated = read('organizations-delegation.template.json').Resources.OrganizationsReadDelegation.Properties.Content.Statement[0].Action;
    expect(delegated).toEqual(policy.Statement.flatMap((s) => [s.Action ?? []].flat()).filter((a) => a.startsWith('organizations:')));
  });
});

// cfn-lint is in neither Debian 12 nor npm (npm's "cfn-lint" is an unrelated 2019 linter whose resource list
// predates AWS::SSO::PermissionSet), so the templates get a schema check of their own: the template anatomy, and
// the required properties and their types for the resource types used, from the CloudFormation reference.
const RESOURCE_SCHEMAS: Record<string, { required: string[]; properties: Record<string, 'string' | 'object' | 'array' | 'number'> }> = {
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sso-permissionset.html
  'AWS::SSO::PermissionSet': { required: ['InstanceArn', 'Name'], properties: { InstanceArn: 'string', Name: 'string', Description: 'string', SessionDuration: 'string', InlinePolicy: 'object' } },
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-role.html
  'AWS::IAM::Role': { required: ['AssumeRolePolicyDocument'], properties: { RoleName: 'string', Description: 'string', MaxSessionDuration: 'number', AssumeRolePolicyDocument: 'object', Policies: 'array' } },
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-organizations-resourcepolicy.html
  'AWS::Organizations::ResourcePolicy': { required: ['Content'], properties: { Content: 'object' } },
};
const TOP_LEVEL = ['AWSTemplateFormatVersion', 'Description', 'Parameters', 'Resources', 'Outputs'];
const PARAMETER_KEYS = ['Type', 'Default', 'Description', 'AllowedPattern', 'MinValue', 'MaxValue'];
const INTRINSIC = /^(Ref|Fn::GetAtt|Fn::Sub)$/;

function templateProblems(t: Record<string, any>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(t)) if (!TOP_LEVEL.includes(key)) problems.push(`unknown top-level key ${key}`);
  if (t.AWSTemplateFormatVersion !== '2010-09-09') problems.push('AWSTemplateFormatVersion must be 2010-09-09');
  if (typeof t.Description !== 'string' || t.Description.length > 1024) problems.push('Description: a string of at most 1024 characters');
  const parameters = t.Parameters ?? {};
  for (const [name, p] of Object.entries<any>(parameters)) {
    if (!['String', 'Number'].includes(p.Type)) problems.push(`parameter ${name}: Type`);
    for (const k of Object.keys(p)) if (!PARAMETER_KEYS.includes(k)) problems.push(`parameter ${name}: unknown key ${k}`);
  }
  const resources = t.Resources ?? {};
  if (Object.keys(resources).length === 0) problems.push('no Resources');
  // Every Ref, GetAtt and ${…} names a parameter, a resource or a pseudo parameter.
  const known = (name: string) => name in parameters || name in resources || name.startsWith('AWS::');
  const walk = (v: unknown, at: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'Ref' && !known(String(x))) problems.push(`${at}: Ref to unknown ${String(x)}`);
        if (k === 'Fn::GetAtt' && !(Array.isArray(x) && x[0] in resources)) problems.push(`${at}: GetAtt of unknown ${JSON.stringify(x)}`);
        if (k === 'Fn::Sub') for (const m of String(x).matchAll(/\$\{([^}]+)\}/g)) if (!known(m[1]!)) problems.push(`${at}: Sub of unknown ${m[1]}`);
        walk(x, `${at}.${k}`);
      }
    }
  };
  walk(t, '$');
  const typeOf = (v: unknown) => (Array.isArray(v) ? 'array' : v && typeof v === 'object' && Object.keys(v).some((k) => INTRINSIC.test(k)) ? 'intrinsic' : typeof v);
  for (const [name, r] of Object.entries<any>(resources)) {
    const schema = RESOURCE_SCHEMAS[r.Type];
    if (!schema) {
      problems.push(`${name}: resource type ${r.Type} is not checked here`);
      continue;
    }
    for (const req of schema.required) if (!(req in (r.Properties ?? {}))) problems.push(`${name}: missing ${req}`);
    for (const [k, v] of Object.entries(r.Properties ?? {})) {
      const want = schema.properties[k];
      if (!want) problems.push(`${name}: unknown property ${k}`);
      else if (typeOf(v) !== want && typeOf(v) !== 'intrinsic') problems.push(`${name}.${k}: expected ${want}, got ${typeOf(v)}`);
    }
  }
  return problems;
}

describe('the CloudFormation templates pass the schema check', () => {
  test.each(Object.keys(files).filter((n) => n.endsWith('.template.json')))('%s', (name) => {
    expect(templateProblems(read(name))).toEqual([]);
  });

  test('the check finds the mistakes it is for', () => {
    const role = read('diagnostic-role-stackset.template.json');
    const broken = structuredClone(role);
    delete broken.Resources.DiagnosticRole.Properties.AssumeRolePolicyDocument;
    broken.Resources.DiagnosticRole.Properties.RoleName = { Ref: 'NoSuchParameter' };
    broken.Resources.DiagnosticRole.Properties.Policy = [];
    expect(templateProblems(broken)).toEqual(['$.Resources.DiagnosticRole.Properties.RoleName: Ref to unknown NoSuchParameter', 'DiagnosticRole: missing AssumeRolePolicyDocument', 'DiagnosticRole: unknown property Policy']);
  });

  test('the StackSet template names no account: it deploys unchanged into every member account', () => {
    expect(readFileSync(join(dir, 'diagnostic-role-stackset.template.json'), 'utf8')).not.toMatch(/\b\d{12}\b/);
  });
});

describe('a role made from the template\'s policy diagnoses in the fake AWS', () => {
  const open: FakeAws[] = [];
  afterAll(() => Promise.all(open.map((f) => f.close())));

  /** The scenario with the diagnostic role created from `policy`, and keys that may only assume it. */
  async function withRole(name: string, policy: { Statement: { Action?: string | string[] }[] }) {
    const scenario: Scenario = structuredClone(loadScenario(name));
    const account = /arn:aws:iam::(\d{12}):/.exec(scenario.credentials[0]!.principal)![1]!;
    const roleArn = `arn:aws:iam::${account}:role/${DIAGNOSTIC_ROLE_NAME}`;
    // The fake authorizes a session by its role's allow list: the template's actions, and nothing else.
    const allow = policy.Statement.flatMap((s) => [s.Action ?? []].flat());
    scenario.roles = [...(scenario.roles ?? []), { arn: roleArn, allow, inlinePolicies: { WhyDeniedDiagnosticReads: policy as never } }];
    scenario.credentials[0] = { ...scenario.credentials[0]!, allow: ['sts:AssumeRole'] };
    const fake = await startFakeAws({ scenario });
    open.push(fake);
    const assumed = await assumeRole(targetFor(fake.url, scenario), { roleArn, sessionName: 'why-denied' });
    if (!assumed.ok) throw new Error(assumed.problem.message);
    return diagnoseDenial(parseDenials(scenario.denial)[0]!, assumed.target);
  }

  const templatePolicy = () => read('diagnostic-role-stackset.template.json').Resources.DiagnosticRole.Properties.Policies[0].PolicyDocument;

  test('an SCP denial: the role names the SCP and its statement, with nothing missing', async () => {
    const d = await withRole('scp-ou-level-deny', templatePolicy());
    expect(d.problems).toEqual([]);
    expect(d).toMatchObject({ status: 'done', blockingLayer: 'scp' });
    expect(d.blocking[0]?.name).toBeTruthy();
  });

  test('an identity-policy denial: the role names the statement', async () => {
    const d = await withRole('identity-user-inline-deny', templatePolicy());
    expect(d.problems).toEqual([]);
    expect(d).toMatchObject({ status: 'done', blockingLayer: 'identity' });
  });

  test('the same role without one of the template\'s reads is told exactly which one is missing', async () => {
    const policy = structuredClone(templatePolicy());
    policy.Statement[1].Action = policy.Statement[1].Action.filter((a: string) => a !== 'organizations:ListPoliciesForTarget');
    const d = await withRole('scp-ou-level-deny', policy);
    expect(d.problems.map((p) => p.permission)).toContain('organizations:ListPoliciesForTarget');
  });
});
