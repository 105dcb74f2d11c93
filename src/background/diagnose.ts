// Diagnosis with credentials is not built yet (issue 4); the panel shows the offline explanation and says so.
import type { Handlers } from './router.ts';

export const diagnosisHandlers: Pick<Handlers, 'diagnosis/run'> = {
  'diagnosis/run': async () => ({
    diagnosis: null,
    profileId: null,
    message: 'Diagnosis with credentials is not available yet: this explanation comes from the message alone.',
  }),
};
