// A context clause found without the rest of its form: "because no identity-based policy allows the
// ce:GetCostAndUsage action" cut off from its sentence, or the console's "a service control policy
// explicitly denies the action" outside a Context: line. What it says is kept; it is partial.

import { readApiContext, readConsoleContext } from './context.ts';
import type { Reading } from './reading.ts';
import { applyContext, blankDenial } from './reading.ts';
import type { Source } from './source.ts';
import { startsAt } from './source.ts';
import type { Trigger } from './triggers.ts';

const BECAUSE = 'because ';
const MAX_FRAGMENT = 2000;

export function readContextFragment(src: Source, trigger: Trigger, floor: number, limit: number): Reading {
  const becauseAt = trigger.pos - BECAUSE.length;
  const start = becauseAt >= floor && startsAt(src.lower, BECAUSE, becauseAt, trigger.pos) ? becauseAt : trigger.pos;
  // Not cut at the line end: a clause may be wrapped like the sentence it came from.
  const to = Math.min(limit, trigger.pos + MAX_FRAGMENT);
  const api = readApiContext(src, start, to);
  const context = api ?? readConsoleContext(src, trigger.pos, to);
  const d = blankDenial(api ? 'api-sentence' : 'console-alert');
  applyContext(d, context);
  d.meta.partial = true;
  const end = Math.max(context.end, trigger.end);
  return { denial: d, start, end };
}
