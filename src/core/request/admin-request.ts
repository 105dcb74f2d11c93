// The request for the administrator: who was denied, what they did and where, what blocks it, the
// exact change (statement + commands, or the root-only steps), what is still open, and the original
// message verbatim. A Diagnosis, when given, names the blocking policy, Sid and deciding conditions.

import type { Denial } from '../denial.ts';
import type { BlockingPolicy, Diagnosis } from '../diagnosis.ts';
import type { Explanation, Layer, Link, PolicyDocument } from '../explanation.ts';
import { allowPolicy, leastPrivilegeStatement } from '../rules/suggested-policy.ts';
import { deriveFacts, type DenialFacts } from '../rules/facts.ts';
import { policyConsoleUrl } from '../knowledge/console-links.ts';
import { LAYERS, isLayer, layerOfBlocking } from '../knowledge/layers.ts';
import { maskedAccountOf } from '../parse/principal.ts';
import { identityRoute } from './routes/attach-allow.ts';
import { boundaryRoute } from './routes/boundary.ts';
import { identityDenyRoute } from './routes/identity-deny.ts';
import { organizationsRoute } from './routes/organizations.ts';
import { diagnosedFixBlocks } from './diagnosed-fixes.ts';
import { render, type Block } from './document.ts';
import { isSafeUrl } from './text-safety.ts';

export type RequestFormat = 'text' | 'markdown';

export interface AdminRequestInput {
  denial: Denial;
  explanation: Explanation;
  pageUrl: string | null;
  diagnosis?: Diagnosis | null;
  requester?: string | null;
  /** Who to contact, as the organization's managed configuration names its admin. */
  admin?: AdminContact | null;
}

/** Who the request goes to, as an organization names its admin (empty strings when not set). */
export interface AdminContact {
  name: string;
  email: string;
  url: string;
}

function requesterName(facts: DenialFacts): string {
  const { principal } = facts;
  if (principal.permissionSet) return `${principal.sessionName ?? 'a user'} (permission set ${principal.permissionSet})`;
  if (principal.type === 'assumed-role') return `${principal.sessionName ?? 'a session'} (role ${principal.roleName ?? 'unknown'})`;
  if (principal.type === 'root') return 'the root user';
  return principal.name ?? principal.accountId ?? 'me';
}

function title(facts: DenialFacts, explanation: Explanation): string {
  if (explanation.layer === 'billing-access-setting') return 'Request: activate IAM access to billing information';
  if (explanation.layer === 'cost-explorer-setting') return 'Request: give this account access to Cost Explorer';
  const who = requesterName(facts);
  return facts.action ? `Access request: ${facts.canonicalAction} for ${who}` : `Access request: billing information for ${who}`;
}

/** The request's title, as an email subject or a ticket's summary. */
export function adminRequestSubject(input: AdminRequestInput): string {
  return title(deriveFacts(input.denial, { pageUrl: input.pageUrl ?? null }), completeExplanation(input.explanation));
}

/** The blocking layer in words (the diagnosis's when it reached one). */
export function layerName(input: AdminRequestInput): string {
  const layer = effectiveLayer(completeExplanation(input.explanation), input.diagnosis);
  return LAYERS[layer]?.noun ?? layer;
}

function contactBlocks(admin: AdminContact | null | undefined): Block[] {
  const to = [admin?.name, admin?.email && `<${admin.email}>`, admin?.url].filter(Boolean).join(' ');
  return to ? [{ kind: 'field', label: 'To', value: to, code: false }] : [];
}

function summary(input: AdminRequestInput, facts: DenialFacts, explanation: Explanation): Block[] {
  const { principal } = facts;
  const fromPage = input.denial?.meta?.principalSource === 'page' ? ' (the signed-in identity on the page; the message names none)' : '';
  const blocks: Block[] = [
    { kind: 'paragraph', text: explanation.reading || 'A request was denied in the AWS Billing and Cost Management console.' },
    { kind: 'field', label: 'Who', value: principal.arn ? `${principal.arn}${fromPage}` : 'not named in the message' , code: Boolean(principal.arn) && !fromPage },
  ];
  if (principal.accountId) blocks.push({ kind: 'field', label: 'Account', value: principal.accountId, code: true });
  else if (maskedAccountOf(principal.arn) !== null) blocks.push({ kind: 'field', label: 'Account', value: 'masked in the copied message: please add the 12-digit account ID' });
  if (principal.permissionSet) blocks.push({ kind: 'field', label: 'IAM Identity Center permission set', value: principal.permissionSet, code: true });
  blocks.push({ kind: 'field', label: 'Action', value: facts.canonicalAction ?? 'not named in the message', code: Boolean(facts.action) });
  if (facts.resource.value) blocks.push({ kind: 'field', label: 'Resource', value: facts.resource.value, code: true });
  if (facts.policyArn) blocks.push({ kind: 'field', label: 'Policy named in the message', value: facts.policyArn, code: true });
  const pageUrl = input.pageUrl ?? facts.pageUrl;
  if (pageUrl) blocks.push({ kind: 'field', label: facts.page ? `Page (${facts.page.name})` : 'Page', value: pageUrl, code: true });
  if (input.requester) blocks.push({ kind: 'field', label: 'Requested by', value: input.requester });
  blocks.push(
    { kind: 'field', label: 'What blocks it', value: explanation.verdict },
    { kind: 'field', label: 'Layer', value: LAYERS[explanation.layer]?.noun ?? explanation.layer },
    { kind: 'field', label: 'Who can fix it', value: explanation.fixerText },
    { kind: 'field', label: 'Confidence', value: `${explanation.confidence}: ${explanation.confidenceReasons.join(' ')}` },
  );
  return blocks;
}

