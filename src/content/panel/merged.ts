// One panel for several denials of one principal by one layer (a dashboard whose widgets all failed): what the
// panel says for all of them at once.
import type { ExplainedDenial, PanelData } from './types.ts';

/** The panel's denials, its own first. */
export function panelDenials(data: Pick<PanelData, 'denial' | 'explanation' | 'merged'>): ExplainedDenial[] {
  return [{ denial: data.denial, explanation: data.explanation }, ...data.merged];
}

/** The denied actions, in page order, each once. */
export function deniedActions(items: readonly ExplainedDenial[]): string[] {
  return [...new Set(items.flatMap(({ denial }) => (denial.action ? [denial.action] : [])))];
}

/**
 * One sentence for several actions (the verdict from each message, or from each diagnosis): when the sentences
 * differ only in their action, the shared sentence naming "these N actions"; otherwise the first sentence, and that
 * N actions are denied for the same reason.
 */
export function sharedSentence(items: readonly { action: string | null; sentence: string }[]): string {
  const [first] = items;
  const actions = [...new Set(items.flatMap(({ action }) => (action ? [action] : [])))];
  if (!first || actions.length < 2) return first?.sentence ?? '';
  const template = (item: { action: string | null; sentence: string }) => (item.action ? item.sentence.split(item.action).join('\u0000') : item.sentence);
  const shared = template(first);
  if (shared.includes('\u0000') && items.every((item) => template(item) === shared)) return shared.split('\u0000').join(`these ${actions.length} actions`);
  return `${actions.length} actions are denied for the same reason. ${first.sentence}`;
}

/** The verdict from the messages of every denial (the actions are listed beside it). */
export function sharedVerdict(items: readonly ExplainedDenial[]): string {
  return sharedSentence(items.map(({ denial, explanation }) => ({ action: denial.action, sentence: explanation.verdict })));
}

/** The landmark's name: the action, or every action of a merged panel. */
export function landmarkName(items: readonly ExplainedDenial[]): string {
  const actions = deniedActions(items);
  return `Why denied: ${actions.length ? actions.join(', ') : 'access denial'}`;
}
