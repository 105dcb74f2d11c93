// why-denied on the command line: the same parser, explanation and request text as the extension, and with
// --profile the same diagnosis engine, using the AWS CLI's profiles and environment.
//
// The JSON output is a public interface: { denials: [ { …DenialFields, explanation, diagnosis? } ] }.
import { toDenialFields, type Denial } from '../core/denial.ts';
import type { Diagnosis } from '../core/diagnosis.ts';
import type { Explanation } from '../core/explanation.ts';
import { explainDenial } from '../core/rules/index.ts';
import { parseDenials } from '../core/parse/index.ts';
import { formatAdminRequest, type RequestFormat } from '../core/request/admin-request.ts';
import { oneRequestGroups, oneRequestInput } from '../core/request-group.ts';
import { channelProblem, placeholderValues, sendTarget, type RequestChannel } from '../core/request/send.ts';
import { AWS_DATA_AS_OF } from '../core/knowledge/data-date.ts';
import { inertJson, terminalText } from '../core/text.ts';
import { formatExplanation } from './format.ts';

export interface CliIo {
  readStdin(): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  /** package.json's version, the one in every manifest. */
  version: string;
  /** Diagnoses with a named profile; injected so `explain` without --profile never loads the SDK. */
  diagnose?: (denials: Denial[], profile: string | null, onStep: (line: string) => void, options: DiagnoseOptions) => Promise<Diagnosis[]>;
}

export interface DiagnoseOptions {
  /** Also read today's version of each blocking policy AWS's record gave as evaluated at the denial. */
  compareToday: boolean;
}

export const USAGE = `Usage: why-denied explain [--json] [--markdown] [--page-url URL] [--profile NAME [--compare-today]] [--send CHANNEL] [TEXT]
       why-denied --version

Reads a "not authorized" message (TEXT, or standard input when TEXT is absent), explains every denial in it,
and prints the request for your administrator. Where several denials have one principal and one cause (the
same layer; with a diagnosis, the same blocking policy and statement), it also prints one request for all of them.

  --json          print one JSON object: { "denials": [ … ], "combinedRequests": [ … ] }, the latter each
                  { "denials": [numbers, from 1], "actions": [ … ], "request": "…" }
  --markdown      write the request for the admin in Markdown instead of plain text
  --page-url URL  the console page where the denial appeared (goes into the request)
  --profile NAME  diagnose with AWS credentials: simulate the policies and name the blocking policy.
                  Honours ~/.aws/config and ~/.aws/credentials, AWS_PROFILE, AWS_REGION, the standard
                  credential variables, AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>.
  --diagnose      like --profile, with the default profile (AWS_PROFILE or "default")
  --compare-today with --profile or --diagnose: when the diagnosis comes from AWS's record of the denial (the
                  policy text AWS evaluated then), also read each blocking policy as it is today and say
                  whether its deciding statement has changed since
  --send CHANNEL  print, for each denial, the link that sends the request to the admin, and open nothing:
                  CHANNEL is an email address (a mailto: link) or an https ticket URL template with
                  placeholders {principal} {action} {resource} {account} {layer} {policyArn}
                  {authorizationId} {pageUrl} {summary} {request}, each URL-encoded
  --version       print the version and the date of the AWS data it was built with

Exit status: 0 when at least one denial was read, 1 when none was, 2 for a usage error.
`;

interface Options {
  json: boolean;
  format: RequestFormat;
  pageUrl: string | null;
  profile: string | null;
  diagnose: boolean;
  compareToday: boolean;
  send: RequestChannel | null;
  text: string | null;
}

/** --send's value: an email address, or else a ticket URL template; checked like a policy's channel. */
function sendChannel(value: string): RequestChannel {
  const channel: RequestChannel = /^[^:/]+@/.test(value) ? { kind: 'email', to: value, cc: [], subject: '' } : { kind: 'ticketUrl', url: value };
  const problem = channelProblem(channel);
  if (problem) throw new UsageError(`--send: ${problem}`);
  return channel;
}

class UsageError extends Error {}

