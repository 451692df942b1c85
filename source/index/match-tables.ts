/**
 * Remembers, per term and column, which dictionary ids match: a 0/1 byte per distinct value.
 * Re-applying a filter (as the stream refreshes during a load, or n / N) then only tests the
 * values that arrived since; a new filter pays once per distinct value, never per row.
 */
interface Entry {
  table: Uint8Array;
  /** Ids below this have been tested. */
  tested: number;
  /** How many tested ids match: a column with none can be left out of the row scan. */
  matches: number;
}

export interface MatchTable {
  table: Uint8Array;
  matches: number;
}

/**
 * Enough for every table of a long query (a bare word has one per column, thirteen), so that
 * re-applying it reuses them all rather than evicting its own tables as it goes. An entry costs
 * a byte per distinct value of its column (most columns hold hundreds; addresses, thousands).
 */
const MAX_ENTRIES = 96;

export class MatchTables {
  private readonly entries = new Map<string, Entry>();

  /** The table for `key` covering every id of `values`, testing only ids not seen before. */
  get(key: string, values: readonly string[], matches: (value: string) => boolean): MatchTable {
    let entry = this.entries.get(key);
    if (entry) this.entries.delete(key);
    else entry = { table: new Uint8Array(Math.max(64, values.length)), tested: 0, matches: 0 };
    if (entry.table.length < values.length) {
      const grown = new Uint8Array(Math.max(values.length, entry.table.length * 2));
      grown.set(entry.table);
      entry.table = grown;
    }
    const { table } = entry;
    let found = 0;
    for (let id = entry.tested; id < values.length; id++) {
      const hit = matches(values[id]!);
      table[id] = hit ? 1 : 0;
      if (hit) found++;
    }
    entry.tested = values.length;
    entry.matches += found;
    this.entries.set(key, entry);
    if (this.entries.size > MAX_ENTRIES)
      this.entries.delete(this.entries.keys().next().value as string);
    return { table, matches: entry.matches };
  }
}
