// The 'diagnosis/current-policy' handler: "Compare with today's policy" beside a blocking policy of a diagnosis
// from AWS's record. The frame names only its record and which blocking policy (an index); the policy's ARN or
// owner, the statement AWS evaluated, the time of the denial and the profile all come from what this worker stored
// with the diagnosis. The result is stored on the diagnosis, so a reopened frame shows it.
import { canCompareWithToday } from '../core/todays-version.ts';
import { compareWithTodaysVersion } from '../engine/index.ts';
import type { ReplyOf, RequestOf } from '../shared/protocol.ts';
import { changeDiagnosis } from './denial-store.ts';
import { recordFor } from './diagnose.ts';
import { profileAccess } from './profiles/access.ts';
import { listProfiles } from './profiles/store.ts';
import type { SenderContext } from './router.ts';

type Reply = ReplyOf<'diagnosis/current-policy'>;

const NOTHING_TO_COMPARE = "This policy has no statement from AWS's record left to compare with today's version.";

export async function compareWithToday({ recordId, policyIndex }: RequestOf<'diagnosis/current-policy'>, sender: SenderContext): Promise<Reply> {
  const record = await recordFor(recordId, sender);
  const diagnosis = record?.diagnosis ?? null;
  if (!record || !diagnosis) return { diagnosis: null, message: 'This denial has no diagnosis on record any more: diagnose it again.' };
  const policy = diagnosis.awsRecord?.used ? diagnosis.blocking[policyIndex] : undefined;
  if (!policy || !canCompareWithToday(policy)) return { diagnosis, message: NOTHING_TO_COMPARE };
  const profile = (await listProfiles()).find((p) => p.id === record.diagnosedWith);
  if (!profile) return { diagnosis, message: 'The profile that made this diagnosis is gone: diagnose again, then compare.' };
  const access = await profileAccess(profile, record.denial.accountId);
  if (!access.ok) return { diagnosis, message: access.message };

  const compared = (await compareWithTodaysVersion(diagnosis, policyIndex, access.target))?.diagnosis;
  if (!compared) return { diagnosis, message: NOTHING_TO_COMPARE };
  let stored = false;
  await changeDiagnosis(record.id, (now) => {
    // A re-check that finished meanwhile made another diagnosis: this comparison is not about it.
    if (now.diagnosis?.finishedAt !== diagnosis.finishedAt) return null;
    stored = true;
    return { diagnosis: compared, diagnosedWith: now.diagnosedWith ?? null };
  });
  return stored ? { diagnosis: compared, message: null } : { diagnosis: null, message: 'The diagnosis was replaced while today\'s version was read: compare again.' };
}
