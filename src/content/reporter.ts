// Tells the worker which denials this frame shows. Changes made in one task are sent as one report, reports go
// out one at a time in order, and the frame's first report says frameStart (even with no denial) so the worker
// drops whatever an earlier load of this frame left behind. Its answer carries the settings.
import type { Denial } from '../core/denial.ts';
import { DEFAULT_SETTINGS, type Settings } from '../shared/protocol.ts';
import type { Send } from './panel/types.ts';
import { errorMessage } from '../core/text.ts';

/** The protocol's limits per message. */
const MAX_REPORTED = 200;
const MAX_GONE = 1000;
const MAX_URL = 8192;

export interface ReporterEvents {
  /** The worker registered these denials under these record ids. */
  recorded(records: { watchId: string; recordId: string }[]): void;
  /** The worker could not be told about these denials. */
  failed(watchIds: string[], error: string): void;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const afterThisTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class FrameReporter {
  private frameStarted = false;
  private readonly pending = new Map<string, Denial>();
  private readonly gone = new Set<string>();
  private readonly reported = new Set<string>();
  private scheduled = false;
  /** A report was scheduled once: the first one (frameStart) is on its way or was answered. */
  private asked = false;
  private chain: Promise<void> = Promise.resolve();
  private readonly settingsAnswer: Promise<Settings>;
  private answerSettings: (settings: Settings) => void = () => {};

  constructor(
    private readonly send: Send,
    private readonly pageUrl: () => string,
    private readonly events: ReporterEvents,
  ) {
    this.settingsAnswer = new Promise((resolve) => (this.answerSettings = resolve));
  }

  /** The frame's first report, sent even when the frame holds no denial. */
  start(): void {
    this.schedule();
  }

  report(watchId: string, denial: Denial): void {
    this.gone.delete(watchId);
    this.pending.set(watchId, denial);
    this.schedule();
  }

  forget(watchId: string): void {
    this.pending.delete(watchId);
    if (this.reported.has(watchId)) this.gone.add(watchId);
    this.schedule();
  }

  /**
   * Reports `denials` (those on the page) again as a new load of the frame: it is back from the browser's
   * back-forward cache, and the worker, which found the frame gone meanwhile, may have moved them to the earlier ones.
   */
  restart(denials: Iterable<readonly [string, Denial]>): void {
    this.frameStarted = false;
    this.gone.clear();
    for (const [watchId, denial] of denials) this.pending.set(watchId, denial);
    this.schedule();
  }

  /**
   * The settings, from the answer to the frame's first report (sent now if it was not yet); the defaults when the
   * worker could not be reached, as a panel without the worker still explains and copies.
   */
  settings(): Promise<Settings> {
    if (!this.asked) this.schedule();
    return this.settingsAnswer;
  }

  /** Resolves when everything asked for so far has been sent (for tests and shutdown). */
  idle(): Promise<void> {
    return this.chain;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.asked = true;
    // After this task, not in it: the panels it mounted are painted before the report is built and sent, and what is
    // reported until then goes in the same message.
    this.chain = this.chain.then(afterThisTask).then(() => {
      this.scheduled = false;
      return this.flush();
    });
  }

  private async flush(): Promise<void> {
    const denials = Array.from(this.pending, ([watchId, denial]) => ({ watchId, denial }));
    this.pending.clear();
    const goneIds = Array.from(this.gone);
    this.gone.clear();
    const pageUrl = this.pageUrl().slice(0, MAX_URL);

    const batches = chunks(denials, MAX_REPORTED);
    if (!this.frameStarted && batches.length === 0) batches.push([]);
    for (const batch of batches) {
      // Counted as reported while in flight, so a removal that races the reply still sends 'denials/gone'.
      for (const { watchId } of batch) this.reported.add(watchId);
      const frameStart = !this.frameStarted;
      try {
        const { records, settings } = await this.send('denials/report', { pageUrl, frameStart, denials: batch });
        this.frameStarted = true;
        if (frameStart) this.answerSettings(settings ?? DEFAULT_SETTINGS);
        this.events.recorded(records);
      } catch (error) {
        // The page is not kept waiting: its panels explain and copy without the worker. A later frameStart report
        // that gets through does not change them.
        if (frameStart) this.answerSettings(DEFAULT_SETTINGS);
        for (const { watchId } of batch) this.reported.delete(watchId);
        if (batch.length) this.events.failed(batch.map((d) => d.watchId), errorMessage(error));
      }
    }
    for (const batch of chunks(goneIds, MAX_GONE)) {
      try {
        await this.send('denials/gone', { watchIds: batch });
        for (const id of batch) this.reported.delete(id);
      } catch {
        // The worker keeps a stale record until this frame reloads (frameStart) or the tab closes.
      }
    }
  }
}
