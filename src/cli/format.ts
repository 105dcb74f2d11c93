// Plain-text rendering of an explanation (and a diagnosis) for the terminal.
import type { Denial } from '../core/denial.ts';
import type { Diagnosis, TodaysVersion } from '../core/diagnosis.ts';
import type { Explanation } from '../core/explanation.ts';
import { canCompareWithToday, todaysVersionSummary } from '../core/todays-version.ts';

const line = (label: string, value: string | null) => (value ? `${label.padEnd(11)} ${value}\n` : '');
const list = (title: string, items: string[]) => (items.length ? `${title}\n${items.map((s) => `  - ${s}`).join('\n')}\n` : '');

export function formatExplanation(denial: Denial, e: Explanation, diagnosis: Diagnosis | null): string {
  return [
    `${e.verdict}\n`,
    `${e.reading}\n\n`,
    line('Who:', denial.principalArn ?? denial.accountId),
    line('Action:', denial.action),
    line('Resource:', denial.resource),
    line('Policy:', denial.policyArn),
    line('Layer:', e.layer),
    line('Fix by:', e.fixerText),
    line('Change:', e.change),
    line('Confidence:', `${e.confidence} (${e.confidenceReasons.join('; ')})`),
    denial.meta.partial ? 'Note:       the message has a form we do not fully know; the fields above are what could be read.\n' : '',
    '\n',
    list('Steps:', e.steps),
    list('Notes:', e.notes.map((n) => n.text)),
    list('Links:', e.links.map((l) => `${l.label}: ${l.url}`)),
    diagnosis ? formatDiagnosis(diagnosis) : '',
  ].join('');
}

function formatDiagnosis(d: Diagnosis): string {
  const blocking = d.blocking.map((b) =>
    [b.policyType, b.name ?? b.arn ?? '(unnamed)', b.statementSid ? `statement ${b.statementSid}` : null, b.attachedTo ? `on ${b.attachedTo}` : null]
      .filter(Boolean)
      .join(', '),
  );
  return [
    `\nDiagnosis (${d.status}${d.usedProfile ? `, profile ${d.usedProfile}` : ''}, ${d.awsCalls} AWS calls${d.fromCache ? ', cached' : ''}):\n`,
    `  ${d.verdict}\n`,
    list('Blocking:', blocking),
    ...d.blocking.flatMap((b) => [b.statement ? `Statement:\n${indented(b.statement)}` : '', b.todaysVersion ? todaysVersionLines(b.todaysVersion) : '']),
    d.awsRecord?.used && d.blocking.some((b) => !b.todaysVersion && canCompareWithToday(b))
      ? "Today's version was not compared, so a change since the denial is not known: add --compare-today to read it.\n"
      : '',
    list('Deciding conditions:', d.decidingConditions),
    list('Evidence:', d.evidence.map((e) => `${e.call}: ${e.said}`)),
    list('Problems:', d.problems.map((p) => (p.couldNotCheck ? `${p.message} (could not check: ${p.couldNotCheck})` : p.message))),
    d.diagnosticPolicySuggestion ? `Policy that lets the profile diagnose:\n${d.diagnosticPolicySuggestion.replace(/^/gm, '  ')}\n` : '',
  ].join('');
}

const indented = (statement: unknown) => `${JSON.stringify(statement, null, 2).replace(/^/gm, '  ')}\n`;

function todaysVersionLines(version: TodaysVersion): string {
  const statement = version.state === 'changed' ? version.statement : null;
  return `${todaysVersionSummary(version)}\n${statement ? indented(statement) : ''}`;
}
