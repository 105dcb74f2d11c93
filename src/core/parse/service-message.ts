// A billing service message on its own ("User not enabled for cost explorer access"), usually behind
// a CLI or SDK wrapper. The deny kind is unknown: no IAM policy decided it; the cause says what did.

import type { Reading } from './reading.ts';
import { blankDenial } from './reading.ts';
import type { Source } from './source.ts';
import { readSuffixes } from './suffix.ts';
import type { Trigger } from './triggers.ts';
import { readPrefix } from './wrappers.ts';

export function readServiceMessage(src: Source, trigger: Trigger, floor: number, limit: number): Reading {
  const d = blankDenial('service-message');
  d.cause = trigger.cause;
  let start = Math.max(floor, trigger.leadAt);
  let end = trigger.end;
  if (end < limit && src.flat.charCodeAt(end) === 0x2e /* . */) end++;
  const suffix = readSuffixes(src, end, limit);
  if (suffix) {
    end = suffix.end;
    d.meta.errorCode = suffix.errorCode;
  }
  const prefix = readPrefix(src, start, floor);
  if (prefix) {
    start = prefix.start;
    d.meta.errorCode = prefix.errorCode ?? d.meta.errorCode;
  }
  return { denial: d, start, end };
}
