import type { TextField } from '../trail/event.js';
import { TEXT_FIELDS } from '../trail/event.js';

/** The read side of a dictionary: what analysis needs, without the interning map. */
export interface DictionaryView {
  readonly values: readonly string[];
  readonly size: number;
  value(id: number): string;
}

/**
 * The read side of the event index. Detection works against this, so it can run on the live
 * index or on a frozen copy in another thread.
 */
export interface IndexView {
  readonly size: number;
  readonly times: Float64Array;
  order(): Uint32Array;
  column(field: TextField): Uint32Array;
  dictionary(field: TextField): DictionaryView;
  time(row: number): number;
  value(row: number, field: TextField): string;
  location(row: number): { fileId: number; recordIndex: number };
}

/** An index copied into plain arrays, to be sent (transferred) to a worker thread. */
export interface IndexSnapshot {
  size: number;
  /** Per TEXT_FIELDS position. */
  columns: Uint32Array[];
  values: string[][];
  times: Float64Array;
  fileIds: Uint32Array;
  recordIndexes: Uint32Array;
  order: Uint32Array;
}

/** The typed arrays of a snapshot, for postMessage's transfer list. */
export function snapshotTransferList(snapshot: IndexSnapshot): ArrayBuffer[] {
  return [
    ...snapshot.columns,
    snapshot.times,
    snapshot.fileIds,
    snapshot.recordIndexes,
    snapshot.order,
  ].map((array) => array.buffer as ArrayBuffer);
}

const POSITION = new Map<TextField, number>(TEXT_FIELDS.map((field, i) => [field, i]));

class FrozenDictionary implements DictionaryView {
  constructor(readonly values: readonly string[]) {}
  get size(): number {
    return this.values.length;
  }
  value(id: number): string {
    return this.values[id] ?? '';
  }
}

/** A snapshot read back as an index view: nothing is added to it after it is made. */
export class FrozenIndex implements IndexView {
  private readonly dictionaries: FrozenDictionary[];

  constructor(private readonly snapshot: IndexSnapshot) {
    this.dictionaries = snapshot.values.map((values) => new FrozenDictionary(values));
  }

  get size(): number {
    return this.snapshot.size;
  }
  get times(): Float64Array {
    return this.snapshot.times;
  }
  order(): Uint32Array {
    return this.snapshot.order;
  }
  column(field: TextField): Uint32Array {
    return this.snapshot.columns[POSITION.get(field)!]!;
  }
  dictionary(field: TextField): DictionaryView {
    return this.dictionaries[POSITION.get(field)!]!;
  }
  time(row: number): number {
    return this.snapshot.times[row]!;
  }
  value(row: number, field: TextField): string {
    const f = POSITION.get(field)!;
    return this.dictionaries[f]!.value(this.snapshot.columns[f]![row]!);
  }
  location(row: number): { fileId: number; recordIndex: number } {
    return { fileId: this.snapshot.fileIds[row]!, recordIndex: this.snapshot.recordIndexes[row]! };
  }
}
