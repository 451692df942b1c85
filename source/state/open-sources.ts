import type { SigmaRule } from '../detect/index.js';
import type { EventIndex } from '../index/index.js';
import {
  loadSources,
  RecordReader,
  type LoadResult,
  type PullWatch,
  type SourceInput,
} from '../ingest/index.js';
import { runDetection } from './run-detection.js';
import type { AppStore } from './store.js';

/**
 * Feeds a store from sources (opened by ingest's openInputs: paths, stdin, buckets' feeds): the
 * stream fills as batches arrive, records become re-readable as soon as files are discovered
 * (and a feed's as each arrives), the per-file reports land at the end, and then the detections
 * run in the background (unless `detect` is false).
 */
export async function openSources(
  store: AppStore,
  index: EventIndex,
  inputs: readonly SourceInput[],
  options: {
    workers?: number;
    signal?: AbortSignal;
    detect?: boolean;
    sigma?: readonly SigmaRule[];
    sigmaPaths?: string[];
    /** Called once the files are read, before the detections run over them. */
    onLoaded?: (result: LoadResult) => void;
    /** The buckets' pulls behind feed inputs: shown on the status line, stopped by esc. */
    pulls?: readonly PullWatch[];
  } = {},
): Promise<LoadResult> {
  const state = () => store.getState();
  const { detect = true, sigma, sigmaPaths, onLoaded, pulls, ...loading } = options;
  if (pulls && pulls.length > 0) state().attachPulls(pulls);
  const result = await loadSources(inputs, {
    sink: index,
    ...loading,
    onDiscovered: (files) => state().attachReader(new RecordReader(files)),
    onProgress: (progress) => state().setProgress(progress),
  });
  state().setReports(result.reports);
  onLoaded?.(result);
  if (detect && !options.signal?.aborted)
    await runDetection(store, index, result.files, {
      ...(sigma ? { sigma } : {}),
      ...(sigmaPaths ? { sigmaPaths } : {}),
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  return result;
}
