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

/** The landmark's name: the action, or every action of a merged panel. */
export function landmarkName(items: readonly ExplainedDenial[]): string {
  const actions = deniedActions(items);
  return `Why denied: ${actions.length ? actions.join(', ') : 'access denial'}`;
}
