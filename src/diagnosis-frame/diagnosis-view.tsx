// A finished diagnosis, as the answer: first its verdict, the blocking policy and statement, who can fix it and
// what it left unchecked; then, folded, the statement text, the commands, the evidence and the steps.
// Policy names and statements come from the customer's account, so they are shown as inert text too.
import type { BlockingPolicy, Diagnosis, DiagnosisStep } from '../core/diagnosis.ts';
import type { Denial } from '../core/denial.ts';
import { policyNamedByAttachment, policyNameOrId } from '../core/knowledge/console-links.ts';
import { capitalize } from '../core/rules/words.ts';
import { BLOCKING_LAYER_LABEL } from '../core/knowledge/layers.ts';
import { inertText as t } from '../core/text.ts';
import { POLICY_TYPE_LABEL, STEP_STATE_LABEL } from '../content/panel/labels.ts';
import { safeHref } from '../content/panel/links.ts';
import { onTrusted } from '../content/panel/trusted.ts';
import { AccountSideDetails, AccountSides, RecordNote, RecordSource, SuggestedStatement } from './exact-answers.tsx';
import { policyCommands } from './policy-commands.ts';
import { TodaysVersionLine, type CompareWithToday } from './todays-version.tsx';

export function StepList({ steps }: { steps: DiagnosisStep[] }) {
  return (
    <ol class="steps" data-testid="wd-diagnosis-progress">
      {steps.map((step) => (
        <li key={step.id} data-state={step.state} data-step={step.id}>
          <span class="step-state">{STEP_STATE_LABEL[step.state]}</span> {t(step.label)}
          {step.detail && <span class="detail"> ({t(step.detail)})</span>}
        </li>
      ))}
    </ol>
  );
}

/** Whether two answers name the same policy (its type, its name, where it is attached), whatever the statement. */
const samePolicy = (policy: BlockingPolicy, other: BlockingPolicy | undefined) =>
  other !== undefined && policy.policyType === other.policyType && (policy.arn ?? policy.name) === (other.arn ?? other.name) && policy.attachedTo === other.attachedTo;

/**
 * "Service control policy (SCP) DenyCostExplorer, attached to ou-ab12-finance, statement DenyCE"; an SCP or RCP whose
 * name is not known by its id. Under an answer that named the same policy (`above`): "Same policy, statement DenyCE".
 */
function BlockingLine({ policy, above }: { policy: BlockingPolicy; above: BlockingPolicy | undefined }) {
  if (samePolicy(policy, above))
    return policy.statementSid ? (
      <p class="blocking-line">
        Same policy, statement <code class="value" data-testid="wd-statement-sid">{t(policy.statementSid)}</code>
      </p>
    ) : null;
  const name = policyNameOrId(policy);
  // A policy with no name of its own is named as the verdict and the comparison name it: "The bucket policy of x".
  const byAttachment = policyNamedByAttachment(policy);
  return (
    <p class="blocking-line">
      {byAttachment ? t(capitalize(byAttachment)) : POLICY_TYPE_LABEL[policy.policyType]}
      {name && (
        <>
          {' '}
          <code class="value" data-testid="wd-blocking-policy">
            {t(name)}
          </code>
        </>
      )}
      {policy.attachedTo && !byAttachment && <>, attached to {t(policy.attachedTo)}</>}
      {policy.statementSid && (
        <>
          , statement <code class="value" data-testid="wd-statement-sid">{t(policy.statementSid)}</code>
        </>
      )}
    </p>
  );
}

/** A blocking entry that names a policy or statement; one that only repeats the resource (a trust policy not read) says nothing the verdict does not. */
function namesMore(policy: BlockingPolicy): boolean {
  return Boolean(policy.name || policy.arn || policy.statementSid);
}

/**
 * What a partial diagnosis could not check, in one plain line: its problems. An account side it could not read is
 * said by the sides' own view ("not checked yet"); a gap with no name (a policy text that could not be parsed, say)
 * is said by the verdict, in its own words.
 */
function uncheckedText(diagnosis: Diagnosis): string | null {
  const gaps = [...new Set(diagnosis.problems.filter((p) => p.kind !== 'not-simulatable').map((p) => p.couldNotCheck ?? p.message))];
  if (gaps.length > 0) return `not checked: ${gaps.join('; ')}`;
  return (diagnosis.accountSides ?? []).some((s) => s.state === 'unknown') ? null : 'part of it could not be read, as the verdict says';
}

interface AnswerProps {
  diagnosis: Diagnosis;
  denial: Denial;
  pageUrl: string;
  /** Who can change the layer the diagnosis found. */
  fixer: string | null;
  /** "Compare with today's policy", for a diagnosis from AWS's record. */
  compare: CompareWithToday;
  /** The blocking policies of the answer just above (a merged frame's), said in full there. */
  policiesAbove?: readonly BlockingPolicy[];
}

