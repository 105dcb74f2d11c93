// The request for the administrator. It starts with the ask, in the requester's voice; then the facts
// an admin looks the denial up by (who, time, request ID), the policy to grant (covering what the page
// needs) and the commands with every known id filled in; then, under Details, the diagnosis, the
// background, what is still open, the original message verbatim, and the links.

import type { Denial } from '../denial.ts';
import type { BlockingPolicy, Diagnosis } from '../diagnosis.ts';
import type { Explanation, Layer, Link, PolicyDocument } from '../explanation.ts';
import { allowPolicy, leastPrivilegeStatement } from '../rules/suggested-policy.ts';
import { deriveFacts, type DenialFacts } from '../rules/facts.ts';
import { policyConsoleUrl } from '../knowledge/console-links.ts';
import { LAYERS, isLayer, layerOfBlocking } from '../knowledge/layers.ts';
import { consolePageForUrl } from '../knowledge/console-pages.ts';
import { maskedAccountOf } from '../parse/principal.ts';
import { askSentence, crossAccountAsks, type OtherDenial, type RequestCase } from './ask.ts';
import { openChecks } from '../rules/open-checks.ts';
import { diagnosedFixBlocks, sideAskBlocks, sidesOf } from './diagnosed-fixes.ts';
import { render, type Block } from './document.ts';
import { CONCRETE_ACTION, coveringPolicy, requestedActions } from './page-policy.ts';
import { requestIdOf, utcMinute } from './request-id.ts';
import { isAnswer } from '../request-group.ts';
import { identityRoute } from './routes/attach-allow.ts';
import { boundaryRoute } from './routes/boundary.ts';
import { identityDenyRoute } from './routes/identity-deny.ts';
import { organizationsRoute } from './routes/organizations.ts';
import { readableJson, shellBlock, type Route } from './routes/shared.ts';
import { inlinePolicyName } from './shell.ts';
import { isSafeUrl } from './text-safety.ts';
import { errorMessage } from '../text.ts';

export type RequestFormat = 'text' | 'markdown';

export interface AdminRequestInput {
  denial: Denial;
  explanation: Explanation;
  pageUrl: string | null;
  diagnosis?: Diagnosis | null;
  requester?: string | null;
  /** Who to contact, as the organization's managed configuration names its admin. */
  admin?: AdminContact | null;
  /** When the denial was seen; the time the request is built when not given. */
  deniedAt?: number | Date | null;
  /** Every action of a merged panel (one principal, one layer): the request asks for all of them. */
  actions?: string[] | null;
  /**
   * The other denials the request covers (a merged panel's, or those the popup combines across the tab's pages):
   * their pages, request IDs and messages go in too, and their actions are asked for when `actions` is not given.
   */
  alsoDenied?: readonly AlsoDenied[] | null;
}

/** Another denial of the same principal and layer that one request covers. */
export interface AlsoDenied {
  denial: Denial;
  pageUrl: string | null;
  deniedAt?: number | Date | null;
}

/** Who the request goes to, as an organization names its admin (empty strings when not set). */
export interface AdminContact {
  name: string;
  email: string;
  url: string;
}

/** The heading the admin's part ends at: the ask and the change come before it. */
export const DETAILS_HEADING = 'Details';

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
    fixerText: str(e.fixerText, 'the AWS administrator'),
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

/** The explanation's words are written for the requester; the request speaks to the admin. */
function forAdmin(text: string): string {
  return text
    .replace(/\s*\(whoever gave you your sign-in credentials\)/g, '')
    .replace(/ The request for your administrator asks for it\./g, '')
    .replace(/\b([Yy])our (?=AWS|organization|SSO|SCPs|network)/g, (_, y: string) => (y === 'Y' ? 'The ' : 'the '));
}

/** A diagnosis that reached something (not failed). */
function usableDiagnosis(diagnosis: Diagnosis | null | undefined): Diagnosis | null {
  return isAnswer(diagnosis) ? diagnosis : null;
}

function blockingOf(diagnosis: Diagnosis | null): BlockingPolicy[] {
  return Array.isArray(diagnosis?.blocking) ? diagnosis.blocking.filter((policy) => policy && typeof policy === 'object' && typeof policy.policyType === 'string') : [];
}

