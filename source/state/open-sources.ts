import { loadSources, RecordReader, type LoadResult, type SourceInput } from '../ingest/index.js';
import type { AppStore } from './store.js';
import type { EventIndex } from '../index/index.js';

/**
 * Feeds a store from sources: the stream fills as batches arrive, records become re-readable as
 * soon as files are discovered, and the per-file reports land at the end.
 */
export async function openSources(
  store: AppStore,
  index: EventIndex,
  inputs: readonly SourceInput[],
  options: { workers?: number; signal?: AbortSignal } = {},
): Promise<LoadResult> {
  const state = () => store.getState();
  const result = await loadSources(inputs, {
    sink: index,
    ...options,
    onDiscovered: (files) => state().attachReader(new RecordReader(files)),
    onProgress: (progress) => state().setProgress(progress),
  });
  state().setReports(result.reports);
  return result;
}
