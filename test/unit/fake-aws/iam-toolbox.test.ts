// The fake's IAM Toolbox: REST-JSON GETs signed with SigV4 under the signing name `iam`, paged
// records, expiry, access by the recorded account or organization, and captured policy documents.
// Signed requests are built with the SDK's own SignatureV4 (and the IAM client's hash) and sent with fetch.

import { IAMClient } from '@aws-sdk/client-iam';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/core/protocols';
import { afterAll, describe, expect, test } from 'vitest';
import { loadScenario, startFakeAws, type FakeAws, type Scenario, type ScenarioCredential } from '../../fake-aws/server.mjs';

/** The SDK's SHA-256 for this runtime, as the IAM client resolves it. */
const sha256 = new IAMClient({ region: 'us-east-1' }).config.sha256;

const fakes: FakeAws[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

async function fakeWith(scenario: Scenario): Promise<FakeAws> {
  const fake = await startFakeAws({ scenario });
  fakes.push(fake);
  return fake;
}

async function get(fake: FakeAws, credential: ScenarioCredential, path: string, query: Record<string, string> = {}, service = 'iam') {
  const url = new URL(fake.url);
  const request = new HttpRequest({ method: 'GET', protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path, query, headers: { host: url.host } });
  const signer = new SignatureV4({ service, region: 'us-east-1', sha256, credentials: { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey } });
  const signed = await signer.sign(request);
  const qs = new URLSearchParams(query).toString();
  const response = await fetch(`${fake.url}${path}${qs ? `?${qs}` : ''}`, { headers: signed.headers });
  return { status: response.status, errorType: response.headers.get('x-amzn-errortype'), body: (await response.json()) as Record<string, unknown> };
}

const paged = loadScenario('record-paged');
const record = paged.authorizationRecords![0]!;
const diagnoser = paged.credentials[0]!;

describe('GetRequestAuthorizationDetails', () => {
  test('pages the evaluations with nextToken; each page lists the policies it references', async () => {
    const fake = await fakeWith(paged);
    const first = await get(fake, diagnoser, `/authorization-details/${record.authorizationId}`);
    expect(first.status).toBe(200);
    expect(first.body.evaluations).toHaveLength(2);
    expect(first.body.requestContext).toMatchObject({ 'aws:RequestedRegion': 'us-east-1' });
    expect(typeof first.body.nextToken).toBe('string');
    const second = await get(fake, diagnoser, `/authorization-details/${record.authorizationId}`, { nextToken: first.body.nextToken as string });
    expect(second.body.evaluations).toHaveLength(2);
    expect(second.body.nextToken).toBeUndefined();
    expect((second.body.policies as { uri: string }[]).map((p) => p.uri)).toEqual(['arn:aws:iam::111111111111:policy/EURegionsOnly', 'arn:aws:iam::aws:policy/AWSBillingReadOnlyAccess']);
    expect(JSON.stringify(second.body)).not.toContain('"document"');
    expect(fake.calls.map((c) => `${c.service}:${c.action}`)).toEqual(['iam-toolbox:GetRequestAuthorizationDetails', 'iam-toolbox:GetRequestAuthorizationDetails']);
  });

  test('must be signed with the signing name iam, not iam-toolbox', async () => {
    const fake = await fakeWith(paged);
    const out = await get(fake, diagnoser, `/authorization-details/${record.authorizationId}`, {}, 'iam-toolbox');
    expect(out).toMatchObject({ status: 403, errorType: 'InvalidSignatureException' });
  });

  test('an ID that is not lowercase letters and digits is a ValidationException', async () => {
    const fake = await fakeWith(paged);
    expect(await get(fake, diagnoser, '/authorization-details/NOT-AN-ID')).toMatchObject({ status: 400, errorType: 'ValidationException' });
  });

  test('an unknown ID and an expired record are both ResourceNotFoundException', async () => {
    const fake = await fakeWith({ ...paged, authorizationRecords: [{ ...record, ageHours: 24 }] });
    expect(await get(fake, diagnoser, `/authorization-details/${record.authorizationId}`)).toMatchObject({ status: 404, errorType: 'ResourceNotFoundException' });
    expect(await get(fake, diagnoser, '/authorization-details/abc123')).toMatchObject({ status: 404, errorType: 'ResourceNotFoundException' });
  });

  test('a caller outside the recorded account, or outside the recorded organization, reads "not found"', async () => {
    const outsider: ScenarioCredential = { ...diagnoser, accessKeyId: 'AKIAFAKEOUTSIDER0001', principal: 'arn:aws:iam::333333333333:user/auditor' };
    const sandbox: ScenarioCredential = { ...diagnoser, accessKeyId: 'AKIAFAKESANDBOX00001', principal: 'arn:aws:iam::222222222222:user/auditor' };
    // Recorded without an organization: only account 111111111111 may read it.
    const byAccount = await fakeWith({ ...paged, credentials: [diagnoser, outsider, sandbox] });
    expect((await get(byAccount, sandbox, `/authorization-details/${record.authorizationId}`)).status).toBe(404);
    // Recorded with the organization: any member account may, an account outside it may not.
    const byOrg = await fakeWith({ ...paged, credentials: [diagnoser, outsider, sandbox], authorizationRecords: [{ ...record, organizationId: 'o-exmpl12345' }] });
    expect((await get(byOrg, sandbox, `/authorization-details/${record.authorizationId}`)).status).toBe(200);
    expect((await get(byOrg, outsider, `/authorization-details/${record.authorizationId}`)).status).toBe(404);
  });

  test('without iam:GetRequestAuthorizationDetails: AccessDeniedException naming the action', async () => {
    const fake = await fakeWith({ ...paged, credentials: [{ ...diagnoser, allow: ['iam:SimulatePrincipalPolicy'] }] });
    const out = await get(fake, diagnoser, `/authorization-details/${record.authorizationId}`);
    expect(out).toMatchObject({ status: 403, errorType: 'AccessDeniedException' });
    expect(out.body.message).toContain('iam:GetRequestAuthorizationDetails');
  });
});

describe('GetRequestAuthorizationPolicy', () => {
  test('returns the document as it was captured, which may differ from the current policy', async () => {
    const changed = loadScenario('record-policy-changed');
    const fake = await fakeWith(changed);
    const captured = changed.authorizationRecords![0]!.policies[0]!;
    const out = await get(fake, changed.credentials[0]!, `/authorization-details/${changed.authorizationRecords![0]!.authorizationId}/policy`, { policyUri: captured.uri });
    expect(out.status).toBe(200);
    expect(out.body.policyDocument).toEqual(captured.document);
    expect(out.body.policyDocument).not.toEqual(changed.users![0]!.inlinePolicies!.BudgetLimits);
  });

  test('a URI that is not in the record is ResourceNotFoundException', async () => {
    const fake = await fakeWith(paged);
    const out = await get(fake, diagnoser, `/authorization-details/${record.authorizationId}/policy`, { policyUri: 'arn:aws:iam::111111111111:policy/Other' });
    expect(out).toMatchObject({ status: 404, errorType: 'ResourceNotFoundException' });
  });
});