function requestCase(input: AdminRequestInput, facts: DenialFacts, explanation: Explanation): RequestCase {
  const diagnosis = usableDiagnosis(input.diagnosis);
  const blocking = blockingOf(diagnosis);
  const layer: Layer = (diagnosis && layerOfBlocking(diagnosis.blockingLayer)) ?? explanation.layer;
  const denying = blocking.find((policy) => policy.statement?.Effect === 'Deny') ?? null;
  const lacking = denying ? null : (blocking.find((policy) => policy.name || policy.arn) ?? null);
  const perAccount = sidesOf(diagnosis).length > 0;
  const others = othersOf(input);
  const actions = input.actions ?? others.flatMap(({ denial }) => (denial.action ? [denial.action] : []));
  return { facts, explanation, layer, wanted: requestedActions(facts, actions), denying, lacking, perAccount, others };
}

/** The other denials the request covers, as far as they are well formed (they may have crossed a message boundary). */
function othersOf(input: AdminRequestInput): OtherDenial[] {
  if (!Array.isArray(input.alsoDenied)) return [];
  return input.alsoDenied.flatMap((other: AlsoDenied | null | undefined) => {
    if (!other || typeof other.denial !== 'object' || other.denial === null) return [];
    const pageUrl = typeof other.pageUrl === 'string' ? other.pageUrl : null;
    const deniedAt = typeof other.deniedAt === 'number' || other.deniedAt instanceof Date ? other.deniedAt : null;
    return [{ denial: other.denial, facts: deriveFacts(other.denial, { pageUrl }), pageUrl, deniedAt }];
  });
}

/** A denial's page as the request names it: "the Bills page" where the page is known, else `fallback`. */
function pageLink(pageUrl: string, fallback: string): Link {
  const page = consolePageForUrl(pageUrl);
  return { label: page ? `the ${page.name} page` : fallback, url: pageUrl };
}

/** The request's ask in short, as an email subject or a ticket's summary. */
export function adminRequestSubject(input: AdminRequestInput): string {
  const explanation = completeExplanation(input.explanation);
  const facts = deriveFacts(input.denial, { pageUrl: input.pageUrl ?? null });
  return askSentence(requestCase(input, facts, explanation), true).replace(/\.$/, '');
}

/** The blocking layer: the diagnosis's when it reached one, else the message's. */
export function requestLayer(input: AdminRequestInput): Layer {
  return (usableDiagnosis(input.diagnosis) && layerOfBlocking(input.diagnosis?.blockingLayer)) ?? completeExplanation(input.explanation).layer;
}

/** The blocking layer in words. */
export function layerName(input: AdminRequestInput): string {
  return LAYERS[requestLayer(input)].noun;
}

function askBlock(c: RequestCase, input: AdminRequestInput, time: string): Block {
  const pageUrl = input.pageUrl ?? c.facts.pageUrl;
  const place: (string | Link)[] = pageUrl ? [' Denied on ', pageLink(pageUrl, 'this page'), ` at ${time}.`] : [` Denied at ${time}.`];
  const otherPages = [...new Set(c.others.flatMap((other) => (other.pageUrl && other.pageUrl !== pageUrl ? [other.pageUrl] : [])))];
  const alsoOn = otherPages.flatMap((url, i): (string | Link)[] => [i === 0 ? ' Also denied on ' : i === otherPages.length - 1 ? ' and ' : ', ', pageLink(url, 'a console page')]);
  return { kind: 'rich', parts: [askSentence(c), ...place, ...(alsoOn.length > 0 ? [...alsoOn, '.'] : [])] };
}

function factFields(c: RequestCase, input: AdminRequestInput, time: string): Block[] {
  const { facts } = c;
  const { principal } = facts;
  const field = (label: string, value: string, code = false): Block => ({ kind: 'field', label, value, code });
  const to = [input.admin?.name, input.admin?.email && `<${input.admin.email}>`, input.admin?.url].filter(Boolean).join(' ');
  const fromPage = input.denial?.meta?.principalSource === 'page';
  const requestId = requestIdOf(facts.message);
  const diagnosis = usableDiagnosis(input.diagnosis);
  return [
    ...(to ? [field('To', to)] : []),
    field('Who', principal.arn ? `${principal.arn}${fromPage ? ' (the signed-in identity on the page; the message names none)' : ''}` : 'not named in the message', Boolean(principal.arn) && !fromPage),
    ...(!principal.accountId && maskedAccountOf(principal.arn) !== null ? [field('Account', 'masked in the copied message: please add the 12-digit account ID')] : []),
    ...(c.wanted.denied.length > 1 ? [field('Denied', c.wanted.denied.join(', '), true)] : []),
    ...(facts.resource.value ? [field('Resource', facts.resource.value, true)] : []),
    field('Time', time),
    ...(requestId ? [field('Request ID', requestId, true)] : []),
    ...otherRequestIds(c.others, requestId),
    ...(facts.authorizationId ? [field('Authorization ID', facts.authorizationId, true)] : []),
    ...(input.requester ? [field('Requested by', input.requester)] : []),
    field('Blocked by', forAdmin(diagnosis?.verdict || c.explanation.verdict)),
  ];
}

