import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainDenial } from '../../../src/core/rules/index.ts';
import {
  channelProblem, MAILTO_MAX_LENGTH, placeholderValues, sendTarget, TICKET_URL_MAX_LENGTH, templateProblems, ticketUrlProblem,
  type PlaceholderValues, type RequestChannel,
} from '../../../src/core/request/send.ts';
import { ALICE, CE_PAGE, denial } from '../explain/denials.ts';

const values = (over: Partial<PlaceholderValues> = {}): PlaceholderValues => ({
  principal: 'arn:aws:iam::111111111111:user/alice', action: 'ce:GetCostAndUsage', resource: '', account: '111111111111',
  layer: 'identity-based policy', policyArn: '', authorizationId: '', pageUrl: 'https://us-east-1.console.aws.amazon.com/costmanagement/home#/x?y=1&z',
  summary: 'Access request: ce:GetCostAndUsage for alice', request: 'Access request\n\nWho: alice & bob', ...over,
});

describe('templates', () => {
  it('accepts the listed placeholders and names unknown ones and stray braces', () => {
    expect(templateProblems('{principal} {action} {resource} {account} {layer} {policyArn} {authorizationId} {pageUrl} {summary} {request}')).toEqual([]);
    expect(templateProblems('x {user} {principal} {user}')).toEqual(['unknown placeholder {user}']);
    expect(templateProblems('x {principal')).toEqual(['an unmatched { or }']);
  });

  it('a ticket URL must be https, on a fixed host, without credentials', () => {
    expect(ticketUrlProblem('https://tickets.example.com/new?s={summary}&b={request}')).toBeNull();
    expect(ticketUrlProblem('http://tickets.example.com/new?s={summary}')).toBe('not https (http)');
    expect(ticketUrlProblem('javascript:alert(1)//{summary}')).toBe('not https (javascript)');
    expect(ticketUrlProblem('https://{account}.example.com/new')).toBe('a placeholder in the scheme or host');
    expect(ticketUrlProblem('https://user:pw@tickets.example.com/')).toBe('a user name or password in the URL');
    expect(ticketUrlProblem('https://tickets.example.com/?q={who}')).toBe('unknown placeholder {who}');
    expect(ticketUrlProblem('not a url {summary}')).toBe('not a valid URL');
  });

  it('an email channel needs real addresses and a known subject template', () => {
    expect(channelProblem({ kind: 'email', to: 'aws-admins@example.com', cc: ['finops@example.com'], subject: 'Denied: {action}' })).toBeNull();
    expect(channelProblem({ kind: 'email', to: 'admins', cc: [], subject: '' })).toMatch(/not an email address/);
    expect(channelProblem({ kind: 'email', to: 'a@example.com', cc: ['x@y.z', 'bad'], subject: '' })).toMatch(/not an email address: "bad"/);
    expect(channelProblem({ kind: 'email', to: 'a@example.com', cc: [], subject: '{nope}' })).toBe('subject: unknown placeholder {nope}');
  });
});

describe('the ticket URL', () => {
  it('fills every placeholder URL-encoded, so no value can add a parameter or change the host', () => {
    const target = sendTarget({ kind: 'ticketUrl', url: 'https://tickets.example.com/new?title={summary}&page={pageUrl}&who={principal}' }, values());
    expect(target.ok).toBe(true);
    if (!target.ok) return;
    const url = new URL(target.url);
    expect(url.origin).toBe('https://tickets.example.com');
    expect([...url.searchParams.keys()]).toEqual(['title', 'page', 'who']);
    expect(url.searchParams.get('page')).toBe(values().pageUrl);
    expect(url.searchParams.get('who')).toBe(values().principal);
    expect(target.cut).toBe(false);
  });

  it('any value round-trips through its parameter', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (resource) => {
      const target = sendTarget({ kind: 'ticketUrl', url: 'https://t.example.com/new?r={resource}&a={action}' }, values({ resource }));
      return target.ok && new URL(target.url).searchParams.get('r') === resource && new URL(target.url).hostname === 't.example.com';
    }));
  });

  it('cuts a very long {request} to fit, and says the full text was copied', () => {
    const long = 'line of the request\n'.repeat(2000);
    const target = sendTarget({ kind: 'ticketUrl', url: 'https://t.example.com/new?body={request}' }, values({ request: long }));
    expect(target.ok && target.cut).toBe(true);
    if (!target.ok) return;
    expect(target.url.length).toBeLessThanOrEqual(TICKET_URL_MAX_LENGTH);
    expect(new URL(target.url).searchParams.get('body')).toMatch(/full request was copied to your clipboard\]$/);
    expect(target.fullText).toBe(long);
  });

  it('refuses a channel that fails the checks, even when handed over directly', () => {
    expect(sendTarget({ kind: 'ticketUrl', url: 'http://t.example.com/?s={summary}' }, values())).toEqual({ ok: false, problem: 'not https (http)' });
  });
});

