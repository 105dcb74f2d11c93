// observed.js: the receiver of the page observer's port (document_start, isolated world, every console frame).
import { receiveObserved } from './observed-receiver.ts';

globalThis.whyDeniedObserved ??= receiveObserved(window);
