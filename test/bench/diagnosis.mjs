// Diagnosis benchmark: AWS calls per diagnosis and diagnosis time, cold (cache miss) and warm (cache
// hit), against the fake AWS with 100 ms added per call. `engine` is the built engine library
// (dist/node/engine.mjs: diagnoseDenial, DiagnosisCache, diagnosisCacheKey, parseDenials); `fake` is
// test/fake-aws/server.mjs. Returns [{ name, value, unit, target }].

const LATENCY_MS = 100;
const COLD_RUNS = 3;
const WARM_RUNS = 50;

/** The cold common case first: an IAM user denied by an inline identity policy. */
const CASES = [
  { scenario: 'identity-user-inline-deny', label: 'IAM user, inline identity deny (common case)', callTarget: '<= 4', timeTarget: undefined },
  { scenario: 'identity-mfa-deny', label: 'IAM user, deny without MFA (+ what-if)', callTarget: '<= 4' },
  { scenario: 'identity-center-role-inline-deny', label: 'Identity Center role, inline deny', callTarget: '<= 4' },
  { scenario: 'identity-no-policy-allows', label: 'IAM user, no policy allows', callTarget: '<= 4' },
  { scenario: 'scp-region-deny', label: 'Region SCP (Organizations read + local evaluation)' },
];

/** storage.session keeps structured copies; so does this store. */
class MemoryStore {
  map = new Map();
  async get(key) {
    const v = this.map.get(key);
    return v === undefined ? undefined : structuredClone(v);
  }
  async set(key, value) {
    this.map.set(key, structuredClone(value));
  }
  async delete(key) {
    this.map.delete(key);
  }
}

function targetFor(url, scenario) {
  const c = scenario.credentials[0];
  return {
    profileName: 'bench',
    credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}) },
    region: 'eu-central-1',
    partition: 'aws',
    endpoint: url,
  };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}
const median = (values) => percentile(values, 0.5);

const round = (n, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export default async function benchDiagnosis(engine, fake) {
  const { diagnoseDenial, DiagnosisCache, diagnosisCacheKey, parseDenials } = engine;
  for (const [name, fn] of Object.entries({ diagnoseDenial, DiagnosisCache, diagnosisCacheKey, parseDenials })) {
    if (typeof fn !== 'function') throw new Error(`benchDiagnosis: engine.${name} is missing`);
  }
  const rows = [];
  const warmTimes = [];
  for (const c of CASES) {
    const scenario = fake.loadScenario(c.scenario);
    const server = await fake.startFakeAws({ scenario: c.scenario, latencyMs: LATENCY_MS });
    try {
      const target = targetFor(server.url, scenario);
      const [denial] = parseDenials(scenario.denial);
      if (!denial) throw new Error(`no denial parsed from scenario ${c.scenario}`);
      const coldTimes = [];
      const coldCalls = [];
      let verdict = null;
      for (let i = 0; i < COLD_RUNS; i++) {
        const before = server.calls.length;
        const t0 = performance.now();
        const d = await diagnoseDenial(denial, target);
        coldTimes.push(performance.now() - t0);
        coldCalls.push(server.calls.length - before);
        if (d.status === 'failed') throw new Error(`${c.scenario}: diagnosis failed: ${d.verdict}`);
        verdict = d;
      }
      rows.push({ name: `AWS calls, cold: ${c.label}`, value: Math.max(...coldCalls), unit: 'calls', target: c.callTarget });
      rows.push({ name: `diagnosis time, cold: ${c.label}`, value: round(median(coldTimes)), unit: 'ms', target: `${verdict.awsCalls} calls x ${LATENCY_MS} ms latency` });

      const cache = new DiagnosisCache(new MemoryStore());
      const key = diagnosisCacheKey(target.profileName, denial);
      await cache.run(key, false, () => diagnoseDenial(denial, target));
      const before = server.calls.length;
      for (let i = 0; i < WARM_RUNS; i++) {
        const t0 = performance.now();
        const d = await cache.run(key, false, () => diagnoseDenial(denial, target));
        warmTimes.push(performance.now() - t0);
        if (!d.fromCache) throw new Error(`${c.scenario}: warm run missed the cache`);
      }
      if (server.calls.length !== before) throw new Error(`${c.scenario}: warm runs made ${server.calls.length - before} AWS calls`);
    } finally {
      await server.close();
    }
  }
  rows.push({ name: `diagnosis time, warm (cache hit), median of ${warmTimes.length}`, value: round(median(warmTimes), 2), unit: 'ms', target: '< 20' });
  rows.push({ name: `diagnosis time, warm (cache hit), 95th percentile of ${warmTimes.length}`, value: round(percentile(warmTimes, 0.95), 2), unit: 'ms', target: '< 20' });
  return rows;
}
