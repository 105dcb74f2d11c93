// When the text matched no known form completely, say so and lower the confidence.

import type { Explainer } from '../draft.ts';
import { lowerConfidence } from '../draft.ts';

export const partialParse: Explainer = (facts, draft) => {
  if (!facts.partial) return;
  draft.notes.push({
    kind: 'partial-parse',
    text: 'Only part of the message could be read, and this explanation uses only that part. Compare it with the original message.',
  });
  lowerConfidence(draft, 'The message matched no known form completely.');
};
