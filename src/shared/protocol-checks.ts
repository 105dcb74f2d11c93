// Shape checks for the core types that cross the message boundary.
import { POLICY_TYPES } from '../core/knowledge/layers.ts';
import { nullable, obj, oneOf, optional, str, bool, type Check } from './validate.ts';

const s = nullable(str(8192));

export const denialCheck: Check = obj({
  principalArn: s,
  principalType: nullable(oneOf('user', 'role', 'assumed-role', 'federated-user', 'root', 'service')),
  accountId: nullable(str(12)),
  action: s,
  resource: s,
  policyType: nullable(oneOf(...POLICY_TYPES)),
  denyKind: oneOf('explicit', 'implicit', 'unknown'),
  policyArn: s,
  authorizationId: nullable(str(256)),
  cause: nullable(
    oneOf('iam-billing-access-not-activated', 'cost-explorer-not-enabled', 'linked-account-cost-explorer-disabled', 'management-account-standalone-context'),
  ),
  meta: obj({
    form: oneOf('api-sentence', 'console-alert', 'billing-banner', 'service-message'),
    partial: bool,
    message: str(65_536),
    reason: s,
    troubleshooterUrl: s,
    encodedMessage: nullable(str(65_536)),
    hintAction: s,
    errorCode: nullable(str(256)),
    principalSource: nullable(oneOf('message', 'page')),
    request: optional(obj({ method: str(16), path: str(2048) })),
  }),
});

export const diagnosisStepCheck: Check = obj({
  id: oneOf('aws-record', 'identity', 'resolve-principal', 'fetch-named-policy', 'simulate', 'what-if', 'read-scps', 'evaluate-locally'),
  label: str(500),
  state: oneOf('running', 'done', 'skipped', 'failed'),
  detail: optional(str(2000)),
});
