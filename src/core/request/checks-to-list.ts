// The "still open" checks the request lists. The explanation's checklist is what the message leaves
// open; a diagnosis that reached a blocking layer has settled them.

import type { Diagnosis } from '../diagnosis.ts';
import type { Explanation } from '../explanation.ts';

export function checksToList(explanation: Explanation, diagnosis: Diagnosis | null | undefined): string[] {
  const settled = diagnosis?.status === 'done' && diagnosis.blockingLayer !== 'none-found' && diagnosis.blockingLayer !== 'not-simulated';
  return settled ? [] : explanation.checklist;
}
