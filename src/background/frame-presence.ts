// Which of a tab's frames still run our content script. A tab that leaves the console for another site sends no
// report (no content script runs there), so before the popup lists a tab's denials, the worker asks each frame that
// has some; one that cannot answer is gone, and its denials are earlier ones.
import { browser } from '../shared/compat.ts';
import type { Push } from '../shared/protocol.ts';

const PRESENT: Push = { channel: 'why-denied', type: 'frame/present' };
/** How long a frame has to answer. A busy page answers late, not never: one that is slower still counts as there. */
const ANSWER_WAIT_MS = 500;

/** The frames of `frameIds` in the tab whose content script does not answer (the browser finds no one to ask). */
export async function goneFrames(tabId: number, frameIds: readonly number[]): Promise<number[]> {
  const gone = await Promise.all(
    frameIds.map(async (frameId) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<true>((resolve) => (timer = setTimeout(() => resolve(true), ANSWER_WAIT_MS)));
      try {
        const answer: unknown = await Promise.race([browser.tabs.sendMessage(tabId, PRESENT, { frameId }), late]);
        return answer === true ? null : frameId;
      } catch {
        return frameId;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return gone.filter((frameId) => frameId !== null);
}
