// What one panel is given. The content script owns the data; the panel only renders it and sends requests.
import type { Denial } from '../../core/denial.ts';
import type { Diagnosis, DiagnosisStep } from '../../core/diagnosis.ts';
import type { Explanation } from '../../core/explanation.ts';
import type { ReplyOf, RequestOf, RequestType, Settings } from '../../shared/protocol.ts';

/** Sends one request to the worker (the browser boundary; tests pass a fake). */
export type Send = <T extends RequestType>(type: T, payload: RequestOf<T>) => Promise<ReplyOf<T>>;

/** Writes text to the clipboard; rejects when the browser refuses. */
export type WriteClipboard = (text: string) => Promise<void>;

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
  /** Steps of a running diagnosis, pushed by the worker ('diagnosis/progress'). */
  progress: DiagnosisStep[] | null;
  /** A finished diagnosis pushed by the worker ('diagnosis/done'). */
  pushedDiagnosis: Diagnosis | null;
}

export interface PanelProps {
  data: PanelData;
  send: Send;
  writeClipboard: WriteClipboard;
}
