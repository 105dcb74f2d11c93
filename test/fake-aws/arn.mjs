// ARN shapes the fake understands: IAM entities and policies, STS sessions, the account root.

import { createHash } from 'node:crypto';

const IAM_ENTITY = /^arn:(aws[a-z-]*):iam::(\d{12}|aws):(user|role|group|policy)((?:\/[^/]+)*\/)([^/]+)$/;
const ASSUMED_ROLE = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/;
const ROOT = /^arn:(aws[a-z-]*):iam::(\d{12}):root$/;

/**
 * @typedef {{ partition: string, accountId: string, type: 'user'|'role'|'group'|'policy', path: string, name: string }} IamEntityArn
 */

/** `arn:aws:iam::111111111111:role/aws-reserved/x/Name` -> { type: 'role', path: '/aws-reserved/x/', name: 'Name' }. @param {string} arn */
export function parseIamArn(arn) {
  const m = IAM_ENTITY.exec(arn);
  if (!m) return null;
  return /** @type {IamEntityArn} */ ({ partition: m[1], accountId: m[2], type: m[3], path: m[4], name: m[5] });
}

/** @param {string} arn */
export function parseAssumedRoleArn(arn) {
  const m = ASSUMED_ROLE.exec(arn);
  return m ? { partition: /** @type {string} */ (m[1]), accountId: /** @type {string} */ (m[2]), roleName: /** @type {string} */ (m[3]), sessionName: /** @type {string} */ (m[4]) } : null;
}

/** @param {string} arn */
export function isRootArn(arn) {
  return ROOT.test(arn);
}

/** The account id of any ARN (field 5), or null. @param {string} arn */
export function accountOf(arn) {
  const account = arn.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : null;
}

/** @param {string} accountId @param {'user'|'role'|'group'|'policy'} type @param {string} path @param {string} name */
export function iamArn(accountId, type, path, name, partition = 'aws') {
  return `arn:${partition}:iam::${accountId}:${type}${path}${name}`;
}

/** Stable IAM unique ids (AIDA…, AROA…, AGPA…, ANPA…) derived from the ARN, 21 characters like AWS's. */
const ID_PREFIX = { user: 'AIDA', role: 'AROA', group: 'AGPA', policy: 'ANPA' };
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** @param {'user'|'role'|'group'|'policy'} type @param {string} arn */
export function uniqueId(type, arn) {
  const digest = createHash('sha256').update(arn).digest();
  let suffix = '';
  for (let i = 0; i < 17; i++) suffix += ID_ALPHABET[/** @type {number} */ (digest[i]) % 32];
  return ID_PREFIX[type] + suffix;
}

/** How IAM names an entity after "on resource:" in its AccessDenied messages: "role Name", "user path/Name". @param {string} arn */
export function iamResourceLabel(arn) {
  const entity = parseIamArn(arn);
  if (!entity) return arn;
  if (entity.type === 'policy') return `policy ${arn}`;
  return `${entity.type} ${entity.path.slice(1)}${entity.name}`;
}