/** The request IDs of the other denials it covers, when their messages give any. */
function otherRequestIds(others: readonly OtherDenial[], leadId: string | null): Block[] {
  const ids = [...new Set(others.flatMap((other) => requestIdOf(other.facts.message) ?? []))].filter((id) => id !== leadId);
  return ids.length > 0 ? [{ kind: 'field', label: 'Other request IDs', value: ids.join(', '), code: true }] : [];
}

/** The original messages: the denial's, then each other one's, numbered and labelled with its action, and its page and time where they differ from the first's. */
function messageBlocks(facts: DenialFacts, more: readonly OtherDenial[], pageUrl: string | null, time: string): Block[] {
  if (more.length === 0) return [{ kind: 'verbatim', label: 'ORIGINAL MESSAGE', text: facts.message || '(no message text)' }];
  const count = more.length + 1;
  const labelled = (n: number, message: string, parts: (string | null)[]): Block => ({
    kind: 'verbatim',
    label: `ORIGINAL MESSAGE ${n} OF ${count} (${parts.filter((part): part is string => part !== null).join(', ')})`,
    text: message || '(no message text)',
  });
  return [
    labelled(1, facts.message, [labelAction(facts.canonicalAction)]),
    ...more.map((other, i) => {
      const page = other.pageUrl && other.pageUrl !== pageUrl ? pageLink(other.pageUrl, 'another console page').label : null;
      const at = other.deniedAt != null ? utcMinute(other.deniedAt) : null;
      return labelled(i + 2, other.facts.message, [labelAction(other.facts.canonicalAction), page, at !== time ? at : null]);
    }),
  ];
}

/** An action as a message's label shows it: only a well-formed one (the label is not escaped in plain text). */
function labelAction(action: string | null): string {
  return action && CONCRETE_ACTION.test(action) ? action : 'no action named';
}

/** One ask per account's admin when the access crosses accounts: the diagnosis's, else the message's. */
function perAccountAsks(diagnosis: Diagnosis | null | undefined, facts: DenialFacts): Block[] {
  const diagnosed = sideAskBlocks(diagnosis);
  if (diagnosed.length > 0) return diagnosed;
  const offline = crossAccountAsks(facts);
  return offline.length > 0 ? [{ kind: 'list', items: offline }] : [];
}

/** The policy to grant, when an Allow in an identity policy is the fix (or, for the banner, may be). */
function policyToGrant(c: RequestCase): PolicyDocument | null {
  const { facts, explanation, layer } = c;
  if (c.denying || (c.lacking && c.lacking.policyType !== 'identity')) return null;
  if (facts.form === 'billing-banner' && facts.action === null) return coveringPolicy(null, c.wanted);
  const allowFix = explanation.suggestedPolicy && (layer === 'identity-policy' || layer === 'unknown');
  return allowFix ? coveringPolicy(explanation.suggestedPolicy, c.wanted) : null;
}

function boundaryStatement(facts: DenialFacts): PolicyDocument | null {
  if (facts.denyKind === 'explicit') return null;
  const built = leastPrivilegeStatement(facts);
  return built ? allowPolicy(built.statement) : null;
}

