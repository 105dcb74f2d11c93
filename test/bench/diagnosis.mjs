// Diagnosis benchmark: AWS calls and round trips for every fake-AWS scenario with an expected answer,
// their mean and maximum; then diagnosis time, cold (cache miss) and warm (cache hit), against the fake
// AWS with 100 ms added per call. `engine` is the built engine library
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

/** The scenario's diagnosing credential with its client-side twists, as the engine tests use it. */
function targetFor(url, scenario) {
  const c = scenario.credentials[0];
  const client = scenario.client ?? {};
  return {
    profileName: 'bench',
    credentials: {
      accessKeyId: client.accessKeyId ?? c.accessKeyId,
      secretAccessKey: client.secretAccessKey ?? c.secretAccessKey,
      ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
      ...(c.expiresAt ? { expiration: new Date(c.expiresAt) } : {}),
    },
    region: 'eu-central-1',
    partition: 'aws',
    endpoint: url,
    ...(client.clockOffsetSeconds ? { systemClockOffsetMs: client.clockOffsetSeconds * 1000 } : {}),
  };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}
const median = (values) => percentile(values, 0.5);

const round = (n, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Latency per call for the suite run: enough to tell calls in parallel from calls in sequence. */
const SUITE_LATENCY_MS = 25;

/**
 * Round trips: the longest chain of calls each of which started after the previous one was answered
 * (calls in parallel count once). Cold wall time is about this many times the latency.
 */
export function roundTrips(calls) {
  const sorted = [...calls].sort((a, b) => a.at - b.at);
  const depth = [];
  for (const [i, call] of sorted.entries()) {
    let before = 0;
    for (let j = 0; j < i; j++) if (sorted[j].at <= call.startedAt) before = Math.max(before, depth[j]);
    depth.push(before + 1);
  }
  return Math.max(0, ...depth);
}

/** Calls and round trips of one cold diagnosis per scenario, over the whole suite. */
async function suiteRows(engine, fake) {
  const { diagnoseDenial, parseDenials } = engine;
  const rows = [];
  const calls = [];
  const trips = [];
  for (const name of fake.listScenarios()) {
    const scenario = fake.loadScenario(name);
    if (!scenario.expect || !scenario.denial) continue;
    const server = await fake.startFakeAws({ scenario: name, latencyMs: SUITE_LATENCY_MS });
    try {
      const [denial] = parseDenials(scenario.denial);
      if (!denial) throw new Error(`no denial parsed from scenario ${name}`);
      await diagnoseDenial(denial, targetFor(server.url, scenario));
      const n = server.calls.length;
      const t = roundTrips(server.calls);
      calls.push(n);
      trips.push(t);
      rows.push({ name: `calls / round trips: ${name}`, value: n, unit: 'calls', note: `${t} round trips` });
    } finally {
      await server.close();
    }
  }
  const mean = (values) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  rows.push({ name: `AWS calls, mean over ${calls.length} scenarios`, value: round(mean(calls), 2), unit: 'calls', target: '<= 4' });
  rows.push({ name: `AWS calls, max over ${calls.length} scenarios`, value: Math.max(...calls), unit: 'calls' });
  rows.push({ name: `round trips, mean over ${trips.length} scenarios`, value: round(mean(trips), 2), unit: 'trips' });
  rows.push({ name: `round trips, max over ${trips.length} scenarios`, value: Math.max(...trips), unit: 'trips' });
  return rows;
}

export default async function benchDiagnosis(engine, fake) {
  const { diagnoseDenial, DiagnosisCache, diagnosisCacheKey, parseDenials } = engine;
  for (const [name, fn] of Object.entries({ diagnoseDenial, DiagnosisCache, diagnosisCacheKey, parseDenials })) {
    if (typeof fn !== 'function') throw new Error(`benchDiagnosis: engine.${name} is missing`);
  }
  const rows = await suiteRows(engine, fake);
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
