import { describe, expect, test } from 'vitest';
import { parseDenials } from '../../../src/core/parse/index.ts';
import { DiagnosisCache, diagnoseDenial, diagnosisCacheKey, type KeyValueStore } from '../../../src/engine/index.ts';
import { loadScenario, startFakeAws } from '../../fake-aws/server.mjs';
import { targetFor } from './fake-target.ts';
import { MapStore, denial, diagnosisStub } from './helpers.ts';

describe('diagnosisCacheKey', () => {
  test('profile, principal, action and resource make the key', () => {
    const a = diagnosisCacheKey('p', denial());
    expect(diagnosisCacheKey('p', denial())).toBe(a);
    expect(diagnosisCacheKey('q', denial())).not.toBe(a);
    expect(diagnosisCacheKey('p', denial({ action: 'ce:GetTags' }))).not.toBe(a);
    expect(diagnosisCacheKey('p', denial({ resource: 'arn:aws:budgets::1:budget/x' }))).not.toBe(a);
    expect(diagnosisCacheKey('p', denial({ principalArn: 'arn:aws:iam::111111111111:user/bob' }))).not.toBe(a);
    // Re-rendered wording of the same denial does not change it.
    expect(diagnosisCacheKey('p', denial({ meta: { message: 'other text' } as never }))).toBe(a);
  });

  test('separators in names cannot collide', () => {
    expect(diagnosisCacheKey('a|b', denial({ action: 'c' }))).not.toBe(diagnosisCacheKey('a', denial({ action: 'b|c' })));
  });
});

describe('DiagnosisCache', () => {
  test('a second run within the TTL is answered from the store, marked fromCache', async () => {
    let now = 1000;
    const cache = new DiagnosisCache(new MapStore(), { ttlMs: 500, now: () => now });
    let runs = 0;
    const work = async () => diagnosisStub({ verdict: `run ${++runs}` });
    expect((await cache.run('k', false, work)).fromCache).toBe(false);
    const warm = await cache.run('k', false, work);
    expect(warm).toMatchObject({ fromCache: true, verdict: 'run 1' });
    now += 501;
    expect(await cache.run('k', false, work)).toMatchObject({ fromCache: false, verdict: 'run 2' });
    expect(runs).toBe(2);
  });

  test('identical concurrent requests share one run', async () => {
    const cache = new DiagnosisCache(new MapStore());
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const work = async () => {
      runs++;
      await gate;
      return diagnosisStub();
    };
    const all = Promise.all([cache.run('k', false, work), cache.run('k', false, work), cache.run('k', false, work)]);
    release();
    const results = await all;
    expect(runs).toBe(1);
    expect(new Set(results).size).toBe(3); // copies, so one caller's edits do not leak to another
  });

  test('recheck bypasses the stored answer and replaces it', async () => {
    const cache = new DiagnosisCache(new MapStore());
    let runs = 0;
    const work = async () => diagnosisStub({ verdict: `run ${++runs}` });
    await cache.run('k', false, work);
    expect(await cache.run('k', true, work)).toMatchObject({ verdict: 'run 2', fromCache: false });
    expect(await cache.run('k', false, work)).toMatchObject({ verdict: 'run 2', fromCache: true });
  });

  test('passing failures are not cached; lasting ones are', async () => {
    const store = new MapStore();
    const cache = new DiagnosisCache(store);
    await cache.run('t', false, async () => diagnosisStub({ status: 'failed', problems: [{ kind: 'throttled', message: 'x' }] }));
    await cache.run('m', false, async () => diagnosisStub({ status: 'partial', problems: [{ kind: 'missing-permission', message: 'x', permission: 'iam:GetRole' }] }));
    await cache.run('r', false, async () => diagnosisStub({ status: 'failed', problems: [{ kind: 'not-simulatable', message: 'root' }] }));
    expect([...store.map.keys()]).toEqual(['r']);
  });

  test('a throwing job and a broken store still give a Diagnosis', async () => {
    const broken: KeyValueStore = {
      get: async () => {
        throw new Error('quota');
      },
      set: async () => {
        throw new Error('quota');
      },
      delete: async () => {
        throw new Error('quota');
      },
    };
    const cache = new DiagnosisCache(broken);
    expect(await cache.run('k', false, async () => diagnosisStub())).toMatchObject({ status: 'done' });
    const failed = await cache.run('k', false, async () => {
      throw new TypeError('boom');
    });
    expect(failed).toMatchObject({ status: 'failed', problems: [{ kind: 'unknown' }] });
  });

  test('garbage in the store is a miss, and is removed', async () => {
    const store = new MapStore();
    store.map.set('k', { storedAt: 'yesterday', diagnosis: 42 });
    const cache = new DiagnosisCache(store);
    expect(await cache.run('k', false, async () => diagnosisStub({ verdict: 'fresh' }))).toMatchObject({ verdict: 'fresh', fromCache: false });
    expect(store.map.get('k')).toMatchObject({ diagnosis: { verdict: 'fresh' } });
  });
});