function blockingPolicyBlocks(policy: BlockingPolicy): Block[] {
  const parts = [
    `${policy.policyType}${policy.name ? ` ${policy.name}` : ''}`,
    policy.arn ? `ARN ${policy.arn}` : null,
    policy.attachedTo ? `attached to ${policy.attachedTo}` : null,
    policy.statementSid ? `statement Sid ${policy.statementSid}` : policy.statement ? 'statement without a Sid' : null,
  ].filter((part): part is string => part !== null);
  const blocks: Block[] = [{ kind: 'list', items: [`Blocking policy: ${parts.join(', ')}.`] }];
  if (policy.statement) blocks.push({ kind: 'code', language: 'json', text: JSON.stringify(policy.statement, null, 2) });
  const url = policy.consoleUrl && isSafeUrl(policy.consoleUrl) ? policy.consoleUrl : policyConsoleUrl(policy.arn);
  if (url) blocks.push({ kind: 'links', links: [{ label: `Open ${policy.name ?? policy.arn ?? 'the policy'}`, url }] });
  return blocks;
}

function diagnosisBlocks(diagnosis: Diagnosis): Block[] {
  const blocks: Block[] = [{ kind: 'heading', text: 'Diagnosis (checked with credentials)' }];
  if (diagnosis.status === 'failed') {
    blocks.push({ kind: 'paragraph', text: 'The diagnosis with credentials failed, so this request relies on the message alone.' });
  } else {
    blocks.push({ kind: 'paragraph', text: diagnosis.verdict });
    if (diagnosis.status === 'partial') blocks.push({ kind: 'paragraph', text: 'The diagnosis is partial: some checks could not run (see below).' });
  }
  for (const policy of diagnosis.blocking ?? []) blocks.push(...blockingPolicyBlocks(policy));
  if ((diagnosis.decidingConditions ?? []).length > 0)
    blocks.push({ kind: 'paragraph', text: 'Deciding conditions:' }, { kind: 'list', items: diagnosis.decidingConditions });
  const problems = (diagnosis.problems ?? []).map((problem) =>
    [problem.message, problem.permission ? `(missing ${problem.permission})` : '', problem.couldNotCheck ? `Not checked: ${problem.couldNotCheck}.` : '']
      .filter(Boolean)
      .join(' '),
  );
  if (problems.length > 0) blocks.push({ kind: 'paragraph', text: 'Could not check:' }, { kind: 'list', items: problems });
  return blocks;
}

/** The layer to write the change for: the diagnosis's when it reached one, else the explanation's. */
function effectiveLayer(explanation: Explanation, diagnosis: Diagnosis | null | undefined): Layer {
  if (!diagnosis || diagnosis.status === 'failed') return explanation.layer;
  return layerOfBlocking(diagnosis.blockingLayer) ?? explanation.layer;
}

function boundaryStatement(facts: DenialFacts): PolicyDocument | null {
  if (facts.denyKind === 'explicit') return null;
  const built = leastPrivilegeStatement(facts);
  return built ? allowPolicy(built.statement) : null;
}

