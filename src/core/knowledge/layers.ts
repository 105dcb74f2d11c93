// The one module for "what blocks it": the policy types a message names (the CLI's `policyType`),
// the layers the explanation decides (`explanation.layer`), what the diagnosis found
// (`diagnosis.blockingLayer`), the mappings between them, and their nouns and labels, each written
// once (docs/denial-grammar.md section 2.1). The panel, the request, the rules and the engine
// import these; no other module lists them (test/unit/architecture/one-list.test.ts).

/** The policy types a denial message names, in AWS's grammar. */
export const POLICY_TYPES = ['identity', 'resource', 'permissions-boundary', 'session', 'scp', 'rcp', 'vpc-endpoint', 'role-trust'] as const;
export type PolicyType = (typeof POLICY_TYPES)[number];

interface LayerWords {
  /** For a heading or a field: "Permissions boundary". */
  label: string;
  /** For the admin request's Layer field: "permissions boundary". */
  noun: string;
  /** In a sentence: "the permissions boundary", "a service control policy (SCP)". */
  phrase: string;
}

const policyLayer = (label: string, noun: string, phrase: string): LayerWords => ({ label, noun, phrase });

/** Every layer the explanation can name, with its words. */
export const LAYERS = {
  'identity-policy': policyLayer('Identity-based policy', 'identity-based policy', 'an identity-based policy'),
  'permissions-boundary': policyLayer('Permissions boundary', 'permissions boundary', 'the permissions boundary'),
  scp: policyLayer('Service control policy (SCP)', 'service control policy (SCP)', 'a service control policy (SCP)'),
  rcp: policyLayer('Resource control policy (RCP)', 'resource control policy (RCP)', 'a resource control policy (RCP)'),
  'session-policy': policyLayer('Session policy', 'session policy', 'a session policy'),
  'resource-policy': policyLayer('Resource-based policy', 'resource-based policy', 'a resource-based policy'),
  'vpc-endpoint-policy': policyLayer('VPC endpoint policy', 'VPC endpoint policy', 'a VPC endpoint policy'),
  'role-trust-policy': policyLayer('Role trust policy', 'role trust policy', 'the role trust policy'),
  'billing-access-setting': {
    label: 'Account setting "IAM user and role access to Billing information"',
    noun: 'the account setting "IAM user and role access to Billing information"',
    phrase: 'the account setting "IAM user and role access to Billing information"',
  },
  'cost-explorer-setting': {
    label: 'Cost Explorer access setting',
    noun: 'Cost Explorer access (a management-account setting)',
    phrase: "the management account's Cost Explorer access setting",
  },
  'management-account-context': {
    label: 'Management account context',
    noun: 'where the call was made from (management account context)',
    phrase: 'the management account context',
  },
  unknown: { label: 'Not decided from the message alone', noun: 'not decided from the message alone', phrase: 'a layer the message does not name' },
} as const satisfies Record<string, LayerWords>;

/** The layer that blocks the request (`explanation.layer`). */
export type Layer = keyof typeof LAYERS;

/** The layer each policy type of the message stands for. */
export const LAYER_OF_POLICY_TYPE: Readonly<Record<PolicyType, Layer>> = {
  identity: 'identity-policy',
  resource: 'resource-policy',
  'permissions-boundary': 'permissions-boundary',
  session: 'session-policy',
  scp: 'scp',
  rcp: 'rcp',
  'vpc-endpoint': 'vpc-endpoint-policy',
  'role-trust': 'role-trust-policy',
};

/** What a diagnosis found: a policy type, the billing setting, nothing, or nothing simulated. */
export type BlockingLayer = PolicyType | 'billing-access-setting' | 'none-found' | 'not-simulated';

const BLOCKING_WITHOUT_LAYER = { 'none-found': 'No blocking policy found', 'not-simulated': 'Not simulated' } as const;

/** The explanation's layer for what the diagnosis found, or null when it found none. */
export function layerOfBlocking(blocking: BlockingLayer | string | null | undefined): Layer | null {
  if (blocking === 'billing-access-setting') return 'billing-access-setting';
  return typeof blocking === 'string' && (POLICY_TYPES as readonly string[]).includes(blocking) ? LAYER_OF_POLICY_TYPE[blocking as PolicyType] : null;
}

export function isLayer(value: unknown): value is Layer {
  return typeof value === 'string' && Object.hasOwn(LAYERS, value);
}

/** A table keyed by `keys`; pure, so bundles that use none of the tables drop them (the content script). */
function tableOf<K extends string>(keys: readonly K[] | Readonly<Record<K, unknown>>, value: (key: K) => string): Readonly<Record<K, string>> {
  const list = (Array.isArray(keys) ? keys : Object.keys(keys)) as K[];
  return Object.fromEntries(list.map((key) => [key, value(key)])) as Record<K, string>;
}

export const LAYER_LABEL = /* @__PURE__ */ tableOf<Layer>(LAYERS, (layer) => LAYERS[layer].label);

export const POLICY_TYPE_LABEL = /* @__PURE__ */ tableOf(POLICY_TYPES, (type) => LAYERS[LAYER_OF_POLICY_TYPE[type]].label);

/** "an identity-based policy", "the permissions boundary": a policy type in a sentence. */
export const POLICY_TYPE_PHRASE = /* @__PURE__ */ tableOf(POLICY_TYPES, (type) => LAYERS[LAYER_OF_POLICY_TYPE[type]].phrase);

export const BLOCKING_LAYER_LABEL: Readonly<Record<BlockingLayer, string>> = /* @__PURE__ */ Object.assign(
  /* @__PURE__ */ tableOf(['billing-access-setting'] as const, (layer) => LAYERS[layer].label),
  POLICY_TYPE_LABEL,
  BLOCKING_WITHOUT_LAYER,
);
