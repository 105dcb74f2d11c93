// Which actions the request asks for: the denied one (or, for a merged panel, every denied one) and,
// when the page needs several to load, the page's other actions, so the policy covers what the text
// says the page needs (console-pages.ts, from AWS's "Migrating access control" pages).

import type { PolicyDocument, PolicyStatement } from '../explanation.ts';
import { pageAlsoNeeds, pageNeedsToView } from '../knowledge/console-pages.ts';
import { isRetiredAction, sarAction } from '../knowledge/sar-actions.ts';
import type { DenialFacts } from '../rules/facts.ts';
import { sidFor } from '../rules/suggested-policy.ts';

/** One action, no wildcard: what a request may name from a page's text. */
export const CONCRETE_ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;

export interface RequestedActions {
  /** The denied actions, in the SAR's spelling, without duplicates. */
  denied: string[];
  /** What the page also needs to load, beyond the denied actions (empty when off a known page). */
  pageOthers: string[];
  /** The page's name when `pageOthers` is not empty ("Bills"). */
  pageName: string | null;
}

/** The denied actions: `actions` for a merged panel, else the denial's own. */
export function requestedActions(facts: DenialFacts, actions: readonly unknown[] | undefined): RequestedActions {
  const given = Array.isArray(actions) ? actions.filter((a): a is string => typeof a === 'string' && CONCRETE_ACTION.test(a.trim())).map((a) => sarAction(a.trim())?.action ?? a.trim()) : [];
  const denied = [...new Set([...(facts.canonicalAction ? [facts.canonicalAction] : []), ...given])];
  const page = facts.page;
  // No action named ("You need permissions"): the page's own list is what to grant.
  if (page && denied.length === 0) return { denied, pageOthers: page.view.filter((need) => !isRetiredAction(need)), pageName: page.name };
  if (!page || !denied.some((action) => pageNeedsToView(page, action))) return { denied, pageOthers: [], pageName: null };
  const others = denied.reduce<string[]>((left, action) => left.filter((need) => pageAlsoNeeds(page, action).includes(need)), [...page.view]);
  const pageOthers = others.filter((need) => !denied.includes(need) && !isRetiredAction(need));
  return { denied, pageOthers, pageName: pageOthers.length > 0 ? page.name : null };
}

/**
 * The Allow to grant: the explanation's least-privilege statement, widened to every requested action.
 * Actions that share its Resource join its Action list; when it names a specific resource, the other
 * actions get their own statement on "*" (page-load actions are list and read calls on the account).
 */
export function coveringPolicy(base: PolicyDocument | null, wanted: RequestedActions): PolicyDocument | null {
  if (!base) {
    // Only the page's list, when the message names no action at all.
    const only = wanted.denied.length === 0 && wanted.pageOthers.length > 0 && wanted.pageName;
    return only ? { Version: '2012-10-17', Statement: [{ Sid: sidFor(`${wanted.pageName} page`), Effect: 'Allow', Action: wanted.pageOthers, Resource: '*' }] } : null;
  }
  const [first, ...rest] = base.Statement;
  const extra = [...wanted.denied, ...wanted.pageOthers].filter((action) => action !== first?.Action);
  if (!first || extra.length === 0 || first.Effect !== 'Allow' || typeof first.Action !== 'string') return base;
  const sid = sidFor(wanted.pageName ? `${wanted.pageName} page` : `${first.Action} and more`);
  const widened: PolicyStatement[] =
    first.Resource === '*' && !first.Condition ? [{ ...first, Sid: sid, Action: [first.Action, ...extra] }] : [first, { Sid: sid, Effect: 'Allow', Action: extra, Resource: '*' }];
  return { ...base, Statement: [...widened, ...rest] };
}
