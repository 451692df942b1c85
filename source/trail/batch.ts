import { TEXT_FIELDS, type EventFields } from './event.js';

/**
 * A batch of normalized events in columns, as a parse worker builds it: each text field is an
 * array of ids into the batch's own small dictionary (id 0 is always ''). Plain typed arrays and
 * string lists, so it crosses a worker boundary cheaply and the index can remap it into its
 * global dictionaries without ever building one object per event.
 */
export interface EventBatch {
  count: number;
  time: Float64Array;
  /** Two 32-bit halves of a 64-bit hash of the row's dedupe key; both 0 when it has none. */
  idHash: Uint32Array;
  /** Where the full record lives: the source file's id and the record's index within it. */
  fileId: Uint32Array;
  recordIndex: Uint32Array;
  /** One id column per TEXT_FIELDS entry, same order. */
  columns: Uint32Array[];
  /** One dictionary per TEXT_FIELDS entry, same order; entry 0 is ''. */
  dictionaries: string[][];
}

/** Receives batches as they are parsed (the event index implements it). */
export interface BatchSink {
  append(batch: EventBatch): void;
}

/** 64-bit string hash (two independent 32-bit mixes), used to drop duplicate events. */
export function hashKey(id: string, out: Uint32Array, at: number): void {
  let h1 = 0xdeadbeef ^ id.length;
  let h2 = 0x41c6ce57 ^ id.length;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  // (0, 0) means "no eventID"; nudge a real hash off it.
  if (h1 === 0 && h2 === 0) h2 = 1;
  out[at * 2] = h1 >>> 0;
  out[at * 2 + 1] = h2 >>> 0;
}

/** Builds an EventBatch row by row, interning strings per field. */
export class BatchBuilder {
  private count = 0;
  private capacity: number;
  private time: Float64Array;
  private idHash: Uint32Array;
  private fileId: Uint32Array;
  private recordIndex: Uint32Array;
  private columns: Uint32Array[];
  private readonly dictionaries: string[][] = TEXT_FIELDS.map(() => ['']);
  private readonly lookups: Map<string, number>[] = TEXT_FIELDS.map(() => new Map([['', 0]]));
  private readonly lastValues: string[] = TEXT_FIELDS.map(() => '');
  private readonly lastIds = new Uint32Array(TEXT_FIELDS.length);

  constructor(initialCapacity = 1024) {
    this.capacity = initialCapacity;
    this.time = new Float64Array(initialCapacity);
    this.idHash = new Uint32Array(initialCapacity * 2);
    this.fileId = new Uint32Array(initialCapacity);
    this.recordIndex = new Uint32Array(initialCapacity);
    this.columns = TEXT_FIELDS.map(() => new Uint32Array(initialCapacity));
  }

  get size(): number {
    return this.count;
  }

  /** Adds one event; `dedupeKey` '' means it is never treated as a duplicate. */
  add(fields: EventFields, dedupeKey: string, fileId: number, recordIndex: number): void {
    if (this.count === this.capacity) this.grow();
    const row = this.count++;
    this.time[row] = fields.time;
    if (dedupeKey) hashKey(dedupeKey, this.idHash, row);
    this.fileId[row] = fileId;
    this.recordIndex[row] = recordIndex;
    for (let f = 0; f < TEXT_FIELDS.length; f++) {
      const value = fields[TEXT_FIELDS[f]!];
      // Neighbouring records mostly share region, account, source, agent and principal: a
      // one-entry cache per field skips hashing the string (most of this loop's cost).
      if (value === this.lastValues[f]) {
        this.columns[f]![row] = this.lastIds[f]!;
        continue;
      }
      const lookup = this.lookups[f]!;
      let id = lookup.get(value);
      if (id === undefined) {
        const dictionary = this.dictionaries[f]!;
        id = dictionary.length;
        dictionary.push(value);
        lookup.set(value, id);
      }
      this.columns[f]![row] = id;
      this.lastValues[f] = value;
      this.lastIds[f] = id;
    }
  }

  /** The finished batch, trimmed to size. The builder must not be used afterwards. */
  finish(): EventBatch {
    const n = this.count;
    return {
      count: n,
      time: this.time.slice(0, n),
      idHash: this.idHash.slice(0, n * 2),
      fileId: this.fileId.slice(0, n),
      recordIndex: this.recordIndex.slice(0, n),
      columns: this.columns.map((column) => column.slice(0, n)),
      dictionaries: this.dictionaries,
    };
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const grow = <T extends Float64Array | Uint32Array>(old: T, size: number): T => {
      const next = new (old.constructor as new (n: number) => T)(size);
      next.set(old);
      return next;
    };
    this.time = grow(this.time, capacity);
    this.idHash = grow(this.idHash, capacity * 2);
    this.fileId = grow(this.fileId, capacity);
    this.recordIndex = grow(this.recordIndex, capacity);
    this.columns = this.columns.map((column) => grow(column, capacity));
    this.capacity = capacity;
  }
}

/** Every typed array of a batch, for a zero-copy postMessage transfer list. */
export function batchTransferList(batch: EventBatch): ArrayBuffer[] {
  return [batch.time, batch.idHash, batch.fileId, batch.recordIndex, ...batch.columns].map(
    (array) => array.buffer as ArrayBuffer,
  );
}
