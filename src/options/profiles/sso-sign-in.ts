// Starting an Identity Center sign-in from the options page: "Sign in" on a profile, and the form's "Save and sign
// in". The host permission is asked for at once (the browser allows a prompt only while the click is handled);
// the sign-in itself starts once the profile id is known, after the save.
import type { Send } from '../../content/panel/types.ts';
import { originsFor, type HostAccess, type HostNeeds } from './host-access.ts';

/** Call synchronously inside the click; the returned function starts the sign-in and resolves with what to show. */
export function askToSignIn(send: Send, hostAccess: HostAccess, needs: HostNeeds): (profileId: string) => Promise<string> {
  const origins = originsFor(needs);
  const access = origins.length > 0 ? hostAccess(origins) : Promise.resolve(true);
  return async (profileId) => {
    if (!(await access)) throw new Error(`Sign-in needs access to ${origins.join(', ')}; the browser did not grant it.`);
    const started = await send('sso/sign-in', { profileId });
    if (!started.started) throw new Error(started.message);
    return started.message;
  };
}
