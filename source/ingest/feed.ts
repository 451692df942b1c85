/**
 * A source whose files arrive while it is read: objects downloaded from a bucket (and, later,
 * result pages from Athena). The loader parses each file as it comes, so the stream fills from
 * the first object instead of after the last one.
 *
 * Each file is a local copy (the cache, or a private temp folder under --no-cache) named by where
 * it came from: `path` is the provenance the analyst sees (`s3://bucket/key`), `at` the bytes on
 * disk the parse threads and every later re-read open. A file is handed over once, when it is
 * whole on disk; the feed never hands the same object twice.
 */
export interface FeedFile {
  /** Where the file came from, as shown and reported: `s3://bucket/AWSLogs/.../x.json.gz`. */
  path: string;
  /** The local copy to open. */
  at: string;
  /** Bytes on disk (compressed as stored). */
  size: number;
}

export interface FileFeed {
  /** The source as the analyst gave it (`s3://bucket/prefix`), for its outcome line. */
  shown: string;
  /** The files, as each becomes readable; ends when the source is exhausted, fails or is stopped. */
  files: AsyncIterable<FeedFile>;
  /**
   * What went wrong outside any one file (a denied listing, a prefix with no `AWSLogs/` under
   * it, objects that could not be fetched), one line each naming the call, the place and what to
   * do. Read once `files` has ended.
   */
  problems(): readonly string[];
}