/** The commands for the layer to change, with the ids the message or the diagnosis gave. */
function routeFor(c: RequestCase, policy: PolicyDocument | null): Route | null {
  const { facts, layer } = c;
  const named = c.denying ?? c.lacking;
  const policyArn = named?.arn ?? facts.policyArn;
  if (policy) {
    const name = inlinePolicyName(c.wanted.pageName ? `${c.wanted.pageName} page` : facts.canonicalAction);
    return identityRoute(facts, policy, name);
  }
  if (layer === 'identity-policy' && (facts.denyKind === 'explicit' || c.denying))
    return identityDenyRoute(facts, named ? named.arn : facts.policyType === 'identity' ? facts.policyArn : null, named?.arn ? null : (named?.name ?? null));
  if (layer === 'permissions-boundary') return boundaryRoute(facts, named?.arn ?? (facts.policyType === 'permissions-boundary' ? facts.policyArn : null));
  if (layer === 'scp' || layer === 'rcp') return organizationsRoute(facts, layer, policyArn, named?.attachedTo ?? null);
  return null;
}

function routeBlocks(route: Route): Block[] {
  if (route.commands.length === 0) return [];
  return [{ kind: 'code', language: 'sh', text: shellBlock(route.commands, route.intro) }];
}

/** An account setting only the root user (or the management account) changes: its steps are the change. */
function isRootSetting(c: RequestCase): boolean {
  return c.layer === 'billing-access-setting' || c.layer === 'cost-explorer-setting' || (c.facts.form === 'billing-banner' && c.facts.action === null);
}

function policyBlocks(c: RequestCase, policy: PolicyDocument): Block[] {
  const { pageOthers, pageName, denied } = c.wanted;
  const count = denied.length + pageOthers.length;
  const covers = pageName ? ` (covers the ${count} actions the ${pageName} page needs)` : count > 1 ? ` (covers the ${count} denied actions)` : '';
  const when = isRootSetting(c) ? ', once the setting is on' : '';
  return [{ kind: 'paragraph', text: `Policy to grant${covers}${when}:` }, { kind: 'code', language: 'json', text: readableJson(policy) }];
}

/** Before Details: the policy and the commands, or the root-user steps (the policy then goes under Details). */
function changeBlocks(c: RequestCase, policy: PolicyDocument | null, route: Route | null): Block[] {
  const blocks: Block[] = [];
  if (isRootSetting(c)) return c.explanation.steps.length > 0 ? [{ kind: 'list', items: c.explanation.steps, ordered: true }] : [];
  if (policy) {
    blocks.push(...policyBlocks(c, policy));
  } else if (c.layer === 'permissions-boundary' && !c.denying) {
    const statement = boundaryStatement(c.facts);
    if (statement) blocks.push({ kind: 'paragraph', text: 'Statement the boundary must allow:' }, { kind: 'code', language: 'json', text: readableJson(statement) });
  }
  if (route) blocks.push(...routeBlocks(route));
  return blocks;
}

function diagnosisBlocks(diagnosis: Diagnosis): Block[] {
  const blocks: Block[] = [{ kind: 'heading', text: 'Diagnosis (checked with credentials)' }];
  if (diagnosis.status === 'failed') return [...blocks, { kind: 'paragraph', text: 'The diagnosis with credentials failed, so this request relies on the message alone.' }];
  if (diagnosis.status === 'partial') blocks.push({ kind: 'paragraph', text: 'The diagnosis is partial: some checks could not run (see below).' });
  for (const policy of blockingOf(diagnosis)) {
    const parts = [
      `${policy.policyType}${policy.name ? ` ${policy.name}` : ''}`,
      policy.arn ? `ARN ${policy.arn}` : null,
      policy.attachedTo ? `attached to ${policy.attachedTo}` : null,
      policy.statementSid ? `statement Sid ${policy.statementSid}` : policy.statement ? 'statement without a Sid' : null,
    ].filter((part): part is string => part !== null);
    blocks.push({ kind: 'list', items: [`Blocking policy: ${parts.join(', ')}.`] });
    if (policy.statement) blocks.push({ kind: 'code', language: 'json', text: readableJson(policy.statement) });
  }
  if ((diagnosis.decidingConditions ?? []).length > 0) blocks.push({ kind: 'paragraph', text: 'Deciding conditions:' }, { kind: 'list', items: diagnosis.decidingConditions });
  const problems = (diagnosis.problems ?? []).map((problem) =>
    [problem.message, problem.permission ? `(missing ${problem.permission})` : '', problem.couldNotCheck ? `Not checked: ${problem.couldNotCheck}.` : ''].filter(Boolean).join(' '),
  );
  if (problems.length > 0) blocks.push({ kind: 'paragraph', text: 'Could not check:' }, { kind: 'list', items: problems });
  return blocks;
}

