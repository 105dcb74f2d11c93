// Words the panel shows for the core's enumerations. Data, so wording changes in one place.
import type { PrincipalType } from '../../core/denial.ts';
import type { DiagnosisStep } from '../../core/diagnosis.ts';
import type { Confidence } from '../../core/explanation.ts';
import type { ProfileSummary } from '../../shared/protocol.ts';

// Layer and policy-type labels are written once, in core/knowledge/layers.ts.
export { LAYER_LABEL, POLICY_TYPE_LABEL } from '../../core/knowledge/layers.ts';

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