function parseArgs(args: string[]): Options {
  const [command, ...rest] = args;
  if (command !== 'explain') throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  const options: Options = { json: false, format: 'text', pageUrl: null, profile: null, diagnose: false, compareToday: false, send: null, text: null };
  const words: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const value = () => {
      const next = rest[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--') words.push(...rest.slice(i + 1)), (i = rest.length);
    else if (arg === '--json') options.json = true;
    else if (arg === '--markdown') options.format = 'markdown';
    else if (arg === '--page-url') options.pageUrl = value();
    else if (arg === '--profile') (options.profile = value()), (options.diagnose = true);
    else if (arg === '--diagnose') options.diagnose = true;
    else if (arg === '--compare-today') options.compareToday = true;
    else if (arg === '--send') options.send = sendChannel(value());
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else words.push(arg);
  }
  if (words.length > 0) options.text = words.join(' ');
  if (options.compareToday && !options.diagnose) throw new UsageError('--compare-today needs --profile or --diagnose');
  return options;
}

export async function runCli(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  if (args.length === 1 && args[0] === '--version') {
    io.stdout(`why-denied ${io.version}\n${AWS_DATA_AS_OF}\n`);
    return 0;
  }
  let options: Options;
  try {
    options = parseArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`why-denied: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  // The message and AWS's answers reach a terminal: nothing in them may act on it, reorder it or hide in it.
  const print = (line: string) => io.stdout(terminalText(line));
  const warn = (line: string) => io.stderr(terminalText(line));
  const text = options.text ?? (await io.readStdin());
  const denials = parseDenials(text);
  const explanations = denials.map((d) => explainDenial(d, { pageUrl: options.pageUrl }));
  let diagnoses: Diagnosis[] | null = null;
  if (options.diagnose && denials.length > 0) {
    if (!io.diagnose) throw new Error('diagnosis is not available in this build');
    diagnoses = await io.diagnose(
      denials,
      options.profile,
      (line) => {
        if (!options.json) warn(`${line}\n`);
      },
      { compareToday: options.compareToday },
    );
  }

  if (options.send) {
    const channel = options.send;
    if (denials.length === 0) warn('why-denied: no denial found in the text.\n');
    denials.forEach((denial, i) => {
      const target = sendTarget(channel, placeholderValues({ denial, explanation: explanations[i]!, pageUrl: options.pageUrl, diagnosis: diagnoses?.[i] ?? null, format: options.format }));
      if (!target.ok) throw new Error(target.problem);
      print(`${target.url}\n`);
      if (target.cut) warn(`why-denied: denial ${i + 1}: the request was cut to fit the link; print it in full without --send.\n`);
    });
    return denials.length > 0 ? 0 : 1;
  }
  const members = denials.map((denial, i) => ({ denial, explanation: explanations[i]!, diagnosis: diagnoses?.[i] ?? null, pageUrl: options.pageUrl, deniedAt: null }));
  // Each group's denials by their number in the text, from 1 as in the text output.
  const combined = oneRequestGroups(members).map((group) => ({
    denials: [group.lead, ...group.others].map((member) => members.indexOf(member) + 1),
    actions: group.actions,
    request: formatAdminRequest(oneRequestInput(group), options.format),
  }));
  if (options.json) {
    const denialsJson = denials.map((d, i) => jsonDenial(d, explanations[i]!, diagnoses?.[i] ?? null));
    io.stdout(`${inertJson(JSON.stringify({ denials: denialsJson, combinedRequests: combined }, null, 2))}\n`);
  } else if (denials.length === 0) {
    warn('why-denied: no denial found in the text.\n');
  } else {
    denials.forEach((denial, i) => {
      const diagnosis = diagnoses?.[i] ?? null;
      const explanation = explanations[i]!;
      if (denials.length > 1) print(`=== Denial ${i + 1} of ${denials.length} ===\n`);
      print(formatExplanation(denial, explanation, diagnosis));
      print('\n--- Request for your administrator ---\n');
      print(`${formatAdminRequest({ denial, explanation, pageUrl: options.pageUrl, diagnosis }, options.format)}\n\n`);
    });
    for (const { denials: numbers, actions, request } of combined) {
      print(`=== One request for denials ${numbers.join(', ')}: ${actions.length} actions, one principal, one cause ===\n`);
      print(`${request}\n\n`);
    }
  }
  return denials.length > 0 ? 0 : 1;
}

function jsonDenial(denial: Denial, explanation: Explanation, diagnosis: Diagnosis | null) {
  return { ...toDenialFields(denial), explanation: { ...explanation, partial: denial.meta.partial, message: denial.meta.message }, ...(diagnosis ? { diagnosis: jsonDiagnosis(diagnosis) } : {}) };
}

/** The diagnosis as the JSON contract names it: blocking policy type, name or ARN, statement Sid, evidence. */
function jsonDiagnosis(d: Diagnosis) {
  const first = d.blocking[0] ?? null;
  return {
    status: d.status,
    blockingPolicyType: first?.policyType ?? (d.blockingLayer === 'billing-access-setting' ? d.blockingLayer : null),
    blockingLayer: d.blockingLayer,
    policyName: first?.name ?? null,
    policyArn: first?.arn ?? null,
    statementSid: first?.statementSid ?? null,
    verdict: d.verdict,
    blocking: d.blocking,
    decidingConditions: d.decidingConditions,
    evidence: d.evidence,
    problems: d.problems,
    diagnosticPolicySuggestion: d.diagnosticPolicySuggestion,
    usedProfile: d.usedProfile,
    awsCalls: d.awsCalls,
  };
}
