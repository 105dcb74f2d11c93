// What each layer module finds: the blocking policies, a sentence for the verdict, and what the
// what-if runs need (the deciding statements, or the condition keys IAM says the policies use).

import type { PolicyType } from '../core/denial.ts';
import type { BlockingPolicy } from '../core/diagnosis.ts';
import type { PolicyStatement } from '../core/explanation.ts';
import type { RequestContext } from './request-context.ts';

export type LocalCheck = (context: RequestContext) => Promise<'allowed' | 'denied' | 'unknown'>;

export interface LayerReport {
  layer: PolicyType;
  /** Whether this layer blocks the request: null when it could not be read. */
  blocks: boolean | null;
  blocking: BlockingPolicy[];
  /** One sentence for the verdict line. */
  sentence: string;
  /** False when a policy or statement could not be named (missing permission, unreadable text). */
  complete: boolean;
  /** The statements that deny (their conditions may decide). */
  statements: PolicyStatement[];
  /** Condition keys the layer's policies use, when no statement text is at hand. */
  referencedKeys: string[];
  /** Re-evaluates this layer alone, locally, when its policies are in hand. */
  localCheck: LocalCheck | null;
  /** The layer could not be read at all, so the what-if must probe blind. */
  opaque: boolean;
}

export function emptyReport(layer: PolicyType, sentence: string): LayerReport {
  return { layer, blocks: true, blocking: [], sentence, complete: true, statements: [], referencedKeys: [], localCheck: null, opaque: false };
}
