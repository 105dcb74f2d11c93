// Opens a saved console page (test/fixtures/pages) in its own happy-dom window, at the console
// URL it stands for, with its fixture driver running. The pages are ours, so their inline
// scripts may run.

import { Window } from 'happy-dom';

const PAGES: Record<string, string> = import.meta.glob('../../fixtures/pages/*.html', { query: '?raw', import: 'default', eager: true });

/** Every saved page, by file name. */
export const fixtureNames: string[] = Object.keys(PAGES).map(path => path.slice(path.lastIndexOf('/') + 1)).sort();

export interface FixtureDriver {
  showDenial(slot?: string): void;
  replaceDenial(slot?: string): void;
  rerender(): void;
  clearDenials(): void;
  navigate(hash: string): void;
}

export interface OpenFixture {
  window: Window;
  document: Document;
  driver: FixtureDriver;
  close(): Promise<void>;
}

/** The console address a page was saved from (its data-fixture-url). */
export function fixtureUrl(name: string): string {
  const url = /data-fixture-url="([^"]+)"/.exec(fixtureHtml(name))?.[1];
  if (!url) throw new Error(`fixture page ${name} names no URL`);
  return url;
}

export function fixtureHtml(name: string): string {
  const html = PAGES[`../../fixtures/pages/${name}`];
  if (html === undefined) throw new Error(`no fixture page ${name}`);
  return html;
}

/**
 * By default the page is settled: every slot shows its denial. With `late: true` the call returns
 * at once and the driver renders the denials `delayMs` later, as the console does after its API
 * calls return.
 */
export async function openFixture(name: string, opts: { url?: string; late?: boolean; delayMs?: number } = {}): Promise<OpenFixture> {
  const window = new Window({
    url: opts.url ?? fixtureUrl(name),
    settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
  });
  const document = window.document as unknown as Document;
  document.write(fixtureHtml(name).replace('data-fixture-delay="300"', `data-fixture-delay="${opts.delayMs ?? (opts.late ? 300 : 0)}"`));
  const driver = (window as unknown as { __fixture: FixtureDriver }).__fixture;
  if (!opts.late) {
    await window.happyDOM.waitUntilComplete();
    driver.showDenial();
  }
  return { window, document, driver, close: () => window.happyDOM.close() };
}
