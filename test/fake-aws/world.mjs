// The accounts, principals, policies and organization of one scenario, with the lookups the services need.

import { accountOf, iamArn, parseAssumedRoleArn, parseIamArn, uniqueId } from './arn.mjs';
import { AWS_MANAGED_POLICIES } from './scenario.mjs';
import { policyObject, policyText } from './policy-text.mjs';

/** A fixed creation time, so responses are stable between runs. */
export const CREATED = new Date('2024-01-15T10:00:00Z');

/**
 * @typedef {{ name: string, sourceType: 'user'|'group'|'role'|'aws-managed'|'user-managed'|'none',
 *             arn: string | null, document: any, text: string, attachedTo: string }} EffectivePolicy
 * @typedef {{ kind: 'user'|'role'|'group', arn: string, accountId: string, path: string, name: string,
 *             inlinePolicies: Record<string, any>, managedPolicies: string[], permissionsBoundary: string | null,
 *             groups: string[], raw: any }} Entity
 * @typedef {{ accessKeyId: string, secretAccessKey: string, sessionToken: string | null, expiresAt: number | null,
 *             principal: string, allow: '*' | string[], mfa: { serialNumber: string, tokenCode: string } | null }} Credential
 */

/** @param {'user'|'role'|'group'} kind @param {string} arn @param {any} raw @returns {Entity} */
function entity(kind, arn, raw) {
  const parsed = /** @type {import('./arn.mjs').IamEntityArn} */ (parseIamArn(arn));
  return {
    kind,
    arn,
    accountId: parsed.accountId,
    path: parsed.path,
    name: parsed.name,
    inlinePolicies: raw.inlinePolicies ?? {},
    managedPolicies: raw.managedPolicies ?? [],
    permissionsBoundary: raw.permissionsBoundary ?? null,
    groups: raw.groups ?? [],
    raw,
  };
}

export class World {
  /** @param {any} scenario a validated scenario */
  constructor(scenario) {
    this.scenario = scenario;
    /** @type {Map<string, { arn: string, name: string, path: string, defaultVersionId: string, description: string | null, updatedAt: string | null, document: any, text: string }>} */
    this.managedPolicies = new Map();
    for (const p of [...AWS_MANAGED_POLICIES, ...(scenario.managedPolicies ?? [])]) {
      this.managedPolicies.set(p.arn, {
        arn: p.arn,
        name: p.name,
        path: p.path ?? '/',
        defaultVersionId: p.defaultVersionId ?? 'v1',
        description: p.description ?? null,
        updatedAt: p.updatedAt ?? null,
        document: policyObject(p.document),
        text: policyText(p.document),
      });
    }
    /** @type {Map<string, Entity>} keyed by `${accountId}/${name}` (IAM names are unique per account) */
    this.users = new Map();
    /** @type {Map<string, Entity>} */
    this.roles = new Map();
    /** @type {Map<string, Entity>} */
    this.groups = new Map();
    for (const u of scenario.users ?? []) this.#add(this.users, entity('user', u.arn, u));
    for (const r of scenario.roles ?? []) this.#add(this.roles, entity('role', r.arn, r));
    for (const g of scenario.groups ?? []) {
      this.#add(this.groups, entity('group', iamArn(g.accountId, 'group', g.path ?? '/', g.name), g));
    }
    /** @type {Map<string, Credential>} */
    this.credentials = new Map();
    for (const k of scenario.credentials) {
      this.addCredential({
        accessKeyId: k.accessKeyId,
        secretAccessKey: k.secretAccessKey,
        sessionToken: k.sessionToken ?? null,
        expiresAt: k.expiresAt ? Date.parse(k.expiresAt) : null,
        principal: k.principal,
        allow: k.allow,
        mfa: k.mfa ?? null,
      });
      // A profile's own IAM user exists even when the scenario gives it no policies.
      const user = parseIamArn(k.principal);
      if (user?.type === 'user' && !this.users.has(`${user.accountId}/${user.name}`)) {
        this.#add(this.users, entity('user', k.principal, {}));
      }
    }
    this.organization = scenario.organization ?? null;
  }

