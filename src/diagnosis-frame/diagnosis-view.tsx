// A finished diagnosis: the verdict, the blocking policy and statement, and the evidence behind it.
// Policy names and statements come from the customer's account, so they are shown as inert text too.
import type { BlockingPolicy, Diagnosis, DiagnosisProblem, DiagnosisStep } from '../core/diagnosis.ts';
import { inertText as t } from '../core/text.ts';
import { BLOCKING_LAYER_LABEL, DIAGNOSIS_STATUS_LABEL, POLICY_TYPE_LABEL, STEP_STATE_LABEL } from '../content/panel/labels.ts';
import { safeHref } from '../content/panel/links.ts';
import { onTrusted } from '../content/panel/trusted.ts';

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

function Blocking({ policy }: { policy: BlockingPolicy }) {
  const href = safeHref(policy.consoleUrl);
  const name = policy.name ?? policy.arn ?? 'a policy without a name';
  return (
    <div class="blocking">
      <p>
        {POLICY_TYPE_LABEL[policy.policyType]}:{' '}
        <code class="value" data-testid="wd-blocking-policy">
          {t(name)}
        </code>
        {policy.name && policy.arn && (
          <>
            {' '}
            <code class="value">{t(policy.arn)}</code>
          </>
        )}
        {href && (
          <>
            {' '}
            <a href={href} target="_blank" rel="noopener noreferrer" onClick={onTrusted(() => undefined)}>
              open in the console
            </a>
          </>
        )}
      </p>
      {policy.attachedTo && <p>Attached to {t(policy.attachedTo)}</p>}
      {policy.statementSid && (
        <p>
          Statement <code data-testid="wd-statement-sid">{t(policy.statementSid)}</code>
        </p>
      )}
      {policy.statement && <pre data-testid="wd-statement">{t(JSON.stringify(policy.statement, null, 2))}</pre>}
    </div>
  );
}

function Problem({ problem }: { problem: DiagnosisProblem }) {
  return (
    <li data-testid="wd-diagnosis-problem" data-kind={problem.kind}>
      {t(problem.message)}
      {problem.permission && (
        <>
          {' '}
          Missing permission: <code>{t(problem.permission)}</code>.
        </>
      )}
      {problem.couldNotCheck && <> Not checked: {t(problem.couldNotCheck)}.</>}
    </li>
  );
}

export function DiagnosisView({ diagnosis }: { diagnosis: Diagnosis }) {
  const facts = [
    diagnosis.usedProfile && `profile ${diagnosis.usedProfile}`,
    `${diagnosis.awsCalls} AWS call${diagnosis.awsCalls === 1 ? '' : 's'}`,
    diagnosis.fromCache && 'from cache',
  ].filter((x): x is string => typeof x === 'string');
  return (
    <div class="diagnosis" data-testid="wd-diagnosis">
      <p class="status-line">
        {DIAGNOSIS_STATUS_LABEL[diagnosis.status]} ({t(facts.join(', '))})
      </p>
      <p class="verdict" data-testid="wd-diagnosis-verdict" data-status={diagnosis.status} data-layer={diagnosis.blockingLayer}>
        {t(diagnosis.verdict)}
      </p>
      <p class="kind">Blocking layer: {BLOCKING_LAYER_LABEL[diagnosis.blockingLayer]}</p>
      {diagnosis.blocking.map((policy, i) => (
        <Blocking key={i} policy={policy} />
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
      {diagnosis.problems.length > 0 && (
        <>
          <h4>What the diagnosis could not do</h4>
          <ul>
            {diagnosis.problems.map((p, i) => (
              <Problem key={i} problem={p} />
            ))}
          </ul>
        </>
      )}
      {diagnosis.diagnosticPolicySuggestion && (
        <details>
          <summary>Policy that would let this profile diagnose</summary>
          <pre data-testid="wd-diagnostic-policy">{t(diagnosis.diagnosticPolicySuggestion)}</pre>
        </details>
      )}
    </div>
  );
}
