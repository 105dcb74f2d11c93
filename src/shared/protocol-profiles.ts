// Profile, vault and Identity Center messages. Only extension pages (options, popup) may send most of them;
// the panel may only start an Identity Center sign-in. No reply ever carries a secret key or a token.
import type { MessageSpec } from './protocol.ts';
import { obj, str } from './validate.ts';

export interface ProfileRequests {
  'sso/sign-in': { req: { profileId: string }; res: { started: boolean; message: string } };
}

export const profileMessages: Record<keyof ProfileRequests, MessageSpec> = {
  'sso/sign-in': { from: ['content', 'extension-page'], check: obj({ profileId: str(200) }) },
};
