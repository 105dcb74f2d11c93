// Profiles are not built yet (issue 4); the panel says so.
import type { Handlers } from '../router.ts';

export const profileHandlers: Pick<Handlers, 'profiles/summaries' | 'sso/sign-in'> = {
  'profiles/summaries': async () => ({ profiles: [], preferredId: null }),
  'sso/sign-in': async () => ({ started: false, message: 'Identity Center sign-in is not available in this version.' }),
};
