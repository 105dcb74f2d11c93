// The CLI's public interface: arguments, exit status, the JSON contract, and --profile with the AWS CLI's
// config files and endpoint variables against the local fake AWS (real SDK, real HTTP).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resolveConfig, parseIni } from '../../../src/cli/aws-config.ts';
import { runCli, type CliIo } from '../../../src/cli/run.ts';
import { loadScenario, startFakeAws, type Scenario } from '../../fake-aws/server.mjs';
import { bucketRecordScenario } from '../../fake-aws/record-scenarios.mjs';
import { diagnosisStub } from '../engine/helpers.ts';

const root = resolve(import.meta.dirname, '../../..');
const BIN = join(root, 'dist/node/why-denied.mjs');

/** The built bin with `args`, `stdin` piped in: its exit status and what it wrote. */
function runBin(args: string[], stdin: string, env: NodeJS.ProcessEnv = { PATH: process.env.PATH }): Promise<{ code: number; out: string; err: string }> {
  expect(existsSync(BIN), 'build first: npm run build').toBe(true);
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => done({ code: code ?? -1, out, err }));
    child.stdin.end(stdin);
  });
}
const SCP_DENIAL =
  'User: arn:aws:sts::333333333333:assumed-role/AWSReservedSSO_AuditRole_fedcba9876543210/carol is not authorized to perform: ce:GetRightsizingRecommendation on resource: arn:aws:ce:us-east-1:333333333333:/GetRightsizingRecommendation with an explicit deny in a service control policy: arn:aws:organizations::999999999999:policy/o-exmpl12345/service_control_policy/p-exmpl111';

function io(stdin = '', env: NodeJS.ProcessEnv = {}): CliIo & { out: string; err: string } {
  const result = {
    out: '',
    err: '',
    env,
    version: '9.8.7',
    readStdin: async () => stdin,
    stdout: (t: string) => void (result.out += t),
    stderr: (t: string) => void (result.err += t),
  };
  return result;
}

