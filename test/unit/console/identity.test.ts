// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import type { Denial } from '../../../src/core/denial.ts';
import { parseDenials } from '../../../src/core/parse/index.ts';
import { type ConsoleIdentity, fillFromPage, readConsoleIdentity } from '../../../src/console/identity.ts';
import { type OpenFixture, fixtureUrl, openFixture } from './open-fixture.ts';

let page: OpenFixture | null = null;
afterEach(async () => {
  await page?.close();
  page = null;
});

async function identityOf(name: string, url = fixtureUrl(name)): Promise<ConsoleIdentity | null> {
  page = await openFixture(name, { url });
  return readConsoleIdentity(page.document, { hostname: new URL(url).hostname });
}

describe('readConsoleIdentity on saved pages', () => {
  test('multi-session console: account from the session data and the host, principal from the nav header', async () => {
    expect(await identityOf('identity-multi-session.html')).toEqual({
      accountId: '111111111111',
      principalArn: 'arn:aws:sts::111111111111:assumed-role/FinanceRole/bob',
      principalType: 'assumed-role',
      roleName: 'FinanceRole',
      sessionName: 'bob',
      permissionSetName: null,
      accountAlias: null,
      source: 'nav-header',
      sources: ['session-data', 'hostname', 'nav-header'],
    });
  });

  test('Identity Center: the open account menu names the AWSReservedSSO role and the permission set', async () => {
    expect(await identityOf('identity-identity-center.html')).toEqual({
      accountId: '333333333333',
      principalArn: 'arn:aws:sts::333333333333:assumed-role/AWSReservedSSO_BillingReadOnly_0123456789abcdef/carol@example.com',
      principalType: 'assumed-role',
      roleName: 'AWSReservedSSO_BillingReadOnly_0123456789abcdef',
      sessionName: 'carol@example.com',
      permissionSetName: 'BillingReadOnly',
      accountAlias: null,
      source: 'nav-header',
      sources: ['nav-header'],
    });
  });

  test('IAM user: nav header and aws-userInfo cookie agree', async () => {
    expect(await identityOf('identity-iam-user.html')).toEqual({
      accountId: '444444444444',
      principalArn: 'arn:aws:iam::444444444444:user/alice',
      principalType: 'user',
      roleName: null,
      sessionName: null,
      permissionSetName: null,
      accountAlias: 'example-dev',
      source: 'nav-header',
      sources: ['nav-header', 'cookie'],
    });
  });

  test('after Switch role the cookie names the sign-in user of another account, so it is ignored', async () => {
    const identity = await identityOf('identity-switched-role.html');
    expect(identity).toEqual({
      accountId: '222222222222',
      principalArn: null, // "Prod Finance" is a display name, not a role name
      principalType: null,
      roleName: null,
      sessionName: null,
      permissionSetName: null,
      accountAlias: 'example-finance',
      source: 'session-data',
      sources: ['session-data', 'nav-header'],
    });
  });

  test('the session data with a sessionARN wins over everything else', async () => {
    const identity = await identityOf('billing-flashbar-scp-deny.html');
    expect(identity).toMatchObject({
      accountId: '333333333333',
      principalArn: 'arn:aws:sts::333333333333:assumed-role/AWSReservedSSO_AuditRole_fedcba9876543210/carol',
      permissionSetName: 'AuditRole',
      accountAlias: 'example-audit',
      source: 'session-data',
    });
  });

  test('nothing on the page and a plain host: null', async () => {
    expect(await identityOf('identity-not-found.html')).toBeNull();
  });

  test('nothing on the page but a multi-session host: the account alone', async () => {
    const identity = await identityOf('identity-not-found.html', 'https://555555555555-zz99yy88.eu-west-1.console.aws.amazon.com/billing/home#/');
    expect(identity).toEqual({
      accountId: '555555555555',
      principalArn: null,
      principalType: null,
      roleName: null,
      sessionName: null,
      permissionSetName: null,
      accountAlias: null,
      source: 'hostname',
      sources: ['hostname'],
    });
  });

  test('the partition of an ARN built from the nav header follows the console domain', async () => {
    const gov = await identityOf('identity-identity-center.html', 'https://us-gov-west-1.console.amazonaws-us-gov.com/billing/home#/account');
    expect(gov?.principalArn).toBe('arn:aws-us-gov:sts::333333333333:assumed-role/AWSReservedSSO_BillingReadOnly_0123456789abcdef/carol@example.com');
    await page?.close();
    const cn = await identityOf('identity-iam-user.html', 'https://cn-north-1.console.amazonaws.cn/billing/home#/account');
    expect(cn?.principalArn).toBe('arn:aws-cn:iam::444444444444:user/alice');
  });

  test('off a console host no ARN is built from labels, but the account still is read', async () => {
    const identity = await identityOf('identity-identity-center.html', 'https://localhost/billing/home#/account');
    expect(identity).toMatchObject({ accountId: '333333333333', principalArn: null, source: 'nav-header' });
  });
});

