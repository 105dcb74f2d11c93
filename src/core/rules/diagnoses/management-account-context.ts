// Account Management API calls that fail because of where they were made from, not because of a
// policy: the management account can only be managed in the standalone context, and managing
// member accounts needs trusted access for AWS Account Management.

import type { Explainer } from '../draft.ts';
import { addLink } from '../draft.ts';
import { DOCS } from '../../knowledge/docs.ts';

const TRUSTED_ACCESS_REASON = /enable trusted access with AWS Account Management/i;

export const managementAccountContext: Explainer = (facts, draft) => {
  if (facts.cause === 'management-account-standalone-context') {
    draft.layer = 'management-account-context';
    draft.verdict =
      'The management account can only be managed in the standalone context: the call treated it as a member account (with an AccountId), which AWS does not allow.';
    draft.change =
      'Sign in to the management account itself and make the change there: in the console, its own Account page; with the API or CLI, leave out the AccountId parameter.';
    draft.fixer = 'management-account-admin';
    draft.fixerText = "someone signed in to the organization's management account itself";
    draft.steps = [
      'Sign in to the management account (not to a member or delegated administrator account).',
      'Open the Account page there, or call the Account Management API without --account-id.',
    ];
    draft.confidence = 'high';
    draft.confidenceReasons = ['The message gives the reason: the management account can only be managed using the standalone context.'];
    draft.links = [];
    addLink(draft, DOCS.accountManagementContext);
    return;
  }
  if (facts.reason && TRUSTED_ACCESS_REASON.test(facts.reason)) {
    draft.layer = 'management-account-context';
    draft.verdict =
      'Your organization has not enabled trusted access for AWS Account Management, so member accounts cannot be managed from the management account or a delegated administrator.';
    draft.change = 'In the management account, enable trusted access for AWS Account Management.';
    draft.fixer = 'organization-admin';
    draft.fixerText = "an administrator of the organization's management account";
    draft.steps = [
      'Sign in to the management account.',
      'In the Organizations console choose Services, then AWS Account Management, then "Enable trusted access"; or run: aws organizations enable-aws-service-access --service-principal account.amazonaws.com',
    ];
    draft.confidence = 'high';
    draft.confidenceReasons = ['The message gives the reason: trusted access with AWS Account Management is not enabled.'];
    draft.links = [];
    addLink(draft, DOCS.accountTrustedAccess);
  }
};
