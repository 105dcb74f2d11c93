// IAM (Query protocol, 2010-05-08): the read calls a diagnosis needs, plus the policy simulator.

import { iamResourceLabel, isRootArn, parseAssumedRoleArn, parseIamArn, uniqueId } from './arn.mjs';
import { AwsError } from './errors.mjs';
import { policyObject, policyText } from './policy-text.mjs';
import { listMembers } from './query-protocol.mjs';
import { contextKeysOf, evaluate } from './simulate.mjs';
import { CREATED } from './world.mjs';

/**
 * @typedef {import('./world.mjs').World} World
 * @typedef {import('./world.mjs').Entity} Entity
 * @typedef {{ arn: string, accountId: string }} Caller
 * @typedef {{ resource: (p: any, caller: Caller) => string, handle: (p: any, caller: Caller, world: World) => Promise<object> | object }} Operation
 */

/** @param {string} member the wire name, e.g. roleName */
function required(member) {
  return new AwsError(400, 'ValidationError', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
}

/** @param {any} params @param {string} name */
function need(params, name) {
  const value = params[name];
  if (typeof value !== 'string' || value === '') throw required(name[0]?.toLowerCase() + name.slice(1));
  return value;
}

/** @param {'user'|'role'|'group'} kind @param {string} name */
function noSuchEntity(kind, name) {
  return new AwsError(404, 'NoSuchEntity', `The ${kind} with name ${name} cannot be found.`);
}

/** AccessDenied as IAM words it for a caller whose identity policies do not allow the action. @param {Caller} caller @param {string} action @param {string} resource */
export function iamAccessDenied(caller, action, resource) {
  return new AwsError(
    403,
    'AccessDenied',
    `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
  );
}

/** @param {World} world @param {'user'|'role'|'group'} kind @param {string} accountId @param {string} name */
function find(world, kind, accountId, name) {
  const found = kind === 'user' ? world.user(accountId, name) : kind === 'role' ? world.role(accountId, name) : world.group(accountId, name);
  if (!found) throw noSuchEntity(kind, name);
  return found;
}

/** IAM list paging: MaxItems (1-1000, default 100) and an opaque Marker. @param {any[]} items @param {any} params */
export function page(items, params) {
  const max = params.MaxItems === undefined ? 100 : Number(params.MaxItems);
  if (!Number.isInteger(max) || max < 1 || max > 1000) {
    throw new AwsError(400, 'ValidationError', `1 validation error detected: Value '${params.MaxItems}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`);
  }
  const start = params.Marker === undefined ? 0 : Number.parseInt(Buffer.from(params.Marker, 'base64url').toString('utf8').replace(/^offset:/, ''), 10);
  if (!Number.isInteger(start) || start < 0 || start > items.length) throw new AwsError(400, 'InvalidInput', 'Invalid Marker.');
  const end = start + max;
  const truncated = end < items.length;
  return { items: items.slice(start, end), IsTruncated: truncated, Marker: truncated ? Buffer.from(`offset:${end}`).toString('base64url') : undefined };
}

/** IAM returns policy documents URL-encoded (RFC 3986). @param {string} text */
const encodeDocument = (text) => encodeURIComponent(text);

/** @param {Entity} e */
function boundaryOf(e) {
  return e.permissionsBoundary ? { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: e.permissionsBoundary } : undefined;
}

/** @param {World} world @param {Entity} u */
function userShape(world, u) {
  return { Path: u.path, UserName: u.name, UserId: world.uniqueId(u), Arn: u.arn, CreateDate: CREATED, PermissionsBoundary: boundaryOf(u) };
}

/** The trust policy a role would have when the scenario gives none. @param {Entity} r */
function defaultTrustPolicy(r) {
  if (r.path.startsWith('/aws-reserved/sso.amazonaws.com/')) {
    return {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${r.accountId}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE` },
        Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
        Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
      }],
    };
  }
  /** @type {Record<string, any>} */
  const condition = {};
  if (r.raw.externalId) condition.StringEquals = { 'sts:ExternalId': r.raw.externalId };
  if (r.raw.requireMfa) condition.Bool = { 'aws:MultiFactorAuthPresent': 'true' };
  return {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${r.accountId}:root` },
      Action: 'sts:AssumeRole',
      ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
    }],
  };
}

/** @param {World} world @param {Entity} r */
function roleShape(world, r) {
  return {
    Path: r.path,
    RoleName: r.name,
    RoleId: world.uniqueId(r),
    Arn: r.arn,
    CreateDate: CREATED,
    AssumeRolePolicyDocument: encodeDocument(policyText(r.raw.trustPolicy ?? defaultTrustPolicy(r))),
    Description: r.raw.description,
    MaxSessionDuration: r.raw.maxSessionDuration ?? 3600,
    PermissionsBoundary: boundaryOf(r),
    RoleLastUsed: {},
  };
}

