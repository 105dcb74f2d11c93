// How current the compiled AWS data is: the older of the two sources' dates (the Service
// Authorization Reference as iam-data gathered it, and the newest AWS managed policy update the
// policy package holds). Shown in the panel's details and by `why-denied --version`.

import { newestPolicyUpdate } from './managed-policies.json';
import { updated as serviceReferenceUpdated } from './sar-actions.json';

export const AWS_DATA_DATE: string = [serviceReferenceUpdated, newestPolicyUpdate].sort()[0] ?? serviceReferenceUpdated;

export const AWS_DATA_AS_OF = `AWS data as of ${AWS_DATA_DATE}`;
