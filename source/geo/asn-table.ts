/**
 * Address ranges → autonomous system, as typed arrays searched by bisection. Half a million
 * ranges as objects would cost tens of megabytes and a long garbage-collection tail; as columns
 * they are a few flat arrays, and a lookup is twenty comparisons.
 */

/** Marks a row without an organisation name. */
export const noOrg = 0xffffffff;

export interface AsnColumns {
  readonly count: number;
  readonly asn: Uint32Array;
  /** Index into `orgs`, or `noOrg`; organisation names repeat, so each is stored once. */
  readonly orgIndex: Uint32Array;
  readonly orgs: readonly string[];
}

/** Inclusive IPv4 ranges sorted by start. */
export interface Ipv4AsnTable extends AsnColumns {
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
}

/** Inclusive IPv6 ranges sorted by start; each bound is four 32-bit words, most significant first. */
export interface Ipv6AsnTable extends AsnColumns {
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
}

export interface AsnMatch {
  readonly asn: number;
  readonly org: string | undefined;
}

/** The row whose range holds `value`, or -1. Ranges are taken as sorted and non-nested. */
export function findIpv4Row(table: Ipv4AsnTable, value: number): number {
  const { starts, ends } = table;
  let low = 0;
  let high = table.count - 1;
  let candidate = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (starts[middle]! <= value) {
      candidate = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return candidate >= 0 && ends[candidate]! >= value ? candidate : -1;
}

/** Compares the 128-bit number in `words[0..3]` with the one at `bounds[row*4..]`; sign only. */
export function compareIpv6(words: Uint32Array, bounds: Uint32Array, row: number): number {
  const at = row * 4;
  for (let word = 0; word < 4; word++) {
    const difference = words[word]! - bounds[at + word]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

export function findIpv6Row(table: Ipv6AsnTable, words: Uint32Array): number {
  let low = 0;
  let high = table.count - 1;
  let candidate = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (compareIpv6(words, table.starts, middle) >= 0) {
      candidate = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return candidate >= 0 && compareIpv6(words, table.ends, candidate) <= 0 ? candidate : -1;
}

export function asnAt(table: AsnColumns, row: number): AsnMatch {
  const orgIndex = table.orgIndex[row]!;
  const org = orgIndex === noOrg ? undefined : table.orgs[orgIndex];
  return { asn: table.asn[row]!, org: org === '' ? undefined : org };
}
