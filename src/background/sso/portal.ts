// The Identity Center access portal: which accounts and roles the signed-in user has, and role credentials.
import { GetRoleCredentialsCommand, ListAccountRolesCommand, ListAccountsCommand, LogoutCommand, type SSOClient } from '@aws-sdk/client-sso';
import type { SessionCredentials, SsoAssignment } from '../profiles/model.ts';

/** Enough for any real organization, and a stop for a portal that keeps returning a nextToken. */
const MAX_PAGES = 100;

async function allPages<T>(fetchPage: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken: string | undefined }>): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await fetchPage(nextToken);
    items.push(...out.items);
    if (!out.nextToken || out.nextToken === nextToken) break;
    nextToken = out.nextToken;
  }
  return items;
}

export async function listAssignments(client: SSOClient, accessToken: string): Promise<SsoAssignment[]> {
  const accounts = await allPages(async (nextToken) => {
    const out = await client.send(new ListAccountsCommand({ accessToken, nextToken, maxResults: 100 }));
    return { items: out.accountList ?? [], nextToken: out.nextToken };
  });
  const assignments: SsoAssignment[] = [];
  for (const account of accounts) {
    const accountId = account.accountId;
    if (!accountId || !/^\d{12}$/.test(accountId)) continue;
    const roles = await allPages(async (nextToken) => {
      const out = await client.send(new ListAccountRolesCommand({ accessToken, accountId, nextToken, maxResults: 100 }));
      return { items: out.roleList ?? [], nextToken: out.nextToken };
    });
    const roleNames = [...new Set(roles.map((r) => r.roleName).filter((n): n is string => typeof n === 'string' && n.length > 0 && n.length <= 64))];
    assignments.push({ accountId, accountName: (account.accountName ?? accountId).slice(0, 200), roles: roleNames.sort() });
  }
  return assignments.sort((a, b) => a.accountName.localeCompare(b.accountName) || a.accountId.localeCompare(b.accountId));
}

export async function getRoleCredentials(client: SSOClient, accessToken: string, accountId: string, roleName: string): Promise<SessionCredentials> {
  const out = await client.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName }));
  const c = out.roleCredentials;
  if (!c?.accessKeyId || !c.secretAccessKey || !c.sessionToken) throw new Error('Identity Center returned incomplete role credentials.');
  // `expiration` is ms since the epoch in this API.
  return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiresAt: typeof c.expiration === 'number' ? c.expiration : null };
}

/** Ends the portal session server-side. Best effort: the local forgetting happens whatever this answers. */
export async function logout(client: SSOClient, accessToken: string): Promise<void> {
  try {
    await client.send(new LogoutCommand({ accessToken }));
  } catch {
    // An expired token or no network: there is nothing more to end.
  }
}
