import { describe, expect, test } from 'vitest';
import { concreteResourceFor, simulatorResource } from '../../../src/engine/resource.ts';

describe('simulatorResource', () => {
  test('operation pseudo-ARNs become "*"', () => {
    expect(simulatorResource('arn:aws:ce:us-east-1:111111111111:/GetCostAndUsage', 'aws', '111111111111').simulator).toBe('*');
    expect(simulatorResource('arn:aws:bcm-data-exports:us-east-1:111111111111:/ListExports', 'aws', '111111111111').simulator).toBe('*');
  });

  test('IAM type words become the entity ARN', () => {
    expect(simulatorResource('role FinanceRole', 'aws', '333333333333').simulator).toBe('arn:aws:iam::333333333333:role/FinanceRole');
    expect(simulatorResource('policy arn:aws:iam::333333333333:policy/X', 'aws', '333333333333').simulator).toBe('arn:aws:iam::333333333333:policy/X');
  });

  test('real ARNs are kept, quotes dropped, opaque tokens become "*"', () => {
    expect(simulatorResource('arn:aws:budgets::111111111111:budget/monthly', 'aws', '111111111111')).toEqual({ simulator: 'arn:aws:budgets::111111111111:budget/monthly', note: null });
    expect(simulatorResource('"arn:aws:s3:::bucket"', 'aws', '1').simulator).toBe('arn:aws:s3:::bucket');
    expect(simulatorResource('my-example-widget', 'aws', '1').simulator).toBe('*');
    expect(simulatorResource(null, 'aws', '1')).toEqual({ simulator: '*', note: null });
  });
});

describe('concreteResourceFor', () => {
  test('an action with an optional resource type gets a concrete ARN (iam-simulate drops implicit denies on "*")', async () => {
    expect(await concreteResourceFor('ce:GetCostAndUsage', '*', 'aws', '111111111111', 'us-east-1')).toBe('arn:aws:billing::111111111111:billingview/why-denied-example');
  });

  test('wildcard-only and unknown actions stay "*"; concrete ARNs stay', async () => {
    expect(await concreteResourceFor('tax:ListTaxRegistrations', '*', 'aws', '111111111111', 'us-east-1')).toBe('*');
    expect(await concreteResourceFor('nosuch:Thing', '*', 'aws', '111111111111', 'us-east-1')).toBe('*');
    expect(await concreteResourceFor('budgets:ViewBudget', 'arn:aws:budgets::1:budget/x', 'aws', '1', 'us-east-1')).toBe('arn:aws:budgets::1:budget/x');
  });
});
