#!/usr/bin/env node
// A local AWS for tests: IAM, STS, Organizations, SSO OIDC and the SSO portal on one HTTP port, speaking
// the real wire protocols, verifying SigV4, and answering from a scenario file. Not shipped.
//
//   node test/fake-aws/server.mjs --scenario NAME [--port N] [--latency MS] [--log]

import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { resolve } from 'node:path';
import { parseAuthorization, verifySigV4 } from './sigv4.mjs';
import { AwsError, authError } from './errors.mjs';
import { FaultBook } from './faults.mjs';
import { IAM_OPERATIONS, callerOf, iamAccessDenied } from './iam.mjs';
import { IdentityCenter } from './identity-center.mjs';
import { handleToolbox, toolboxAccessDenied, toolboxRoute } from './iam-toolbox.mjs';
import { handleGetBucketPolicy, s3AccessDenied, s3Error, s3Route } from './s3.mjs';
import { ORGANIZATIONS_ACCESS_DENIED, ORGANIZATIONS_OPERATIONS, TARGET_PREFIX, checkOrganizationAccess } from './organizations.mjs';
import { API_VERSIONS, parseQueryBody, queryError, queryResponse } from './query-protocol.mjs';
import { ScenarioError, listScenarios, loadScenario, validateScenario } from './scenario.mjs';
import { STS_OPERATIONS } from './sts.mjs';
import { World } from './world.mjs';

export { listScenarios, loadScenario };

const MAX_BODY_BYTES = 1024 * 1024;
const OIDC_ROUTES = { '/client/register': 'RegisterClient', '/device_authorization': 'StartDeviceAuthorization', '/token': 'CreateToken' };
const PORTAL_ROUTES = {
  'GET /assignment/accounts': 'ListAccounts',
  'GET /assignment/roles': 'ListAccountRoles',
  'GET /federation/credentials': 'GetRoleCredentials',
  'POST /logout': 'Logout',
};
const EXPOSED_HEADERS = 'x-amzn-requestid, x-amzn-errortype, x-amz-request-id, x-amz-id-2, date, content-type, content-length';
const DEFAULT_ALLOWED_HEADERS =
  'authorization, content-type, x-amz-date, x-amz-security-token, x-amz-target, x-amz-user-agent, x-amz-content-sha256, ' +
  'amz-sdk-invocation-id, amz-sdk-request, x-amz-sso_bearer_token';

/**
 * @typedef {{ status: number, headers: Record<string, string>, body: string }} Reply
 * @typedef {{ service: string, action: string, accessKeyId: string | null, status: number, startedAt: number, at: number, errorCode: string | null }} Call
 * @typedef {import('./faults.mjs').FaultSpec} FaultSpec
 */

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {string | object} scenario a scenario name or a scenario object */
function resolveScenario(scenario) {
  if (typeof scenario === 'string') return loadScenario(scenario);
  if (scenario && typeof scenario === 'object') return validateScenario(structuredClone(scenario));
  throw new ScenarioError('startFakeAws needs { scenario }: a scenario name from test/fake-aws/scenarios or a scenario object');
}

/** @param {AwsError} error */
function jsonError(error) {
  const requestId = randomUUID();
  return {
    status: error.status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
    body: JSON.stringify({ __type: error.code, ...error.fields, [error.messageKey]: error.message }),
  };
}

/** REST-JSON services (SSO OIDC, SSO portal) name the error in x-amzn-ErrorType. @param {AwsError} error */
function restError(error) {
  const requestId = randomUUID();
  return {
    status: error.status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code },
    body: JSON.stringify({ ...error.fields, [error.messageKey]: error.message }),
  };
}

/** @param {string} contentType @param {unknown} payload */
function jsonReply(contentType, payload) {
  return { status: 200, headers: { 'content-type': contentType, 'x-amzn-requestid': randomUUID() }, body: JSON.stringify(payload) };
}

/** A load balancer's 500 page: not an AWS error document. */
const HTML_500 = {
  status: 500,
  headers: { 'content-type': 'text/html' },
  body: '<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>',
};