/** @param {World} world @param {Entity} g */
function groupShape(world, g) {
  return { Path: g.path, GroupName: g.name, GroupId: world.uniqueId(g), Arn: g.arn, CreateDate: CREATED };
}

/** @param {World} world @param {Entity} owner @param {any} params */
function attachedPolicies(world, owner, params) {
  const prefix = params.PathPrefix ?? '/';
  const attached = owner.managedPolicies
    .map((arn) => world.managedPolicy(arn))
    .filter((p) => p !== null && p.path.startsWith(prefix))
    .map((p) => ({ PolicyName: p?.name, PolicyArn: p?.arn }));
  const { items, ...paging } = page(attached, params);
  return { AttachedPolicies: items, ...paging };
}

/** @param {Entity} owner @param {any} params */
function inlinePolicyNames(owner, params) {
  const { items, ...paging } = page(Object.keys(owner.inlinePolicies), params);
  return { PolicyNames: items, ...paging };
}

/** @param {Entity} owner @param {'user'|'role'|'group'} kind @param {string} policyName */
function inlinePolicy(owner, kind, policyName) {
  const doc = owner.inlinePolicies[policyName];
  if (doc === undefined) throw new AwsError(404, 'NoSuchEntity', `The ${kind} policy with name ${policyName} cannot be found.`);
  return encodeDocument(policyText(doc));
}

