// What one panel is given. The content script owns the data; the panel only renders it. What credentials find is
// never here: it is shown in the panel frame (src/diagnosis-frame), an extension page the panel embeds.
import type { Denial } from '../../core/denial.ts';
import type { Explanation } from '../../core/explanation.ts';
import type { VisualMode } from '../../console/visual-mode.ts';
import type { ReplyOf, RequestOf, RequestType, Settings } from '../../shared/protocol.ts';

/** Sends one request to the worker (the browser boundary; tests pass a fake). */
export type Send = <T extends RequestType>(type: T, payload: RequestOf<T>) => Promise<ReplyOf<T>>;

/** Writes text to the clipboard; rejects when the browser refuses. */
export type WriteClipboard = (text: string) => Promise<void>;

/** Opens a URL in a new tab, as a link the user clicked would (tests pass a fake). */
export type OpenTab = (url: string) => void;

export interface PanelData {
  watchId: string;
  denial: Denial;
  explanation: Explanation;
  pageUrl: string;
  settings: Settings;
  /** The worker's id for this denial, once it acknowledged the report. */
  recordId: string | null;
  /** Why the worker has no record of this denial (it could not be reached), if so. */
  recordError: string | null;
  /** When the denial was found on the page: the admin request's time. */
  seenAt: number;
  /** Other denials on the page with the same principal and layer, shown in this panel (each keeps its own record). */
  merged: ExplainedDenial[];
  /** The worker's ids for the merged denials acknowledged so far: the panel frame diagnoses them too. */
  mergedRecordIds: string[];
  /** What the page's own text beside the denial already shows: the panel does not repeat it. */
  pageShows: { principal: boolean; action: boolean };
  /** The denial sits in a modal, a popover or a narrow widget: only the "Why denied?" button until it is clicked. */
  compact: boolean;
  /**
   * The user turned to the panel this one replaces (its first denial left the page, and this one moved beside the
   * next): it mounts open, with its frame, as the user left it.
   */
  turned?: boolean;
}

/** A denial and what the message says about it. */
export interface ExplainedDenial {
  denial: Denial;
  explanation: Explanation;
}

/** The panel frame's URL for its record ids, joined (runtime.getURL: Chrome's per-session dynamic URL). */
export type FrameUrl = (recordId: string) => string;

export interface PanelProps {
  data: PanelData;
  writeClipboard: WriteClipboard;
  /** "Send to admin" opens its mailto: or ticket URL itself: the worker takes no request to open a tab from here. */
  openTab: OpenTab;
  frameUrl: FrameUrl;
  /** The console's light or dark mode (null: the page gives no signal), passed on to the panel frame. */
  mode?: VisualMode | null;
  /** Called when the user turns to the panel (the pointer over it, focus or a click in it): its frame is made then. */
  onTurn?: () => void;
}
