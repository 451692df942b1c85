import { TEXT_FIELDS, type EventFields } from './event.js';
import { stringHash } from './string-hash.js';
import { canonicalIpv4, Ipv4Table } from './ipv4-table.js';

const SOURCE_IP = TEXT_FIELDS.indexOf('sourceIp');
const PRINCIPAL = TEXT_FIELDS.indexOf('principal');
const EVENT_SOURCE = TEXT_FIELDS.indexOf('eventSource');
const PRINCIPAL_ARN = TEXT_FIELDS.indexOf('principalArn');

/**
 * For a field that mostly follows from another (the principal's name from its ARN, the service
 * from the API name): by the other field's id, the value last seen with it and that value's id.
 */
class Guesses {
  readonly values: string[] = [];
  ids = new Uint32Array(256);

  /** The id of `value` when it is the one last seen with `by`, else -1. */
  check(by: number, value: string): number {
    return by !== 0 && by < this.values.length && this.values[by] === value ? this.ids[by]! : -1;
  }

  remember(by: number, value: string, id: number): void {
    if (by === 0) return;
    // Kept dense: a holey array is slow.
    while (this.values.length <= by) this.values.push('');
    this.values[by] = value;
    if (by >= this.ids.length) {
      const grown = new Uint32Array(Math.max(by + 1, this.ids.length * 2));
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[by] = id;
  }
}

/**
 * A batch of normalized events in columns, as a parse worker builds it: each text field is an
 * array of ids into its stream's dictionary for that field. Plain typed arrays and string lists,
 * so it crosses a worker boundary cheaply and the index remaps it into its global dictionaries
 * without ever building one object per event.
 *
 * A stream (one parse thread) keeps its dictionaries for the whole load and each batch carries
 * only the values first seen since the stream's previous batch: a region or a user agent crosses
 * the thread boundary and is interned by the index once per stream, not once per batch. The
 * index must therefore apply a stream's batches in the order they were built.
 */
export interface EventBatch {
  /** The stream (parse thread) that built it; ids are local to the stream. */
  stream: number;
  count: number;
  time: Float64Array;
  /** Two 32-bit halves of a 64-bit hash of the row's dedupe key; both 0 when it has none. */
  idHash: Uint32Array;
  /** Where the full record lives: the source file's id and the record's index within it. */
  fileId: Uint32Array;
  recordIndex: Uint32Array;
  /** One id column per TEXT_FIELDS entry, same order. */
  columns: Uint32Array[];
  /** Per TEXT_FIELDS entry: the stream's values new in this batch (id 0 of a stream is ''). */
  newValues: string[][];
  /** Per TEXT_FIELDS entry: stringHash of each of `newValues`, so the index need not hash them. */
  newHashes: Uint32Array[];
  /** Per TEXT_FIELDS entry: the stream-local id of the first of `newValues`. */
  firstNewId: Uint32Array;
}

/** Receives batches as they are parsed (the event index implements it). */
export interface BatchSink {
  append(batch: EventBatch): void;
  /** A hint of how many rows will come, given before the first batch; may be off either way. */
  reserve?(rows: number): void;
}

/** The two 32-bit mixes of a dedupe key being hashed, before any part. */
const KEY_HASH_START: readonly [number, number] = [0xdeadbeef, 0x41c6ce57];

/**
 * Mixes one part of a dedupe key into the state, code unit by code unit, then a part boundary,
 * so ("ab", "c") and ("a", "bc") differ. The record scanner (wasm/record-scan.ts) mixes the
 * first parts the same way over bytes: change both or neither.
 */
export function mixKeyPart(state: [number, number], part: string): void {
  let [h1, h2] = state;
  for (let i = 0; i < part.length; i++) {
    const c = part.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  state[0] = Math.imul(h1 ^ 0x1f, 2654435761);
  state[1] = Math.imul(h2 ^ 0x1f, 1597334677);
}

/** The finished 64-bit hash of a mixed state, written as two uint32 at `at`. */
export function finishKeyHash(
  state: readonly [number, number],
  out: Uint32Array,
  at: number,
): void {
  let [h1, h2] = state;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  // (0, 0) means "no key"; nudge a real hash off it.
  if (h1 === 0 && h2 === 0) h2 = 1;
  out[at * 2] = h1 >>> 0;
  out[at * 2 + 1] = h2 >>> 0;
}

/**
 * A 64-bit hash (two independent 32-bit mixes) of a dedupe key given as its parts, hashed in
 * place: joining them first would copy every key once more.
 */
export function hashKey(parts: readonly string[], out: Uint32Array, at: number): void {
  const state: [number, number] = [KEY_HASH_START[0], KEY_HASH_START[1]];
  for (const part of parts) mixKeyPart(state, part);
  finishKeyHash(state, out, at);
}

/** Builds a stream's EventBatches row by row, interning strings per field. */
export class BatchBuilder {
  private count = 0;
  private capacity: number;
  private time: Float64Array;
  private idHash: Uint32Array;
  private fileId: Uint32Array;
  private recordIndex: Uint32Array;
  private columns: Uint32Array[];
  private readonly lookups: Map<string, number>[] = TEXT_FIELDS.map(() => new Map([['', 0]]));
  /** The next stream-local id per field (0 is '', known to every field from the start). */
  private readonly nextIds = new Uint32Array(TEXT_FIELDS.length).fill(1);
  private readonly addresses = new Ipv4Table();
  /** Values interned since the last batch was taken, per field, and their hashes. */
  private newValues: string[][] = TEXT_FIELDS.map(() => ['']);
  private newHashes: number[][] = TEXT_FIELDS.map(() => [stringHash('')]);
  private readonly firstNewId = new Uint32Array(TEXT_FIELDS.length);
  private readonly lastValues: string[] = TEXT_FIELDS.map(() => '');
  private readonly lastIds = new Uint32Array(TEXT_FIELDS.length);
  private readonly principalByArn = new Guesses();
  private readonly sourceByName = new Guesses();

  /** `stream` must be unique among the builders feeding one index. */
  constructor(
    private readonly stream: number,
    initialCapacity = 1024,
  ) {
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

  /** Adds one event; without a dedupe key it is never treated as a duplicate. */
  add(
    fields: EventFields,
    dedupeKey: readonly string[] | undefined,
    fileId: number,
    recordIndex: number,
  ): void {
    if (this.count === this.capacity) this.grow();
    const row = this.count++;
    this.time[row] = fields.time;
    if (dedupeKey) hashKey(dedupeKey, this.idHash, row);
    this.fileId[row] = fileId;
    this.recordIndex[row] = recordIndex;
    // Fields are read by name, not by a keyed loop over thirteen names (test/index/batch.test.ts
    // checks every column). Two fields are guessed from another before their strings are hashed:
    // hashing them afresh for every row was a sixth of the load's indexing time.
    const name = this.intern(0, row, fields.eventName);
    this.internGuessed(EVENT_SOURCE, row, fields.eventSource, this.sourceByName, name);
    this.intern(2, row, fields.region);
    this.intern(3, row, fields.account);
    this.internAddress(row, fields.sourceIp);
    this.intern(5, row, fields.userAgent);
    const arn = this.intern(PRINCIPAL_ARN, row, fields.principalArn);
    this.internGuessed(PRINCIPAL, row, fields.principal, this.principalByArn, arn);
    this.intern(8, row, fields.identityType);
    this.intern(9, row, fields.accessKeyId);
    this.intern(10, row, fields.error);
    this.intern(11, row, fields.resources);
    this.intern(12, row, fields.bucket);
  }

  /**
   * Starts a row whose fields are then set one by one, for the record scanner's path; `add` is
   * the same for a normalized record. Every column must be set (ids default to whatever the
   * builder's buffers held).
   */
  beginRow(time: number, fileId: number, recordIndex: number): number {
    if (this.count === this.capacity) this.grow();
    const row = this.count++;
    this.time[row] = time;
    this.fileId[row] = fileId;
    this.recordIndex[row] = recordIndex;
    return row;
  }

  /** The row's dedupe key hash, from a state mixed with mixKeyPart; without it, no key. */
  setKeyHash(row: number, state: readonly [number, number]): void {
    finishKeyHash(state, this.idHash, row);
  }

  /** The stream-local id of a value of field f, interning it when new. */
  idOf(f: number, value: string): number {
    return f === SOURCE_IP ? this.internAddressId(value) : this.lookupId(f, value);
  }

  setId(f: number, row: number, id: number): void {
    this.columns[f]![row] = id;
  }

  setText(f: number, row: number, value: string): number {
    return f === SOURCE_IP
      ? (this.columns[f]![row] = this.internAddressId(value))
      : this.intern(f, row, value);
  }

  /**
   * The principal's name and its ARN's id, the name guessed from the ARN as `add` does; answers
   * the name's id.
   */
  setPrincipal(row: number, name: string, arnId: number): number {
    this.columns[PRINCIPAL_ARN]![row] = arnId;
    this.internGuessed(PRINCIPAL, row, name, this.principalByArn, arnId);
    return this.columns[PRINCIPAL]![row]!;
  }

  /**
   * Drops the rows added after the first `size` (a file found broken part way through). Their
   * values stay interned: ids given out stay valid, and a value no row names is harmless, as
   * one seen only in a dropped duplicate already is.
   */
  rollback(size: number): void {
    if (size >= this.count) return;
    // add() writes a row's hash only when it has a dedupe key: a later keyless row must not
    // inherit a dropped row's.
    this.idHash.fill(0, size * 2, this.count * 2);
    this.count = size;
  }

  /**
   * A field that follows from one already interned (`by`, an id of that field; 0 guesses
   * nothing): the value last seen with the same `by` is compared first, one comparison instead
   * of hashing a fresh string. A log where they disagree still gets every value right, only
   * slower.
   */
  private internGuessed(f: number, row: number, value: string, guesses: Guesses, by: number): void {
    const guessed = guesses.check(by, value);
    if (guessed >= 0) {
      this.columns[f]![row] = guessed;
      return;
    }
    guesses.remember(by, value, this.intern(f, row, value));
  }

  private internAddress(row: number, value: string): void {
    this.columns[SOURCE_IP]![row] = this.internAddressId(value);
  }

  private internAddressId(value: string): number {
    const address = canonicalIpv4(value);
    if (address < 0) return this.lookupId(SOURCE_IP, value);
    let id = this.addresses.get(address);
    if (id < 0) {
      id = this.nextIds[SOURCE_IP]!++;
      this.addresses.set(address, id);
      this.newValues[SOURCE_IP]!.push(value);
      this.newHashes[SOURCE_IP]!.push(stringHash(value));
    }
    return id;
  }

  private intern(f: number, row: number, value: string): number {
    const id = this.lookupId(f, value);
    this.columns[f]![row] = id;
    return id;
  }

  private lookupId(f: number, value: string): number {
    // Neighbouring records mostly share region, account and identity: a one-entry cache per
    // field skips hashing the string.
    if (value === this.lastValues[f]) return this.lastIds[f]!;
    const lookup = this.lookups[f]!;
    let id = lookup.get(value);
    if (id === undefined) {
      id = this.nextIds[f]!++;
      lookup.set(value, id);
      this.newValues[f]!.push(value);
      this.newHashes[f]!.push(stringHash(value));
    }
    this.lastValues[f] = value;
    this.lastIds[f] = id;
    return id;
  }

  /** The rows added since the last call, as a batch; the builder goes on with fresh rows. */
  take(): EventBatch {
    const n = this.count;
    const batch: EventBatch = {
      stream: this.stream,
      count: n,
      time: this.time.slice(0, n),
      idHash: this.idHash.slice(0, n * 2),
      fileId: this.fileId.slice(0, n),
      recordIndex: this.recordIndex.slice(0, n),
      columns: this.columns.map((column) => column.slice(0, n)),
      newValues: this.newValues,
      newHashes: this.newHashes.map((hashes) => Uint32Array.from(hashes)),
      firstNewId: this.firstNewId.slice(),
    };
    this.firstNewId.set(this.nextIds);
    this.newValues = TEXT_FIELDS.map(() => []);
    this.newHashes = TEXT_FIELDS.map(() => []);
    this.count = 0;
    this.idHash.fill(0);
    return batch;
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
  return [
    batch.time,
    batch.idHash,
    batch.fileId,
    batch.recordIndex,
    ...batch.columns,
    ...batch.newHashes,
  ].map((array) => array.buffer as ArrayBuffer);
}