describe('readConsoleIdentity on odd pages', () => {
  function doc(head: string, body = '', cookie = ''): Document {
    const d = document.implementation.createHTMLDocument('t');
    d.head.innerHTML = head;
    d.body.innerHTML = body;
    if (cookie) Object.defineProperty(d, 'cookie', { value: cookie });
    return d;
  }
  const host = { hostname: 'us-east-1.console.aws.amazon.com' };

  test('reads the sessionArn spelling and takes the account from the ARN', () => {
    const d = doc(`<meta name="awsc-session-data" content='{"sessionArn":"arn:aws:iam::666666666666:user/ops/frank"}'>`);
    expect(readConsoleIdentity(d, host)).toMatchObject({ accountId: '666666666666', principalArn: 'arn:aws:iam::666666666666:user/ops/frank', principalType: 'user' });
  });

  test('malformed session data and a cookie that is not JSON are ignored, without throwing', () => {
    const d = doc(
      `<meta name="awsc-session-data" content="{not json">`,
      '<button data-testid="awsc-nav-account-menu-button"><span>auditor @ 7777-7777-7777</span></button>',
      'aws-userInfo=%E0%A4%A; other=1',
    );
    expect(readConsoleIdentity(d, host)).toMatchObject({ accountId: '777777777777', principalArn: 'arn:aws:iam::777777777777:user/auditor', source: 'nav-header' });
  });

  test('values of the wrong type or shape are not taken', () => {
    const d = doc(`<meta name="awsc-session-data" content='{"accountId":123456789012,"sessionARN":"not-an-arn","accountAlias":["x"]}'>`);
    expect(readConsoleIdentity(d, host)).toBeNull();
  });

  test('the cookie alone identifies the sign-in principal when nothing else does', () => {
    const cookie = 'aws-userInfo=' + encodeURIComponent(JSON.stringify({ arn: 'arn:aws:sts::888888888888:assumed-role/Ops/gina', alias: 'ops' }));
    expect(readConsoleIdentity(doc('', '', cookie), host)).toMatchObject({
      accountId: '888888888888',
      principalArn: 'arn:aws:sts::888888888888:assumed-role/Ops/gina',
      accountAlias: 'ops',
      source: 'cookie',
      sources: ['cookie'],
    });
  });

  test('the copy-account-id button sibling gives the account when the menu label does not', () => {
    const d = doc('', '<div data-testid="account-detail-menu"><span>Konto-ID</span><span>1234-5678-9012</span><button data-testid="awsc-copy-accountid"></button></div>');
    expect(readConsoleIdentity(d, host)).toMatchObject({ accountId: '123456789012', principalArn: null, source: 'nav-header' });
  });
});

describe('fillFromPage', () => {
  const identity: ConsoleIdentity = {
    accountId: '222222222222',
    principalArn: 'arn:aws:sts::222222222222:assumed-role/FinanceRole/bob',
    principalType: 'assumed-role',
    roleName: 'FinanceRole',
    sessionName: 'bob',
    permissionSetName: null,
    accountAlias: null,
    source: 'session-data',
    sources: ['session-data'],
  };
  const one = (text: string): Denial => {
    const [denial] = parseDenials(text);
    if (!denial) throw new Error(`no denial in ${text}`);
    return denial;
  };
  const banner = () =>
    one("You Need Permissions\nYou don't have permission to access billing information for this account. Please contact your AWS administrator if you need help.");

  test('gives a billing banner, which names no one, the page principal and account', () => {
    const denial = banner();
    expect(denial.principalArn).toBeNull();
    const filled = fillFromPage(denial, identity);
    expect(filled).toMatchObject({ principalArn: identity.principalArn, principalType: 'assumed-role', accountId: '222222222222' });
    expect(filled.meta.principalSource).toBe('page');
    expect(denial.principalArn).toBeNull(); // the input is not changed
    expect(denial.meta.principalSource).not.toBe('page');
  });

  test('never overwrites what the message says', () => {
    const denial = one('User: arn:aws:iam::111111111111:user/alice is not authorized to perform: ce:GetCostAndUsage');
    expect(fillFromPage(denial, identity)).toBe(denial);
  });

  test('fills a widget denial that names only the same account, and leaves one about another account alone', () => {
    const widget = (account: string) =>
      one(`You don't have permission to [Cost Explorer:].\nUser: [${account}]\nService: [Cost Explorer]\nContext: [Error in "q": "IAM user access not activated"]`);
    const same = widget('222222222222');
    expect(same.accountId).toBe('222222222222');
    expect(fillFromPage(same, identity)).toMatchObject({ principalArn: identity.principalArn, accountId: '222222222222' });
    const other = widget('999999999999');
    expect(fillFromPage(other, identity)).toBe(other);
  });

  test('a service principal is not the signed-in user', () => {
    const denial = one('Service Principal: glue.amazonaws.com is not authorized to perform: s3:GetObject');
    expect(denial.principalType).toBe('service');
    expect(fillFromPage(denial, identity)).toBe(denial);
  });

  test('with only the account known, fills the account', () => {
    const filled = fillFromPage(banner(), { ...identity, principalArn: null, principalType: null, roleName: null, sessionName: null, source: 'hostname' });
    expect(filled).toMatchObject({ principalArn: null, accountId: '222222222222' });
    expect(filled.meta.principalSource).toBe('page');
  });

  test('without an identity the denial is returned as it is', () => {
    const denial = banner();
    expect(fillFromPage(denial, null)).toBe(denial);
  });
});
