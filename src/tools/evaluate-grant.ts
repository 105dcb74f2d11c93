// Does one IAM policy document grant one action? Evaluated with iam-simulate as an identity policy of
// a principal in the same account as the resource, never inferred from patterns. Used by the compile
// step (which claims to ship) and by the tests that re-evaluate every shipped claim.

import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';

export type Grant = 'granted' | 'conditional' | 'not-granted';

const ACCOUNT = '111111111111';
const PRINCIPAL = `arn:aws:iam::${ACCOUNT}:role/why-denied-evaluation`;

interface Statement {
  Effect?: string;
  Condition?: unknown;
  [key: string]: unknown;
}

function statementsOf(document: unknown): Statement[] {
  const statement = (document as { Statement?: unknown }).Statement;
  if (Array.isArray(statement)) return statement as Statement[];
  return statement && typeof statement === 'object' ? [statement as Statement] : [];
}

/** The document with the Condition blocks of its Allow statements removed (Deny statements kept as they are). */
function withoutAllowConditions(document: unknown): unknown {
  return {
    ...(document as object),
    Statement: statementsOf(document).map((statement) => {
      if (statement.Effect !== 'Allow' || statement.Condition === undefined) return statement;
      const { Condition: _dropped, ...rest } = statement;
      return rest;
    }),
  };
}

async function allows(document: unknown, action: string): Promise<boolean> {
  const simulation: Simulation = {
    request: {
      principal: PRINCIPAL,
      action,
      // A wildcard resource asks whether any resource of the action's types is allowed.
      resource: { resource: '*', accountId: ACCOUNT },
      contextVariables: {},
    },
    identityPolicies: [{ name: 'policy', policy: document }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  };
  const run = await runSimulation(simulation, {});
  if (run.resultType === 'error') throw new Error(`iam-simulate could not evaluate ${action}: ${JSON.stringify(run.errors)}`);
  return run.overallResult === 'Allowed';
}

/**
 * "granted" when the document allows the action with no request context at all; "conditional" when it
 * allows it only once the conditions of its Allow statements hold; otherwise "not-granted".
 */
export async function evaluateGrant(document: unknown, action: string): Promise<Grant> {
  if (await allows(document, action)) return 'granted';
  const conditional = statementsOf(document).some((statement) => statement.Effect === 'Allow' && statement.Condition !== undefined);
  if (conditional && (await allows(withoutAllowConditions(document), action))) return 'conditional';
  return 'not-granted';
}
