// Which denials one request may cover: those of one principal that the same layer blocks, each naming its action
// (the page's merged panel, the popup's request for several denials), and, once diagnosed, with the same answer.
import type { Denial } from './denial.ts';
import type { Diagnosis } from './diagnosis.ts';
import type { Explanation } from './explanation.ts';

/** Denials with the same key share a panel and a request; null for one that stays alone (no principal or action). */
export function requestGroupKey(denial: Denial, explanation: Pick<Explanation, 'layer'>): string | null {
  return denial.principalArn && denial.action ? `${explanation.layer} ${denial.principalArn}` : null;
}

/** A diagnosis that reached an answer (done or partial), not one that failed. */
export function isAnswer(diagnosis: Diagnosis | null | undefined): diagnosis is Diagnosis {
  return diagnosis != null && (diagnosis.status === 'done' || diagnosis.status === 'partial');
}

/** What decides whether two diagnoses give the same answer: the status, the layer, and each blocking policy and statement. */
export function answerKey(diagnosis: Diagnosis): string {
  return JSON.stringify([diagnosis.status, diagnosis.blockingLayer, diagnosis.blocking.map((p) => [p.policyType, p.arn ?? p.name, p.statementSid])]);
}
