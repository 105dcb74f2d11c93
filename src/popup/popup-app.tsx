// The toolbar popup: this tab's denials, each led by its verdict (the diagnosis one, when a diagnosis was saved),
// then who tried what, a button that copies the request for the admin in the format chosen in the options, "Send to
// admin" when a channel is set, and "Show on page", which scrolls the tab to the denial's panel and focuses it.
// Below them, folded, the denials that left the tab's pages since it opened (another route, a reload). Above them,
// where several of all these have one principal and one cause, one request that asks for all of them.
import { useEffect, useRef, useState } from 'preact/hooks';
import { explainDenial } from '../core/rules/index.ts';
import { parsePrincipalArn } from '../core/parse/principal.ts';
import { formatAdminRequest, requestLayer } from '../core/request/admin-request.ts';
import { LAYERS } from '../core/knowledge/layers.ts';
import type { Explanation } from '../core/explanation.ts';
import { inertText as t, errorMessage } from '../core/text.ts';
import { useCopy, type CopyState } from '../content/panel/copy-state.tsx';
import { ActionName, Missing } from '../content/panel/explanation-view.tsx';
import { SendToAdmin } from '../content/panel/send-to-admin.tsx';
import type { OpenTab, Send, WriteClipboard } from '../content/panel/types.ts';
import { DEFAULT_SETTINGS, type DenialRecord, type Settings } from '../shared/protocol.ts';
import { oneRequestInput } from '../core/request-group.ts';
import { combinedRequests, explainedRecord, type CombinedRequest, type ExplainedRecord } from './combined-requests.ts';

/** Asks the tab's content script to scroll to and focus the panel of one denial. */
export type ShowOnPage = (record: DenialRecord) => Promise<void>;

export interface PopupProps {
  send: Send;
  /** The tab whose denials to list; null when there is none (a browser page). */
  tabId: () => Promise<number | null>;
  writeClipboard: WriteClipboard;
  /** Opens "Send to admin"'s mailto: or ticket link. */
  openTab: OpenTab;
  showOnPage: ShowOnPage;
}

type Loaded = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'loaded'; records: DenialRecord[]; earlier: DenialRecord[]; settings: Settings };

/** "bob · FinanceRole": the session (or user) and the role, not the whole ARN (which stays in the tooltip). */
export function shortIdentity(record: DenialRecord): string | null {
  const d = record.denial;
  if (!d.principalArn) return d.accountId ? `An identity in account ${d.accountId}` : null;
  const info = parsePrincipalArn(d.principalArn);
  const last = d.principalArn.slice(d.principalArn.lastIndexOf('/') + 1);
  const role = info.permissionSetName ?? info.roleName;
  switch (info.principalType) {
    case 'assumed-role':
      return `${info.sessionName} · ${role}`;
    case 'role':
      return role;
    case 'user':
    case 'federated-user':
      return last;
    case 'root':
      return `root user · ${info.accountId}`;
    default:
      return d.principalArn;
  }
}

function ManualCopy({ text }: { text: string }) {
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => box.current?.select(), [text]);
  return (
    <div class="manual-copy">
      <p>The browser did not allow copying. Select the text and copy it yourself:</p>
      <textarea ref={box} readOnly rows={8} aria-label="Request for admin" value={t(text)} />
    </div>
  );
}

const formatName = (settings: Settings) => (settings.requestFormat === 'markdown' ? 'Markdown' : 'plain text');

/** What every request button of the popup needs. */
interface RequestDeps {
  settings: Settings;
  state: CopyState;
  writeClipboard: WriteClipboard;
  openTab: OpenTab;
}

interface CombinedItemProps extends RequestDeps {
  group: CombinedRequest;
  copy: (text: string, key: string) => void;
}

