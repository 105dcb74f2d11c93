// IAM Identity Center on the fake's port: SSO OIDC (device authorization grant), the access portal API
// (accounts, roles, role credentials) and the verification page a user approves the device code on.

import { randomBytes } from 'node:crypto';
import { AwsError } from './errors.mjs';
import { escapeXml as escapeHtml } from './query-protocol.mjs';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const REFRESH_GRANT = 'refresh_token';
const USER_CODE_LETTERS = 'BCDFGHJKLMNPQRSTVWXZ';
const CLIENT_SECRET_TTL_SECONDS = 90 * 24 * 3600;

/** OIDC errors carry `error` (the OAuth code) and `error_description`. @param {number} status @param {string} exception @param {string} error @param {string} description */
function oidcError(status, exception, error, description) {
  return new AwsError(status, exception, description, { fields: { error }, messageKey: 'error_description' });
}

/** Portal errors carry `message`. @param {number} status @param {string} exception @param {string} message */
function portalError(status, exception, message) {
  return new AwsError(status, exception, message, { messageKey: 'message' });
}

const UNAUTHORIZED = () => portalError(401, 'UnauthorizedException', 'Session token not found or invalid');

/** @param {number} bytes */
const token = (bytes) => randomBytes(bytes).toString('base64url');

function userCode() {
  const bytes = randomBytes(8);
  const letters = [...bytes].map((b) => USER_CODE_LETTERS[b % USER_CODE_LETTERS.length]).join('');
  return `${letters.slice(0, 4)}-${letters.slice(4)}`;
}

/**
 * @typedef {import('./world.mjs').World} World
 * @typedef {{ deviceCode: string, userCode: string, clientId: string, expiresAt: number, interval: number,
 *             status: 'pending'|'approved'|'denied'|'used', lastPollAt: number | null }} DeviceAuthorization
 */

/** Identity Center state for one scenario: registered clients, device codes and tokens. */
export class IdentityCenter {
  /** @param {World} world @param {() => number} clock */
  constructor(world, clock) {
    this.world = world;
    this.config = world.scenario.identityCenter ?? null;
    this.clock = clock;
    /** @type {Map<string, { clientId: string, clientSecret: string, clientName: string, scopes: string[] }>} */
    this.clients = new Map();
    /** @type {Map<string, DeviceAuthorization>} */
    this.devices = new Map();
    /** @type {Map<string, DeviceAuthorization>} */
    this.devicesByUserCode = new Map();
    /** @type {Map<string, { expiresAt: number, clientId: string }>} */
    this.accessTokens = new Map();
    /** @type {Map<string, { clientId: string }>} */
    this.refreshTokens = new Map();
  }

  /** Test hook: every access token and every undecided device code is expired from now on. */
  expireTokens() {
    for (const t of this.accessTokens.values()) t.expiresAt = 0;
    for (const d of this.devices.values()) if (d.status === 'pending') d.expiresAt = 0;
  }

