// Words the panel shows for the core's enumerations. Data, so wording changes in one place.
import type { PrincipalType, PolicyType } from '../../core/denial.ts';
import type { BlockingLayer, DiagnosisStep } from '../../core/diagnosis.ts';
import type { Confidence, Layer } from '../../core/explanation.ts';
import type { ProfileSummary } from '../../shared/protocol.ts';

export const LAYER_LABEL: Record<Layer, string> = {
  'identity-policy': 'Identity-based policy',
  'permissions-boundary': 'Permissions boundary',
  scp: 'Service control policy (SCP)',
  rcp: 'Resource control policy (RCP)',
  'session-policy': 'Session policy',
  'resource-policy': 'Resource-based policy',
  'vpc-endpoint-policy': 'VPC endpoint policy',
  'role-trust-policy': 'Role trust policy',
  'billing-access-setting': 'Account setting "IAM user and role access to Billing information"',
  'cost-explorer-setting': 'Cost Explorer access setting',
  'management-account-context': 'Management account context',
  unknown: 'Not decided from the message alone',
};

export const POLICY_TYPE_LABEL: Record<PolicyType, string> = {
  identity: 'Identity-based policy',
  resource: 'Resource-based policy',
  'permissions-boundary': 'Permissions boundary',
  session: 'Session policy',
  scp: 'Service control policy',
  rcp: 'Resource control policy',
  'vpc-endpoint': 'VPC endpoint policy',
  'role-trust': 'Role trust policy',
};

export const BLOCKING_LAYER_LABEL: Record<BlockingLayer, string> = {
  ...POLICY_TYPE_LABEL,
  'billing-access-setting': 'Billing access account setting',
  'none-found': 'No blocking policy found',
  'not-simulated': 'Not simulated',
};

export const PRINCIPAL_TYPE_LABEL: Record<PrincipalType, string> = {
  user: 'IAM user',
  role: 'IAM role',
  'assumed-role': 'assumed-role session',
  'federated-user': 'federated user',
  root: 'root user',
  service: 'service principal',
};

export const CONFIDENCE_LABEL: Record<Confidence, string> = {
  high: 'High confidence',
  medium: 'Medium confidence',
  low: 'Low confidence',
};

export const STEP_STATE_LABEL: Record<DiagnosisStep['state'], string> = {
  running: 'running',
  done: 'done',
  skipped: 'skipped',
  failed: 'failed',
};

export const PROFILE_STATE_LABEL: Record<ProfileSummary['state'], string> = {
  ready: 'ready',
  locked: 'locked',
  'sign-in-required': 'sign-in required',
  untested: 'not tested yet',
};

export const DIAGNOSIS_STATUS_LABEL = {
  done: 'Diagnosis complete',
  partial: 'Partial diagnosis',
  failed: 'Diagnosis failed: showing the explanation from the message',
} as const;
