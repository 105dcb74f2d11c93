// WebExtension match patterns, as the manifest's content_scripts use them: the content script checks its parent
// frame with them, and the worker accepts content messages only from the pages they name.

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
