/**
 * What the store needs from the live source (LookupEvents through source/ingest/live and
 * source/aws), as an interface: the TUI never calls AWS itself. cli/live-session.ts builds the
 * real one; tests hand in a fake. New events reach the store through the index it already
 * shows; this only says how the reading goes.
 */
export interface LiveProgressView {
  regions: number;
  pages: number;
  /** Events new to the index in this read, and those shown from the case's cache. */
  events: number;
  cached: number;
  throttles: number;
  /** The time range read so far (epoch ms). */
  oldest?: number;
  newest?: number;
  done: boolean;
}

export interface LiveSummary {
  progress: LiveProgressView;
  cancelled: boolean;
  /** One line per failed region: which call, which region, why, what to do. */
  errors: string[];
}

export interface LiveService {
  /** sts:GetCallerIdentity of the credentials in use. */
  account: string;
  arn: string;
  regions: readonly string[];
  /** Shows the case's cache, then reads what it lacks of the asked range. */
  load(onProgress: (progress: LiveProgressView) => void, signal: AbortSignal): Promise<LiveSummary>;
  /**
   * Follow mode: every `intervalMs`, asks each region for what is newer than the newest event
   * seen, and calls `onPoll` after each poll, until the signal stops it.
   */
  follow(
    intervalMs: number,
    signal: AbortSignal,
    onPoll: (summary: LiveSummary) => void,
  ): Promise<void>;
}