/** Console links of the diagnosed policies, for the links at the end. */
function diagnosisLinks(diagnosis: Diagnosis | null): Link[] {
  return blockingOf(diagnosis).flatMap((policy) => {
    const url = policy.consoleUrl && isSafeUrl(policy.consoleUrl) ? policy.consoleUrl : policyConsoleUrl(policy.arn);
    return url ? [{ label: `Open ${policy.name ?? policy.arn ?? 'the policy'}`, url }] : [];
  });
}

function detailBlocks(c: RequestCase, input: AdminRequestInput, route: Route | null, policy: PolicyDocument | null, time: string): Block[] {
  const { explanation, facts } = c;
  const blocks: Block[] = [{ kind: 'heading', text: DETAILS_HEADING }];
  blocks.push({ kind: 'field', label: 'Layer', value: LAYERS[c.layer]?.noun ?? c.layer }, { kind: 'field', label: 'Who can change it', value: forAdmin(explanation.fixerText) });
  if (facts.policyArn) blocks.push({ kind: 'field', label: 'Policy named in the message', value: facts.policyArn, code: true });
  // A diagnosis that settled the open checks also settled what to change: the ask says it.
  const diagnosis = usableDiagnosis(input.diagnosis);
  const settled = diagnosis?.status === 'done' && diagnosis.blockingLayer !== 'none-found' && diagnosis.blockingLayer !== 'not-simulated';
  if (!policy && !settled) blocks.push({ kind: 'paragraph', text: forAdmin(explanation.change) });
  if (input.diagnosis) blocks.push(...diagnosisBlocks(input.diagnosis), ...diagnosedFixBlocks(input.diagnosis));
  const rootSetting = isRootSetting(c);
  if (rootSetting && policy) blocks.push(...policyBlocks(c, policy), ...(route ? routeBlocks(route) : []));
  if (route) blocks.push(...route.details);
  if (!rootSetting && explanation.steps.length > 0)
    blocks.push({ kind: 'heading', text: settled ? 'Background: the steps from the message alone' : 'Steps' }, { kind: 'list', items: explanation.steps.map(forAdmin), ordered: true });
  if (explanation.notes.length > 0) blocks.push({ kind: 'heading', text: 'Good to know' }, { kind: 'list', items: explanation.notes.map((note) => forAdmin(note.text)) });
  const open = openChecks(explanation, input.diagnosis);
  if (open.length > 0)
    blocks.push({ kind: 'heading', text: 'Still open: please check' }, { kind: 'paragraph', text: 'The message does not decide these; each one can cause this denial.' }, { kind: 'list', items: open });
  blocks.push(...messageBlocks(facts, c.others, input.pageUrl ?? facts.pageUrl, time));
  const links = [...(route?.links ?? []), ...diagnosisLinks(usableDiagnosis(input.diagnosis)), ...explanation.links];
  if (links.length > 0) blocks.push({ kind: 'heading', text: 'Links' }, { kind: 'links', links });
  return blocks;
}

export function formatAdminRequest(input: AdminRequestInput, format: RequestFormat): string {
  const explanation = completeExplanation(input?.explanation);
  const facts = deriveFacts(input?.denial, { pageUrl: input?.pageUrl ?? null });
  const output = format === 'markdown' ? 'markdown' : 'text';
  const time = utcMinute(input?.deniedAt);
  try {
    const c = requestCase(input, facts, explanation);
    const policy = policyToGrant(c);
    const route = routeFor(c, policy);
    const blocks: Block[] = [
      askBlock(c, input, time),
      ...factFields(c, input, time),
      ...perAccountAsks(input.diagnosis, facts),
      ...changeBlocks(c, policy, route),
      ...detailBlocks(c, input, route, policy, time),
    ];
    return render(blocks, output);
  } catch (error) {
    // Malformed diagnosis data: still hand over what is certain, and the message itself.
    return render(
      [
        { kind: 'paragraph', text: `Please look at this access denial${facts.canonicalAction ? ` of ${facts.canonicalAction}` : ''}, seen at ${time}.` },
        { kind: 'paragraph', text: `why-denied could not format the full request (${errorMessage(error)}).` },
        { kind: 'verbatim', label: 'ORIGINAL MESSAGE', text: facts.message || '(no message text)' },
      ],
      output,
    );
  }
}
