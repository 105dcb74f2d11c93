// Shared by the panel, content-script and popup tests: denials read by the real parser, explained by the real
// core, and a fake worker standing in for the browser boundary (messaging) only.
import { Window as HappyWindow } from 'happy-dom';
import type { Denial } from '../../../src/core/denial.ts';
import { explainDenial } from '../../../src/core/rules/index.ts';
import { parseDenials } from '../../../src/core/parse/index.ts';
import type { PanelData, Send } from '../../../src/content/panel/types.ts';
import { DEFAULT_SETTINGS, type ReplyOf, type RequestOf, type RequestType, type Settings } from '../../../src/shared/protocol.ts';
import { act } from 'preact/test-utils';

/** Constructed examples from denial-grammar.md section 9. */
export const TEXT = {
  scpWithArn:
    'User: arn:aws:sts::333333333333:assumed-role/AWSReservedSSO_AuditRole_fedcba9876543210/carol is not authorized to perform: ce:GetRightsizingRecommendation on resource: arn:aws:ce:us-east-1:333333333333:/GetRightsizingRecommendation with an explicit deny in a service control policy: arn:aws:organizations::999999999999:policy/o-exmpl12345/service_control_policy/p-exmpl111',
  implicitIdentity:
    'User: arn:aws:sts::222222222222:assumed-role/FinanceRole/bob is not authorized to perform: ce:GetReservationCoverage on resource: arn:aws:ce:us-east-1:222222222222:/GetReservationCoverage because no identity-based policy allows the ce:GetReservationCoverage action',
  boundaryWithArn:
    'User: arn:aws:iam::444444444444:user/alice is not authorized to perform: payments:GetPaymentStatus with an explicit deny in a permissions boundary: arn:aws:iam::444444444444:policy/boundaries/FinanceBoundary',
  troubleshooter:
    'User: arn:aws:iam::333333333333:user/carol is not authorized to perform: iam:AttachRolePolicy on resource: role FinanceRole because no identity-based policy allows the iam:AttachRolePolicy action. Go to https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/authorization-details/h4f6j8l0g2d5s7a9m1n3b5v7c for complete details, or call the GetRequestAuthorizationDetails API with the following authorization id: h4f6j8l0g2d5s7a9m1n3b5v7c',
  consoleAlert: [
    'Access denied',
    "You don't have permission to cur:GetClassicReport. To request access, copy the following text and send it to your AWS administrator. Learn more about troubleshooting access denied errors.",
    'User: arn:aws:sts::444444444444:assumed-role/AuditRole/bob',
    'Service: cur',
    'Action: GetClassicReport',
    'Context: a permissions boundary explicitly denies the action',
  ].join('\n'),
  activationWidget: [
    "You don't have permission to [Cost Explorer:]. To request access, copy the following text and send it to your AWS administrator. Learn more about troubleshooting access denied errors",
    'User: [999999999999]',
    'Service: [Cost Explorer]',
    'Name: [AccessDeniedException]',
    'HTTP status code: [400]',
    'Context: [Error in "get-forecasted-month-end-cost": "IAM user access not activated"]',
    'Request ID: [00000000-1111-2222-3333-444444444444]',
  ].join('\n'),
} as const;

export const PAGE_URL = 'https://us-east-1.console.aws.amazon.com/billing/home#/bills';

/** The one denial the parser reads from `text`; fails the test when it reads none or several. */
export function parseOne(text: string): Denial {
  const denials = parseDenials(text);
  if (denials.length !== 1) throw new Error(`expected one denial, the parser read ${denials.length}`);
  return denials[0]!;
}

export function panelData(denial: Denial, patch: Partial<PanelData> = {}): PanelData {
  return {
    watchId: 'why-denied-1',
    denial,
    explanation: explainDenial(denial, { pageUrl: PAGE_URL, partition: null }),
    pageUrl: PAGE_URL,
    settings: DEFAULT_SETTINGS,
    recordId: '7:0:why-denied-1',
    recordError: null,
    seenAt: Date.UTC(2026, 11, 6, 6, 47),
    merged: [],
    mergedRecordIds: [],
    pageShows: { principal: false, action: false },
    compact: false,
    ...patch,
  };
}

