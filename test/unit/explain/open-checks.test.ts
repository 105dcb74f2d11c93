// openChecks: which of the explanation's open items a diagnosis left open (issue 14: "every check the diagnosis
// resolved disappears from the panel and from the request"). Real explanations from explainDenial, so the items
// are the rules' own; topics are read back from the same leads the rules write them with.
import { describe, expect, test } from 'vitest';
import type { Diagnosis, DiagnosisProblem } from '../../../src/core/diagnosis.ts';
import { CHECKLIST_TOPICS, checklistItem, checklistTopic, type ChecklistTopic } from '../../../src/core/rules/checklist-topics.ts';
import { explainDenial } from '../../../src/core/rules/index.ts';
import { openChecks } from '../../../src/core/rules/open-checks.ts';
import { AWS_CALLS, type AwsCallName } from '../../../src/engine/aws-calls.ts';
import { ALICE, CE_PAGE, denial } from './denials.ts';

const topics = (items: string[]) => items.map(checklistTopic);

/** A missing permission as the engine reports it: with the topics its call leaves open (engine/aws-calls.ts). */
function missing(call: AwsCallName): DiagnosisProblem {
  const { leavesOpen } = AWS_CALLS[call] as { leavesOpen?: readonly ChecklistTopic[] };
  return { kind: 'missing-permission', message: 'no', permission: call, ...(leavesOpen ? { uncheckedTopics: [...leavesOpen] } : {}) };
}

/** An explicit deny that names no policy type: every layer question, MFA and Region are open offline. */
const unnamed = explainDenial(denial({ ...ALICE, action: 'ce:GetCostAndUsage', resource: 'arn:aws:ce:us-east-1:111111111111:/GetCostAndUsage', denyKind: 'explicit' }), { pageUrl: CE_PAGE });
/** The message says SCP: only the MFA and Region suspicions stay open offline. */
const scp = explainDenial(denial({ ...ALICE, action: 'ce:GetCostAndUsage', resource: 'arn:aws:ce:us-east-1:111111111111:/GetCostAndUsage', denyKind: 'explicit', policyType: 'scp' }), { pageUrl: CE_PAGE });

function diagnosis(patch: Partial<Diagnosis> = {}): Diagnosis {
  return {
    status: 'done',
    blockingLayer: 'scp',
    verdict: 'SCP DenyCostExplorer (statement DenyCE) explicitly denies ce:GetCostAndUsage.',
    blocking: [],
    decidingConditions: [],
    decidingKeys: [],
    evidence: [],
    problems: [],
    diagnosticPolicySuggestion: null,
    steps: [],
    usedProfile: 'audit',
    awsCalls: 4,
    fromCache: false,
    finishedAt: 0,
    ...patch,
  };
}

describe('checklist topics', () => {
  test('every item the rules write carries a topic, read back from the same lead', () => {
    expect(unnamed.checklist.length).toBeGreaterThanOrEqual(5);
    expect(topics(unnamed.checklist)).not.toContain(null);
    expect(topics(unnamed.checklist)).toEqual(expect.arrayContaining(['identity', 'scp', 'mfa', 'permissions-boundary', 'region']));
    for (const topic of CHECKLIST_TOPICS) expect(checklistTopic(checklistItem(topic, 'question?'))).toBe(topic);
    expect(checklistTopic('Something else: question?')).toBeNull();
  });
});

describe('openChecks', () => {
  test('without a diagnosis, or with a failed one, every item stays open', () => {
    expect(openChecks(unnamed, null)).toEqual(unnamed.checklist);
    expect(openChecks(unnamed, diagnosis({ status: 'failed', blockingLayer: 'not-simulated' }))).toEqual(unnamed.checklist);
  });

  test('a done diagnosis with a blocking layer settles the layer questions, MFA and Region', () => {
    expect(topics(scp.checklist)).toEqual(['mfa', 'region']);
    expect(openChecks(scp, diagnosis())).toEqual([]);
    expect(openChecks(unnamed, diagnosis({ blockingLayer: 'identity' }))).toEqual([]);
  });

  test('a deciding MFA or Region condition answers its question: it is the condition, not an open item', () => {
    const mfa = diagnosis({ decidingKeys: ['aws:MultiFactorAuthPresent'], decidingConditions: ['allowed when aws:MultiFactorAuthPresent is true'] });
    expect(openChecks(scp, mfa)).toEqual([]);
    const partialOrgs = diagnosis({
      status: 'partial',
      decidingKeys: ['aws:RequestedRegion'],
      problems: [missing('organizations:ListPoliciesForTarget')],
    });
    // Organizations unread leaves MFA open (a statement there may test it); the Region condition decided.
    expect(topics(openChecks(scp, partialOrgs))).toEqual(['mfa']);
  });

  test('a partial diagnosis keeps the questions about the layers it could not read', () => {
    const noSimulate = diagnosis({
      status: 'partial',
      blockingLayer: 'identity',
      problems: [missing('iam:SimulatePrincipalPolicy')],
    });
    expect(topics(openChecks(unnamed, noSimulate))).toEqual(['identity', 'scp', 'mfa', 'permissions-boundary', 'region']);
    const noOrgs = diagnosis({
      status: 'partial',
      blockingLayer: 'identity',
      problems: [missing('organizations:ListParents')],
    });
    expect(topics(openChecks(unnamed, noOrgs))).toEqual(['scp', 'mfa', 'region']);
    // A gap whose scope is unknown (no topics: a problem from an older diagnosis in storage, or a call the engine
    // cannot place) keeps everything open: nothing is claimed settled.
    const unknownGap = diagnosis({ status: 'partial', problems: [{ kind: 'server-error', message: 'AWS answered with a server error' }] });
    expect(openChecks(unnamed, unknownGap)).toEqual(unnamed.checklist);
    expect(openChecks(unnamed, diagnosis({ status: 'partial', problems: [missing('s3:GetBucketPolicy')] }))).toEqual(unnamed.checklist);
    // AWS's record unread: the diagnosis simulated instead, so nothing stays open for it.
    expect(openChecks(unnamed, diagnosis({ status: 'partial', problems: [missing('iam:GetRequestAuthorizationDetails')] }))).toEqual([]);
    // Not simulatable is the verdict, not a gap.
    expect(openChecks(unnamed, diagnosis({ problems: [{ kind: 'not-simulatable', message: 'x' }] }))).toEqual([]);
  });

  test('no blocking layer found: nothing is settled', () => {
    expect(openChecks(unnamed, diagnosis({ blockingLayer: 'none-found' }))).toEqual(unnamed.checklist);
  });
});
