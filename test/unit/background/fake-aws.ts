// The fake AWS server for the background tests, in this process, behind the small async interface the tests use.
import { startFakeAws as startServer, type FakeCall, type Fault, type Scenario } from '../../fake-aws/server.mjs';

export type { FakeCall, Fault as FakeFault };

export interface FakeAws {
  url: string;
  /** A scenario object, or the name of a file in test/fake-aws/scenarios. */
  setScenario(scenario: object | string): Promise<void>;
  calls(action?: string): Promise<FakeCall[]>;
  clearCalls(): Promise<void>;
  inject(fault: Fault): Promise<void>;
  expireTokens(): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeAws(scenario: object | string): Promise<FakeAws> {
  const server = await startServer({ scenario: scenario as Scenario | string });
  return {
    url: server.url,
    setScenario: async (next) => server.setScenario(next as Scenario | string),
    calls: async (action) => (action ? server.calls.filter((c) => c.action === action) : [...server.calls]),
    clearCalls: async () => void (server.calls.length = 0),
    inject: async (fault) => server.inject(fault),
    expireTokens: async () => server.expireTokens(),
    close: () => server.close(),
  };
}