describe('why-denied explain', () => {
  test('--json prints exactly the contract fields, in order of appearance', async () => {
    const second = 'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: tax:ListTaxRegistrations';
    const out = io();
    expect(await runCli(['explain', '--json', `${SCP_DENIAL}\n${second}`], out)).toBe(0);
    const { denials } = JSON.parse(out.out);
    expect(denials).toHaveLength(2);
    expect(Object.keys(denials[0]).sort()).toEqual(
      ['accountId', 'action', 'authorizationId', 'cause', 'denyKind', 'explanation', 'policyArn', 'policyType', 'principalArn', 'principalType', 'resource'].sort(),
    );
    expect(denials[0]).toMatchObject({
      principalType: 'assumed-role',
      accountId: '333333333333',
      action: 'ce:GetRightsizingRecommendation',
      policyType: 'scp',
      denyKind: 'explicit',
      policyArn: 'arn:aws:organizations::999999999999:policy/o-exmpl12345/service_control_policy/p-exmpl111',
      cause: null,
    });
    expect(denials[0].explanation.layer).toBe('scp');
    expect(denials[0].explanation.fixer).toBe('organization-admin');
    expect(denials[1]).toMatchObject({ principalArn: 'arn:aws:iam::111111111111:user/alice', action: 'tax:ListTaxRegistrations', denyKind: 'unknown' });
  });

  test('reads standard input when TEXT is absent, and prints the explanation and the request', async () => {
    const out = io(`An error occurred (AccessDeniedException) when calling the GetTags operation: User not enabled for cost explorer access`);
    expect(await runCli(['explain'], out)).toBe(0);
    expect(out.out).toContain('Request for your administrator');
    expect(out.out).toContain('User not enabled for cost explorer access');
  });

  test('exit 1 when no denial was read, 2 for a usage error', async () => {
    const none = io('all good here');
    expect(await runCli(['explain'], none)).toBe(1);
    expect(none.err).toContain('no denial found');
    const usage = io();
    expect(await runCli(['explian'], usage)).toBe(2);
    expect(usage.err).toContain('unknown command');
    expect(await runCli(['explain', '--bogus'], io())).toBe(2);
    expect(await runCli(['explain', '--profile'], io())).toBe(2);
  });

  test('denials of one principal and one cause also get one request for all of them, after their own', async () => {
    // A CI log: the SDK's wrapper around each message, two of them bob's (an identity policy), one carol's (an SCP).
    const bob = (action: string) =>
      `An error occurred (AccessDeniedException) when calling the ${action.split(':')[1]} operation: User: arn:aws:sts::222222222222:assumed-role/FinanceRole/bob is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;
    const out = io([bob('ce:GetCostAndUsage'), SCP_DENIAL, bob('budgets:ViewBudget')].join('\n'));
    expect(await runCli(['explain'], out)).toBe(0);
    expect(out.out).toContain('=== Denial 3 of 3 ===');
    const [, combined] = out.out.split('=== One request for denials 1, 3: 2 actions, one principal, one cause ===\n');
    expect(combined).toBeDefined();
    expect(combined!.split('\n')[0]).toMatch(/^Please allow ce:GetCostAndUsage and budgets:ViewBudget for role FinanceRole in account 222222222222\./);
    expect(combined).toContain(`----- BEGIN ORIGINAL MESSAGE 2 OF 2 (budgets:ViewBudget) -----\n${bob('budgets:ViewBudget')}`);
    expect(combined).not.toContain('carol');
    expect(out.out.match(/=== One request/g)).toHaveLength(1);
    // One denial, or denials of different principals: no extra request.
    const single = io(`${SCP_DENIAL}\n${bob('ce:GetCostAndUsage')}`);
    await runCli(['explain'], single);
    expect(single.out).not.toContain('=== One request');

    // --json: the same request, with the denials' numbers and actions.
    const json = io([bob('ce:GetCostAndUsage'), SCP_DENIAL, bob('budgets:ViewBudget')].join('\n'));
    expect(await runCli(['explain', '--json'], json)).toBe(0);
    const parsed = JSON.parse(json.out);
    expect(parsed.denials).toHaveLength(3);
    expect(parsed.combinedRequests).toEqual([{ denials: [1, 3], actions: ['ce:GetCostAndUsage', 'budgets:ViewBudget'], request: expect.any(String) }]);
    expect(parsed.combinedRequests[0].request.trimEnd()).toBe(combined!.trimEnd());
    const none = io(`${SCP_DENIAL}\n${bob('ce:GetCostAndUsage')}`);
    await runCli(['explain', '--json'], none);
    expect(JSON.parse(none.out).combinedRequests).toEqual([]);
  });

  test('--markdown writes the request in Markdown', async () => {
    const out = io();
    await runCli(['explain', '--markdown', SCP_DENIAL], out);
    expect(out.out).toMatch(/^#+ /m);
  });
});

describe('text from a policy or from AWS on a terminal', () => {
  // A customer's policy and AWS's answers are not the CLI's own text: a bidi override reorders what the admin reads,
  // a zero-width space hides in a value, and ESC or U+009B (CSI) start terminal control sequences.
  const tricky = { 'aws:PrincipalTag/team': 'fin\u202Eecnan\u200B', 'aws:SourceIp': '10.0.0.0/8\u009B2J\u001B[2J' };
  const diagnosis = diagnosisStub({
    verdict: 'The SCP Freeze\u2066 denies it.',
    blocking: [{ policyType: 'scp', name: 'Freeze\u2066', arn: null, attachedTo: null, statementSid: 'Deny', consoleUrl: null,
      statement: { Sid: 'Deny', Effect: 'Deny', Action: 'ce:*', Resource: '*', Condition: { StringNotEquals: tricky } } }],
    evidence: [{ call: 'organizations:DescribePolicy', said: 'policy \u001B]0;owned\u0007Freeze\u2066' }],
  });
  const run = async (args: string[]) => {
    const out = io();
    out.diagnose = async (_denials, _profile, onStep) => {
      onStep('[done] Read Freeze\u2066\u009B');
      return [diagnosis];
    };
    expect(await runCli(['explain', ...args, '--profile', 'p', SCP_DENIAL], out)).toBe(0);
    return out;
  };
  const RAW = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;

  test('the text output shows bidi and zero-width characters as markers and holds no control character', async () => {
    const { out, err } = await run([]);
    expect(out).not.toMatch(RAW);
    expect(err).not.toMatch(RAW);
    expect(out).toContain('fin⟨U+202E⟩ecnan⟨U+200B⟩');
    expect(out).toContain('The SCP Freeze⟨U+2066⟩ denies it.');
    expect(out).toContain('policy ]0;ownedFreeze⟨U+2066⟩');
    expect(err).toContain('[done] Read Freeze⟨U+2066⟩\n');
  });

  test('--json escapes them, so the data is the same and the terminal sees none of them', async () => {
    const { out, err } = await run(['--json']);
    expect(out).not.toMatch(RAW);
    expect(err).toBe('');
    const [denial] = JSON.parse(out).denials;
    expect(denial.diagnosis.blocking[0].statement.Condition.StringNotEquals).toEqual(tricky);
    expect(denial.diagnosis.verdict).toBe(diagnosis.verdict);
    expect(out).toContain('fin\\u202eecnan\\u200b');
  });
});

describe('the built why-denied bin', () => {
  test('a reader that closes the pipe early (| head) ends it quietly, without a stack trace', async () => {
    expect(existsSync(BIN), 'build first: npm run build').toBe(true);
    // Hundreds of denials: the bin is still writing when the reader goes.
    const text = Array.from({ length: 400 }, (_, i) => `User: arn:aws:iam::111111111111:user/u${i} is not authorized to perform: ce:GetCostAndUsage`).join('\n');
    const { code, err, read } = await new Promise<{ code: number | null; err: string; read: number }>((done) => {
      const child = spawn(process.execPath, [BIN, 'explain'], { env: { PATH: process.env.PATH } });
      let err = '';
      let read = 0;
      child.stderr.on('data', (d) => (err += d));
      child.stdout.once('data', (d: Buffer) => {
        read = d.length;
        child.stdout.destroy();
      });
      child.on('close', (code) => done({ code, err, read }));
      child.stdin.end(text);
    });
    expect(read).toBeGreaterThan(0);
    expect(err).toBe('');
    expect(code).toBe(0);
  }, 30_000);
});

describe('the built why-denied bin at a terminal', () => {
  // util-linux's script(1) gives the bin a terminal for its input; what is written to script is typed there.
  test.skipIf(!existsSync('/usr/bin/script'))('without TEXT, it says how to end the pasted message, then reads it', async () => {
    expect(existsSync(BIN), 'build first: npm run build').toBe(true);
    const out = await new Promise<string>((done) => {
      const child = spawn('/usr/bin/script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} explain`, '/dev/null'], { env: { PATH: process.env.PATH } });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('close', () => done(out));
      child.stdin.end('User: arn:aws:iam::111111111111:user/alice is not authorized to perform: ce:GetCostAndUsage\n\u0004');
    });
    expect(out).toContain('Paste the message, then press Enter and Ctrl-D');
    expect(out).toContain('IAM user alice in account 111111111111 was denied ce:GetCostAndUsage.');
  }, 30_000);

  test('from a pipe, it says nothing of the kind', async () => {
    const { err } = await runBin(['explain'], 'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: ce:GetCostAndUsage');
    expect(err).toBe('');
  }, 30_000);
});

