import { EventIndex } from '../../source/index/index.js';
import { loadSources, type LoadResult, type SourceInput } from '../../source/ingest/index.js';

/** Loads sources into a fresh index on this thread, as the tests' one way in. */
export async function loadIndex(
  inputs: (string | SourceInput)[],
): Promise<{ index: EventIndex; result: LoadResult }> {
  const index = new EventIndex();
  const sources = inputs.map((input) => (typeof input === 'string' ? { path: input } : input));
  const result = await loadSources(sources, { sink: index, workers: 0 });
  return { index, result };
}
