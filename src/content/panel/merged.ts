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
 * The verdict for every denial: when the verdicts differ only in their action, the shared sentence naming
 * "these N actions" (listed beside it); otherwise the first verdict, and that N actions share its layer.
 */
export function sharedVerdict(items: readonly ExplainedDenial[]): string {
  const [first] = items;
  const actions = deniedActions(items);
  if (!first || actions.length < 2) return first?.explanation.verdict ?? '';
  const template = (item: ExplainedDenial) =>
    item.denial.action ? item.explanation.verdict.split(item.denial.action).join('\u0000') : item.explanation.verdict;
  const shared = template(first);
  if (shared.includes('\u0000') && items.every((item) => template(item) === shared)) return shared.split('\u0000').join(`these ${actions.length} actions`);
  return `${actions.length} actions are denied for the same reason. ${first.explanation.verdict}`;
}

/** The landmark's name: the action, or every action of a merged panel. */
export function landmarkName(items: readonly ExplainedDenial[]): string {
  const actions = deniedActions(items);
  return `Why denied: ${actions.length ? actions.join(', ') : 'access denial'}`;
}
