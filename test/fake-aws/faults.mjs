// Injected faults: which calls they hit and how many times. The server turns a fault into a response.

export const FAULT_KINDS = ['throttle', '5xx', 'access-denied', 'delay', 'reset'];
export const SERVICES = ['iam', 'sts', 'organizations', 'iam-toolbox', 's3', 'sso-oidc', 'sso'];

/**
 * @typedef {{ service?: string, action?: string, kind: 'throttle'|'5xx'|'access-denied'|'delay'|'reset',
 *             times?: number, delayMs?: number, status?: 500|503 }} FaultSpec
 */

/** Problems with a fault spec, as sentences; [] when it is valid. @param {any} fault @returns {string[]} */
export function validateFault(fault) {
  if (!fault || typeof fault !== 'object') return ['a fault must be an object'];
  const problems = [];
  if (!FAULT_KINDS.includes(fault.kind)) problems.push(`kind must be one of ${FAULT_KINDS.join(', ')}, got ${JSON.stringify(fault.kind)}`);
  if (fault.service !== undefined && !SERVICES.includes(fault.service)) problems.push(`service must be one of ${SERVICES.join(', ')}`);
  if (fault.action !== undefined && (typeof fault.action !== 'string' || !/^[A-Z][A-Za-z]+$/.test(fault.action))) {
    problems.push('action must be an operation name like "SimulatePrincipalPolicy"');
  }
  if (fault.times !== undefined && !(Number.isInteger(fault.times) && fault.times > 0)) problems.push('times must be a positive integer');
  if (fault.delayMs !== undefined && !(Number.isInteger(fault.delayMs) && fault.delayMs >= 0)) problems.push('delayMs must be an integer >= 0');
  if (fault.status !== undefined && fault.status !== 500 && fault.status !== 503) problems.push('status must be 500 or 503');
  for (const key of Object.keys(fault)) {
    if (!['service', 'action', 'kind', 'times', 'delayMs', 'status'].includes(key)) problems.push(`unknown field "${key}"`);
  }
  return problems;
}

/** Active faults, first injected first matched. A fault without `times` hits every matching call. */
export class FaultBook {
  constructor() {
    /** @type {(FaultSpec & { left: number })[]} */
    this.active = [];
  }

  /** @param {FaultSpec} fault */
  inject(fault) {
    const problems = validateFault(fault);
    if (problems.length > 0) throw new TypeError(`invalid fault: ${problems.join('; ')}`);
    this.active.push({ ...fault, left: fault.times ?? Number.POSITIVE_INFINITY });
  }

  clear() {
    this.active = [];
  }

  /**
   * The fault that hits this call, if any, counting it as used once.
   * @param {string} service @param {string} action
   * @returns {FaultSpec | null}
   */
  take(service, action) {
    const fault = this.active.find(
      (f) => f.left > 0 && (f.service === undefined || f.service === service) && (f.action === undefined || f.action === action),
    );
    if (!fault) return null;
    fault.left -= 1;
    this.active = this.active.filter((f) => f.left > 0);
    return fault;
  }
}
