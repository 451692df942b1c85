import type { BatchSink, EventBatch } from '../trail/batch.js';
import { TEXT_FIELDS, type EventFields, type TextField } from '../trail/event.js';
import { Dictionary } from './dictionary.js';
import { ensureCapacity } from './growable.js';
import { HashSet64 } from './hash-set.js';
import type { IndexSnapshot, IndexView } from './index-view.js';
import { mergeByTime, sortRowsByTime } from './time-order.js';

const FIELD_POSITION = new Map<TextField, number>(
  TEXT_FIELDS.map((field, index) => [field, index]),
);

/**
 * The event store: one row per distinct event, every shown or filtered field a column of ids
 * into a per-field dictionary, time as epoch ms, and where the full record lives. Rows are
 * appended as batches arrive (while the UI reads); `order()` gives them in time order.
 */
export class EventIndex implements BatchSink, IndexView {
  readonly dictionaries: Dictionary[] = TEXT_FIELDS.map(() => new Dictionary());
  private rows = 0;
  private timeColumn = new Float64Array(0);
  private fileIds = new Uint32Array(0);
  private recordIndexes = new Uint32Array(0);
  private columns: Uint32Array[] = TEXT_FIELDS.map(() => new Uint32Array(0));
  private readonly seen = new HashSet64();
  private readonly streamRemaps = new Map<number, Uint32Array[]>();
  private sorted: Uint32Array = new Uint32Array(0);
  private duplicateCount = 0;
  private changes = 0;

  /** Events kept (after dropping duplicates). */
  get size(): number {
    return this.rows;
  }

  /** Records dropped because an event with the same eventID was already loaded. */
  get duplicates(): number {
    return this.duplicateCount;
  }

  /** Increases with every append that added rows: a cheap "has anything changed" check. */
  get version(): number {
    return this.changes;
  }

  /**
   * Sizes the columns for `rows` at once: growing them by doubling copied every column several
   * times over during a large load. Room never written costs address space, not memory.
   */
  reserve(rows: number): void {
    const needed = this.rows + rows;
    this.timeColumn = ensureCapacity(this.timeColumn, needed);
    this.fileIds = ensureCapacity(this.fileIds, needed);
    this.recordIndexes = ensureCapacity(this.recordIndexes, needed);
    this.columns = this.columns.map((column) => ensureCapacity(column, needed));
    this.seen.reserve(rows);
  }

  append(batch: EventBatch): void {
    const start = this.rows;
    const needed = start + batch.count;
    this.timeColumn = ensureCapacity(this.timeColumn, needed);
    this.fileIds = ensureCapacity(this.fileIds, needed);
    this.recordIndexes = ensureCapacity(this.recordIndexes, needed);
    const remaps = this.remapsFor(batch);
    this.columns = this.columns.map((column) => ensureCapacity(column, needed));
    // First which rows are new events, then each column in one tight pass: touching thirteen
    // columns per row would cost a cache miss per column per row.
    const kept = this.keptRows(batch);
    const count = kept.length;
    for (let k = 0; k < count; k++) {
      const i = kept[k]!;
      this.timeColumn[start + k] = batch.time[i]!;
      this.fileIds[start + k] = batch.fileId[i]!;
      this.recordIndexes[start + k] = batch.recordIndex[i]!;
    }
    for (let f = 0; f < this.columns.length; f++) {
      const target = this.columns[f]!;
      const source = batch.columns[f]!;
      const remap = remaps[f]!;
      for (let k = 0; k < count; k++) target[start + k] = remap[source[kept[k]!]!]!;
    }
    if (count > 0) {
      this.rows = start + count;
      this.changes++;
    }
  }

  /** Positions in the batch of rows whose event is not already in the index. */
  private keptRows(batch: EventBatch): Uint32Array {
    const kept = new Uint32Array(batch.count);
    let count = 0;
    for (let i = 0; i < batch.count; i++) {
      const hi = batch.idHash[i * 2]!;
      const lo = batch.idHash[i * 2 + 1]!;
      if ((hi !== 0 || lo !== 0) && !this.seen.add(hi, lo)) this.duplicateCount++;
      else kept[count++] = i;
    }
    return kept.subarray(0, count);
  }

  /**
   * The stream's local→global id tables, extended with the batch's new values: each value is
   * interned here once per stream, and every row is then remapped by array lookups.
   */
  private remapsFor(batch: EventBatch): Uint32Array[] {
    let remaps = this.streamRemaps.get(batch.stream);
    if (!remaps)
      this.streamRemaps.set(batch.stream, (remaps = TEXT_FIELDS.map(() => new Uint32Array(64))));
    for (let f = 0; f < remaps.length; f++) {
      const values = batch.newValues[f]!;
      const hashes = batch.newHashes[f]!;
      const first = batch.firstNewId[f]!;
      const remap = (remaps[f] = ensureCapacity(remaps[f]!, first + values.length));
      const dictionary = this.dictionaries[f]!;
      for (let i = 0; i < values.length; i++)
        remap[first + i] = dictionary.intern(values[i]!, hashes[i]);
    }
    return remaps;
  }

  /** All rows in time order. Sorting happens here, lazily: only rows added since the last call. */
  order(): Uint32Array {
    const orderedCount = this.sorted.length;
    if (orderedCount < this.rows) {
      const fresh = new Uint32Array(this.rows - orderedCount);
      for (let i = 0; i < fresh.length; i++) fresh[i] = orderedCount + i;
      this.sorted = mergeByTime(
        this.sorted,
        sortRowsByTime(fresh, this.timeColumn),
        this.timeColumn,
      );
    }
    return this.sorted;
  }

  /** The raw id column of a field (longer than `size`; read only the first `size` entries). */
  column(field: TextField): Uint32Array {
    return this.columns[FIELD_POSITION.get(field)!]!;
  }

  dictionary(field: TextField): Dictionary {
    return this.dictionaries[FIELD_POSITION.get(field)!]!;
  }

  /** The time column (epoch ms), indexed by row. */
  get times(): Float64Array {
    return this.timeColumn;
  }

  time(row: number): number {
    return this.timeColumn[row]!;
  }

  value(row: number, field: TextField): string {
    const f = FIELD_POSITION.get(field)!;
    return this.dictionaries[f]!.value(this.columns[f]![row]!);
  }

  /** Where the row's full record lives, for re-reading it. */
  location(row: number): { fileId: number; recordIndex: number } {
    return { fileId: this.fileIds[row]!, recordIndex: this.recordIndexes[row]! };
  }

  /** A copy of everything loaded so far, for analysis in another thread. */
  snapshot(): IndexSnapshot {
    const size = this.rows;
    return {
      size,
      columns: this.columns.map((column) => column.slice(0, size)),
      values: this.dictionaries.map((dictionary) => [...dictionary.values]),
      times: this.timeColumn.slice(0, size),
      fileIds: this.fileIds.slice(0, size),
      recordIndexes: this.recordIndexes.slice(0, size),
      order: this.order().slice(),
    };
  }

  /** One row's fields as strings (eventId is not kept: it is in the full record). */
  fields(row: number): Omit<EventFields, 'eventId'> {
    const out = { time: this.timeColumn[row]! } as Omit<EventFields, 'eventId'>;
    TEXT_FIELDS.forEach((field, f) => {
      out[field] = this.dictionaries[f]!.value(this.columns[f]![row]!);
    });
    return out;
  }
}