describe('DiagnosisCache with the engine and the fake AWS', () => {
  test('warm answers make no AWS call and come back fast; concurrent ones share one run', async () => {
    const scenario = loadScenario('identity-mfa-deny');
    const fake = await startFakeAws({ scenario: scenario.name, latencyMs: 20 });
    try {
      const target = targetFor(fake.url, scenario);
      const found = parseDenials(scenario.denial)[0]!;
      const cache = new DiagnosisCache(new MapStore());
      const key = diagnosisCacheKey(target.profileName, found);
      const work = () => diagnoseDenial(found, target);

      const [a, b, c] = await Promise.all([cache.run(key, false, work), cache.run(key, false, work), cache.run(key, false, work)]);
      const coldCalls = fake.calls.length;
      expect(coldCalls).toBe(a.awsCalls);
      expect([b.verdict, c.verdict]).toEqual([a.verdict, a.verdict]);

      const started = performance.now();
      const warm = await cache.run(key, false, work);
      expect(performance.now() - started).toBeLessThan(20);
      expect(warm).toMatchObject({ fromCache: true, verdict: a.verdict, decidingKeys: ['aws:MultiFactorAuthPresent'] });
      expect(fake.calls.length).toBe(coldCalls);

      const rechecked = await cache.run(key, true, work);
      expect(rechecked.fromCache).toBe(false);
      expect(fake.calls.length).toBe(2 * coldCalls);
    } finally {
      await fake.close();
    }
  });
});

describe('the page is part of the question for iam:PassRole', () => {
  const budgetsPage = 'https://us-east-1.console.aws.amazon.com/billing/home#/budgets/create';
  const billsPage = 'https://us-east-1.console.aws.amazon.com/billing/home#/bills';

  test('the key tells a PassRole denial on the Budgets page from the same one elsewhere; other actions ignore the page', () => {
    const passRole = denial({ action: 'iam:PassRole', resource: 'arn:aws:iam::111111111111:role/R' });
    expect(diagnosisCacheKey('p', passRole, budgetsPage)).not.toBe(diagnosisCacheKey('p', passRole, billsPage));
    expect(diagnosisCacheKey('p', passRole, billsPage)).toBe(diagnosisCacheKey('p', passRole, null));
    expect(diagnosisCacheKey('p', denial(), budgetsPage)).toBe(diagnosisCacheKey('p', denial(), billsPage));
  });

  test('two records of the same denial (two authorization IDs) are two questions', () => {
    expect(diagnosisCacheKey('p', denial({ authorizationId: 'a1' }))).not.toBe(diagnosisCacheKey('p', denial({ authorizationId: 'b2' })));
  });

  test('a PassRole answer from the Budgets page is not served on another page', async () => {
    // The role trusts Systems Manager: off the Budgets page, its trust policy names the service.
    const base = loadScenario('passrole-budgets-action-role');
    const scenario = {
      ...base,
      roles: base.roles!.map((r) => ({ ...r, trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ssm.amazonaws.com' }, Action: 'sts:AssumeRole' }] } })),
    };
    const fake = await startFakeAws({ scenario });
    try {
      const target = targetFor(fake.url, scenario);
      const found = parseDenials(scenario.denial)[0]!;
      const cache = new DiagnosisCache(new MapStore());
      const on = (pageUrl: string) => cache.run(diagnosisCacheKey(target.profileName, found, pageUrl), false, () => diagnoseDenial(found, target, { pageUrl }));
      expect((await on(budgetsPage)).verdict).toContain('budgets.amazonaws.com (from the console page)');
      const elsewhere = await on(billsPage);
      expect(elsewhere.fromCache).toBe(false);
      expect(elsewhere.verdict).toContain("ssm.amazonaws.com (from the role's trust policy)");
    } finally {
      await fake.close();
    }
  });
});