/** The first lines of the frame once a diagnosis exists. */
export function DiagnosisAnswer({ diagnosis, denial, pageUrl, fixer, compare, policiesAbove }: AnswerProps) {
  const unchecked = diagnosis.status === 'partial' ? uncheckedText(diagnosis) : null;
  const fromRecord = diagnosis.awsRecord?.used === true;
  const sides = diagnosis.accountSides ?? [];
  return (
    <div class="answer" data-testid="wd-diagnosis" data-status={diagnosis.status}>
      <p class="verdict" data-testid="wd-diagnosis-verdict" data-status={diagnosis.status} data-layer={diagnosis.blockingLayer}>
        {t(diagnosis.verdict)}
      </p>
      {diagnosis.blocking.map(
        (policy, i) =>
          namesMore(policy) && (
            <div key={i}>
              <BlockingLine policy={policy} above={policiesAbove?.[i]} />
              {fromRecord && <TodaysVersionLine policy={policy} index={i} compare={compare} />}
            </div>
          ),
      )}
      {!fromRecord && diagnosis.decidingConditions.length > 0 && <p>Deciding condition: {t(diagnosis.decidingConditions.join('; '))}</p>}
      {fixer && sides.length === 0 && (
        <p data-testid="wd-diagnosis-fixer">
          <span class="label">Who can fix it:</span> {t(fixer)}
        </p>
      )}
      {unchecked && (
        <p class="partial" data-testid="wd-unchecked">
          Partial diagnosis, {t(unchecked)}.
        </p>
      )}
      {diagnosis.awsRecord && <RecordSource record={diagnosis.awsRecord} diagnosis={diagnosis} />}
      {/* Across accounts each side has its own admin: the sides say who, not one "who can fix it". */}
      {sides.length > 0 && <AccountSides sides={sides} denial={denial} pageUrl={pageUrl} />}
      {diagnosis.suggestedStatement && <SuggestedStatement statement={diagnosis.suggestedStatement} />}
    </div>
  );
}

function BlockingDetails({ policy }: { policy: BlockingPolicy }) {
  const href = safeHref(policy.consoleUrl);
  const commands = policyCommands(policy);
  return (
    <div class="blocking">
      {(policy.arn || href) && (
        <p>
          {policy.arn && <code class="value">{t(policy.arn)}</code>}{' '}
          {href && (
            <a href={href} target="_blank" rel="noopener noreferrer" onClick={onTrusted(() => undefined)}>
              open in the console
            </a>
          )}
        </p>
      )}
      {policy.statement && (
        <>
          <p class="kind">
            {policy.capturedAtDenial ? 'The statement as AWS evaluated it at the denial' : 'The statement'}
            {policy.changedSinceDenial === true && ' (the policy reads differently now)'}:
          </p>
          <pre data-testid="wd-statement">{t(JSON.stringify(policy.statement, null, 2))}</pre>
        </>
      )}
      {commands && (
        <>
          <p class="kind">Read and change it{commands.where ? `, ${commands.where}` : ''}:</p>
          <pre data-testid="wd-policy-commands">{t(commands.lines.join('\n'))}</pre>
        </>
      )}
    </div>
  );
}

/** Everything behind the answer, folded: a native disclosure, so it opens with Enter or Space. */
export function DiagnosisDetails({ diagnosis, openChecks, running }: { diagnosis: Diagnosis; openChecks: string[]; running: boolean }) {
  const facts = [
    diagnosis.usedProfile && `with profile ${diagnosis.usedProfile}`,
    `${diagnosis.awsCalls} AWS call${diagnosis.awsCalls === 1 ? '' : 's'}`,
    diagnosis.fromCache && 'from the cache (Re-check asks AWS again)',
  ].filter((x): x is string => typeof x === 'string');
  return (
    <details class="details" data-testid="wd-diagnosis-details">
      <summary>Details: statement, evidence, steps</summary>
      <p class="kind">Blocking layer: {BLOCKING_LAYER_LABEL[diagnosis.blockingLayer]}</p>
      {diagnosis.blocking.map((policy, i) => (
        <BlockingDetails key={i} policy={policy} />
      ))}
      {diagnosis.decidingConditions.length > 0 && (
        <>
          <h4>Deciding conditions</h4>
          <ul data-testid="wd-deciding-conditions">
            {diagnosis.decidingConditions.map((c, i) => (
              <li key={i}>{t(c)}</li>
            ))}
          </ul>
        </>
      )}
      {openChecks.length > 0 && (
        <>
          <h4>Still to check</h4>
          <ul data-testid="wd-open-checks">
            {openChecks.map((item, i) => (
              <li key={i}>{t(item)}</li>
            ))}
          </ul>
        </>
      )}
      {diagnosis.awsRecord && <RecordNote record={diagnosis.awsRecord} blocking={diagnosis.blocking} />}
      {diagnosis.accountSides && diagnosis.accountSides.length > 0 && <AccountSideDetails sides={diagnosis.accountSides} />}
      {diagnosis.evidence.length > 0 && (
        <>
          <h4>Evidence</h4>
          <ul data-testid="wd-evidence">
            {diagnosis.evidence.map((e, i) => (
              <li key={i}>
                <code>{t(e.call)}</code>: {t(e.said)}
              </li>
            ))}
          </ul>
        </>
      )}
      {!running && diagnosis.steps.length > 0 && (
        <>
          <h4>Steps</h4>
          <StepList steps={diagnosis.steps} />
        </>
      )}
      <p class="muted">Diagnosed {t(facts.join(', '))}.</p>
    </details>
  );
}
