import { startFakeAws, listScenarios, loadScenario } from './server.mjs';
import { IAMClient, SimulatePrincipalPolicyCommand, GetRoleCommand } from '@aws-sdk/client-iam';
const names = listScenarios();
for (const name of names) {
  let s;
  try { s = loadScenario(name); } catch (e) { console.log('INVALID', e.message); continue; }
  const fake = await startFakeAws({ scenario: name });
  const cred = s.credentials[0];
  const iam = new IAMClient({ endpoint: fake.url, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: cred.accessKeyId, secretAccessKey: cred.secretAccessKey, sessionToken: cred.sessionToken ?? undefined } });
  const m = /^User: (\S+) is not authorized to perform: (\S+)/.exec(s.denial);
  let principal = m[1];
  const sess = /assumed-role\/([^/]+)\//.exec(principal);
  let out = '';
  try {
    fake.clearFaults();
    if (sess) principal = (await iam.send(new GetRoleCommand({ RoleName: sess[1] }))).Role.Arn;
    const r = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: principal, ActionNames: [m[2]] }));
    const e = r.EvaluationResults[0];
    out = `${e.EvalDecision} orgs=${e.OrganizationsDecisionDetail?.AllowedByOrganizations} pb=${e.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary} matched=${e.MatchedStatements.map(x => x.SourcePolicyId + '/' + x.SourcePolicyType).join(',')} missing=${e.MissingContextValues}`;
  } catch (e) { out = `ERR ${e.name}: ${e.message.slice(0, 100)}`; }
  console.log(name.padEnd(36), s.expect.blockingLayer.padEnd(22), out);
  await fake.close();
}