/** @param {World} world @param {Caller} caller @param {string} arn */
function managedPolicyFor(world, caller, arn) {
  const parsed = parseIamArn(arn);
  if (!parsed || parsed.type !== 'policy') throw new AwsError(400, 'InvalidInput', `ARN ${arn} is not valid.`);
  if (parsed.accountId !== 'aws' && parsed.accountId !== caller.accountId) throw iamAccessDenied(caller, 'iam:GetPolicy', `policy ${arn}`);
  const policy = world.managedPolicy(arn);
  if (!policy) throw new AwsError(404, 'NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
  return policy;
}

/** @param {World} world @param {string} arn */
function attachmentCounts(world, arn) {
  const entities = [...world.users.values(), ...world.roles.values(), ...world.groups.values()];
  return {
    AttachmentCount: entities.filter((e) => e.managedPolicies.includes(arn)).length,
    PermissionsBoundaryUsageCount: entities.filter((e) => e.permissionsBoundary === arn).length,
  };
}

/** @param {string} arn the entity named by a PolicySourceArn or CallerArn */
function entityLabel(arn) {
  return parseIamArn(arn) ? iamResourceLabel(arn) : arn;
}

/**
 * The entity behind PolicySourceArn, in the caller's account.
 * @param {World} world @param {Caller} caller @param {string} action @param {string} arn
 */
function policySource(world, caller, action, arn) {
  const parsed = parseIamArn(arn);
  if (!parsed || parsed.type === 'policy') throw new AwsError(400, 'InvalidInput', `Invalid ARN ${arn}: expected the ARN of a user, group or role.`);
  if (parsed.accountId !== caller.accountId) throw iamAccessDenied(caller, action, entityLabel(arn));
  const found = world.entityByArn(arn);
  if (!found) throw noSuchEntity(parsed.type, parsed.name);
  return found;
}

/** @param {string} text @param {string} name */
function parsePolicyInput(text, name) {
  try {
    return policyObject(text);
  } catch {
    throw new AwsError(400, 'MalformedPolicyDocument', `Syntax errors in policy ${name}.`);
  }
}

/** PolicyInputList / PermissionsBoundaryPolicyInputList documents. @param {any} node @param {string} listName */
function inputPolicies(node, listName) {
  return listMembers(node).map((text, i) => {
    const name = `${listName}.${i + 1}`;
    return { name, sourceType: /** @type {const} */ ('none'), arn: null, document: parsePolicyInput(String(text), name), text: String(text), attachedTo: listName };
  });
}

const LIST_CONTEXT_TYPES = new Set(['stringList', 'numericList', 'booleanList', 'ipList', 'binaryList', 'dateList']);
const CONTEXT_TYPES = new Set(['string', 'numeric', 'boolean', 'ip', 'binary', 'date', ...LIST_CONTEXT_TYPES]);

/** ContextEntries.member.N -> iam-simulate context variables. @param {any} node */
function contextEntries(node) {
  /** @type {Record<string, string | string[]>} */
  const context = {};
  for (const entry of listMembers(node)) {
    const key = entry?.ContextKeyName;
    if (typeof key !== 'string' || key === '') throw required('contextKeyName');
    const type = entry.ContextKeyType ?? 'string';
    if (!CONTEXT_TYPES.has(type)) {
      throw new AwsError(400, 'ValidationError', `1 validation error detected: Value '${type}' at 'contextEntries.member.contextKeyType' failed to satisfy constraint: Member must satisfy enum value set: [${[...CONTEXT_TYPES].join(', ')}]`);
    }
    const values = listMembers(entry.ContextKeyValues).map(String);
    context[key] = LIST_CONTEXT_TYPES.has(type) ? values : (values[0] ?? '');
  }
  return context;
}

/** @type {Record<string, Operation>} */
export const IAM_OPERATIONS = {
  GetUser: {
    resource: (p, caller) => (p.UserName ? `user ${p.UserName}` : iamResourceLabel(caller.arn)),
    handle(p, caller, world) {
      if (p.UserName) return { User: userShape(world, find(world, 'user', caller.accountId, p.UserName)) };
      if (isRootArn(caller.arn)) return { User: { UserId: caller.accountId, Arn: caller.arn, CreateDate: CREATED } };
      const me = parseIamArn(caller.arn);
      if (!me || me.type !== 'user') throw new AwsError(400, 'ValidationError', 'Must specify userName when calling with non-User credentials');
      return { User: userShape(world, find(world, 'user', caller.accountId, me.name)) };
    },
  },
  GetRole: {
    resource: (p) => `role ${p.RoleName ?? ''}`,
    handle: (p, caller, world) => ({ Role: roleShape(world, find(world, 'role', caller.accountId, need(p, 'RoleName'))) }),
  },
  // Added by the engine engineer (minimal fix): without iam:GetRole, ListRoles with PathPrefix is how a profile
  // finds an Identity Center role's path (fail-no-getrole-permission). Real ListRoles omits PermissionsBoundary.
  ListRoles: {
    resource: () => '*',
    handle(p, caller, world) {
      const prefix = typeof p.PathPrefix === 'string' && p.PathPrefix ? p.PathPrefix : '/';
      const roles = [...world.roles.values()].filter((r) => r.accountId === caller.accountId && r.path.startsWith(prefix));
      const { items, ...paging } = page(roles.map((r) => ({ ...roleShape(world, r), PermissionsBoundary: undefined })), p);
      return { Roles: items, ...paging };
    },
  },
  ListAttachedUserPolicies: {
    resource: (p) => `user ${p.UserName ?? ''}`,
    handle: (p, caller, world) => attachedPolicies(world, find(world, 'user', caller.accountId, need(p, 'UserName')), p),
  },
  ListUserPolicies: {
    resource: (p) => `user ${p.UserName ?? ''}`,
    handle: (p, caller, world) => inlinePolicyNames(find(world, 'user', caller.accountId, need(p, 'UserName')), p),
  },
  GetUserPolicy: {
    resource: (p) => `user ${p.UserName ?? ''}`,
    handle(p, caller, world) {
      const user = find(world, 'user', caller.accountId, need(p, 'UserName'));
      const policyName = need(p, 'PolicyName');
      return { UserName: user.name, PolicyName: policyName, PolicyDocument: inlinePolicy(user, 'user', policyName) };
    },
  },
  ListGroupsForUser: {
    resource: (p) => `user ${p.UserName ?? ''}`,
    handle(p, caller, world) {
      const user = find(world, 'user', caller.accountId, need(p, 'UserName'));
      const groups = user.groups.map((g) => world.group(user.accountId, g)).filter((g) => g !== null);
      const { items, ...paging } = page(groups.map((g) => groupShape(world, /** @type {Entity} */ (g))), p);
      return { Groups: items, ...paging };
    },
  },
  ListAttachedGroupPolicies: {
    resource: (p) => `group ${p.GroupName ?? ''}`,
    handle: (p, caller, world) => attachedPolicies(world, find(world, 'group', caller.accountId, need(p, 'GroupName')), p),
  },
  ListGroupPolicies: {
    resource: (p) => `group ${p.GroupName ?? ''}`,
    handle: (p, caller, world) => inlinePolicyNames(find(world, 'group', caller.accountId, need(p, 'GroupName')), p),
  },
  GetGroupPolicy: {
    resource: (p) => `group ${p.GroupName ?? ''}`,
    handle(p, caller, world) {
      const group = find(world, 'group', caller.accountId, need(p, 'GroupName'));
      const policyName = need(p, 'PolicyName');
      return { GroupName: group.name, PolicyName: policyName, PolicyDocument: inlinePolicy(group, 'group', policyName) };
    },
  },
  ListAttachedRolePolicies: {
    resource: (p) => `role ${p.RoleName ?? ''}`,
    handle: (p, caller, world) => attachedPolicies(world, find(world, 'role', caller.accountId, need(p, 'RoleName')), p),
  },
  ListRolePolicies: {
    resource: (p) => `role ${p.RoleName ?? ''}`,
    handle: (p, caller, world) => inlinePolicyNames(find(world, 'role', caller.accountId, need(p, 'RoleName')), p),
  },
  GetRolePolicy: {
    resource: (p) => `role ${p.RoleName ?? ''}`,
    handle(p, caller, world) {
      const role = find(world, 'role', caller.accountId, need(p, 'RoleName'));
      const policyName = need(p, 'PolicyName');
      return { RoleName: role.name, PolicyName: policyName, PolicyDocument: inlinePolicy(role, 'role', policyName) };
    },
  },
  GetPolicy: {
    resource: (p) => `policy ${p.PolicyArn ?? ''}`,
    handle(p, caller, world) {
      const policy = managedPolicyFor(world, caller, need(p, 'PolicyArn'));
      return {
        Policy: {
          PolicyName: policy.name,
          PolicyId: uniqueId('policy', policy.arn),
          Arn: policy.arn,
          Path: policy.path,
          DefaultVersionId: policy.defaultVersionId,
          ...attachmentCounts(world, policy.arn),
          IsAttachable: true,
          Description: policy.description ?? undefined,
          CreateDate: CREATED,
          UpdateDate: policy.updatedAt ? new Date(policy.updatedAt) : CREATED,
        },
      };
    },
  },
  GetPolicyVersion: {
    resource: (p) => `policy ${p.PolicyArn ?? ''}`,
    handle(p, caller, world) {
      const arn = need(p, 'PolicyArn');
      const versionId = need(p, 'VersionId');
      const policy = managedPolicyFor(world, caller, arn);
      if (versionId !== policy.defaultVersionId) {
        throw new AwsError(404, 'NoSuchEntity', `Policy ${arn} version ${versionId} does not exist or is not attachable.`);
      }
      return { PolicyVersion: { Document: encodeDocument(policy.text), VersionId: versionId, IsDefaultVersion: true, CreateDate: CREATED } };
    },
  },
  SimulatePrincipalPolicy: {
    resource: (p) => entityLabel(p.PolicySourceArn ?? ''),
    async handle(p, caller, world) {
      const source = policySource(world, caller, 'iam:SimulatePrincipalPolicy', need(p, 'PolicySourceArn'));
      const actions = listMembers(p.ActionNames).map(String);
      if (actions.length === 0) throw required('actionNames');
      const resources = listMembers(p.ResourceArns).map(String);
      if (p.CallerArn !== undefined && parseIamArn(p.CallerArn)?.type !== 'user') {
        throw new AwsError(400, 'InvalidInput', `Invalid CallerArn ${p.CallerArn}: only the ARN of an IAM user can be the simulated caller.`);
      }
      const extraBoundaries = inputPolicies(p.PermissionsBoundaryPolicyInputList, 'PermissionsBoundaryPolicyInputList');
      const ownBoundary = world.boundaryPolicy(source);
      const input = {
        principal: p.CallerArn ?? source.arn,
        accountId: source.accountId,
        identity: [...world.identityPolicies(source), ...inputPolicies(p.PolicyInputList, 'PolicyInputList')],
        boundary: extraBoundaries.length > 0 ? extraBoundaries : ownBoundary ? [ownBoundary] : null,
        scps: world.scpLevels(source.accountId),
        inOrganization: world.orgAccount(source.accountId) !== null,
        resourcePolicy: p.ResourcePolicy ? parsePolicyInput(p.ResourcePolicy, 'ResourcePolicy') : null,
        context: contextEntries(p.ContextEntries),
      };
      const results = [];
      for (const action of actions) {
        for (const resource of resources.length > 0 ? resources : ['*']) results.push(await evaluate({ ...input, action, resource }));
      }
      const { items, ...paging } = page(results, p);
      return { EvaluationResults: items, ...paging };
    },
  },
  GetContextKeysForPrincipalPolicy: {
    resource: (p) => entityLabel(p.PolicySourceArn ?? ''),
    handle(p, caller, world) {
      const source = policySource(world, caller, 'iam:GetContextKeysForPrincipalPolicy', need(p, 'PolicySourceArn'));
      return { ContextKeyNames: contextKeysOf([...world.identityPolicies(source), ...inputPolicies(p.PolicyInputList, 'PolicyInputList')]) };
    },
  },
};

/** A session's caller label for messages is the session ARN; IAM resolves its account from it. @param {string} principal */
export function callerOf(principal) {
  const session = parseAssumedRoleArn(principal);
  const accountId = session?.accountId ?? parseIamArn(principal)?.accountId ?? principal.split(':')[4] ?? '';
  return { arn: principal, accountId };
}