describe('AWS CLI configuration', () => {
  test('endpoint precedence: service variable, global variable, services section, profile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'why-denied-cli-'));
    const config = join(dir, 'config');
    writeFileSync(
      config,
      '[profile audit]\nregion = eu-west-1\nendpoint_url = http://profile.example\nservices = local\n\n[services local]\niam =\n  endpoint_url = http://services-iam.example\niam_toolbox =\n  endpoint_url = http://services-toolbox.example\n',
    );
    expect(resolveConfig({ AWS_CONFIG_FILE: config }, 'audit')).toEqual({
      profile: 'audit',
      region: 'eu-west-1',
      endpoints: { iam: 'http://services-iam.example', sts: 'http://profile.example', organizations: 'http://profile.example', 'iam-toolbox': 'http://services-toolbox.example', s3: 'http://profile.example' },
    });
    const env = { AWS_CONFIG_FILE: config, AWS_PROFILE: 'audit', AWS_ENDPOINT_URL: 'http://global.example', AWS_ENDPOINT_URL_STS: 'http://sts.example', AWS_REGION: 'us-east-1' };
    expect(resolveConfig(env, null)).toEqual({
      profile: 'audit',
      region: 'us-east-1',
      endpoints: { iam: 'http://global.example', sts: 'http://sts.example', organizations: 'http://global.example', 'iam-toolbox': 'http://global.example', s3: 'http://global.example' },
    });
    // The name the SDKs derive from the service id "IAM Toolbox".
    expect(resolveConfig({ ...env, AWS_ENDPOINT_URL_IAM_TOOLBOX: 'http://toolbox.example' }, null).endpoints['iam-toolbox']).toBe('http://toolbox.example');
    expect(resolveConfig({ ...env, AWS_ENDPOINT_URL_S3: 'http://s3.example' }, null).endpoints.s3).toBe('http://s3.example');
    expect(resolveConfig({ ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, null).endpoints).toEqual({});
  });

  test('ini sub-sections and comments', () => {
    const ini = parseIni('# c\n[default]\nregion=us-east-1\n; x\n[services s]\nsts =\n  endpoint_url = http://x\n');
    expect(ini.get('default')?.get('region')).toBe('us-east-1');
    expect((ini.get('services s')?.get('sts') as Map<string, string>).get('endpoint_url')).toBe('http://x');
  });
});

