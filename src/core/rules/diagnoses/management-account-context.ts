// Account Management API calls that fail because of where they were made from, not because of a
// policy: the management account can only be managed in the standalone context, and managing
// member accounts needs trusted access for AWS Account Management.

import { PRECEDENCE, contribution, type Rule } from '../contribution.ts';
import { DOCS } from '../../knowledge/docs.ts';

const TRUSTED_ACCESS_REASON = /enable trusted access with AWS Account Management/i;

export const managementAccountContext: Rule = (facts) => {
  const out = contribution(PRECEDENCE.accountSetting);
  out.replacesSteps = true;
  out.replacesConfidenceReasons = true;
  out.replacesLinks = true;
  if (facts.cause === 'management-account-standalone-context') {
    out.layer = 'management-account-context';
    out.verdict =
      'The management account can only be managed in the standalone context: the call treated it as a member account (with an AccountId), which AWS does not allow.';
    out.change =
      'Sign in to the management account itself and make the change there: in the console, its own Account page; with the API or CLI, leave out the AccountId parameter.';
    out.fixer = 'management-account-admin';
    out.fixerText = "someone signed in to the organization's management account itself";
    out.steps = [
      'Sign in to the management account (not to a member or delegated administrator account).',
      'Open the Account page there, or call the Account Management API without --account-id.',
    ];
    out.confidence = 'high';
    out.confidenceReasons = ['The message gives the reason: the management account can only be managed using the standalone context.'];
    out.links.push(DOCS.accountManagementContext);
    return out;
  }
  if (facts.reason && TRUSTED_ACCESS_REASON.test(facts.reason)) {
    out.layer = 'management-account-context';
    out.verdict =
      'Your organization has not enabled trusted access for AWS Account Management, so member accounts cannot be managed from the management account or a delegated administrator.';
    out.change = 'In the management account, enable trusted access for AWS Account Management.';
    out.fixer = 'organization-admin';
    out.fixerText = "an administrator of the organization's management account";
    out.steps = [
      'Sign in to the management account.',
      'In the Organizations console choose Services, then AWS Account Management, then "Enable trusted access"; or run: aws organizations enable-aws-service-access --service-principal account.amazonaws.com',
    ];
    out.confidence = 'high';
    out.confidenceReasons = ['The message gives the reason: trusted access with AWS Account Management is not enabled.'];
    out.links.push(DOCS.accountTrustedAccess);
    return out;
  }
  return null;
};