export const settings = (patch: Partial<Settings>): Settings => ({ ...DEFAULT_SETTINGS, ...patch });

type Answer<T extends RequestType> = ReplyOf<T> | ((payload: RequestOf<T>) => ReplyOf<T> | Promise<ReplyOf<T>>) | Error;

/** A fake worker: answers each request type from a table and records every call. */
export class FakeWorker {
  readonly calls: { type: RequestType; payload: unknown }[] = [];
  private readonly answers = new Map<RequestType, Answer<RequestType>>();

  answer<T extends RequestType>(type: T, answer: Answer<T>): this {
    this.answers.set(type, answer as Answer<RequestType>);
    return this;
  }

  callsOf<T extends RequestType>(type: T): RequestOf<T>[] {
    return this.calls.filter((c) => c.type === type).map((c) => c.payload as RequestOf<T>);
  }

  readonly send: Send = async (type, payload) => {
    this.calls.push({ type, payload });
    const answer = this.answers.get(type);
    if (answer === undefined) throw new Error(`${type}: no answer in this test`);
    if (answer instanceof Error) throw answer;
    return (typeof answer === 'function' ? await answer(payload as never) : answer) as never;
  };
}

/** Lets pending promises and Preact's batched re-renders run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

export function byTestId(root: ParentNode, id: string): HTMLElement {
  const el = root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no element with data-testid="${id}"`);
  return el;
}

export function allByTestId(root: ParentNode, id: string): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
}

/** Opens a panel's folded sections as a user's clicks would (their content is built on the first opening), rendered at once. */
export function unfold(root: ParentNode): void {
  for (const toggle of root.querySelectorAll<HTMLElement>('.disclosure-toggle[aria-expanded="false"]')) act(() => click(toggle));
}

/** The pointer comes over a panel: the user turns to it, so its frame is made. */
export function pointAt(root: ParentNode): void {
  byTestId(root, 'wd-panel').dispatchEvent(new Event('pointerenter'));
}

/** A user's click: the browser marks it trusted (happy-dom cannot, so the flag is set as the browser would). */
export function click(el: Element): void {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  el.dispatchEvent(event);
}

/** A page script's synthetic click: event.isTrusted is false. */
export function untrustedClick(el: Element): void {
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
}

export function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * A saved console page (test/fixtures/pages) in its own happy-dom window, scripts removed. Its denial slots are
 * driven here as the fixture's own driver does: show, replace with the "-changed" variant, clear.
 */
export interface ConsolePage {
  window: Window;
  document: Document;
  show(): void;
  replace(): void;
  clear(): void;
  close(): Promise<void>;
}

// Read through Vite, as raw text: node: modules are not importable in the happy-dom environment.
const PAGES: Record<string, string> = import.meta.glob('../../fixtures/pages/*.html', { query: '?raw', import: 'default', eager: true });

export function openConsolePage(name: string, url = 'https://us-east-1.console.aws.amazon.com/billing/home#/bills'): ConsolePage {
  const saved = PAGES[`../../fixtures/pages/${name}`];
  if (saved === undefined) throw new Error(`no fixture page ${name}`);
  const html = saved.replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const window = new HappyWindow({ url });
  const document = window.document as unknown as Document;
  document.write(html);
  const fill = (suffix: string) => {
    for (const slot of Array.from(document.querySelectorAll('[data-fixture-slot]'))) {
      const template = document.querySelector<HTMLTemplateElement>(`template[data-fixture-denial="${slot.getAttribute('data-fixture-slot')}${suffix}"]`);
      slot.replaceChildren(template ? document.importNode(template.content, true) : '');
    }
  };
  return {
    window: window as unknown as Window,
    document,
    show: () => fill(''),
    replace: () => fill('-changed'),
    clear: () => {
      for (const slot of Array.from(document.querySelectorAll('[data-fixture-slot]'))) slot.replaceChildren();
    },
    close: () => window.happyDOM.close(),
  };
}