  /** @param {Map<string, Entity>} map @param {Entity} e */
  #add(map, e) {
    map.set(`${e.accountId}/${e.name}`, e);
  }

  /** @param {Credential} credential */
  addCredential(credential) {
    this.credentials.set(credential.accessKeyId, credential);
  }

  /** @param {string} accountId @param {string} name */
  user(accountId, name) {
    return this.users.get(`${accountId}/${name}`) ?? null;
  }

  /** @param {string} accountId @param {string} name */
  role(accountId, name) {
    return this.roles.get(`${accountId}/${name}`) ?? null;
  }

  /** @param {string} accountId @param {string} name */
  group(accountId, name) {
    return this.groups.get(`${accountId}/${name}`) ?? null;
  }

  /**
   * The user, role or group an IAM ARN names, matching the path exactly as IAM does.
   * @param {string} arn
   * @returns {Entity | null}
   */
  entityByArn(arn) {
    const parsed = parseIamArn(arn);
    if (!parsed || parsed.type === 'policy') return null;
    const map = { user: this.users, role: this.roles, group: this.groups }[parsed.type];
    const found = map.get(`${parsed.accountId}/${parsed.name}`);
    return found && found.arn === arn ? found : null;
  }

  /** The IAM user or role behind a credential's principal (a session maps to its role). @param {string} principalArn */
  callerEntity(principalArn) {
    const session = parseAssumedRoleArn(principalArn);
    if (session) return this.role(session.accountId, session.roleName);
    return this.entityByArn(principalArn);
  }

  /** @param {string} arn */
  managedPolicy(arn) {
    return this.managedPolicies.get(arn) ?? null;
  }

  /** @param {string} policyArn */
  managedSourceType(policyArn) {
    return accountOf(policyArn) === null ? 'aws-managed' : 'user-managed';
  }

  /**
   * Identity policies in the order IAM lists them: the entity's inline, its managed, then per group
   * inline and managed. `sourceType` is what SimulatePrincipalPolicy reports as SourcePolicyType.
   * @param {Entity} e
   * @returns {EffectivePolicy[]}
   */
  identityPolicies(e) {
    /** @type {EffectivePolicy[]} */
    const policies = [];
    /** @param {Entity} owner */
    const collect = (owner) => {
      for (const [name, doc] of Object.entries(owner.inlinePolicies)) {
        policies.push({ name, sourceType: owner.kind, arn: null, document: policyObject(doc), text: policyText(doc), attachedTo: owner.arn });
      }
      for (const arn of owner.managedPolicies) {
        const p = this.managedPolicy(arn);
        if (p) policies.push({ name: p.name, sourceType: this.managedSourceType(arn), arn, document: p.document, text: p.text, attachedTo: owner.arn });
      }
    };
    collect(e);
    if (e.kind === 'user') {
      for (const g of e.groups) {
        const group = this.group(e.accountId, g);
        if (group) collect(group);
      }
    }
    return policies;
  }

  /** The entity's permissions boundary as an effective policy, or null. @param {Entity} e @returns {EffectivePolicy | null} */
  boundaryPolicy(e) {
    if (!e.permissionsBoundary) return null;
    const p = this.managedPolicy(e.permissionsBoundary);
    if (!p) return null;
    return { name: p.name, sourceType: this.managedSourceType(p.arn), arn: p.arn, document: p.document, text: p.text, attachedTo: e.arn };
  }

  /** @param {Entity} e */
  uniqueId(e) {
    return uniqueId(e.kind, e.arn);
  }

  // ---- Organizations ----

  /** @param {string} accountId */
  orgAccount(accountId) {
    return this.organization?.accounts.find((/** @type {any} */ a) => a.id === accountId) ?? null;
  }

  /** @param {string} id */
  orgOu(id) {
    return this.organization?.ous?.find((/** @type {any} */ o) => o.id === id) ?? null;
  }

  /** The parent id of an OU or account, or null for the root / unknown ids. @param {string} childId */
  orgParent(childId) {
    return this.orgAccount(childId)?.parentId ?? this.orgOu(childId)?.parentId ?? null;
  }

  /** @param {string} id */
  orgNodeExists(id) {
    return id === this.organization?.rootId || this.orgAccount(id) !== null || this.orgOu(id) !== null;
  }

  /** Root first, account last: the nodes whose policies apply to an account. @param {string} accountId */
  orgPath(accountId) {
    const path = [];
    for (let node = /** @type {string | null} */ (accountId); node; node = this.orgParent(node)) path.unshift(node);
    return path;
  }

  /** @param {string} targetId @param {'SERVICE_CONTROL_POLICY'|'RESOURCE_CONTROL_POLICY'} type */
  orgPoliciesFor(targetId, type) {
    return (this.organization?.policies ?? []).filter((/** @type {any} */ p) => p.type === type && p.targets.includes(targetId));
  }

  /** @param {string} policyId */
  orgPolicy(policyId) {
    return (this.organization?.policies ?? []).find((/** @type {any} */ p) => p.id === policyId) ?? null;
  }

  /** @param {any} policy an organization policy */
  orgPolicyArn(policy) {
    const typePath = policy.type === 'SERVICE_CONTROL_POLICY' ? 'service_control_policy' : 'resource_control_policy';
    if (policy.awsManaged) return `arn:aws:organizations::aws:policy/${typePath}/${policy.id}`;
    const org = this.organization;
    return `arn:aws:organizations::${org.managementAccountId}:policy/${org.id}/${typePath}/${policy.id}`;
  }

  /**
   * The SCPs that bound principals of an account, per level (root first), as iam-simulate takes them.
   * Null when no SCPs apply: the account is outside the organization, or is its management account.
   * @param {string} accountId
   */
  scpLevels(accountId) {
    const org = this.organization;
    if (!org || !this.orgAccount(accountId) || accountId === org.managementAccountId) return null;
    return this.orgPath(accountId).map((node) => ({
      orgIdentifier: node,
      policies: this.orgPoliciesFor(node, 'SERVICE_CONTROL_POLICY').map((/** @type {any} */ p) => ({ name: p.name, policy: policyObject(p.document) })),
    }));
  }
}
