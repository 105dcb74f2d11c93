// A small IAM Toolbox (Preview) client built from the SDK's own parts, because
// @aws-sdk/client-iam-toolbox is not available here: the IAM client's HTTP handler, hash and stream
// collector (so the runtime's: fetch in the worker, node:http in the CLI), the @smithy/signature-v4
// signer, and the diagnosis's StandardRetryStrategy. The shapes follow AWS's model (Smithy
// `com.amazonaws.iamtoolbox`, restJson1, SigV4 signing name `iam`, endpoint prefix `iam-toolbox`):
// https://docs.aws.amazon.com/iam-toolbox/latest/APIReference/API_GetRequestAuthorizationDetails.html

import type { IAMClient } from '@aws-sdk/client-iam';
import { HttpRequest } from '@smithy/core/protocols';
import { isClockSkewError, isServerError, isThrottlingError, isTransientError, type StandardRetryStrategy } from '@smithy/core/retry';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, RetryErrorType, SdkError } from '@smithy/types';

export type ToolboxPolicyType =
  | 'IDENTITY_BASED_POLICY'
  | 'RESOURCE_BASED_POLICY'
  | 'PERMISSIONS_BOUNDARY'
  | 'SESSION_POLICY'
  | 'SERVICE_CONTROL_POLICY'
  | 'RESOURCE_CONTROL_POLICY'
  | 'VPC_ENDPOINT_POLICY';

/** A context value is a Smithy document: any JSON value. */
export type AuthorizationContext = Record<string, unknown>;

export interface ToolboxEvaluation {
  action: string;
  resource: string;
  context?: AuthorizationContext;
  evaluatedEffect?: 'ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY';
  matchedPolicies?: { uri: string; matchedStatements?: { sid?: string; evaluatedEffect?: 'ALLOW' | 'DENY' }[] }[];
}

export interface ToolboxPolicyInfo {
  type?: ToolboxPolicyType;
  inline?: boolean;
  uri?: string;
  attachedTo?: { arn?: string }[];
}

export interface GetRequestAuthorizationDetailsOutput {
  requestContext: AuthorizationContext;
  evaluations: ToolboxEvaluation[];
  policies: ToolboxPolicyInfo[];
  nextToken?: string;
}

/** Assumed from the API reference's prose ("returns the structured JSON document of the policy"). */
export interface GetRequestAuthorizationPolicyOutput {
  policyDocument?: unknown;
}

export interface IamToolboxConfig {
  region: string;
  credentials: AwsCredentialIdentity;
  retryStrategy: StandardRetryStrategy;
  requestHandler: { requestTimeout: number };
  endpoint?: string;
  systemClockOffset?: number;
  /** The IAM client whose HTTP handler, hash and stream collector this client borrows. */
  base: () => IAMClient;
  onAttempt?: () => void;
}

