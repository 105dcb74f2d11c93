// The result of diagnosing one denial with credentials (background engine, CLI `--profile`).
// Pure data: it crosses the message boundary to the panel and is printed by the CLI.

import type { PolicyType } from './denial.ts';
import type { BlockingLayer } from './knowledge/layers.ts';
import type { PolicyStatement } from './explanation.ts';
import type { ChecklistTopic } from './rules/checklist-topics.ts';

export type DiagnosisStepId =
  | 'aws-record' // IAM Toolbox GetRequestAuthorizationDetails / GetRequestAuthorizationPolicy
  | 'identity' // STS GetCallerIdentity on the profile
  | 'resolve-principal' // GetRole / GetUser, boundary lookup
  | 'fetch-named-policy' // the policy ARN from the message
  | 'simulate' // SimulatePrincipalPolicy
  | 'what-if' // re-runs with changed context keys
  | 'read-scps' // Organizations ListParents / ListPoliciesForTarget / DescribePolicy
  | 'evaluate-locally'; // iam-simulate over the fetched SCPs / RCPs

export interface DiagnosisStep {
  id: DiagnosisStepId;
  label: string;
  state: 'running' | 'done' | 'skipped' | 'failed';
  detail?: string;
}

/** One piece of evidence: which call said what. */
export interface Evidence {
  call: string; // e.g. "iam:SimulatePrincipalPolicy"
  said: string; // e.g. "EvalDecision=explicitDeny, matched FinanceGuardrails/DenyCE"
}

export type { BlockingLayer };

export interface BlockingPolicy {
  policyType: PolicyType;
  /** Policy name, or the SCP name from DescribePolicy. */
  name: string | null;
  arn: string | null;
  /** Where it is attached: user, group, role, OU id, root id, account id. */
  attachedTo: string | null;
  statementSid: string | null;
  statement: PolicyStatement | null;
  /** Link to the policy in the IAM or Organizations console. */
  consoleUrl: string | null;
  /** A resource-based policy's account: the one that holds the resource (aws:ResourceAccount in AWS's record). */
  resourceAccount?: string;
  /** The statement is the text AWS evaluated at the time of the denial (from its record), not today's. */
  capturedAtDenial?: boolean;
  /** The policy reads differently now than when AWS evaluated it; null when that could not be compared. */
  changedSinceDenial?: boolean | null;
  /** Today's version, read on request ("Compare with today's policy") after a diagnosis from AWS's record. */
  todaysVersion?: TodaysVersion;
}

/** What reading a recorded policy's current version found. */
export interface TodaysVersion {
  /**
   * unchanged: the deciding statement reads as AWS evaluated it; changed: it reads differently, or the policy no
   * longer holds it (statement null); deleted: AWS answered NoSuchEntity; unread: the read failed (see message).
   */
  state: 'unchanged' | 'changed' | 'deleted' | 'unread';
  /** The statement as it reads today, when it changed and is still there. */
  statement: PolicyStatement | null;
  /** What was found or, when unread, why and what stays unchecked. */
  message: string;
  /** For a refused read: the IAM action the profile lacks. */
  permission?: string;
  /** AWS calls the read made. */
  awsCalls: number;
  checkedAt: number;
}

/** One account's part in a cross-account denial, with the request for that account's admin. */
export interface AccountSide {
  account: string;
  role: 'caller' | 'resource-owner';
  state: 'allows' | 'denies' | 'unknown';
  summary: string;
  /** What that account's admin is asked to change. */
  request: { text: string; statement: PolicyStatement };
  /** The deciding statement, when read (e.g. of the role's trust policy). */
  statement?: PolicyStatement;
}

/** How the diagnosis used AWS's own record of the denial (IAM Access Troubleshooter). */
export interface RecordReading {
  authorizationId: string;
  /** True when the verdict comes from the record. */
  used: boolean;
  /** Why the record was not used and the diagnosis simulated instead. */
  reason: string | null;
  pages: number;
  /** When AWS evaluated the request (the record's aws:CurrentTime), for "has it changed since". */
  deniedAt?: string | null;
}

export type DiagnosisFailureKind =
  | 'missing-permission'
  | 'throttled'
  | 'expired-credentials'
  | 'invalid-credentials'
  | 'clock-skew'
  | 'network'
  | 'server-error'
  | 'not-simulatable'
  | 'no-profile'
  | 'sign-in-required'
  | 'unknown';

export interface DiagnosisProblem {
  kind: DiagnosisFailureKind;
  message: string;
  /** For missing-permission: the exact IAM action the profile lacked. */
  permission?: string;
  /** What the diagnosis could not check because of this problem. */
  couldNotCheck?: string;
  /**
   * The same, as the explanation's checklist topics this problem leaves open (the engine knows them per call);
   * absent when it cannot be told which, so every topic stays open.
   */
  uncheckedTopics?: ChecklistTopic[];
}

export interface Diagnosis {
  /** done: a verdict was reached; partial: a verdict with gaps; failed: fell back to the offline explanation. */
  status: 'done' | 'partial' | 'failed';
  blockingLayer: BlockingLayer;
  /** One line, shown first in the panel. */
  verdict: string;
  blocking: BlockingPolicy[];
  /** Conditions that decide the result, from what-if runs ("allowed with MFA"). */
  decidingConditions: string[];
  /** The context keys behind `decidingConditions` (e.g. "aws:MultiFactorAuthPresent"), for code and tests. */
  decidingKeys?: string[];
  evidence: Evidence[];
  problems: DiagnosisProblem[];
  /** Minimal read-only policy that would let the profile diagnose, when a permission was missing. */
  diagnosticPolicySuggestion: string | null;
  steps: DiagnosisStep[];
  /** The profile (or Identity Center role) used, by display name. */
  usedProfile: string | null;
  /** Present when the message carried an authorization ID. */
  awsRecord?: RecordReading | null;
  /** The statement that fixes it, when the diagnosis knows it exactly (iam:PassRole with iam:PassedToService). */
  suggestedStatement?: PolicyStatement | null;
  /** Cross-account access: each account's side and the request for its admin. */
  accountSides?: AccountSide[];
  awsCalls: number;
  fromCache: boolean;
  finishedAt: number;
}
