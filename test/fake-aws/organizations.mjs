// AWS Organizations (JSON 1.1, target prefix AWSOrganizationsV20161128): the reads that find the SCPs and
// RCPs over an account. Only the management account and delegated administrators may read the tree and
// policies; any member account may call DescribeOrganization.

import { AwsError } from './errors.mjs';
import { policyText } from './policy-text.mjs';
import { CREATED } from './world.mjs';

export const TARGET_PREFIX = 'AWSOrganizationsV20161128.';
const POLICY_TYPES = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'];

export const ORGANIZATIONS_ACCESS_DENIED = "You don't have permissions to access this resource.";

/** Organizations answers client errors with HTTP 400. @param {string} code @param {string} message @param {Record<string, string>} [fields] */
function orgError(code, message, fields) {
  return new AwsError(400, code, message, { fields });
}

/** @param {any} body @param {string} member */
function need(body, member) {
  const value = body?.[member];
  if (typeof value !== 'string' || value === '') {
    throw orgError('InvalidInputException', `You provided a value that does not match the required pattern: ${member} is required.`, { Reason: 'INPUT_REQUIRED' });
  }
  return value;
}

/** MaxResults (1-20) and NextToken paging. @param {any[]} items @param {any} body */
function page(items, body) {
  const max = body?.MaxResults === undefined ? 20 : body.MaxResults;
  if (!Number.isInteger(max) || max < 1 || max > 20) {
    throw orgError('InvalidInputException', 'You provided a value that is outside the allowed range: MaxResults must be between 1 and 20.', { Reason: 'INVALID_INPUT' });
  }
  const start = body?.NextToken === undefined ? 0 : Number.parseInt(Buffer.from(String(body.NextToken), 'base64url').toString('utf8').replace(/^next:/, ''), 10);
  if (!Number.isInteger(start) || start < 0 || start > items.length) {
    throw orgError('InvalidInputException', 'The NextToken you provided is not valid.', { Reason: 'INVALID_NEXT_TOKEN' });
  }
  const end = start + max;
  return { items: items.slice(start, end), NextToken: end < items.length ? Buffer.from(`next:${end}`).toString('base64url') : undefined };
}

/**
 * @typedef {import('./world.mjs').World} World
 * @typedef {{ arn: string, accountId: string }} Caller
 */

/** @param {World} world */
function orgArns(world) {
  const org = world.organization;
  const base = `arn:aws:organizations::${org.managementAccountId}`;
  return {
    organization: `${base}:organization/${org.id}`,
    /** @param {string} id */
    account: (id) => `${base}:account/${org.id}/${id}`,
    /** @param {string} id */
    ou: (id) => `${base}:ou/${org.id}/${id}`,
    root: `${base}:root/${org.id}/${org.rootId}`,
  };
}

/** @param {World} world */
function enabledPolicyTypes(world) {
  const org = world.organization;
  const types = org.enabledPolicyTypes ?? POLICY_TYPES.filter((t) => t === 'SERVICE_CONTROL_POLICY' || org.policies.some((/** @type {any} */ p) => p.type === t));
  return types.map((/** @type {string} */ Type) => ({ Type, Status: 'ENABLED' }));
}

/** @param {World} world @param {any} policy */
function policySummary(world, policy) {
  return {
    Id: policy.id,
    Arn: world.orgPolicyArn(policy),
    Name: policy.name,
    Description: policy.description ?? '',
    Type: policy.type,
    AwsManaged: policy.awsManaged === true,
  };
}

/** @param {World} world @param {any} account */
function accountShape(world, account) {
  return {
    Id: account.id,
    Arn: orgArns(world).account(account.id),
    Email: account.email ?? `${account.name}@example.com`,
    Name: account.name,
    Status: 'ACTIVE',
    State: 'ACTIVE',
    JoinedMethod: account.id === world.organization.managementAccountId ? 'CREATED' : 'INVITED',
    JoinedTimestamp: CREATED.getTime() / 1000,
  };
}

/** Who may read what: members only DescribeOrganization, the rest needs the management account or a delegated admin. */
const MEMBER_CALLABLE = new Set(['DescribeOrganization']);

/**
 * Checks that the caller's account may make this call, as Organizations does after IAM allowed it.
 * @param {World} world @param {Caller} caller @param {string} operation
 */
