import { describe, expect, test } from 'vitest';
import { sharedVerdict } from '../../../src/core/request-group.ts';
import { deniedActions, landmarkName } from '../../../src/content/panel/merged.ts';
import type { ExplainedDenial } from '../../../src/content/panel/types.ts';
import { TEXT, panelData, parseOne } from './helpers.ts';

const explained = (text: string, action?: string): ExplainedDenial => {
  const parsed = parseOne(text);
  const { denial, explanation } = panelData(action ? { ...parsed, action } : parsed);
  return { denial, explanation };
};

describe('one panel for several denials', () => {
  test('verdicts that differ only in their action read as one sentence about "these N actions"', () => {
    const items = [explained(TEXT.implicitIdentity), explained(TEXT.implicitIdentity, 'ce:GetCostAndUsage')];
    expect(items[0]!.explanation.verdict).toContain(items[0]!.denial.action!);
    const verdict = sharedVerdict(items);
    expect(verdict).toBe(items[0]!.explanation.verdict.split(items[0]!.denial.action!).join('these 2 actions'));
    expect(deniedActions(items)).toEqual([items[0]!.denial.action, 'ce:GetCostAndUsage']);
    expect(landmarkName(items)).toBe(`Why denied: ${items[0]!.denial.action}, ce:GetCostAndUsage`);
  });

  test('verdicts that differ otherwise: the first verdict, said to hold for all of them', () => {
    const items = [explained(TEXT.implicitIdentity), explained(TEXT.scpWithArn)];
    expect(sharedVerdict(items)).toBe(`2 actions are denied for the same reason. ${items[0]!.explanation.verdict}`);
  });

  test('one denial (or one action twice): its own verdict', () => {
    const one = explained(TEXT.scpWithArn);
    expect(sharedVerdict([one])).toBe(one.explanation.verdict);
    expect(sharedVerdict([one, one])).toBe(one.explanation.verdict);
    expect(landmarkName([one])).toBe(`Why denied: ${one.denial.action}`);
  });
});