  #requireConfig() {
    if (!this.config) throw oidcError(400, 'InvalidRequestException', 'invalid_request', 'IAM Identity Center is not enabled in this scenario');
    return this.config;
  }

  /** @param {any} body */
  #client(body) {
    const client = this.clients.get(body?.clientId);
    if (!client || client.clientSecret !== body?.clientSecret) throw oidcError(401, 'InvalidClientException', 'invalid_client', 'Invalid client');
    return client;
  }

  // ---- SSO OIDC ----

  /** POST /client/register @param {any} body */
  registerClient(body) {
    if (typeof body?.clientName !== 'string' || body.clientName === '') {
      throw oidcError(400, 'InvalidRequestException', 'invalid_request', 'clientName is required');
    }
    if (body.clientType !== 'public') throw oidcError(400, 'InvalidClientMetadataException', 'invalid_client_metadata', 'Invalid client type');
    const now = this.clock();
    const client = { clientId: token(16), clientSecret: token(96), clientName: body.clientName, scopes: Array.isArray(body.scopes) ? body.scopes : [] };
    this.clients.set(client.clientId, client);
    const issuedAt = Math.floor(now / 1000);
    return { clientId: client.clientId, clientSecret: client.clientSecret, clientIdIssuedAt: issuedAt, clientSecretExpiresAt: issuedAt + CLIENT_SECRET_TTL_SECONDS };
  }

  /** POST /device_authorization @param {any} body @param {string} baseUrl the fake's own origin */
  startDeviceAuthorization(body, baseUrl) {
    const client = this.#client(body);
    const config = this.#requireConfig();
    if (body.startUrl !== config.startUrl) throw oidcError(400, 'InvalidRequestException', 'invalid_request', 'Invalid start url');
    const ttl = config.deviceCodeTtlSeconds ?? 600;
    const interval = config.pollIntervalSeconds ?? 1;
    /** @type {DeviceAuthorization} */
    const device = { deviceCode: token(64), userCode: userCode(), clientId: client.clientId, expiresAt: this.clock() + ttl * 1000, interval, status: 'pending', lastPollAt: null };
    this.devices.set(device.deviceCode, device);
    this.devicesByUserCode.set(device.userCode, device);
    return {
      deviceCode: device.deviceCode,
      userCode: device.userCode,
      verificationUri: `${baseUrl}/device`,
      verificationUriComplete: `${baseUrl}/device?user_code=${device.userCode}`,
      expiresIn: ttl,
      interval,
    };
  }

  /** POST /token @param {any} body */
  createToken(body) {
    const client = this.#client(body);
    const config = this.#requireConfig();
    if (body.grantType === DEVICE_GRANT) return this.#redeemDeviceCode(body, client, config);
    if (body.grantType === REFRESH_GRANT) return this.#refresh(body, client, config);
    if (typeof body.grantType !== 'string') throw oidcError(400, 'InvalidRequestException', 'invalid_request', 'grantType is required');
    throw oidcError(400, 'UnsupportedGrantTypeException', 'unsupported_grant_type', `Unsupported grant type: ${body.grantType}`);
  }

  /** @param {any} body @param {{ clientId: string, scopes: string[] }} client @param {any} config */
  #redeemDeviceCode(body, client, config) {
    const device = this.devices.get(body.deviceCode);
    if (!device || device.clientId !== client.clientId || device.status === 'used') {
      throw oidcError(400, 'InvalidGrantException', 'invalid_grant', 'Invalid grant provided');
    }
    const now = this.clock();
    if (device.expiresAt <= now) throw oidcError(400, 'ExpiredTokenException', 'expired_token', 'Device code has expired');
    if (device.status === 'denied') throw oidcError(400, 'AccessDeniedException', 'access_denied', 'The user denied the authorization request');
    if (device.status === 'pending') {
      const tooSoon = device.lastPollAt !== null && now - device.lastPollAt < device.interval * 1000;
      device.lastPollAt = now;
      if (tooSoon) throw oidcError(400, 'SlowDownException', 'slow_down', 'Client is polling too quickly');
      throw oidcError(400, 'AuthorizationPendingException', 'authorization_pending', 'Authorization is still pending');
    }
    device.status = 'used';
    return this.#issueTokens(client, config);
  }

  /** @param {any} body @param {{ clientId: string, scopes: string[] }} client @param {any} config */
  #refresh(body, client, config) {
    const refresh = this.refreshTokens.get(body.refreshToken);
    if (!refresh || refresh.clientId !== client.clientId) throw oidcError(400, 'InvalidGrantException', 'invalid_grant', 'Invalid refresh token provided');
    return this.#issueTokens(client, config);
  }

  /**
   * Identity Center issues refresh tokens only to clients registered with scopes, and only where the
   * scenario says sessions are refreshable.
   * @param {{ clientId: string, scopes: string[] }} client @param {any} config
   */
  #issueTokens(client, config) {
    const accessToken = `aoa${token(96)}`;
    this.accessTokens.set(accessToken, { expiresAt: this.clock() + config.tokenTtlSeconds * 1000, clientId: client.clientId });
    /** @type {Record<string, unknown>} */
    const response = { accessToken, tokenType: 'Bearer', expiresIn: config.tokenTtlSeconds };
    if (config.refreshable && client.scopes.length > 0) {
      const refreshToken = `aor${token(96)}`;
      this.refreshTokens.set(refreshToken, { clientId: client.clientId });
      response.refreshToken = refreshToken;
    }
    return response;
  }

  // ---- Access portal ----

  /** @param {string | undefined} bearer */
  #session(bearer) {
    const session = bearer ? this.accessTokens.get(bearer) : undefined;
    if (!session || session.expiresAt <= this.clock()) throw UNAUTHORIZED();
    return session;
  }

  /** @param {URLSearchParams} query */
  #page(/** @type {any[]} */ items, query) {
    const max = query.has('max_result') ? Number(query.get('max_result')) : 20;
    if (!Number.isInteger(max) || max < 1) throw portalError(400, 'InvalidRequestException', 'Invalid max_result');
    const start = query.has('next_token') ? Number.parseInt(Buffer.from(String(query.get('next_token')), 'base64url').toString('utf8').replace(/^next:/, ''), 10) : 0;
    if (!Number.isInteger(start) || start < 0 || start > items.length) throw portalError(400, 'InvalidRequestException', 'Invalid next_token');
    const end = start + max;
    return { items: items.slice(start, end), nextToken: end < items.length ? Buffer.from(`next:${end}`).toString('base64url') : undefined };
  }

  get #assignments() {
    return /** @type {{ accountId: string, roleName: string, accessKeyId: string }[]} */ (this.config?.assignments ?? []);
  }

  /** GET /assignment/accounts @param {string | undefined} bearer @param {URLSearchParams} query */
  listAccounts(bearer, query) {
    this.#session(bearer);
    const ids = [...new Set(this.#assignments.map((a) => a.accountId))];
    const accounts = ids.map((id) => {
      const account = this.world.orgAccount(id);
      const name = account?.name ?? `account-${id}`;
      return { accountId: id, accountName: name, emailAddress: account?.email ?? `${name}@example.com` };
    });
    const { items, nextToken } = this.#page(accounts, query);
    return { accountList: items, nextToken };
  }

  /** GET /assignment/roles?account_id= @param {string | undefined} bearer @param {URLSearchParams} query */
  listAccountRoles(bearer, query) {
    this.#session(bearer);
    const accountId = query.get('account_id');
    if (!accountId) throw portalError(400, 'InvalidRequestException', 'account_id is required');
    const roles = this.#assignments.filter((a) => a.accountId === accountId).map((a) => ({ roleName: a.roleName, accountId }));
    const { items, nextToken } = this.#page(roles, query);
    return { roleList: items, nextToken };
  }

  /** GET /federation/credentials?account_id=&role_name= @param {string | undefined} bearer @param {URLSearchParams} query */
  getRoleCredentials(bearer, query) {
    this.#session(bearer);
    const accountId = query.get('account_id');
    const roleName = query.get('role_name');
    if (!accountId || !roleName) throw portalError(400, 'InvalidRequestException', 'account_id and role_name are required');
    const assignment = this.#assignments.find((a) => a.accountId === accountId && a.roleName === roleName);
    const credential = assignment ? this.world.credentials.get(assignment.accessKeyId) : undefined;
    if (!credential) throw portalError(403, 'ForbiddenException', 'No access');
    return {
      roleCredentials: {
        accessKeyId: credential.accessKeyId,
        secretAccessKey: credential.secretAccessKey,
        sessionToken: credential.sessionToken ?? undefined,
        expiration: credential.expiresAt ?? this.clock() + 3600 * 1000,
      },
    };
  }

  /** POST /logout @param {string | undefined} bearer */
  logout(bearer) {
    this.#session(bearer);
    this.accessTokens.delete(/** @type {string} */ (bearer));
    return {};
  }

  // ---- Verification page ----

  /**
   * GET /device?user_code= shows the code with Approve (#approve) and Deny (#deny); POST /device with
   * user_code and decision=approve|deny records the user's answer.
   * @param {'GET'|'POST'} method @param {Record<string, string>} fields query (GET) or form/JSON body (POST)
   * @returns {{ status: number, html: string }}
   */
  devicePage(method, fields) {
    const code = (fields.user_code ?? '').trim().toUpperCase();
    if (!code) {
      return page(200, 'Authorize request', '<form method="get" action="/device"><label>Code <input name="user_code" id="user_code" autocomplete="off"></label> <button type="submit" id="next">Next</button></form>');
    }
    const device = this.devicesByUserCode.get(code);
    if (!device) return page(404, 'Code not found', `<p>No pending request has the code <code>${escapeHtml(code)}</code>.</p>`);
    if (device.status === 'pending' && device.expiresAt <= this.clock()) return page(410, 'Code expired', '<p>This code has expired. Start the sign-in again.</p>');
    if (method === 'POST' && device.status === 'pending') {
      if (fields.decision === 'approve') device.status = 'approved';
      else if (fields.decision === 'deny') device.status = 'denied';
      else return page(400, 'Unknown decision', '<p>Choose Approve or Deny.</p>');
    }
    if (device.status !== 'pending') {
      const approved = device.status === 'approved' || device.status === 'used';
      return page(200, approved ? 'Request approved' : 'Request denied', `<p id="result">${approved ? 'Request approved. You can close this window.' : 'Request denied.'}</p>`);
    }
    const client = this.clients.get(device.clientId);
    return page(
      200,
      'Authorize request',
      `<p>Confirm that this code matches the code shown by <strong id="client-name">${escapeHtml(client?.clientName ?? 'the application')}</strong>.</p>` +
        `<p><code id="user-code">${escapeHtml(device.userCode)}</code></p>` +
        `<p>Start URL: <span id="start-url">${escapeHtml(this.config?.startUrl ?? '')}</span></p>` +
        '<form method="post" action="/device">' +
        `<input type="hidden" name="user_code" value="${escapeHtml(device.userCode)}">` +
        '<button type="submit" id="approve" name="decision" value="approve">Approve</button> ' +
        '<button type="submit" id="deny" name="decision" value="deny">Deny</button>' +
        '</form>',
    );
  }
}

/** @param {number} status @param {string} title @param {string} body */
function page(status, title, body) {
  return {
    status,
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} - fake IAM Identity Center</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
  };
}