function changeBlocks(facts: DenialFacts, explanation: Explanation, diagnosis: Diagnosis | null | undefined): Block[] {
  const layer = effectiveLayer(explanation, diagnosis);
  const blocks: Block[] = [{ kind: 'heading', text: 'The change' }];
  const diagnosed = (diagnosis?.blocking ?? []).filter((policy) => policy.statement?.Effect === 'Deny');
  for (const policy of diagnosed)
    blocks.push({
      kind: 'paragraph',
      text: `Narrow or remove ${policy.statementSid ? `statement ${policy.statementSid}` : 'the Deny statement shown above'} in ${policy.name ?? policy.arn ?? 'the blocking policy'}.`,
    });
  blocks.push({ kind: 'paragraph', text: explanation.change }, ...diagnosedFixBlocks(diagnosis));
  const identityFix = explanation.suggestedPolicy && (layer === 'identity-policy' || layer === 'unknown') && diagnosed.length === 0;
  if (identityFix && explanation.suggestedPolicy) {
    blocks.push(
      { kind: 'paragraph', text: 'Least-privilege policy to grant:' },
      { kind: 'code', language: 'json', text: JSON.stringify(explanation.suggestedPolicy, null, 2) },
      ...identityRoute(facts, explanation.suggestedPolicy),
    );
  } else if (layer === 'identity-policy' && facts.denyKind === 'explicit' && diagnosed.length === 0) {
    blocks.push(...identityDenyRoute(facts, facts.policyType === 'identity' ? facts.policyArn : null));
  } else if (layer === 'permissions-boundary') {
    const statement = boundaryStatement(facts);
    if (statement) blocks.push({ kind: 'paragraph', text: 'Statement the boundary must allow:' }, { kind: 'code', language: 'json', text: JSON.stringify(statement, null, 2) });
    blocks.push(...boundaryRoute(facts, facts.policyType === 'permissions-boundary' ? facts.policyArn : null));
  } else if (layer === 'scp' || layer === 'rcp') {
    blocks.push(...organizationsRoute(facts, layer, facts.policyArn));
  }
  if (explanation.steps.length > 0) blocks.push({ kind: 'heading', text: 'Steps' }, { kind: 'list', items: explanation.steps, ordered: true });
  return blocks;
}

function linkBlocks(links: readonly Link[]): Block[] {
  return links.length > 0 ? [{ kind: 'heading', text: 'Links' }, { kind: 'links', links: [...links] }] : [];
}

/** Fills missing parts of an explanation that crossed a message boundary, so formatting never throws. */
function completeExplanation(explanation: Partial<Explanation> | null | undefined): Explanation {
  const e = explanation ?? {};
  const list = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);
  const str = (value: unknown, fallback: string): string => (typeof value === 'string' && value.length > 0 ? value : fallback);
  return {
    reading: str(e.reading, ''),
    verdict: str(e.verdict, 'not known'),
    layer: isLayer(e.layer) ? e.layer : 'unknown',
    change: str(e.change, 'See the original message below.'),
    fixer: e.fixer ?? 'unknown',
    fixerText: str(e.fixerText, 'your AWS administrator'),
    steps: list(e.steps).filter((step): step is string => typeof step === 'string'),
    confidence: e.confidence ?? 'low',
    confidenceReasons: list(e.confidenceReasons).filter((reason): reason is string => typeof reason === 'string'),
    links: list(e.links).filter((link) => typeof link?.url === 'string' && typeof link.label === 'string'),
    notes: list(e.notes).filter((note) => typeof note?.text === 'string'),
    suggestedPolicy: e.suggestedPolicy ?? null,
    checklist: list(e.checklist).filter((item): item is string => typeof item === 'string'),
    managedPolicies: Array.isArray(e.managedPolicies) ? e.managedPolicies.filter((policy) => typeof policy?.name === 'string') : null,
  };
}

export function formatAdminRequest(input: AdminRequestInput, format: RequestFormat): string {
  const explanation = completeExplanation(input?.explanation);
  const facts = deriveFacts(input?.denial, { pageUrl: input?.pageUrl ?? null });
  const output = format === 'markdown' ? 'markdown' : 'text';
  try {
    const blocks: Block[] = [
      { kind: 'title', text: title(facts, explanation) },
      ...contactBlocks(input.admin),
      ...summary(input, facts, explanation),
      ...(input.diagnosis ? diagnosisBlocks(input.diagnosis) : []),
      ...changeBlocks(facts, explanation, input.diagnosis),
    ];
    if (explanation.notes.length > 0)
      blocks.push({ kind: 'heading', text: 'Good to know' }, { kind: 'list', items: explanation.notes.map((note) => note.text) });
    if (explanation.checklist.length > 0)
      blocks.push(
        { kind: 'heading', text: 'Still open: please check' },
        { kind: 'paragraph', text: 'The message does not decide these; each one can cause this denial.' },
        { kind: 'list', items: explanation.checklist },
      );
    blocks.push(...linkBlocks(explanation.links));
    blocks.push({ kind: 'verbatim', label: 'ORIGINAL MESSAGE', text: facts.message || '(no message text)' });
    return render(blocks, output);
  } catch (error) {
    // Malformed diagnosis data: still hand over what is certain, and the message itself.
    return render(
      [
        { kind: 'title', text: 'Access request' },
        { kind: 'paragraph', text: `why-denied could not format the full request (${error instanceof Error ? error.message : String(error)}).` },
        { kind: 'verbatim', label: 'ORIGINAL MESSAGE', text: facts.message || '(no message text)' },
      ],
      output,
    );
  }
}
