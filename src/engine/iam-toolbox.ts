// A small IAM Toolbox (Preview) client built from the SDK's own parts (signed-rest.ts), because
// @aws-sdk/client-iam-toolbox is not available here. The shapes follow AWS's model (Smithy
// `com.amazonaws.iamtoolbox`, restJson1, SigV4 signing name `iam`, endpoint prefix `iam-toolbox`):
// https://docs.aws.amazon.com/iam-toolbox/latest/APIReference/API_GetRequestAuthorizationDetails.html

import type { SdkError } from '@smithy/types';
import { headerOf, sdkError, type SignedRestClient } from './signed-rest.ts';

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
  rest: SignedRestClient;
  region: string;
  endpoint?: string;
}

/** The preview endpoint per partition (the model's rule: iam-toolbox.{Region}.{dnsSuffix}). */
export function toolboxEndpoint(region: string): string {
  return `https://iam-toolbox.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
}

/** restJson1 errors: the code is in x-amzn-ErrorType (before any ':'), else in the body's __type or code. */
function errorFrom(status: number, headers: Record<string, string>, text: string): SdkError {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // A load balancer's HTML page: the status says enough.
  }
  const header = headerOf(headers, 'x-amzn-errortype');
  const raw = header ?? (typeof body.__type === 'string' ? body.__type : typeof body.code === 'string' ? body.code : `Http${status}Error`);
  const name = raw.split(':')[0]!.split('#').pop()!;
  const message = typeof body.message === 'string' ? body.message : typeof body.Message === 'string' ? body.Message : name;
  return sdkError(status, name, message);
}

export class IamToolboxClient {
  constructor(private readonly config: IamToolboxConfig) {}

  getRequestAuthorizationDetails(authorizationId: string, nextToken: string | undefined, abortSignal: AbortSignal): Promise<GetRequestAuthorizationDetailsOutput> {
    return this.get(`/authorization-details/${encodeURIComponent(authorizationId)}`, nextToken ? { nextToken } : {}, abortSignal) as Promise<GetRequestAuthorizationDetailsOutput>;
  }

  getRequestAuthorizationPolicy(authorizationId: string, policyUri: string, abortSignal: AbortSignal): Promise<GetRequestAuthorizationPolicyOutput> {
    return this.get(`/authorization-details/${encodeURIComponent(authorizationId)}/policy`, { policyUri }, abortSignal) as Promise<GetRequestAuthorizationPolicyOutput>;
  }

  private async get(path: string, query: Record<string, string>, abortSignal: AbortSignal): Promise<unknown> {
    const endpoint = this.config.endpoint ?? toolboxEndpoint(this.config.region);
    const response = await this.config.rest.get({ endpoint, signingName: 'iam', region: this.config.region, path, query, headers: { accept: 'application/json' }, errorFrom }, abortSignal);
    return JSON.parse(response.text || '{}');
  }
}
