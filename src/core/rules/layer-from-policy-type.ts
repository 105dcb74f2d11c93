// The layer, from the policy type the message names (explicit or implicit), or an honest "unknown"
// when it names none. Billing-specific causes refine this afterwards.

import { PRECEDENCE, contribution, type Rule } from './contribution.ts';
import type { DenialFacts } from './facts.ts';
import { POLICY_TYPE_WORDING } from './policy-types.ts';
import { actionName, capitalize, fill, principalShort, resourcePhrase } from './words.ts';
import { bucketOf, resourcePolicyOf } from '../knowledge/console-links.ts';
import { DOCS } from '../knowledge/docs.ts';
import { LAYER_OF_POLICY_TYPE, POLICY_TYPE_PHRASE } from '../knowledge/layers.ts';

/** Where a principal's identity policies live. */
function attachments(facts: DenialFacts): string {
  switch (facts.principal.type) {
    case 'user':
      return 'its inline and managed policies, and those of its IAM groups';
    case 'role':
    case 'assumed-role':
      return 'the inline and managed policies of the role';
    case 'federated-user':
      return 'a federated user has the permissions of the IAM user that called GetFederationToken, limited by the policy passed then';
    default:
      return 'inline and managed policies of the user or role, and for a user those of its IAM groups';
  }
}

function slots(facts: DenialFacts): Record<string, string> {
  const named = facts.resource.value;
  const resourcePolicy = resourcePolicyOf(named);
  return {
    action: actionName(facts),
    who: principalShort(facts.principal),
    resource: resourcePhrase(facts),
    resourcePolicy,
    ResourcePolicy: capitalize(resourcePolicy),
    // Which kind of resource policy it is, where the resource does not say (a bucket's says it).
    resourcePolicyKinds: bucketOf(named) ? '' : ' (bucket policy, key policy, …)',
    theRole: !named ? 'the role' : named.startsWith('arn:') || named.startsWith('role ') ? named : `role ${named}`,
    attachments: attachments(facts),
  };
}

export const layerFromPolicyType: Rule = (facts) => {
  const values = slots(facts);
  const out = contribution(PRECEDENCE.message);
  if (facts.policyType) {
    const wording = POLICY_TYPE_WORDING[facts.policyType];
    const explicit = facts.denyKind === 'explicit';
    const deny = explicit ? wording.explicit : wording.implicit;
    out.layer = LAYER_OF_POLICY_TYPE[facts.policyType];
    out.verdict = fill(deny.verdict, values);
    out.change = fill(deny.change, values);
    out.fixer = wording.fixer;
    out.fixerText = wording.fixerText;
    // A named policy gets its own first step (policy-arn.ts); otherwise say where to look.
    if (!facts.policyArn) out.steps.push(fill(wording.whereToLook, values));
    if (explicit)
      out.steps.push(
        fill('Find the statement with "Effect": "Deny" whose Action matches {action} (wildcards such as "*" or a "service:*" count) and read its Condition: that is what decided.', values),
      );
    out.confidence = 'high';
    const source = facts.form === 'console-alert' ? "The console's Context line" : 'The message';
    const kind = explicit ? 'an explicit deny' : facts.denyKind === 'implicit' ? 'an implicit deny (no Allow matched)' : 'a denial of unstated kind';
    out.confidenceReasons.push(`${source} names the policy type explicitly (${POLICY_TYPE_PHRASE[facts.policyType]}) and says it is ${kind}.`);
    if (facts.policyType === 'scp' && explicit) {
      out.notes.push({
        kind: 'scp-wording',
        text: 'AWS has printed "explicit deny in a service control policy" also when an allow-list SCP only lacks an Allow. So the SCP may have a Deny statement that matches, or no Allow for this action at all: check both.',
      });
    }
    if (facts.transitiveVpcEndpoint) {
      out.steps.push(
        'The message says the deny came from a VPC endpoint policy "transitively through a service control policy": AWS says to fix this in the SCP, not in the endpoint policy.',
      );
      out.confidenceReasons.push('The deny reached the request through a VPC endpoint policy governed by an SCP, which counts as an SCP denial.');
    }
    out.links.push(wording.doc, DOCS.accessDenied);
    return out;
  }
  out.layer = 'unknown';
  if (facts.denyKind === 'explicit') {
    out.verdict = fill('An explicit Deny blocks {action}, but the message does not say which kind of policy holds it.', values);
    out.change = fill(
      'Find the Deny statement that matches {action} in the identity policies of {who}, its permissions boundary, the SCPs or the session policy, and narrow it.',
      values,
    );
    out.confidence = 'medium';
    out.confidenceReasons.push('The message says "explicit deny" but names no policy type.');
  } else {
    out.verdict = capitalize(fill('{who} is not allowed to use {action}; the message does not say which policy blocks it.', values));
    out.change = fill('Most often no identity-based policy of {who} allows {action}. Check the items below in order to find the layer.', values);
    out.confidence = 'low';
    out.confidenceReasons.push(
      facts.reason
        ? 'The message gives only a service-specific reason, no policy type.'
        : 'No context in the message: older services and many Billing APIs do not say which policy type denied the request.',
    );
  }
  out.links.push(DOCS.accessDenied, DOCS.evaluationLogic);
  return out;
};
