/**
 * Turns pages into index rows: drops events already seen (by eventID), keeps the rest as a page
 * file in the cache, and parses that file through the same parser as any other source, so every
 * row knows its file and position and the detail pane re-reads it like any record.
 */
import { BatchBuilder, type BatchSink } from '../../trail/batch.js';
import { parseFiles } from '../parse-files.js';
import type { FileReport, SourceFile } from '../source-file.js';
import type { ServerLookup } from './lookup-plan.js';
import type { PageCache } from './page-cache.js';
import type { LookupEvent } from './page-region.js';

/**
 * Batches from one builder are one stream to the index (see EventBatch). The file loader numbers
 * its streams from 0; live streams start far above, so the two never share a number.
 */
let nextStream = 2 ** 30;

export interface Added {
  /** Events that were new. */
  events: number;
  duplicates: number;
  /** Epoch ms of the oldest and newest event on the page (new or not), if any. */
  oldest: number | undefined;
  newest: number | undefined;
}

export class PageLoader {
  /** The file table pages are added to (see joinFiles): ids are positions in it. */
  private table: SourceFile[] = [];
  readonly reports: FileReport[] = [];
  private readonly seen = new Set<string>();
  private readonly builder = new BatchBuilder(nextStream++, 256);

  constructor(
    private readonly cache: PageCache,
    private readonly sink: BatchSink,
  ) {}

  /** Every page file by id, growing as pages arrive: hand this array to a RecordReader. */
  get files(): readonly SourceFile[] {
    return this.table;
  }

  /**
   * Pages join an existing file table (files merged with the live API: the SOURCE files'
   * table), so their ids follow the files' and one RecordReader and one detection run read
   * rows of both from one index. Only before the first page: ids already given stay valid.
   */
  joinFiles(table: SourceFile[]): void {
    if (this.table.length > 0) throw new Error('joinFiles: pages are indexed already');
    this.table = table;
  }

  /** A fetched page: the new events written to the cache and indexed. */
  async addPage(
    region: string,
    lookup: ServerLookup | undefined,
    events: readonly LookupEvent[],
  ): Promise<Added> {
    const fresh: LookupEvent[] = [];
    let oldest: number | undefined;
    let newest: number | undefined;
    for (const event of events) {
      const time = event.EventTime?.getTime();
      if (time !== undefined && !Number.isNaN(time)) {
        oldest = oldest === undefined ? time : Math.min(oldest, time);
        newest = newest === undefined ? time : Math.max(newest, time);
      }
      // An event without an id cannot be matched again: keep it (evidence is never dropped).
      const id = event.EventId;
      if (id !== undefined && this.seen.has(id)) continue;
      if (id !== undefined) this.seen.add(id);
      fresh.push(event);
    }
    if (fresh.length > 0) {
      const page = await this.cache.writePage(region, lookup, { Events: fresh });
      this.index(page.path, page.bytes);
    }
    return { events: fresh.length, duplicates: events.length - fresh.length, oldest, newest };
  }

  /** A page kept from an earlier read: indexed, its ids remembered; returns the events new here. */
  addCached(path: string, bytes: Uint8Array): number {
    let document: { Events?: { EventId?: unknown }[] };
    try {
      document = JSON.parse(Buffer.from(bytes).toString('utf8')) as typeof document;
    } catch {
      document = {};
    }
    // The whole page is indexed (rows point into it by position); an event another lookup
    // already brought is dropped by the index's own dedupe, and not counted here.
    let repeated = 0;
    for (const event of document.Events ?? []) {
      if (typeof event?.EventId !== 'string') continue;
      if (this.seen.has(event.EventId)) repeated++;
      else this.seen.add(event.EventId);
    }
    return Math.max(0, this.index(path, bytes) - repeated);
  }

  private index(path: string, bytes: Uint8Array): number {
    const fileId = this.table.length;
    this.table.push({ id: fileId, path, size: bytes.length });
    const { batch, files } = parseFiles([{ fileId, path, bytes }], this.builder);
    if (batch.count > 0) this.sink.append(batch);
    let events = 0;
    for (const { fileId: _id, ...report } of files) {
      this.reports.push(report);
      events += report.events;
    }
    return events;
  }
}
