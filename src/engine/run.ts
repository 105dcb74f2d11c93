// What every diagnosis module gets: the denial, the target, the AWS session and the step log.

import type { Denial } from '../core/denial.ts';
import type { RecordReading } from '../core/diagnosis.ts';
import type { PassRoleFacts } from './pass-role.ts';
import type { RequestContext } from './request-context.ts';
import type { AwsSession } from './session.ts';
import type { StepLog } from './steps.ts';
import type { AwsTarget } from './target.ts';

export interface Run {
  denial: Denial;
  target: AwsTarget;
  session: AwsSession;
  steps: StepLog;
  now: Date;
  /** Set by the aws-record step when the message carries an authorization ID. */
  record?: RecordReading;
  /** The request context AWS recorded, when its record was read but the simulation still runs. */
  recordedContext?: RequestContext;
  /** The resource is in another account than the caller's (cross-account): RCPs are that account's, not the caller's. */
  resourceElsewhere?: boolean;
  /** For iam:PassRole: the role and the service it is passed to. */
  passRole?: PassRoleFacts | null;
}
