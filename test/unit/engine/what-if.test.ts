import { describe, expect, test } from 'vitest';
import { candidateRegions, mfaProbe, regionProbe, regionValuesOf, runWhatIf } from '../../../src/engine/what-if.ts';
import { consoleRequestContext, valueOf, type RequestContext } from '../../../src/engine/request-context.ts';

const base = consoleRequestContext({ action: 'ce:GetCostAndUsage', resource: null, principalArn: 'arn:aws:iam::111111111111:user/alice', partition: 'aws', homeRegion: 'eu-west-1', now: new Date('2026-01-01T00:00:00Z') });

describe('console request context', () => {
  test('billing calls carry us-east-1 whatever the home Region; MFA absent; TLS', () => {
    expect(valueOf(base, 'aws:RequestedRegion')).toBe('us-east-1');
    expect(valueOf(base, 'aws:MultiFactorAuthPresent')).toBe('false');
    expect(valueOf(base, 'aws:SecureTransport')).toBe('true');
    expect(valueOf(base, 'aws:PrincipalArn')).toBe('arn:aws:iam::111111111111:user/alice');
    expect(valueOf(base, 'aws:CurrentTime')).toBe('2026-01-01T00:00:00.000Z');
  });

  test('other partitions and regional services', () => {
    const cn = consoleRequestContext({ action: 'ce:GetCostAndUsage', resource: null, principalArn: 'x', partition: 'aws-cn', homeRegion: 'cn-north-1', now: new Date() });
    expect(valueOf(cn, 'aws:RequestedRegion')).toBe('cn-northwest-1');
    const kms = consoleRequestContext({ action: 'kms:Decrypt', resource: 'arn:aws:kms:eu-central-1:1:key/x', principalArn: 'x', partition: 'aws', homeRegion: 'eu-west-1', now: new Date() });
    expect(valueOf(kms, 'aws:RequestedRegion')).toBe('eu-central-1');
  });
});

describe('candidate Regions', () => {
  test('the policy\'s own Regions first, then home, then wildcard matches; never the current one', () => {
    expect(candidateRegions(['eu-west-1', 'eu-central-1'], 'ap-south-1', 'us-east-1').slice(0, 3)).toEqual(['eu-west-1', 'eu-central-1', 'ap-south-1']);
    expect(candidateRegions(['eu-*'], 'us-east-1', 'us-east-1')[0]).toBe('eu-west-1');
    expect(candidateRegions(['us-east-1'], 'us-east-1', 'us-east-1')).not.toContain('us-east-1');
  });

  test('reads aws:RequestedRegion values from any operator, any key case', () => {
    expect(regionValuesOf([{ Effect: 'Deny', Condition: { StringNotEquals: { 'aws:requestedregion': ['eu-west-1'] }, StringNotLike: { 'aws:RequestedRegion': 'eu-*' } } }])).toEqual(['eu-west-1', 'eu-*']);
  });
});

describe('runWhatIf', () => {
  const mfaOn = (ctx: RequestContext) => valueOf(ctx, 'aws:MultiFactorAuthPresent') === 'true';
  const inEu = (ctx: RequestContext) => valueOf(ctx, 'aws:RequestedRegion') === 'eu-west-1';

  test('no probes, no runs', async () => {
    expect(await runWhatIf(base, [], async () => 'allowed')).toEqual({ deciding: [], allTogether: false, runs: 0, incomplete: false });
  });

  test('one probe that flips the decision: one run', async () => {
    const out = await runWhatIf(base, [mfaProbe()], async (ctx) => (mfaOn(ctx) ? 'allowed' : 'denied'));
    expect(out.deciding.map((p) => p.id)).toEqual(['mfa']);
    expect(out.runs).toBe(1);
  });

  test('two probes, one deciding: combined run then one each', async () => {
    const out = await runWhatIf(base, [mfaProbe(), regionProbe('eu-west-1')], async (ctx) => (inEu(ctx) ? 'allowed' : 'denied'));
    expect(out.deciding.map((p) => p.id)).toEqual(['region']);
    expect(out.runs).toBe(3);
  });

  test('only both together allow it', async () => {
    const out = await runWhatIf(base, [mfaProbe(), regionProbe('eu-west-1')], async (ctx) => (inEu(ctx) && mfaOn(ctx) ? 'allowed' : 'denied'));
    expect(out.allTogether).toBe(true);
    expect(out.deciding).toHaveLength(2);
  });

  test('still denied with every probe: one run, nothing decides', async () => {
    const out = await runWhatIf(base, [mfaProbe(), regionProbe('eu-west-1')], async () => 'denied');
    expect(out).toEqual({ deciding: [], allTogether: false, runs: 1, incomplete: false });
  });

  test('a run that cannot be evaluated is not "nothing decides"', async () => {
    expect((await runWhatIf(base, [mfaProbe()], async () => 'unknown')).incomplete).toBe(true);
    const out = await runWhatIf(base, [mfaProbe(), regionProbe('eu-west-1')], async (ctx) => (inEu(ctx) && mfaOn(ctx) ? 'allowed' : 'unknown'));
    expect(out).toMatchObject({ deciding: [], allTogether: false, incomplete: true });
  });
});
