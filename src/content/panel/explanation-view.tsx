// The offline half of the panel: who was denied, what they tried, which layer blocks it and what to do.
// Every string here can carry page text, so each goes through inertText and is rendered as a text node.
import type { Denial } from '../../core/denial.ts';
import type { Explanation, Link } from '../../core/explanation.ts';
import { policyConsoleUrl } from '../../core/knowledge/console-links.ts';
import { sarAction } from '../../core/knowledge/sar-actions.ts';
import { AWS_DATA_AS_OF } from '../../core/knowledge/data-date.ts';
import { inertText as t } from '../../core/text.ts';
import { CONFIDENCE_LABEL, LAYER_LABEL, PRINCIPAL_TYPE_LABEL } from './labels.ts';
import { orderedLinks, safeHref } from './links.ts';
import { onTrusted } from './trusted.ts';

function principalText(d: Denial): string | null {
  if (d.principalArn) return d.principalArn;
  if (d.accountId) return `An identity in account ${d.accountId} (the message names no ARN)`;
  return null;
}

/** The action, when the Service Authorization Reference lists it with no resource types: IAM knows it only on "*". */
function withoutResourceTypes(action: string | null): string | null {
  return sarAction(action)?.resourceArnTemplates.length === 0 ? action : null;
}

/** A value the message does not give: a muted dash, not something that looks like data. */
export function Missing({ testid }: { testid: string }) {
  return (
    <span class="missing" data-testid={testid} title="Not named in the message">
      —
    </span>
  );
}

/** `service:Action` that wraps only after the colon, never inside the action's name. */
export function ActionName({ action, testid }: { action: string; testid?: string }) {
  const colon = action.indexOf(':');
  return (
    <code class="value action" data-testid={testid}>
      {colon < 0 ? (
        t(action)
      ) : (
        <>
          {t(action.slice(0, colon + 1))}
          <wbr />
          {t(action.slice(colon + 1))}
        </>
      )}
    </code>
  );
}

function Value({ value, testid }: { value: string | null; testid: string }) {
  return value === null ? (
    <Missing testid={testid} />
  ) : (
    <code class="value" data-testid={testid}>
      {t(value)}
    </code>
  );
}

export function LinkItem({ link }: { link: Link }) {
  const href = safeHref(link.url);
  return (
    <li>
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer" onClick={onTrusted(() => undefined)}>
          {t(link.label)}
        </a>
      ) : (
        <span>
          {t(link.label)}: <code>{t(link.url)}</code>
        </span>
      )}
    </li>
  );
}

interface ExplanationProps {
  denial: Denial;
  explanation: Explanation;
}

interface FactsProps extends ExplanationProps {
  /** What the page's own text beside the denial already shows: those rows are left out, not repeated. */
  pageShows: { principal: boolean; action: boolean };
}

/** What happened, then who tried what on which resource, the layer and what must change: the details' facts. */
export function ExplanationFacts({ denial, explanation, pageShows }: FactsProps) {
  const resourceless = denial.resource === null ? withoutResourceTypes(denial.action) : null;
  const policyUrl = safeHref(policyConsoleUrl(denial.policyArn));
  const hint = denial.meta.hintAction && denial.meta.hintAction !== denial.action ? denial.meta.hintAction : null;
  return (
    <div class="explanation">
      <p class="reading" data-testid="wd-reading">
        {t(explanation.reading)}
      </p>
      <dl class="facts">
        {!pageShows.principal && (
          <>
            <dt>Who</dt>
            <dd>
              <Value value={principalText(denial)} testid="wd-principal" />
              {denial.principalType && <span class="kind"> {PRINCIPAL_TYPE_LABEL[denial.principalType]}</span>}
              {denial.meta.principalSource === 'page' && (
                <span class="badge" title="The message did not name the principal; this is the identity signed in to the console.">
                  from the page
                </span>
              )}
            </dd>
          </>
        )}
        {!pageShows.action && (
          <>
            <dt>Tried</dt>
            <dd>
              {denial.action ? <ActionName action={denial.action} testid="wd-action" /> : <Missing testid="wd-action" />}
              {hint && <span class="kind"> (the message also names {t(hint)})</span>}
            </dd>
          </>
        )}
        <dt>On</dt>
        <dd>
          {resourceless ? (
            <span data-testid="wd-resource">
              <code class="value">*</code>
              <span class="kind"> ({t(resourceless)} has no resource types)</span>
            </span>
          ) : (
            <Value value={denial.resource} testid="wd-resource" />
          )}
        </dd>
        {denial.policyArn && (
          <>
            <dt>Policy</dt>
            <dd>
              <code class="value" data-testid="wd-policy-arn">
                {t(denial.policyArn)}
              </code>
              {policyUrl && (
                <>
                  {' '}
                  <a href={policyUrl} target="_blank" rel="noopener noreferrer" onClick={onTrusted(() => undefined)}>
                    open in the console
                  </a>
                </>
              )}
            </dd>
          </>
        )}
        <dt>Layer</dt>
        <dd data-testid="wd-layer" data-layer={explanation.layer}>
          {LAYER_LABEL[explanation.layer]}
        </dd>
        <dt>What must change</dt>
        <dd data-testid="wd-change">{t(explanation.change)}</dd>
      </dl>
    </div>
  );
}

/**
 * What to do about it: the steps, what is still open (left out once a diagnosis answered it: the panel frame
 * shows what the diagnosis left open), notes, how sure we are, where to read more.
 */
export function ExplanationGuidance({ denial, explanation, checklist = true }: ExplanationProps & { checklist?: boolean }) {
  const links = orderedLinks(denial, explanation);
  return (
    <div class="guidance">
      {explanation.steps.length > 0 && (
        <>
          <h3>Steps for whoever fixes it</h3>
          <ol data-testid="wd-steps">
            {explanation.steps.map((step, i) => (
              <li key={i}>{t(step)}</li>
            ))}
          </ol>
        </>
      )}

      {checklist && explanation.checklist.length > 0 && (
        <>
          <h3>Still to check</h3>
          <ul data-testid="wd-checklist">
            {explanation.checklist.map((item, i) => (
              <li key={i}>{t(item)}</li>
            ))}
          </ul>
        </>
      )}

      {explanation.notes.length > 0 && (
        <>
          <h3>Notes</h3>
          <ul data-testid="wd-notes">
            {explanation.notes.map((note, i) => (
              <li key={i} data-kind={note.kind}>
                {t(note.text)}
              </li>
            ))}
          </ul>
        </>
      )}

      <details data-testid="wd-confidence" data-confidence={explanation.confidence}>
        <summary class="confidence">{CONFIDENCE_LABEL[explanation.confidence]}: why</summary>
        <ul>
          {explanation.confidenceReasons.map((reason, i) => (
            <li key={i}>{t(reason)}</li>
          ))}
        </ul>
        <p data-testid="wd-data-date">{AWS_DATA_AS_OF}</p>
      </details>

      {explanation.suggestedPolicy && (
        <details>
          <summary>Policy statement to grant</summary>
          <pre data-testid="wd-suggested-policy">{t(JSON.stringify(explanation.suggestedPolicy, null, 2))}</pre>
        </details>
      )}

      {denial.meta.message && (
        <details>
          <summary>The message as the page shows it</summary>
          <pre data-testid="wd-message">{t(denial.meta.message)}</pre>
        </details>
      )}

      {links.length > 0 && (
        <ul class="links" data-testid="wd-links">
          {links.map((link) => (
            <LinkItem key={link.url} link={link} />
          ))}
        </ul>
      )}
    </div>
  );
}