export function checkOrganizationAccess(world, caller, operation) {
  const org = world.organization;
  if (!org || !world.orgAccount(caller.accountId)) {
    throw orgError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
  }
  const privileged = caller.accountId === org.managementAccountId || (org.delegatedAdministrators ?? []).includes(caller.accountId);
  if (!privileged && !MEMBER_CALLABLE.has(operation)) throw orgError('AccessDeniedException', ORGANIZATIONS_ACCESS_DENIED);
}

/** @type {Record<string, (body: any, world: World) => object>} */
export const ORGANIZATIONS_OPERATIONS = {
  DescribeOrganization(_body, world) {
    const org = world.organization;
    const management = /** @type {any} */ (world.orgAccount(org.managementAccountId));
    return {
      Organization: {
        Id: org.id,
        Arn: orgArns(world).organization,
        FeatureSet: 'ALL',
        MasterAccountArn: orgArns(world).account(org.managementAccountId),
        MasterAccountId: org.managementAccountId,
        MasterAccountEmail: management.email ?? `${management.name}@example.com`,
        AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
      },
    };
  },
  ListRoots(body, world) {
    const root = { Id: world.organization.rootId, Arn: orgArns(world).root, Name: 'Root', PolicyTypes: enabledPolicyTypes(world) };
    const { items, NextToken } = page([root], body);
    return { Roots: items, NextToken };
  },
  ListParents(body, world) {
    const childId = need(body, 'ChildId');
    const parentId = world.orgParent(childId);
    if (!parentId) {
      throw orgError('ChildNotFoundException', "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.");
    }
    const { items, NextToken } = page([{ Id: parentId, Type: parentId === world.organization.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }], body);
    return { Parents: items, NextToken };
  },
  ListPoliciesForTarget(body, world) {
    const targetId = need(body, 'TargetId');
    const filter = need(body, 'Filter');
    if (!['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'TAG_POLICY', 'BACKUP_POLICY', 'AISERVICES_OPT_OUT_POLICY', 'CHATBOT_POLICY', 'DECLARATIVE_POLICY_EC2'].includes(filter)) {
      throw orgError('InvalidInputException', `You specified a value that is not valid for Filter: ${filter}.`, { Reason: 'INVALID_ENUM_POLICY_TYPE' });
    }
    if (!world.orgNodeExists(targetId)) throw orgError('TargetNotFoundException', "We can't find a root, OU, account, or email that you specified.");
    const policies = POLICY_TYPES.includes(filter) ? world.orgPoliciesFor(targetId, /** @type {any} */ (filter)) : [];
    const { items, NextToken } = page(policies.map((/** @type {any} */ p) => policySummary(world, p)), body);
    return { Policies: items, NextToken };
  },
  ListTargetsForPolicy(body, world) {
    const policy = world.orgPolicy(need(body, 'PolicyId'));
    if (!policy) throw orgError('PolicyNotFoundException', "We can't find a policy with the PolicyId that you specified.");
    const org = world.organization;
    const arns = orgArns(world);
    const targets = policy.targets.map((/** @type {string} */ id) => {
      if (id === org.rootId) return { TargetId: id, Arn: arns.root, Name: 'Root', Type: 'ROOT' };
      const account = world.orgAccount(id);
      if (account) return { TargetId: id, Arn: arns.account(id), Name: account.name, Type: 'ACCOUNT' };
      return { TargetId: id, Arn: arns.ou(id), Name: world.orgOu(id)?.name ?? id, Type: 'ORGANIZATIONAL_UNIT' };
    });
    const { items, NextToken } = page(targets, body);
    return { Targets: items, NextToken };
  },
  DescribePolicy(body, world) {
    const policy = world.orgPolicy(need(body, 'PolicyId'));
    if (!policy) throw orgError('PolicyNotFoundException', "We can't find a policy with the PolicyId that you specified.");
    return { Policy: { PolicySummary: policySummary(world, policy), Content: policyText(policy.document) } };
  },
  DescribeAccount(body, world) {
    const account = world.orgAccount(need(body, 'AccountId'));
    if (!account) {
      throw orgError(
        'AccountNotFoundException',
        "We can't find an AWS account with the AccountId that you specified, or the account whose credentials you used to make this request isn't a member of an organization.",
      );
    }
    return { Account: accountShape(world, account) };
  },
};
