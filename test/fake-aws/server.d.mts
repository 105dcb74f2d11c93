// Types for test/fake-aws/server.mjs, so TypeScript tests can import the fake without a build step.

export type FakeService = 'iam' | 'sts' | 'organizations' | 'iam-toolbox' | 's3' | 'sso-oidc' | 'sso';

export interface Fault {
  /** Only calls to this service; all services when left out. */
  service?: FakeService;
  /** Only this operation, e.g. "SimulatePrincipalPolicy"; all operations when left out. */
  action?: string;
  kind: 'throttle' | '5xx' | 'access-denied' | 'delay' | 'reset';
  /** How many matching calls the fault hits; every matching call until clearFaults() when left out. */
  times?: number;
  /** For 'delay': how long to hold the call before answering normally (default 1000). */
  delayMs?: number;
  /** For '5xx': 500 (an HTML page, the default) or 503 (the service's ServiceUnavailable error). */
  status?: 500 | 503;
}

export interface FakeCall {
  service: FakeService | 'unknown';
  /** The operation name, e.g. "GetCallerIdentity". */
  action: string;
  /** The SigV4 access key id of the request, or null (unsigned Identity Center calls). */
  accessKeyId: string | null;
  /** HTTP status sent; 0 when the socket was reset. */
  status: number;
  /** Date.now() when the request arrived. */
  startedAt: number;
  /** Date.now() when the call finished. */
  at: number;
  /** The AWS error code of an error reply, 'reset', or null. */
  errorCode: string | null;
}

export type PolicyDocument = Record<string, unknown> | string;

export interface ScenarioCredential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string | null;
  expiresAt: string | null;
  principal: string;
  allow: '*' | string[];
  mfa?: { serialNumber: string; tokenCode: string };
}

export interface ScenarioProblem {
  kind: string;
  /** For missing-permission: the action, or the actions any one of which the engine may name. */
  permission?: string | string[];
}

export interface ScenarioExpect {
  blockingLayer: string;
  denyKind?: 'explicit' | 'implicit' | 'unknown';
  policyName?: string | null;
  policyArn?: string | null;
  statementSid?: string | null;
  attachedTo?: string | null;
  decidingConditions?: string[];
  notes?: string[];
  status?: 'done' | 'partial' | 'failed';
  problems?: ScenarioProblem[];
  orProblem?: string;
}

export interface AuthorizationRecord {
  /** Lowercase letters and digits, as in the denial message. */
  authorizationId: string;
  /** The denied principal's account and, when it is in one, organization: who may read the record. */
  account: string;
  organizationId?: string | null;
  /** Hours since the denial; at 24 or more the record has expired. */
  ageHours?: number;
  /** Evaluations per page (default 100). */
  pageSize?: number;
  requestContext: Record<string, unknown>;
  evaluations: Array<{
    action: string;
    resource: string;
    context?: Record<string, unknown>;
    evaluatedEffect?: 'ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY';
    matchedPolicies?: Array<{ uri: string; matchedStatements?: Array<{ sid?: string; evaluatedEffect?: 'ALLOW' | 'DENY' }> }>;
  }>;
  /** Each evaluated policy, with the document as it was at the time of the denial. */
  policies: Array<{ type: string; inline?: boolean; uri: string; attachedTo?: Array<{ arn: string }>; document: PolicyDocument }>;
}

export interface Scenario {
  name: string;
  description: string;
  credentials: ScenarioCredential[];
  users?: Array<{ arn: string; groups?: string[]; inlinePolicies?: Record<string, PolicyDocument>; managedPolicies?: string[]; permissionsBoundary?: string | null }>;
  groups?: Array<{ name: string; accountId: string; path?: string; inlinePolicies?: Record<string, PolicyDocument>; managedPolicies?: string[] }>;
  roles?: Array<{
    arn: string;
    inlinePolicies?: Record<string, PolicyDocument>;
    managedPolicies?: string[];
    permissionsBoundary?: string | null;
    trustPolicy?: PolicyDocument | null;
    externalId?: string | null;
    requireMfa?: boolean;
    maxSessionDuration?: number;
    allow?: '*' | string[];
  }>;
  /** `updatedAt`: GetPolicy's UpdateDate (ISO time; 2024-01-15 by default). */
  managedPolicies?: Array<{ arn: string; name: string; path?: string; defaultVersionId?: string; description?: string; updatedAt?: string; document: PolicyDocument }>;
  organization?: {
    id: string;
    managementAccountId: string;
    rootId: string;
    ous?: Array<{ id: string; name: string; parentId: string }>;
    accounts: Array<{ id: string; name: string; email?: string; parentId: string }>;
    delegatedAdministrators?: string[];
    enabledPolicyTypes?: string[];
    policies?: Array<{
      id: string;
      name: string;
      type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
      awsManaged?: boolean;
      description?: string;
      document: PolicyDocument;
      targets: string[];
    }>;
  } | null;
  identityCenter?: {
    startUrl: string;
    region: string;
    tokenTtlSeconds: number;
    refreshable: boolean;
    pollIntervalSeconds?: number;
    deviceCodeTtlSeconds?: number;
    assignments: Array<{ accountId: string; roleName: string; accessKeyId: string }>;
  } | null;
  /** Why IAM's simulator, asked today without the request's context, does not see this denial (only the record does). */
  simulatorDisagrees?: string;
  /** S3 buckets whose policy GetBucketPolicy returns (the fake's s3.mjs); `policy: null` has none. */
  buckets?: Array<{ name: string; account: string; region?: string; policy: PolicyDocument | string | null }>;
  /** IAM Toolbox records, one per denied request, by authorization ID (the fake's iam-toolbox.mjs). */
  authorizationRecords?: AuthorizationRecord[];
  faults?: Fault[];
  denial: string;
  expect: ScenarioExpect;
  client?: { clockOffsetSeconds?: number; accessKeyId?: string; secretAccessKey?: string };
}

export interface FakeAws {
  /** e.g. "http://127.0.0.1:43125": the endpoint override for every client. */
  url: string;
  port: number;
  close(): Promise<void>;
  /** Replaces the scenario (name or object): resets IAM state, Identity Center state and faults; keeps `calls`. */
  setScenario(scenario: string | Scenario): void;
  inject(fault: Fault): void;
  clearFaults(): void;
  /** Every AWS call answered so far, in order. Empty it with `calls.length = 0`. */
  calls: FakeCall[];
  setLatency(ms: number): void;
  /** Expires every Identity Center access token and every undecided device code. */
  expireTokens(): void;
  /** The scenario being served. */
  readonly scenario: Scenario;
}

export interface StartOptions {
  scenario: string | Scenario;
  port?: number;
  host?: string;
  latencyMs?: number;
  tls?: { key: string | Buffer; cert: string | Buffer } | null;
  log?: boolean;
}

export function startFakeAws(options: StartOptions): Promise<FakeAws>;
export function loadScenario(name: string): Scenario;
export function listScenarios(): string[];