/** One request for a group's actions: whose they are, what blocks them, where they were seen. */
function CombinedItem({ group, settings, copy, state, writeClipboard, openTab }: CombinedItemProps) {
  const input = { ...oneRequestInput(group), admin: settings.admin };
  const identity = shortIdentity(group.lead.record);
  const count = group.actions.length;
  const key = `combined:${group.lead.record.id}`;
  return (
    <li class="combined" data-testid="wd-popup-combined">
      <p class="verdict">
        {t(`${count} actions${identity ? ` of ${identity}` : ''} blocked by ${LAYERS[requestLayer(input)].phrase}${group.pages.length > 1 ? `, on ${group.pages.length} pages` : ''}:`)}
      </p>
      <ul class="actions" data-testid="wd-popup-combined-actions">
        {group.actions.map((action) => (
          <li key={action}>
            <ActionName action={action} />
          </li>
        ))}
      </ul>
      <div class="row">
        <button type="button" class="primary" data-testid="wd-popup-copy-combined" onClick={() => copy(formatAdminRequest(input, settings.requestFormat), key)}>
          Copy one request for these {count} actions ({formatName(settings)})
        </button>
        <SendToAdmin
          {...{ denial: input.denial, explanation: input.explanation, pageUrl: group.lead.record.pageUrl, diagnosis: input.diagnosis ?? null, deniedAt: input.deniedAt, alsoDenied: input.alsoDenied }}
          {...{ settings, format: settings.requestFormat, openTab, writeClipboard }}
        />
      </div>
      {state.kind === 'refused' && state.key === key && <ManualCopy text={state.text} />}
    </li>
  );
}

interface DenialItemProps extends RequestDeps {
  record: DenialRecord;
  explanation: Explanation;
  copy: (text: string) => void;
  /** Null for an earlier denial: it is no longer on the page. */
  showOnPage: ShowOnPage | null;
}

function DenialItem({ record, explanation, settings, copy, state, showOnPage, writeClipboard, openTab }: DenialItemProps) {
  const [notShown, setNotShown] = useState<string | null>(null);
  const request = () =>
    formatAdminRequest({ denial: record.denial, explanation, pageUrl: record.pageUrl, diagnosis: record.diagnosis, deniedAt: record.seenAt, admin: settings.admin }, settings.requestFormat);
  const identity = shortIdentity(record);
  const messageVerdict = (
    <p class={record.diagnosis ? 'muted' : 'verdict'} data-testid="wd-verdict" data-layer={explanation.layer}>
      {t(explanation.verdict)}
    </p>
  );
  const show = (reveal: ShowOnPage) => reveal(record).then(() => setNotShown(null), (e) => setNotShown(errorMessage(e)));
  return (
    <li class="denial" data-testid={showOnPage ? 'wd-popup-denial' : 'wd-popup-earlier-denial'} data-record-id={record.id}>
      {record.diagnosis ? (
        <>
          <p class="verdict" data-testid="wd-popup-diagnosis" data-status={record.diagnosis.status}>
            {t(record.diagnosis.verdict)}
          </p>
          <details>
            <summary>From the message alone</summary>
            {messageVerdict}
          </details>
        </>
      ) : (
        messageVerdict
      )}
      <p class="who">
        {identity === null ? (
          <Missing testid="wd-principal" />
        ) : (
          <span class="identity" data-testid="wd-principal" title={t(record.denial.principalArn ?? identity)}>
            {t(identity)}
          </span>
        )}
        {record.denial.meta.principalSource === 'page' && <span class="badge">from the page</span>}
        {' tried '}
        {record.denial.action ? <ActionName action={record.denial.action} testid="wd-action" /> : <Missing testid="wd-action" />}
      </p>
      {record.denial.meta.request && (
        <p data-testid="wd-popup-request">
          <span class="badge">from the console's request</span>{' '}
          <code class="value">{t(`${record.denial.meta.request.method} ${record.denial.meta.request.path}`)}</code>
        </p>
      )}
      <p class="page" title={t(record.pageUrl)}>
        {t(record.pageUrl)}
      </p>
      <div class="row">
        <button type="button" class="primary" data-testid="wd-popup-copy" onClick={() => copy(request())}>
          Copy request for admin ({formatName(settings)})
        </button>
        <SendToAdmin
          {...{ denial: record.denial, explanation, pageUrl: record.pageUrl, diagnosis: record.diagnosis, deniedAt: record.seenAt }}
          {...{ settings, format: settings.requestFormat, openTab, writeClipboard }}
        />
        {showOnPage && (
          <button type="button" data-testid="wd-popup-show" onClick={() => void show(showOnPage)}>
            Show on page
          </button>
        )}
      </div>
      {notShown && (
        <p class="error" data-testid="wd-popup-show-error">
          The page did not answer; it may have been reloaded or closed ({t(notShown)}).
        </p>
      )}
      {state.kind === 'refused' && state.key === record.id && <ManualCopy text={state.text} />}
    </li>
  );
}

