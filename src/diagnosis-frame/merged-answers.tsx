// A merged panel's frame diagnoses each of its actions. When every action has an answer and the same policy blocks
// them all, that is one answer "for all N actions"; otherwise each action that has an answer shows its own, under
// its name. Each answer keeps its request and its folded details; who can fix it, and a blocking policy, are said in
// full once while they stay the same from one answer to the next.
import type { ComponentChildren } from 'preact';
import type { Diagnosis } from '../core/diagnosis.ts';
import { answerKey, isAnswer, sharedSentence } from '../core/request-group.ts';
import { openChecks } from '../core/rules/open-checks.ts';
import { inertText as t } from '../core/text.ts';
import type { DenialContext } from './diagnose-section.tsx';
import { diagnosedFixer } from './diagnosed-fixer.ts';
import { DiagnosisAnswer, DiagnosisDetails } from './diagnosis-view.tsx';

/** One denial the frame diagnoses: its record, its words, and its diagnosis once there is one. */
export interface DiagnosisTarget {
  recordId: string;
  context: DenialContext;
  diagnosis: Diagnosis | null;
}

/** Denials answered together: all of them (one shared answer) or one. */
export interface AnswerGroup {
  targets: [DiagnosisTarget, ...DiagnosisTarget[]];
  /** The first target's diagnosis, with the verdict for every action of the group. */
  diagnosis: Diagnosis;
}

export function answerGroups(targets: readonly DiagnosisTarget[]): AnswerGroup[] {
  const answered = targets.filter((target) => isAnswer(target.diagnosis));
  const [first] = answered;
  if (!first) return [];
  const lead = first.diagnosis!;
  if (answered.length === targets.length && answered.length > 1 && answered.every((target) => answerKey(target.diagnosis!) === answerKey(lead))) {
    const verdict = sharedSentence(answered.map(({ context, diagnosis }) => ({ action: context.denial.action, sentence: diagnosis!.verdict })));
    return [{ targets: [first, ...answered.slice(1)], diagnosis: { ...lead, verdict } }];
  }
  return answered.map((target) => ({ targets: [target], diagnosis: target.diagnosis! }));
}

const actionOf = (target: DiagnosisTarget) => target.context.denial.action ?? 'this denial';

/** Above each answer: which actions it is for. */
function Scope({ group, shared }: { group: AnswerGroup; shared: boolean }) {
  if (shared) return <p class="answer-scope" data-testid="wd-answer-scope">For all {group.targets.length} actions: {t(group.targets.map(actionOf).join(', '))}</p>;
  return <h3 data-testid="wd-answer-scope">{t(actionOf(group.targets[0]))}</h3>;
}

/** Before any answer: which actions Diagnose covers; after some: the ones still without an answer. */
export function MergedScope({ targets, answered }: { targets: readonly DiagnosisTarget[]; answered: readonly DiagnosisTarget[] }) {
  const open = targets.filter((target) => !answered.includes(target)).map(actionOf);
  if (open.length === 0) return null;
  const text = answered.length === 0 ? `Diagnoses each of the ${targets.length} actions: ${open.join(', ')}.` : `Not diagnosed yet: ${open.join(', ')}.`;
  return <p class="muted" data-testid="wd-diagnose-scope">{t(text)}</p>;
}

interface MergedProps {
  groups: AnswerGroup[];
  /** How many denials the frame diagnoses. */
  total: number;
}

/** The answers, first in the frame, each with its request (rendered by the frame) right under it. */
/** `compare` reads today's version of a policy of one record's diagnosis (the first of each group). */
export function MergedAnswers({ groups, total, request, compare }: MergedProps & { request: (group: AnswerGroup) => ComponentChildren; compare: (recordId: string, policyIndex: number) => Promise<string | null> }) {
  const shared = groups.length === 1 && groups[0]!.targets.length === total;
  const fixers = groups.map(({ targets: [{ context }], diagnosis }) => diagnosedFixer(context.denial, diagnosis, context.pageUrl));
  return (
    <>
      {groups.map((group, i) => {
        const [{ context }] = group.targets;
        return (
          <div key={group.targets[0].recordId} class="merged-answer" data-testid="wd-merged-answer" data-actions={t(group.targets.map(actionOf).join(' '))}>
            <Scope group={group} shared={shared} />
            {/* Who can fix it, and the blocking policy, are said once while they stay the same from one answer to the next. */}
            <DiagnosisAnswer
              diagnosis={group.diagnosis}
              denial={context.denial}
              pageUrl={context.pageUrl}
              fixer={i > 0 && fixers[i] === fixers[i - 1] ? null : fixers[i]!}
              compare={(index) => compare(group.targets[0].recordId, index)}
              policiesAbove={groups[i - 1]?.diagnosis.blocking}
            />
            {request(group)}
          </div>
        );
      })}
    </>
  );
}

/** The folded details of each answer, last in the frame. */
export function MergedDetails({ groups, total, running }: MergedProps & { running: boolean }) {
  const shared = groups.length === 1 && groups[0]!.targets.length === total;
  return (
    <>
      {groups.map((group) => (
        <div key={group.targets[0].recordId}>
          {!shared && <p class="kind">{t(actionOf(group.targets[0]))}</p>}
          <DiagnosisDetails diagnosis={group.diagnosis} openChecks={openChecks(group.targets[0].context.explanation, group.diagnosis)} running={running} />
        </div>
      ))}
    </>
  );
}
