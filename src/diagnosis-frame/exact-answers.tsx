// What a diagnosis knows exactly, each in its own compact view (issue 11): AWS's record of the denial (which
// policy decided, as evaluated then, and the request values that decided it), both sides of a cross-account
// denial with a request for each account's admin, and the exact statement to grant. Text only.
import type { AccountSide, BlockingPolicy, Diagnosis, RecordReading } from '../core/diagnosis.ts';
import type { Denial } from '../core/denial.ts';
import { inertText as t } from '../core/text.ts';
import { SIDE_ROLE_LABEL, SIDE_STATE_LABEL, accountSideRequest } from './account-request.ts';
import { CopyButton } from './copy-button.tsx';

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** Where the verdict comes from: AWS's record of the denial, or simulation when the record could not be used. */
export function RecordSource({ record, diagnosis }: { record: RecordReading; diagnosis: Diagnosis }) {
  if (!record.used) {
    return (
      <p class="kind" data-testid="wd-aws-record" data-used="false">
        Source: simulation (AWS's record of the denial could not be used; see details)
      </p>
    );
  }
  const changed = diagnosis.blocking.some((p) => p.changedSinceDenial === true);
  return (
    <div class="record" data-testid="wd-aws-record" data-used="true" data-changed={String(changed)}>
      <p class="kind">
        Source: AWS's record of the denial{changed && <span class="badge" data-testid="wd-changed-since-denial">changed since the denial</span>}
      </p>
      {diagnosis.decidingConditions.length > 0 && (
        <p data-testid="wd-deciding-values">
          Deciding values: {diagnosis.decidingConditions.map((c, i) => (
            <span key={i}>
              {i > 0 && '; '}
              {t(c)}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

/** Why the record was not used, or how it was read, and whether today's version was compared: for the details. */
export function RecordNote({ record, blocking }: { record: RecordReading; blocking: BlockingPolicy[] }) {
  const notCompared = record.used && blocking.some((p) => p.capturedAtDenial && p.changedSinceDenial == null);
  return (
    <p data-testid="wd-aws-record-note">
      {record.used
        ? `AWS's record for authorization ID ${t(record.authorizationId)}, read in ${record.pages} page${record.pages === 1 ? '' : 's'}: the statements shown are the text AWS evaluated at the denial.`
        : `AWS's record for authorization ID ${t(record.authorizationId)} was not used${record.reason ? `: ${t(record.reason)}` : ''}. The verdict comes from simulation.`}
      {notCompared && " Today's version was not compared, so a change since then is not known: \"Compare with today's policy\" reads it."}
    </p>
  );
}

function Side({ side, denial, pageUrl }: { side: AccountSide; denial: Denial; pageUrl: string }) {
  return (
    <li data-testid="wd-account-side" data-account={side.account} data-role={side.role} data-state={side.state}>
      Account <code class="value">{t(side.account)}</code> ({SIDE_ROLE_LABEL[side.role]}): <span class={`state-${side.state}`}>{SIDE_STATE_LABEL[side.state]}</span>{' '}
      <CopyButton label="Copy request for this account's admin" testid="wd-copy-side-request" text={() => accountSideRequest(side, denial, pageUrl)} />
    </li>
  );
}

/** Both accounts of a cross-account denial: each side's state and its own request. */
export function AccountSides({ sides, denial, pageUrl }: { sides: AccountSide[]; denial: Denial; pageUrl: string }) {
  return (
    <div class="sides">
      <p>Each account has its own admin:</p>
      <ul class="plain" data-testid="wd-account-sides">
        {sides.map((side) => (
          <Side key={`${side.role}:${side.account}`} side={side} denial={denial} pageUrl={pageUrl} />
        ))}
      </ul>
    </div>
  );
}

/** Each side's summary and statement: for the details. */
export function AccountSideDetails({ sides }: { sides: AccountSide[] }) {
  return (
    <ul>
      {sides.map((side) => (
        <li key={`${side.role}:${side.account}`}>
          {t(side.summary)} {t(side.request.text)}
          {side.statement && <pre>{t(json(side.statement))}</pre>}
        </li>
      ))}
    </ul>
  );
}

/** The exact statement that fixes it (iam:PassRole with iam:PassedToService, say), with its own copy button. */
export function SuggestedStatement({ statement }: { statement: NonNullable<Diagnosis['suggestedStatement']> }) {
  return (
    <div class="suggested">
      <p>
        Statement to grant:{' '}
        <CopyButton label="Copy statement" testid="wd-copy-suggested-statement" text={() => json(statement)} />
      </p>
      <pre data-testid="wd-suggested-statement">{t(json(statement))}</pre>
    </div>
  );
}