describe('the mailto: link', () => {
  it('has the address, cc, the subject template filled, and the body, within what mail clients take', () => {
    const target = sendTarget({ kind: 'email', to: 'aws-admins@example.com', cc: ['finops@example.com'], subject: 'Denied: {action} in {account}' }, values());
    expect(target.ok).toBe(true);
    if (!target.ok) return;
    expect(target.url.startsWith('mailto:aws-admins@example.com?cc=finops%40example.com&subject=')).toBe(true);
    const query = new URLSearchParams(target.url.split('?')[1]);
    expect(query.get('subject')).toBe('Denied: ce:GetCostAndUsage in 111111111111');
    expect(query.get('body')).toBe(values().request);
    expect(target.url.length).toBeLessThanOrEqual(MAILTO_MAX_LENGTH);
  });

  it('cuts a long body to fit and keeps the full text for the clipboard', () => {
    const long = 'ünïcode and text '.repeat(500);
    const target = sendTarget({ kind: 'email', to: 'a@example.com', cc: [], subject: '' }, values({ request: long }));
    expect(target.ok && target.cut).toBe(true);
    if (!target.ok) return;
    expect(target.url.length).toBeLessThanOrEqual(MAILTO_MAX_LENGTH);
    expect(new URLSearchParams(target.url.split('?')[1]).get('subject')).toBe(values().summary);
    expect(target.fullText).toBe(long);
  });
});

describe('the values for a real denial', () => {
  it('come from the denial, the explanation and the request text', () => {
    const d = denial({ ...ALICE, action: 'ce:GetCostAndUsage', policyType: 'identity', denyKind: 'implicit' });
    const explanation = explainDenial(d, { pageUrl: CE_PAGE });
    const v = placeholderValues({ denial: d, explanation, pageUrl: CE_PAGE, format: 'text', admin: { name: 'Cloud Team', email: 'cloud@example.com', url: '' } });
    expect(v.principal).toBe(ALICE.principalArn);
    expect(v.action).toBe('ce:GetCostAndUsage');
    expect(v.account).toBe(ALICE.accountId);
    expect(v.pageUrl).toBe(CE_PAGE);
    expect(v.summary).toMatch(/^Please allow ce:GetCostAndUsage \(and \d+ more\) for user alice in account 111111111111$/);
    expect(v.layer).toBe('identity-based policy');
    expect(v.request.split('\n')[0]).toMatch(/^Please allow ce:GetCostAndUsage \(and the \d+ other actions the Cost Explorer page needs\) for user alice in account 111111111111\. Denied on the Cost Explorer page/);
    expect(v.request).toContain('To: Cloud Team <cloud@example.com>');
  });

  it('the mailto: of a real request: the short ask as subject, the body cut after the ask, within 2,000 characters', () => {
    const d = denial({ ...ALICE, action: 'ce:GetCostAndUsage', policyType: 'identity', denyKind: 'implicit' });
    const v = placeholderValues({ denial: d, explanation: explainDenial(d, { pageUrl: CE_PAGE }), pageUrl: CE_PAGE, format: 'text', deniedAt: Date.UTC(2026, 11, 6, 6, 47) });
    const target = sendTarget({ kind: 'email', to: 'aws-admins@example.com', cc: [], subject: '' }, v);
    if (!target.ok) throw new Error(target.problem);
    expect(target.url.length).toBeLessThanOrEqual(MAILTO_MAX_LENGTH);
    const query = new URLSearchParams(target.url.split('?')[1]);
    expect(query.get('subject')).toBe(v.summary);
    expect(query.get('body')?.split('\n')[0]).toMatch(/^Please allow ce:GetCostAndUsage \(and the \d+ other actions the Cost Explorer page needs\) for user alice in account 111111111111\. Denied on the Cost Explorer page \(.*\) at 2026-12-06 06:47 UTC\.$/);
    expect(query.get('body')).toContain('\nTime: 2026-12-06 06:47 UTC\n');
    expect(target.fullText).toBe(v.request);
  });
});
