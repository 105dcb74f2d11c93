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

export function fixtureHtml(name: string): string {
  const html = PAGES[`../../fixtures/pages/${name}`];
  if (html === undefined) throw new Error(`no fixture page ${name}`);
  return html;
}

/**
 * `show: true` (the default) renders every slot's denial at once instead of after the driver's
 * delay, so a test sees the settled page; `show: false` leaves the page as it first loads.
 */
export async function openFixture(name: string, opts: { url?: string; show?: boolean } = {}): Promise<OpenFixture> {
  const window = new Window({
    url: opts.url ?? 'https://us-east-1.console.aws.amazon.com/billing/home#/',
    settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
  });
  const document = window.document as unknown as Document;
  document.write(fixtureHtml(name));
  await window.happyDOM.waitUntilComplete();
  const driver = (window as unknown as { __fixture: FixtureDriver }).__fixture;
  if (opts.show !== false) driver.showDenial();
  return { window, document, driver, close: () => window.happyDOM.close() };
}
