// Type-level tests for the message protocol, checked by `tsc` (the type check suite): a request's payload and
// reply types follow its type name, and a wrong payload does not compile.
import type { ReplyOf, RequestOf, RequestType } from '../../src/shared/protocol.ts';
import { envelope } from '../../src/shared/protocol.ts';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>(): T => true as T;

assert<Equal<RequestOf<'denials/list'>, { tabId: number }>>();
assert<Equal<ReplyOf<'settings/get'>['panelMode'], 'auto' | 'on-request'>>();
assert<Equal<Extract<RequestType, 'profiles/list'>, 'profiles/list'>>();

envelope('denials/gone', { watchIds: ['a'] });
// @ts-expect-error: a payload of another request's shape
envelope('denials/gone', { tabId: 1 });
// @ts-expect-error: an unknown request type
envelope('credentials/get', {});
// @ts-expect-error: settings must name both fields
envelope('settings/set', { panelMode: 'auto' });
