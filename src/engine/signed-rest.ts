// One signed REST GET from the SDK's own parts, for services whose SDK client is not used here (IAM
// Toolbox, S3's GetBucketPolicy): the IAM client's HTTP handler, hash and stream collector (so the
// runtime's: fetch in the worker, node:http in the CLI), the @smithy/signature-v4 signer, and the
// diagnosis's StandardRetryStrategy, so retries, backoff and the retry quota are those of every
// other client. No hand-written crypto.

import type { IAMClient } from '@aws-sdk/client-iam';
import { HttpRequest } from '@smithy/core/protocols';
import { isClockSkewError, isServerError, isThrottlingError, isTransientError, type StandardRetryStrategy } from '@smithy/core/retry';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, RetryErrorType, SdkError } from '@smithy/types';

export interface SignedRestConfig {
  credentials: AwsCredentialIdentity;
  retryStrategy: StandardRetryStrategy;
  requestHandler: { requestTimeout: number };
  systemClockOffset?: number;
  /** The IAM client whose HTTP handler, hash and stream collector this client borrows. */
  base: () => IAMClient;
  onAttempt?: () => void;
}

export interface SignedGet {
  /** The service's base URL (a path prefix is kept). */
  endpoint: string;
  signingName: string;
  region: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** S3 signs the path as sent (no second encoding) and the payload hash as a header. */
  s3?: boolean;
  /** The service's error document as an SDK error. */
  errorFrom: (status: number, headers: Record<string, string>, text: string) => SdkError;
}

export interface RestResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

function retryErrorType(error: SdkError): RetryErrorType {
  if (isThrottlingError(error)) return 'THROTTLING';
  if (isTransientError(error)) return 'TRANSIENT';
  if (isServerError(error)) return 'SERVER_ERROR';
  return 'CLIENT_ERROR';
}

export function headerOf(headers: Record<string, string>, name: string): string | undefined {
  return Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
}

/** An SDK-shaped error: `$fault` and the HTTP status, as the retry strategy and classifyAwsError read them. */
export function sdkError(status: number, name: string, message: string): SdkError {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status }, $fault: status >= 500 ? ('server' as const) : ('client' as const) }) as SdkError;
}

export class SignedRestClient {
  private clockOffset: number;

  constructor(private readonly config: SignedRestConfig) {
    this.clockOffset = config.systemClockOffset ?? 0;
  }

  /** One GET with the SDK's retry strategy: retried while the strategy hands out a retry token. */
  async get(request: SignedGet, abortSignal: AbortSignal): Promise<RestResponse> {
    const strategy = this.config.retryStrategy;
    let token = await strategy.acquireInitialRetryToken('');
    for (let attempt = 1; ; attempt++) {
      try {
        const output = await this.attempt(request, abortSignal);
        strategy.recordSuccess(token);
        return output;
      } catch (thrown) {
        const error = thrown as SdkError;
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

  private async attempt(request: SignedGet, abortSignal: AbortSignal): Promise<RestResponse> {
    const iam = this.config.base();
    const url = new URL(request.endpoint);
    const basePath = url.pathname.replace(/\/$/, '');
    const http = new HttpRequest({
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: `${basePath}${request.path}`,
      query: request.query ?? {},
      headers: { host: url.host, ...request.headers },
    });
    const signer = new SignatureV4({
      service: request.signingName,
      region: request.region,
      credentials: this.config.credentials,
      sha256: iam.config.sha256,
      ...(request.s3 ? { uriEscapePath: false, applyChecksum: true } : {}),
    });
    const signed = await signer.sign(http, { signingDate: new Date(Date.now() + this.clockOffset) });
    this.config.onAttempt?.();
    const { response } = await iam.config.requestHandler.handle(signed as HttpRequest, { abortSignal, requestTimeout: this.config.requestHandler.requestTimeout });
    const bytes = await iam.config.streamCollector(response.body);
    const text = new TextDecoder().decode(bytes);
    const headers = response.headers as Record<string, string>;
    if (response.statusCode >= 200 && response.statusCode < 300) return { status: response.statusCode, headers, text };
    const error = request.errorFrom(response.statusCode, headers, text);
    const serverDate = headerOf(headers, 'date');
    if ((isClockSkewError(error) || /signature expired|not yet current|RequestTimeTooSkewed/i.test(`${error.name} ${error.message}`)) && serverDate) {
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
