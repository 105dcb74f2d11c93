// "Compare with today's policy", beside a blocking policy of a diagnosis from AWS's record. The record gives the
// statement AWS evaluated at the denial; today's version is read only on this click (by the worker, with the profile
// that made the diagnosis). The answer is stored on the diagnosis, so it is shown from there, here and in a
// reopened frame. Policy text comes from the customer's account: shown as inert text.
import { useState } from 'preact/hooks';
import type { BlockingPolicy, TodaysVersion } from '../core/diagnosis.ts';
import { canCompareWithToday, todaysVersionSummary } from '../core/todays-version.ts';
import { inertText as t, errorMessage } from '../core/text.ts';
import { onTrusted } from '../content/panel/trusted.ts';

/** Reads today's version of the diagnosis' blocking policy at this index; resolves to the worker's words when it could not. */
export type CompareWithToday = (policyIndex: number) => Promise<string | null>;

function Outcome({ version }: { version: TodaysVersion }) {
  return (
    <>
      <p data-testid="wd-todays-version" data-state={version.state}>
        {t(todaysVersionSummary(version))}
      </p>
      {version.state === 'changed' && version.statement && <pre data-testid="wd-todays-statement">{t(JSON.stringify(version.statement, null, 2))}</pre>}
    </>
  );
}

export function TodaysVersionLine({ policy, index, compare }: { policy: BlockingPolicy; index: number; compare: CompareWithToday }) {
  const [state, setState] = useState<{ running: boolean; message: string | null }>({ running: false, message: null });
  const offered = canCompareWithToday(policy);
  if (!offered && !policy.todaysVersion) return null;
  const run = async () => {
    setState({ running: true, message: null });
    try {
      setState({ running: false, message: await compare(index) });
    } catch (e) {
      setState({ running: false, message: errorMessage(e) });
    }
  };
  return (
    <div class="todays-version" aria-live="polite">
      {policy.todaysVersion && <Outcome version={policy.todaysVersion} />}
      {offered && (
        <p>
          <button type="button" data-testid="wd-compare-today" disabled={state.running} onClick={onTrusted(() => void run())}>
            {policy.todaysVersion ? "Compare with today's policy again" : "Compare with today's policy"}
          </button>
          {state.running && <span class="muted"> Reading today's version…</span>}
        </p>
      )}
      {state.message && (
        <p class="notice" data-testid="wd-todays-version-message">
          {t(state.message)}
        </p>
      )}
    </div>
  );
}
