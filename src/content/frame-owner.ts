// The content script runs in every matching frame (all_frames), and the top frame's watcher also reads its
// same-origin frames. A same-origin frame whose parent runs this script too is therefore read twice: its own
// instance stands down, or each denial would get two panels and each instance would remove the other's.

/** Whether a URL matches a WebExtension match pattern (scheme://host/path, `*.` host wildcard, `*` in paths). */
export function matchesPattern(pattern: string, url: string): boolean {
  const parts = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*]+)(\/.*)$/.exec(pattern);
  if (!parts) return false;
  const [, scheme, host, path] = parts as unknown as [string, string, string, string];
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  const glob = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  const schemeOk = scheme === '*' ? /^https?:$/.test(target.protocol) : target.protocol === `${scheme}:`;
  const hostOk =
    host === '*' || (host.startsWith('*.') ? target.hostname === host.slice(2) || target.hostname.endsWith(host.slice(1)) : target.hostname === host);
  return schemeOk && hostOk && new RegExp(`^${glob(path)}$`).test(target.pathname + target.search);
}

/** True when this frame's parent is same-origin and runs this content script (its watcher covers this frame). */
export function parentRunsThisScript(win: Window, patterns: readonly string[]): boolean {
  if (win.parent === win) return false;
  let parentUrl: string;
  try {
    parentUrl = win.parent.location.href; // throws for a cross-origin parent
  } catch {
    return false;
  }
  return patterns.some((pattern) => matchesPattern(pattern, parentUrl));
}
