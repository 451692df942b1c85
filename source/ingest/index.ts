export {
  loadSources,
  type LoadOptions,
  type LoadProgress,
  type LoadResult,
  type SourceInput,
} from './load.js';
export { RecordReader } from './reread.js';
export { readContainer, parseContainer, type ContainerResult } from './containers.js';
export type { FileReport, FileStatus, SourceFile } from './source-file.js';
export { sourceOutcome, type SourceOutcome } from './source-outcome.js';
export {
  fetchRecords,
  type FetchedRecords,
  type FetchFailure,
  type FetchOptions,
  type FetchRequest,
  type FetchResult,
} from './fetch-records.js';
