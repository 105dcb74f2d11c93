// "Compare with today's policy", beside a blocking policy of a diagnosis from AWS's record. The record gives the
// statement AWS evaluated at the denial; today's version is read only on this click (by the worker, with the profile
// that made the diagnosis). The answer is stored on the diagnosis, so it is shown from there, here and in a
// reopened frame. Policy text comes from the customer's account: shown as inert text. A bucket's policy is not
// offered when that profile reads as another account than the bucket's: S3 answers only the owner's account.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html
import { createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';
import type { BlockingPolicy, TodaysVersion } from '../core/diagnosis.ts';
import { canCompareWithToday, todaysVersionSource, todaysVersionSummary } from '../core/todays-version.ts';
import { inertText as t, errorMessage } from '../core/text.ts';
import { onTrusted } from '../content/panel/trusted.ts';

/** Reads today's version of the diagnosis' blocking policy at this index; resolves to the worker's words when it could not. */
export type CompareWithToday = (policyIndex: number) => Promise<string | null>;

/** The account the profile that made the diagnosis reads as, when the frame knows it (from its profile summary). */
export const ReaderAccount = createContext<string | null>(null);

/** A bucket whose policy only another account than the reader's can read, or null. */
function ownedElsewhere(policy: BlockingPolicy, reader: string | null): { bucket: string; account: string } | null {
  const source = todaysVersionSource(policy);
  return source && 'bucket' in source && reader !== null && reader !== source.account ? source : null;
}

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
  const reader = useContext(ReaderAccount);
  const comparable = canCompareWithToday(policy);
  const elsewhere = comparable ? ownedElsewhere(policy, reader) : null;
  const offered = comparable && !elsewhere;
  if (!offered && !elsewhere && !policy.todaysVersion) return null;
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
      {elsewhere && (
        <p class="muted" data-testid="wd-compare-elsewhere">
          {t(
            `Today's version can be read only from account ${elsewhere.account}, the bucket's owner: S3 gives the bucket policy of ${elsewhere.bucket} to that account alone, and the profile of this diagnosis reads as account ${reader}.`,
          )}
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
