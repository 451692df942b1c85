import type { IndexView } from '../../index/index.js';
import { sortRowsByTime } from '../../index/time-order.js';
import {
  DAY_MS,
  ESTABLISHED_COUNT,
  ESTABLISHED_DAYS,
  ESTABLISHED_SPREAD_MS,
  HISTORY_DAYS,
} from './thresholds.js';
import type { ValueHistory } from './types.js';

/** The typed-array tables of a profile's baseline (see subject.ts), with the Baseline's thresholds. */

/**
 * Per (key, value) statistics in dense typed arrays: slot = key * width + the value's compact
 * index among the values of interest, so a row's update is arithmetic and array writes.
 */
export class Dense {
  readonly first: Float64Array;
  readonly last: Float64Array;
  readonly lastDay: Float64Array;
  readonly days: Uint32Array;
  readonly count: Uint32Array;
  readonly establishedAt: Float64Array;

  constructor(size: number) {
    this.first = new Float64Array(size).fill(Number.NaN);
    this.last = new Float64Array(size).fill(Number.NaN);
    this.lastDay = new Float64Array(size).fill(Number.NaN);
    this.days = new Uint32Array(size);
    this.count = new Uint32Array(size);
    this.establishedAt = new Float64Array(size).fill(Number.NaN);
  }

  /** Counts one sighting; returns whether it was the first. */
  see(slot: number, time: number): boolean {
    const first = this.count[slot] === 0;
    if (first) this.first[slot] = time;
    this.last[slot] = time;
    this.count[slot]!++;
    const day = Math.floor(time / DAY_MS);
    if (day !== this.lastDay[slot]) {
      this.lastDay[slot] = day;
      this.days[slot]!++;
    }
    if (
      this.establishedAt[slot] !== this.establishedAt[slot] &&
      (this.days[slot]! >= ESTABLISHED_DAYS ||
        (this.count[slot]! >= ESTABLISHED_COUNT &&
          time - this.first[slot]! >= ESTABLISHED_SPREAD_MS))
    )
      this.establishedAt[slot] = time;
    return first;
  }

  history(slot: number, value: string): ValueHistory {
    return {
      value,
      firstSeen: this.first[slot]!,
      lastSeen: this.last[slot]!,
      days: this.days[slot]!,
      count: this.count[slot]!,
    };
  }
}

/** Day bookkeeping for one scope key: when its history starts (HISTORY_DAYS distinct days before). */
export class Days {
  readonly first: Float64Array;
  readonly last: Float64Array;
  readonly lastDay: Float64Array;
  readonly days: Uint32Array;
  readonly from: Float64Array;
  /** The previous active day's number, to tell the baseline before the last day. */
  readonly previousDay: Float64Array;
  readonly daysBeforeLast: Uint32Array;

  constructor(keys: number) {
    this.first = new Float64Array(keys).fill(Number.NaN);
    this.last = new Float64Array(keys).fill(Number.NaN);
    this.lastDay = new Float64Array(keys).fill(Number.NaN);
    this.days = new Uint32Array(keys);
    this.from = new Float64Array(keys).fill(Infinity);
    this.previousDay = new Float64Array(keys).fill(Number.NaN);
    this.daysBeforeLast = new Uint32Array(keys);
  }

  see(key: number, time: number, until: number | undefined): void {
    if (this.first[key] !== this.first[key]) this.first[key] = time;
    this.last[key] = time;
    if (until !== undefined && time < until && this.from[key]! > until) this.from[key] = until;
    const day = Math.floor(time / DAY_MS);
    if (day === this.lastDay[key]) return;
    this.previousDay[key] = this.lastDay[key]!;
    this.daysBeforeLast[key] = this.days[key]!;
    this.lastDay[key] = day;
    if (++this.days[key]! === HISTORY_DAYS)
      this.from[key] = Math.min(this.from[key]!, (day + 1) * DAY_MS);
  }
}

/** The rows whose principal is one of the actors', with a known time, oldest first. */
export function actorRows(index: IndexView, actorOf: Int32Array): Uint32Array {
  const principals = index.column('principal');
  const times = index.times;
  let rows = new Uint32Array(1024);
  let count = 0;
  for (let row = 0; row < index.size; row++) {
    if (actorOf[principals[row]!]! < 0 || times[row] !== times[row]) continue;
    if (count === rows.length) {
      const grown = new Uint32Array(rows.length * 2);
      grown.set(rows);
      rows = grown;
    }
    rows[count++] = row;
  }
  // Storage order is mostly time order: check, and sort (stably) only when it is not.
  rows = rows.subarray(0, count);
  for (let i = 1; i < count; i++)
    if (times[rows[i]!]! < times[rows[i - 1]!]!) return sortRowsByTime(rows.slice(), times);
  return rows;
}

/**
 * When each account's history begins: the start of the day after its HISTORY_DAYS-th distinct
 * day, or `until` if it was active before that. Order-free (the earliest distinct days), so it
 * reads the account column in storage order, as the first sightings below do.
 */
export class AccountDays {
  /** The HISTORY_DAYS earliest distinct days per account, ascending (NaN: none yet). */
  private readonly earliest: Float64Array;
  private readonly activeBeforeUntil: Uint8Array;

  constructor(
    private readonly accounts: number,
    private readonly until: number | undefined,
  ) {
    this.earliest = new Float64Array(accounts * HISTORY_DAYS).fill(Number.NaN);
    this.activeBeforeUntil = new Uint8Array(accounts);
  }

  see(account: number, time: number): void {
    if (this.until !== undefined && time < this.until) this.activeBeforeUntil[account] = 1;
    let day = Math.floor(time / DAY_MS);
    const base = account * HISTORY_DAYS;
    for (let i = 0; i < HISTORY_DAYS; i++) {
      const at = this.earliest[base + i]!;
      if (at === day) return;
      if (at !== at || day < at) {
        this.earliest[base + i] = day;
        if (at !== at) return;
        day = at;
      }
    }
  }

  from(account: number): number {
    const last = this.earliest[account * HISTORY_DAYS + HISTORY_DAYS - 1]!;
    const byDays = last === last ? (last + 1) * DAY_MS : Infinity;
    return this.activeBeforeUntil[account] === 1 ? Math.min(byDays, this.until!) : byDays;
  }

  get size(): number {
    return this.accounts;
  }
}
