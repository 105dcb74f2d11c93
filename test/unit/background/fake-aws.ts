// The fake AWS server for the background tests, run as its own Node process and driven through its
// /__fake-aws/ control endpoints (Vitest applies the browser build's `import.meta.url` define to imported
// modules, which the server's file lookups cannot take, so it does not run in-process here).
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export interface FakeCall {
  service: string;
  action: string;
  accessKeyId: string | null;
  status: number;
  at: number;
  errorCode: string | null;
}

export interface FakeFault {
  service?: 'iam' | 'sts' | 'organizations' | 'sso-oidc' | 'sso';
  action?: string;
  kind: 'throttle' | '5xx' | 'access-denied' | 'delay' | 'reset';
  times?: number;
  delayMs?: number;
  status?: 500 | 503;
}

export interface FakeAws {
  url: string;
  /** A scenario object, or the name of a file in test/fake-aws/scenarios. */
  setScenario(scenario: object | string): Promise<void>;
  calls(action?: string): Promise<FakeCall[]>;
  clearCalls(): Promise<void>;
  inject(fault: FakeFault): Promise<void>;
  expireTokens(): Promise<void>;
  close(): Promise<void>;
}

const SERVER = resolve(import.meta.dirname, '../../fake-aws/server.mjs');
/** Any scenario file will do to start with; each test sets its own scenario object. */
const BOOT_SCENARIO = 'allowed-billing-activation';

async function control(url: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${url}/__fake-aws/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const payload: unknown = await response.json();
  if (!response.ok) throw new Error(`fake-aws ${method} ${path}: ${JSON.stringify(payload)}`);
  return payload;
}

export async function startFakeAws(scenario: object | string): Promise<FakeAws> {
  const child: ChildProcess = spawn(process.execPath, [SERVER, '--scenario', BOOT_SCENARIO], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('http://'));
      if (line) done(line.trim());
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => fail(new Error(`fake-aws exited with ${code}: ${err}`)));
  });
  const fake: FakeAws = {
    url,
    // The control endpoint reads `input.name ?? input`, and a scenario has a name: wrap the object in `name`.
    setScenario: async (next) => void (await control(url, 'POST', 'scenario', { name: next })),
    calls: async (action) => {
      const calls = (await control(url, 'GET', 'calls')) as FakeCall[];
      return action ? calls.filter((c) => c.action === action) : calls;
    },
    clearCalls: async () => void (await control(url, 'DELETE', 'calls')),
    inject: async (fault) => void (await control(url, 'POST', 'faults', fault)),
    expireTokens: async () => void (await control(url, 'POST', 'expire-tokens', {})),
    close: () => new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    }),
  };
  await fake.setScenario(scenario);
  return fake;
}