/** The built bin against the local AWS of one scenario, with its first credentials as profile "audit". */
function binAgainstLocalAws(scenarioOrName: string | Scenario) {
  const scenario = typeof scenarioOrName === 'string' ? loadScenario(scenarioOrName) : scenarioOrName;
  const local: { fake?: Awaited<ReturnType<typeof startFakeAws>>; env: NodeJS.ProcessEnv } = { env: {} };

  beforeAll(async () => {
    local.fake = await startFakeAws({ scenario });
    const dir = mkdtempSync(join(tmpdir(), 'why-denied-cli-'));
    const credential = scenario.credentials[0]!;
    writeFileSync(join(dir, 'credentials'), `[audit]\naws_access_key_id = ${credential.accessKeyId}\naws_secret_access_key = ${credential.secretAccessKey}\n`);
    writeFileSync(join(dir, 'config'), `[profile audit]\nregion = us-east-1\n`);
    local.env = {
      PATH: process.env.PATH,
      HOME: dir,
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_ENDPOINT_URL: local.fake.url,
    };
  });
  afterAll(() => local.fake?.close());

  const run = (args: string[], stdin = scenario.denial!) => runBin(args, stdin, local.env);
  return { scenario, run, calls: () => local.fake!.calls };
}

describe('the built why-denied bin with --profile, against the local AWS', () => {
  const { scenario, run, calls } = binAgainstLocalAws('scp-ou-level-deny');

  test('names the blocking SCP and statement, with the profile from the shared files', async () => {
    const { code, out, err } = await run(['explain', '--json', '--profile', 'audit']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const [denial] = JSON.parse(out).denials;
    expect(denial.diagnosis).toMatchObject({
      blockingPolicyType: 'scp',
      policyName: scenario.expect!.policyName,
      statementSid: scenario.expect!.statementSid,
      usedProfile: 'audit',
    });
    expect(denial.diagnosis.evidence.length).toBeGreaterThan(0);
    expect(out).not.toContain(scenario.credentials[0]!.secretAccessKey);
    expect(calls().every((c) => c.accessKeyId === scenario.credentials[0]!.accessKeyId)).toBe(true);
  }, 30_000);

  test('a profile that does not exist gives a clear diagnosis problem, not a crash', async () => {
    const { code, out } = await run(['explain', '--json', '--profile', 'nobody']);
    expect(code).toBe(0);
    const [denial] = JSON.parse(out).denials;
    expect(denial.diagnosis.status).toBe('failed');
    expect(denial.diagnosis.problems[0].message).toContain('nobody');
  }, 30_000);
});

describe('--compare-today: a diagnosis from AWS\'s record, and the blocking policy as it is today', () => {
  const { run, calls } = binAgainstLocalAws('record-managed-policy-changed');
  const todayCalls = () => calls().filter((c) => c.action === 'GetPolicy' || c.action === 'GetPolicyVersion').map((c) => c.action);

  test('without it, the record\'s statement and a word that today\'s version was not read (and it is not)', async () => {
    const { code, out } = await run(['explain', '--profile', 'audit']);
    expect(code).toBe(0);
    expect(out).toContain('"budgets:ModifyBudget"');
    expect(out).toContain("Today's version was not compared, so a change since the denial is not known: add --compare-today to read it.");
    expect(todayCalls()).toEqual([]);
  }, 30_000);

  test('with it, today\'s statement after the one AWS evaluated, read as the extension reads it', async () => {
    const { code, out, err } = await run(['explain', '--profile', 'audit', '--compare-today']);
    expect(code).toBe(0);
    expect(err).toContain("[done] Compare BudgetChangeFreeze with today's version: changed");
    const today = out.slice(out.indexOf("Today's version: changed since the denial: the statement now reads"));
    expect(today).not.toBe(out);
    expect(today.slice(0, today.indexOf('Evidence:'))).toMatch(/"Action": \[\s*"budgets:DeleteBudget"\s*\]/);
    expect(out).not.toContain('add --compare-today');
    expect(todayCalls()).toEqual(['GetPolicy', 'GetPolicyVersion']);
  }, 30_000);

  test('--json: today\'s version on the blocking policy', async () => {
    const { code, out } = await run(['explain', '--json', '--profile', 'audit', '--compare-today']);
    expect(code).toBe(0);
    const [blocking] = JSON.parse(out).denials[0].diagnosis.blocking;
    expect(blocking).toMatchObject({ name: 'BudgetChangeFreeze', capturedAtDenial: true, changedSinceDenial: true });
    expect(blocking.todaysVersion).toMatchObject({ state: 'changed', statement: { Sid: 'FreezeBudgetChanges', Action: ['budgets:DeleteBudget'] }, awsCalls: 2 });
  }, 30_000);

  test('it needs --profile or --diagnose', async () => {
    const { code, err } = await run(['explain', '--compare-today']);
    expect(code).toBe(2);
    expect(err).toContain('--compare-today needs --profile or --diagnose');
  }, 30_000);
});

describe("--compare-today on a bucket's policy that AWS's record names", () => {
  const deny = { Sid: 'DenyExportReads', Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-exports-111111111111/*' };
  const today = { Version: '2012-10-17', Statement: [{ ...deny, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] };
  const { run, calls } = binAgainstLocalAws(bucketRecordScenario({ bucket: 'example-exports-111111111111', deny, resourceAccount: '111111111111', today }));

  test('GetBucketPolicy in the owner account, named by its bucket, and today\'s statement', async () => {
    const { code, out, err } = await run(['explain', '--profile', 'audit', '--compare-today']);
    expect(code).toBe(0);
    expect(err).toContain("[done] Compare the bucket policy of example-exports-111111111111 with today's version: changed");
    expect(out).toMatch(/Today's version: changed since the denial: the statement now reads\n[^]*"aws:SecureTransport": "false"/);
    expect(calls().filter((c) => c.action === 'GetBucketPolicy')).toHaveLength(1);
  }, 30_000);
});
