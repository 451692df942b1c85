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
export {
  openInputs,
  sourceKindOf,
  type OpenedSource,
  type OpenedSources,
  type SourceKind,
  type SourceOpeners,
} from './sources.js';
export type { FeedFile, FileFeed } from './feed.js';
export {
  openS3Input,
  PullDeclinedError,
  type PullWatch,
  type S3OpenOptions,
  type OpenS3Source,
  type PlannedS3Source,
} from './s3-input.js';
export { splitSourceUri, sourceUri, type RemoteParams } from './source-uri.js';
export { combined, pullParts, pullSummary } from './pull-text.js';
