// When the text matched no known form completely, say so and lower the confidence.


export const partialParse: Rule = (facts) => {
  if (!facts.partial) return null;
  const out = contribution(PRECEDENCE.advice);
  out.notes.push({
    kind: 'partial-parse',
    text: 'Only part of the message could be read, and this explanation uses only that part. Compare it with the original message.',
  });
  out.lowerConfidence = 'The message matched no known form completely.';
  return out;
};
import { PRECEDENCE, contribution, type Rule } from './contribution.ts';
