// The IAM Access Troubleshooter (preview) has AWS's own analysis of the denial: every evaluated
// policy and the matching statements. When the message carries an authorization ID, offer it first.

import { PRECEDENCE, contribution, type Rule } from './contribution.ts';
import { DOCS } from '../knowledge/docs.ts';
import { accessTroubleshooterUrl, trustedTroubleshooterUrl } from '../knowledge/console-links.ts';

export const authorizationId: Rule = (facts) => {
  const id = facts.authorizationId;
  const url = trustedTroubleshooterUrl(facts.troubleshooterUrl) ?? (id ? accessTroubleshooterUrl(id, facts.partition) : null);
  if (!id && !url) return null;
  const out = contribution(PRECEDENCE.advice);
  // Troubleshooter link first, its documentation second.
  if (url) out.firstLinks.push({ label: "AWS's analysis of this denial (IAM Access Troubleshooter)", url });
  out.firstLinks.push(DOCS.accessTroubleshooter);
  out.firstSteps.push(
    url
      ? `First open AWS's own analysis of this denial at ${url}. It lists every policy that was evaluated and the statements that matched. AWS keeps it for at least 24 hours; reading it needs iam:GetRequestAuthorizationDetails.`
      : `First read AWS's own analysis: call GetRequestAuthorizationDetails (IAM Access Troubleshooter) with authorization ID ${id}. It lists every policy that was evaluated and the statements that matched.`,
  );
  out.confidenceReasons.push('The message carries an authorization ID: AWS has the full evaluation, so open it to confirm.');
  return out;
};