/** "Lock now": the vault forgets its key at once (the next diagnosis with sealed keys asks for the passphrase). */
function LockNow({ send }: { send: Send }) {
  const [said, setSaid] = useState<string | null>(null);
  const lock = () =>
    send('vault/lock', {}).then(
      (vault) => setSaid(vault.encrypted ? 'Locked: the secret keys need the passphrase again.' : 'No passphrase is set, so there is nothing to lock.'),
      (e: unknown) => setSaid(`Could not lock: ${errorMessage(e)}`),
    );
  return (
    <>
      <button type="button" class="link" data-testid="wd-popup-lock" onClick={() => void lock()}>
        Lock now
      </button>
      {said && <span role="status" class="status" data-testid="wd-popup-lock-status">{t(said)}</span>}
    </>
  );
}

export function PopupApp({ send, tabId, writeClipboard, openTab, showOnPage }: PopupProps) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const { state: copyState, copy } = useCopy(writeClipboard);

  useEffect(() => {
    (async () => {
      const id = await tabId();
      if (id === null) return setLoaded({ kind: 'loaded', records: [], earlier: [], settings: DEFAULT_SETTINGS });
      const [{ records, earlier }, settings] = await Promise.all([send('denials/list', { tabId: id }), send('settings/get', {}).catch(() => DEFAULT_SETTINGS)]);
      setLoaded({ kind: 'loaded', records, earlier, settings });
    })().catch((e: unknown) => setLoaded({ kind: 'failed', message: errorMessage(e) }));
  }, []);

  const copyFor = (id: string) => (text: string) => copy(text, id);
  const explain = (record: DenialRecord) => explainedRecord(record, explainDenial(record.denial, { pageUrl: record.pageUrl, partition: null }));
  const explained = loaded.kind === 'loaded' ? loaded.records.map(explain) : [];
  const explainedEarlier = loaded.kind === 'loaded' ? loaded.earlier.map(explain) : [];
  const combined = combinedRequests([...explained, ...explainedEarlier]);
  const item = (settings: Settings, reveal: ShowOnPage | null) => ({ record, explanation }: ExplainedRecord) => (
    <DenialItem
      key={record.id}
      record={record}
      explanation={explanation}
      settings={settings}
      copy={copyFor(record.id)}
      state={copyState}
      showOnPage={reveal}
      writeClipboard={writeClipboard}
      openTab={openTab}
    />
  );

  return (
    <div class="popup">
      <header>
        <h1>why-denied</h1>
        <button type="button" class="link" onClick={() => void send('options/open', {}).then(() => window.close(), () => undefined)}>
          Options
        </button>
        <LockNow send={send} />
      </header>
      {loaded.kind === 'loading' && <p class="muted">Loading…</p>}
      {loaded.kind === 'failed' && <p class="error">Could not read this tab's denials: {t(loaded.message)}</p>}
      {loaded.kind === 'loaded' && loaded.records.length === 0 && (
        <p class="empty" data-testid="wd-popup-empty">
          No access denial on this {loaded.earlier.length > 0 ? 'page now' : 'tab'}. why-denied reads the Billing and Cost Management console
          pages and lists every "not authorized" message it finds there.
        </p>
      )}
      {loaded.kind === 'loaded' && combined.length > 0 && (
        <ul class="denials" aria-label="One request for several denials">
          {combined.map((group) => (
            <CombinedItem key={group.lead.record.id} group={group} settings={loaded.settings} copy={copy} state={copyState} writeClipboard={writeClipboard} openTab={openTab} />
          ))}
        </ul>
      )}
      {loaded.kind === 'loaded' && loaded.records.length > 0 && <ul class="denials">{explained.map(item(loaded.settings, showOnPage))}</ul>}
      {loaded.kind === 'loaded' && loaded.earlier.length > 0 && (
        <details class="earlier" data-testid="wd-popup-earlier">
          <summary>Earlier on this tab, no longer on the page ({loaded.earlier.length})</summary>
          <ul class="denials">{explainedEarlier.map(item(loaded.settings, null))}</ul>
        </details>
      )}
      <p role="status" aria-live="polite" class="status">
        {copyState.kind === 'copied' && <span data-testid="wd-popup-copied">Copied</span>}
      </p>
    </div>
  );
}
