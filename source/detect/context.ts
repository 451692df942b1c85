import type { IpFacts } from '../geo/index.js';
import type { IndexView } from '../index/index.js';
import type { TextField } from '../trail/event.js';
import { operationName } from '../trail/event-name.js';
import type { RecordFacts } from '../trail/record-facts.js';
import { parseIp } from '../geo/ip-address.js';
import { actorOf } from './actor.js';
import { isQualified } from '../index/accounts.js';
import { buildBaseline } from './baseline/build.js';
import type { Baseline, BaselineOptions } from './baseline/types.js';

/** Actor ids by principal dictionary id, and their names. */
interface Actors {
  ids: Int32Array;
  names: string[];
}

/**
 * What a built-in rule sees: the index's columns, read by row; the facts cut from the full
 * records of the few operations that need them; and offline facts about source IPs. Tests of
 * a value run once per distinct value (a dictionary id), never once per row.
 */
export class DetectionContext {
  /** Every row with a known time, oldest first. */
  readonly order: Uint32Array;
  private readonly operations: string[];
  /** Principals are named with their account (`ACCOUNT/name`): the trail holds several. */
  readonly accounts: boolean;

  private readonly ipFacts: (IpFacts | undefined)[] = [];
  private actorTable?: Actors;
  private addressTable?: Uint8Array;

  constructor(
    readonly index: IndexView,
    private readonly ipLookup: (ip: string) => IpFacts,
    private readonly factsByRow: ReadonlyMap<number, RecordFacts> = new Map(),
    /** Results several rules share (first sightings …), kept across the run's contexts. */
    private readonly memos: Map<string, unknown> = new Map(),
    /** `--baseline-until` / `--baseline`: what the run's baseline learns besides the trail. */
    private readonly baselineOptions: BaselineOptions = {},
  ) {
    const all = index.order();
    const times = index.times;
    let start = 0;
    // Records without eventTime sort first (NaN); no rule can place them in time.
    while (start < all.length && Number.isNaN(times[all[start]!]!)) start++;
    this.order = all.subarray(start);
    this.operations = index.dictionary('eventName').values.map(operationName);
    this.accounts = isQualified(index);
  }

  operation(row: number): string {
    return this.operations[this.index.column('eventName')[row]!]!;
  }

  value(row: number, field: TextField): string {
    return this.index.value(row, field);
  }

  /** The dictionary id of a row's value: equal ids, equal values. */
  id(row: number, field: TextField): number {
    return this.index.column(field)[row]!;
  }

  time(row: number): number {
    return this.index.times[row]!;
  }

  /** Actor ids (see actorOf) by principal dictionary id: a role's sessions share one id. */
  actors(): Actors {
    const principals = this.index.dictionary('principal').values;
    if (this.actorTable && this.actorTable.ids.length === principals.length) return this.actorTable;
    const byName = new Map<string, number>();
    const names: string[] = [];
    const ids = new Int32Array(principals.length);
    principals.forEach((principal, id) => {
      const actor = actorOf(principal);
      let actorId = byName.get(actor);
      if (actorId === undefined) {
        byName.set(actor, (actorId = names.length));
        names.push(actor);
      }
      ids[id] = actorId;
    });
    return (this.actorTable = { ids, names });
  }

  /** The actor a row's principal belongs to: what findings are about. */
  actor(row: number): string {
    const actors = this.actors();
    return actors.names[actors.ids[this.index.column('principal')[row]!]!]!;
  }

  actorId(row: number): number {
    return this.actors().ids[this.index.column('principal')[row]!]!;
  }

  /** Rows grouped by actor, each group oldest first. */
  groupByActor(rows: Uint32Array | number[]): Map<number, number[]> {
    const ids = this.actors().ids;
    const column = this.index.column('principal');
    const groups = new Map<number, number[]>();
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const id = ids[column[row]!]!;
      let group = groups.get(id);
      if (!group) groups.set(id, (group = []));
      group.push(row);
    }
    return groups;
  }

  facts(row: number): RecordFacts | undefined {
    return this.factsByRow.get(row);
  }

  ip(ip: string): IpFacts {
    return this.ipLookup(ip);
  }

  /** The facts of a row's source address, looked up once per distinct address. */
  ipOf(row: number): IpFacts {
    const id = this.index.column('sourceIp')[row]!;
    let facts = this.ipFacts[id];
    if (!facts)
      this.ipFacts[id] = facts = this.ipLookup(this.index.dictionary('sourceIp').value(id));
    return facts;
  }

  /**
   * Whether a row's sourceIPAddress is an address at all: CloudTrail writes a service's host name
   * or `AWS Internal` when a service acted for the caller, and those are never a "new" or
   * "different" address, nor one a baseline holds.
   */
  isAddress(row: number): boolean {
    const size = this.index.dictionary('sourceIp').size;
    if (!this.addressTable || this.addressTable.length !== size)
      this.addressTable = this.valueTable('sourceIp', (value) => parseIp(value) !== undefined);
    return this.addressTable[this.index.column('sourceIp')[row]!] === 1;
  }

  /**
   * What each actor and account did before each row (places, user agents, regions, event
   * names): built once per run, each dimension learned when a rule first asks for it.
   */
  baseline(): Baseline {
    return this.memo('baseline', () => buildBaseline(this, this.baselineOptions));
  }

  /** Computes once per detection run what several rules need. */
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  /** A table over a field's dictionary ids: 1 where the value passes `test`. */
  valueTable(field: TextField, test: (value: string) => boolean): Uint8Array {
    const values = this.index.dictionary(field).values;
    const table = new Uint8Array(values.length);
    for (let id = 0; id < values.length; id++) if (test(values[id]!)) table[id] = 1;
    return table;
  }

  /** Rows (oldest first) whose value of `field` passes `test`, from `within` or all rows. */
  rowsWhere(
    field: TextField,
    test: (value: string) => boolean,
    within: Uint32Array = this.order,
  ): Uint32Array {
    const table = this.valueTable(field, test);
    const column = this.index.column(field);
    const out = new Uint32Array(within.length);
    let count = 0;
    for (let i = 0; i < within.length; i++) {
      const row = within[i]!;
      if (table[column[row]!] === 1) out[count++] = row;
    }
    return out.slice(0, count);
  }

  /** Rows (oldest first) of the given operations (event names without Lambda's version suffix). */
  rowsOf(operations: readonly string[], within: Uint32Array = this.order): Uint32Array {
    const wanted = new Set(operations);
    return this.rowsWhere('eventName', (name) => wanted.has(operationName(name)), within);
  }

  /** Rows grouped by a field's value id, each group oldest first. */
  groupBy(rows: Uint32Array | number[], field: TextField): Map<number, number[]> {
    const column = this.index.column(field);
    const groups = new Map<number, number[]>();
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const id = column[row]!;
      let group = groups.get(id);
      if (!group) groups.set(id, (group = []));
      group.push(row);
    }
    return groups;
  }
}