/** The preview endpoint per partition (the model's rule: iam-toolbox.{Region}.{dnsSuffix}). */
export function toolboxEndpoint(region: string): string {
  return `https://iam-toolbox.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
}

type ToolboxError = SdkError;

function retryErrorType(error: ToolboxError): RetryErrorType {
  if (isThrottlingError(error)) return 'THROTTLING';
  if (isTransientError(error)) return 'TRANSIENT';
  if (isServerError(error)) return 'SERVER_ERROR';
  return 'CLIENT_ERROR';
}

/** restJson1 errors: the code is in x-amzn-ErrorType (before any ':'), else in the body's __type or code. */
function errorFrom(status: number, headers: Record<string, string>, text: string): ToolboxError {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // A load balancer's HTML page: the status says enough.
  }
  const header = Object.entries(headers).find(([k]) => k.toLowerCase() === 'x-amzn-errortype')?.[1];
  const raw = header ?? (typeof body.__type === 'string' ? body.__type : typeof body.code === 'string' ? body.code : `Http${status}Error`);
  const name = raw.split(':')[0]!.split('#').pop()!;
  const message = typeof body.message === 'string' ? body.message : typeof body.Message === 'string' ? body.Message : name;
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status }, $fault: status >= 500 ? ('server' as const) : ('client' as const) }) as SdkError;
}

export class IamToolboxClient {
  private clockOffset: number;

  constructor(private readonly config: IamToolboxConfig) {
    this.clockOffset = config.systemClockOffset ?? 0;
  }

  getRequestAuthorizationDetails(authorizationId: string, nextToken: string | undefined, abortSignal: AbortSignal): Promise<GetRequestAuthorizationDetailsOutput> {
    return this.get(`/authorization-details/${encodeURIComponent(authorizationId)}`, nextToken ? { nextToken } : {}, abortSignal) as Promise<GetRequestAuthorizationDetailsOutput>;
  }

  getRequestAuthorizationPolicy(authorizationId: string, policyUri: string, abortSignal: AbortSignal): Promise<GetRequestAuthorizationPolicyOutput> {
    return this.get(`/authorization-details/${encodeURIComponent(authorizationId)}/policy`, { policyUri }, abortSignal) as Promise<GetRequestAuthorizationPolicyOutput>;
  }

  /** One GET with the SDK's retry strategy: retried while the strategy hands out a retry token. */
  private async get(path: string, query: Record<string, string>, abortSignal: AbortSignal): Promise<unknown> {
    const strategy = this.config.retryStrategy;
    let token = await strategy.acquireInitialRetryToken('');
    for (let attempt = 1; ; attempt++) {
      try {
        const output = await this.attempt(path, query, abortSignal);
        strategy.recordSuccess(token);
        return output;
      } catch (thrown) {
        const error = thrown as ToolboxError;
        if (abortSignal.aborted || error.name === 'AbortError') throw error;
        error.$metadata = { ...error.$metadata, attempts: attempt };
        try {
          token = await strategy.refreshRetryTokenForRetry(token, { error, errorType: retryErrorType(error) });
        } catch {
          throw error;
        }
      }
    }
  }

  private async attempt(path: string, query: Record<string, string>, abortSignal: AbortSignal): Promise<unknown> {
    const iam = this.config.base();
    const url = new URL(this.config.endpoint ?? toolboxEndpoint(this.config.region));
    const basePath = url.pathname.replace(/\/$/, '');
    const request = new HttpRequest({
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: `${basePath}${path}`,
      query,
      headers: { host: url.host, accept: 'application/json' },
    });
    const signer = new SignatureV4({ service: 'iam', region: this.config.region, credentials: this.config.credentials, sha256: iam.config.sha256 });
    const signed = await signer.sign(request, { signingDate: new Date(Date.now() + this.clockOffset) });
    this.config.onAttempt?.();
    const { response } = await iam.config.requestHandler.handle(signed as HttpRequest, { abortSignal, requestTimeout: this.config.requestHandler.requestTimeout });
    const bytes = await iam.config.streamCollector(response.body);
    const text = new TextDecoder().decode(bytes);
    if (response.statusCode >= 200 && response.statusCode < 300) return JSON.parse(text || '{}');
    const error = errorFrom(response.statusCode, response.headers, text);
    const serverDate: string | undefined = Object.entries(response.headers as Record<string, string>).find(([k]) => k.toLowerCase() === 'date')?.[1];
    if ((isClockSkewError(error) || /signature expired|not yet current/i.test(error.message)) && serverDate) {
      // As the SDK's signer does: take AWS's clock, so the retry is signed with it.
      const offset = Date.parse(serverDate) - Date.now();
      if (Number.isFinite(offset) && Math.abs(offset - this.clockOffset) > 5 * 60_000) {
        this.clockOffset = offset;
        error.$metadata = { ...error.$metadata, clockSkewCorrected: true };
      }
    }
    throw error;
  }
}