/** Does an allow-list entry ("*", "iam:GetRole", "iam:List*") cover an action? Actions match case-insensitively. @param {'*' | string[]} allow @param {string} action */
function allows(allow, action) {
  if (allow === '*') return true;
  return allow.some((pattern) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i').test(action));
}

/**
 * Starts the fake. `scenario` is a scenario name or object; `tls` is { key, cert } for HTTPS.
 * @param {{ scenario: string | object, port?: number, host?: string, latencyMs?: number,
 *           tls?: { key: string | Buffer, cert: string | Buffer } | null, log?: boolean }} options
 */
export async function startFakeAws({ scenario, port = 0, host = '127.0.0.1', latencyMs = 0, tls = null, log = false }) {
  const faults = new FaultBook();
  /** @type {Call[]} */
  const calls = [];
  let latency = latencyMs;
  let world = new World(resolveScenario(scenario));
  let identityCenter = new IdentityCenter(world, () => Date.now());

  /** @param {string | object} next */
  function setScenario(next) {
    world = new World(resolveScenario(next));
    identityCenter = new IdentityCenter(world, () => Date.now());
    faults.clear();
    for (const f of world.scenario.faults ?? []) faults.inject(f);
  }
  for (const f of world.scenario.faults ?? []) faults.inject(f);

  /**
   * SigV4 first, as AWS does; returns the signing credential or an auth error.
   * @param {import('node:http').IncomingMessage} req @param {URL} url @param {Buffer} body @param {'query'|'json'} protocol
   */
  function authenticate(req, url, body, protocol) {
    const result = verifySigV4(
      { method: req.method ?? 'GET', rawPath: url.pathname, rawQuery: url.search.slice(1), rawHeaders: req.rawHeaders, body },
      (accessKeyId) => world.credentials.get(accessKeyId),
    );
    if (!result.ok) return { error: authError(result.kind, protocol, result.detail), accessKeyId: result.accessKeyId };
    return { credential: /** @type {import('./world.mjs').Credential} */ (world.credentials.get(result.accessKeyId)), accessKeyId: result.accessKeyId };
  }

  /**
   * The response a fault gives, or null to go on (delay) or 'reset'.
   * @param {FaultSpec} fault @param {string} service @param {string} action @param {(e: AwsError) => Reply} render
   * @param {{ arn: string, accountId: string } | null} caller @param {string} resource
   * @returns {Promise<Reply | 'reset' | null>}
   */
  async function applyFault(fault, service, action, render, caller, resource) {
    switch (fault.kind) {
      case 'delay':
        await sleep(fault.delayMs ?? 1000);
        return null;
      case 'reset':
        return 'reset';
      case 'throttle':
        if (service === 'organizations') {
          return render(new AwsError(400, 'TooManyRequestsException', 'You have sent too many requests in too short a period of time. The quota helps protect against denial-of-service attacks. Try again later.'));
        }
        if (service === 'iam' || service === 'sts') return render(new AwsError(400, 'Throttling', 'Rate exceeded'));
        if (service === 's3') return render(new AwsError(503, 'SlowDown', 'Please reduce your request rate.'));
        return render(new AwsError(429, 'TooManyRequestsException', 'Rate exceeded', { messageKey: 'message' }));
      case '5xx':
        if (fault.status !== 503) return HTML_500;
        if (service === 'iam' || service === 'sts') return render(new AwsError(503, 'ServiceUnavailable', 'Service is unavailable. Try again later.'));
        if (service === 's3') return render(new AwsError(503, 'ServiceUnavailable', 'Please reduce your request rate.'));
        return render(new AwsError(503, 'ServiceUnavailableException', 'Service is unavailable. Try again later.', { messageKey: 'message' }));
      case 'access-denied':
        if ((service === 'iam' || service === 'sts') && caller) return render(iamAccessDenied(caller, `${service}:${action}`, resource));
        if (service === 'iam-toolbox' && caller) return render(toolboxAccessDenied(caller.arn, `iam:${action}`));
        if (service === 's3') return render(s3AccessDenied());
        if (service === 'organizations') return render(new AwsError(400, 'AccessDeniedException', ORGANIZATIONS_ACCESS_DENIED));
        if (service === 'sso-oidc') return render(new AwsError(400, 'AccessDeniedException', 'Access denied', { fields: { error: 'access_denied' }, messageKey: 'error_description' }));
        return render(new AwsError(403, 'ForbiddenException', 'No access', { messageKey: 'message' }));
      default:
        return null;
    }
  }

  /**
   * One AWS call: route, authenticate, fault, authorize, handle. Returns the reply and what to record.
   * @param {import('node:http').IncomingMessage} req @param {URL} url @param {Buffer} body
   * @returns {Promise<{ reply: Reply | 'reset', service: string, action: string, accessKeyId: string | null }>}
   */
  async function dispatch(req, url, body) {
    const method = req.method ?? 'GET';
    const oidcAction = OIDC_ROUTES[/** @type {keyof typeof OIDC_ROUTES} */ (url.pathname)];
    const portalAction = PORTAL_ROUTES[/** @type {keyof typeof PORTAL_ROUTES} */ (`${method} ${url.pathname}`)];
    if (oidcAction && method === 'POST') return identityCenterCall('sso-oidc', oidcAction, () => oidcCall(oidcAction, req, url, body));
    if (portalAction) return identityCenterCall('sso', portalAction, () => portalCall(portalAction, req, url));

    const toolbox = toolboxRoute(method, url.pathname);
    if (toolbox) return toolboxCall(toolbox.action, toolbox.authorizationId, req, url, body);
    const s3 = s3Route(method, url);
    if (s3) return s3Call(s3.bucket, req, url, body);

    const target = String(req.headers['x-amz-target'] ?? '');
    if (method === 'POST' && target.startsWith(TARGET_PREFIX)) return organizationsCall(target.slice(TARGET_PREFIX.length), req, url, body);
    if (method === 'POST' && String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return queryCall(req, url, body);
    return {
      reply: { status: 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: `fake-aws has no endpoint ${method} ${url.pathname}` }) },
      service: 'unknown',
      action: `${method} ${url.pathname}`,
      accessKeyId: null,
    };
  }

  /** @param {import('node:http').IncomingMessage} req @param {URL} url @param {Buffer} body */
  async function queryCall(req, url, body) {
    const params = parseQueryBody(body.toString('utf8'));
    const action = typeof params.Action === 'string' ? params.Action : '';
    const scope = parseAuthorization(String(req.headers.authorization ?? ''));
    const service = scope?.service === 'sts' || (!scope && action in STS_OPERATIONS) ? 'sts' : 'iam';
    /** @param {AwsError} e */
    const render = (e) => queryError(service, e);
    const auth = authenticate(req, url, body, 'query');
    const record = { service, action, accessKeyId: auth.accessKeyId };
    if (auth.error) return { ...record, reply: render(auth.error) };
    const operations = service === 'sts' ? STS_OPERATIONS : IAM_OPERATIONS;
    const operation = operations[/** @type {keyof typeof operations} */ (action)];
    if (!action) return { ...record, reply: render(new AwsError(400, 'MissingAction', 'Missing Action')) };
    if (!operation || params.Version !== API_VERSIONS[service]) {
      return { ...record, reply: render(new AwsError(400, 'InvalidAction', `Could not find operation ${action} for version ${params.Version ?? 'NO_VERSION_SPECIFIED'}`)) };
    }
    const credential = /** @type {import('./world.mjs').Credential} */ (auth.credential);
    const caller = callerOf(credential.principal);
    const resource = operation.resource(params, caller);
    const fault = faults.take(service, action);
    if (fault) {
      const reply = await applyFault(fault, service, action, render, caller, resource);
      if (reply) return { ...record, reply };
    }
    // sts:GetCallerIdentity cannot be denied by any policy.
    if (action !== 'GetCallerIdentity' && !allows(credential.allow, `${service}:${action}`)) {
      return { ...record, reply: render(iamAccessDenied(caller, `${service}:${action}`, resource)) };
    }
    try {
      const result =
        service === 'sts'
          ? STS_OPERATIONS[/** @type {keyof typeof STS_OPERATIONS} */ (action)]?.handle(params, credential, world, Date.now())
          : await IAM_OPERATIONS[action]?.handle(params, caller, world);
      return { ...record, reply: queryResponse(service, action, /** @type {Record<string, unknown>} */ (result)) };
    } catch (e) {
      if (e instanceof AwsError) return { ...record, reply: render(e) };
      throw e;
    }
  }

  /**
   * The signing credential and caller of an authenticated JSON request, and the reply of a fault that hits it.
   * @param {{ credential?: import('./world.mjs').Credential }} auth @param {string} service @param {string} action
   * @param {(e: AwsError) => Reply} render
   */
  async function callerAndFault(auth, service, action, render) {
    const credential = /** @type {import('./world.mjs').Credential} */ (auth.credential);
    const caller = callerOf(credential.principal);
    const fault = faults.take(service, action);
    const faultReply = fault ? await applyFault(fault, service, action, render, caller, '') : null;
    return { credential, caller, faultReply };
  }

  /** @param {string} action @param {import('node:http').IncomingMessage} req @param {URL} url @param {Buffer} body */
  async function organizationsCall(action, req, url, body) {
    const service = 'organizations';
    const auth = authenticate(req, url, body, 'json');
    const record = { service, action, accessKeyId: auth.accessKeyId };
    if (auth.error) return { ...record, reply: jsonError(auth.error) };
    const operation = ORGANIZATIONS_OPERATIONS[action];
    if (!operation) return { ...record, reply: jsonError(new AwsError(400, 'UnknownOperationException', `Unknown operation ${action}`, { messageKey: 'message' })) };
    let input;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return { ...record, reply: jsonError(new AwsError(400, 'SerializationException', 'Start of structure or map found where not expected.', { messageKey: 'message' })) };
    }
    const { credential, caller, faultReply } = await callerAndFault(auth, service, action, jsonError);
    if (faultReply) return { ...record, reply: faultReply };
    if (!allows(credential.allow, `organizations:${action}`)) {
      return { ...record, reply: jsonError(new AwsError(400, 'AccessDeniedException', ORGANIZATIONS_ACCESS_DENIED)) };
    }
    try {
      checkOrganizationAccess(world, caller, action);
      return { ...record, reply: jsonReply('application/x-amz-json-1.1', operation(input, world)) };
    } catch (e) {
      if (e instanceof AwsError) return { ...record, reply: jsonError(e) };
      throw e;
    }
  }

  /**
   * IAM Toolbox: REST-JSON over GET, signed with the signing name `iam` (not `iam-toolbox`).
   * @param {'GetRequestAuthorizationDetails' | 'GetRequestAuthorizationPolicy'} action @param {string} authorizationId
   * @param {import('node:http').IncomingMessage} req @param {URL} url @param {Buffer} body
   */
  async function toolboxCall(action, authorizationId, req, url, body) {
    const service = 'iam-toolbox';
    const auth = authenticate(req, url, body, 'json');
    const record = { service, action, accessKeyId: auth.accessKeyId };
    if (auth.error) return { ...record, reply: restError(auth.error) };
    if (parseAuthorization(String(req.headers.authorization ?? ''))?.service !== 'iam') {
      return { ...record, reply: restError(new AwsError(403, 'InvalidSignatureException', "Credential should be scoped to correct service: 'iam'.", { messageKey: 'message' })) };
    }
    const { credential, caller, faultReply } = await callerAndFault(auth, service, action, restError);
    if (faultReply) return { ...record, reply: faultReply };
    if (!allows(credential.allow, `iam:${action}`)) return { ...record, reply: restError(toolboxAccessDenied(caller.arn, `iam:${action}`)) };
    try {
      return { ...record, reply: jsonReply('application/json', handleToolbox(action, authorizationId, url.searchParams, world, caller)) };
    } catch (e) {
      if (e instanceof AwsError) return { ...record, reply: restError(e) };
      throw e;
    }
  }

  /**
   * S3 GetBucketPolicy: REST-XML, path-style, signed for `s3`.
   * @param {string} bucket @param {import('node:http').IncomingMessage} req @param {URL} url @param {Buffer} body
   */
  async function s3Call(bucket, req, url, body) {
    const service = 's3';
    const action = 'GetBucketPolicy';
    const auth = authenticate(req, url, body, 'query');
    const record = { service, action, accessKeyId: auth.accessKeyId };
    if (auth.error) return { ...record, reply: s3Error(auth.error) };
    const scoped = parseAuthorization(String(req.headers.authorization ?? ''))?.service;
    if (scoped !== 's3') {
      return { ...record, reply: s3Error(new AwsError(400, 'AuthorizationHeaderMalformed', `The authorization header is malformed; incorrect service "${scoped}". This endpoint belongs to "s3".`)) };
    }
    const { credential, caller, faultReply } = await callerAndFault(auth, service, action, s3Error);
    if (faultReply) return { ...record, reply: faultReply };
    if (!allows(credential.allow, `s3:${action}`)) return { ...record, reply: s3Error(s3AccessDenied()) };
    try {
      return { ...record, reply: handleGetBucketPolicy(bucket, req.headers, world, caller) };
    } catch (e) {
      if (e instanceof AwsError) return { ...record, reply: s3Error(e) };
      throw e;
    }
  }

  /** @param {'sso-oidc'|'sso'} service @param {string} action @param {() => unknown} run */
  async function identityCenterCall(service, action, run) {
    const record = { service, action, accessKeyId: null };
    const fault = faults.take(service, action);
    if (fault) {
      const reply = await applyFault(fault, service, action, restError, null, '');
      if (reply) return { ...record, reply };
    }
    try {
      return { ...record, reply: jsonReply('application/json', run()) };
    } catch (e) {
      if (e instanceof AwsError) return { ...record, reply: restError(e) };
      throw e;
    }
  }

  /** @param {string} action @param {import('node:http').IncomingMessage} req @param {URL} url @param {Buffer} body */
  function oidcCall(action, req, url, body) {
    let input;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      throw new AwsError(400, 'InvalidRequestException', 'Request body is not valid JSON', { fields: { error: 'invalid_request' }, messageKey: 'error_description' });
    }
    if (url.search) throw new AwsError(400, 'InvalidRequestException', `${url.pathname}${url.search} is not supported by fake-aws`, { fields: { error: 'invalid_request' }, messageKey: 'error_description' });
    if (action === 'RegisterClient') return identityCenter.registerClient(input);
    if (action === 'StartDeviceAuthorization') return identityCenter.startDeviceAuthorization(input, origin(req));
    return identityCenter.createToken(input);
  }

  /** @param {string} action @param {import('node:http').IncomingMessage} req @param {URL} url */
  function portalCall(action, req, url) {
    const bearer = req.headers['x-amz-sso_bearer_token'];
    const token = typeof bearer === 'string' ? bearer : undefined;
    if (action === 'ListAccounts') return identityCenter.listAccounts(token, url.searchParams);
    if (action === 'ListAccountRoles') return identityCenter.listAccountRoles(token, url.searchParams);
    if (action === 'GetRoleCredentials') return identityCenter.getRoleCredentials(token, url.searchParams);
    return identityCenter.logout(token);
  }

  /** @param {import('node:http').IncomingMessage} req */
  function origin(req) {
    return `${tls ? 'https' : 'http'}://${req.headers.host ?? `${host}:${boundPort}`}`;
  }

  /**
   * Test-harness endpoints under /__fake-aws/, for a fake running in another process (the CLI).
   * @param {string} method @param {string} path @param {Buffer} body @returns {Reply | null}
   */
  function control(method, path, body) {
    const input = body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
    const ok = (/** @type {unknown} */ payload) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload ?? { ok: true }) });
    if (method === 'GET' && path === '/__fake-aws/calls') return ok(calls);
    if (method === 'DELETE' && path === '/__fake-aws/calls') return ok(void calls.splice(0));
    if (method === 'POST' && path === '/__fake-aws/faults') return ok(void faults.inject(input));
    if (method === 'DELETE' && path === '/__fake-aws/faults') return ok(void faults.clear());
    // Body: a scenario object, or { "name": <scenario name or object> }.
    if (method === 'POST' && path === '/__fake-aws/scenario') return ok(void setScenario('credentials' in input ? input : input.name));
    if (method === 'POST' && path === '/__fake-aws/expire-tokens') return ok(void identityCenter.expireTokens());
    if (method === 'POST' && path === '/__fake-aws/latency') return ok(void (latency = Number(input.ms) || 0));
    if (method === 'GET' && path === '/__fake-aws/scenario') return ok({ name: world.scenario.name, description: world.scenario.description });
    return null;
  }

  /** @param {import('node:http').IncomingMessage} req */
  function corsHeaders(req) {
    return {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
      'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? DEFAULT_ALLOWED_HEADERS),
      'access-control-expose-headers': EXPOSED_HEADERS,
      'access-control-max-age': '86400',
    };
  }

  /** @param {import('node:http').IncomingMessage} req @returns {Promise<Buffer | null>} */
  function readBody(req) {
    return new Promise((resolve, reject) => {
      /** @type {Buffer[]} */
      const chunks = [];
      let size = 0;
      req.on('data', (chunk) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) resolve(null);
        else chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function handle(req, res) {
    const startedAt = Date.now();
    const cors = corsHeaders(req);
    /** @param {Reply} reply */
    const send = (reply) => {
      res.writeHead(reply.status, { ...cors, ...reply.headers, 'content-length': String(Buffer.byteLength(reply.body)) });
      res.end(reply.body);
    };
    const url = new URL(req.url ?? '/', 'http://fake-aws');
    const body = await readBody(req);
    if (body === null) return send({ status: 413, headers: { 'content-type': 'text/plain' }, body: 'Request entity too large' });
    if (req.method === 'OPTIONS') return send({ status: 204, headers: {}, body: '' });
    if (url.pathname.startsWith('/__fake-aws/')) {
      try {
        const reply = control(req.method ?? 'GET', url.pathname, body);
        if (reply) return send(reply);
      } catch (e) {
        return send({ status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: /** @type {Error} */ (e).message }) });
      }
    }
    if (url.pathname === '/device' && (req.method === 'GET' || req.method === 'POST')) {
      const fields = req.method === 'GET' ? Object.fromEntries(url.searchParams) : parseForm(req, body);
      const { status, html } = identityCenter.devicePage(req.method, fields);
      return send({ status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html });
    }

    const { reply, service, action, accessKeyId } = await dispatch(req, url, body);
    if (latency > 0) await sleep(latency);
    const status = reply === 'reset' ? 0 : reply.status;
    const errorCode = reply === 'reset' ? 'reset' : reply.status >= 400 ? (reply.headers['x-amzn-errortype'] ?? errorCodeOf(reply)) : null;
    calls.push({ service, action, accessKeyId, status, startedAt, at: Date.now(), errorCode });
    if (log) process.stderr.write(`[fake-aws] ${service}:${action} ${status}${errorCode ? ` ${errorCode}` : ''} ${accessKeyId ?? '-'}\n`);
    if (reply === 'reset') return req.socket.destroy();
    send(reply);
  }

  /** @param {import('node:http').IncomingMessage} req @param {Buffer} body @returns {Record<string, string>} */
  function parseForm(req, body) {
    const text = body.toString('utf8');
    if (String(req.headers['content-type'] ?? '').includes('application/json')) {
      try {
        return JSON.parse(text);
      } catch {
        return {};
      }
    }
    return Object.fromEntries(new URLSearchParams(text));
  }

  const server = tls ? createHttpsServer(tls) : createHttpServer();
  server.on('request', (req, res) => {
    handle(req, res).catch((error) => {
      process.stderr.write(`[fake-aws] internal error: ${error?.stack ?? error}\n`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
      res.end(`fake-aws internal error: ${error?.message ?? error}`);
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const url = `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;

  return {
    url,
    port: boundPort,
    calls,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((e) => (e ? reject(e) : resolve(undefined)));
      }),
    setScenario,
    /** @param {FaultSpec} fault */
    inject: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    /** @param {number} ms */
    setLatency: (ms) => {
      latency = ms;
    },
    expireTokens: () => identityCenter.expireTokens(),
    get scenario() {
      return world.scenario;
    },
  };
}

/** The <Code> of a Query error or the __type of a JSON error, for the call log. @param {Reply} reply */
function errorCodeOf(reply) {
  const xml = /<Code>([^<]+)<\/Code>/.exec(reply.body)?.[1];
  if (xml) return xml;
  try {
    return JSON.parse(reply.body).__type ?? null;
  } catch {
    return null;
  }
}

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Record<string, string | boolean>} */
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i]);
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const next = argv[i + 1];
    if (arg === '--log' || arg === '--list') args[arg.slice(2)] = true;
    else if (next === undefined) throw new Error(`${arg} needs a value`);
    else args[arg.slice(2)] = argv[++i] ?? '';
  }
  return args;
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${/** @type {Error} */ (e).message}\nusage: node test/fake-aws/server.mjs --scenario NAME [--port N] [--latency MS] [--log] | --list\n`);
    process.exit(2);
  }
  if (args.list) {
    process.stdout.write(`${listScenarios().join('\n')}\n`);
    return;
  }
  if (typeof args.scenario !== 'string') {
    process.stderr.write(`--scenario NAME is required; scenarios: ${listScenarios().join(', ')}\n`);
    process.exit(2);
  }
  try {
    const fake = await startFakeAws({
      scenario: args.scenario,
      port: args.port ? Number(args.port) : 0,
      latencyMs: args.latency ? Number(args.latency) : 0,
      log: args.log === true,
    });
    process.stdout.write(`${fake.url}\n`);
    const stop = () => fake.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (e) {
    process.stderr.write(`${/** @type {Error} */ (e).message}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.filename === resolve(process.argv[1])) await main();
