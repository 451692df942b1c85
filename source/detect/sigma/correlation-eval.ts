import { valueText } from './field-path.js';
import type {
  CorrelationCondition,
  CorrelationHit,
  FieldGetter,
  SigmaCorrelation,
  SigmaMatch,
} from './types.js';
import { UNKNOWN } from './types.js';

/** One match of one referenced rule, placed in its group. */
interface Entry {
  row: number;
  time: number;
  /** Index of the reference in the correlation's `rules`. */
  rule: number;
  /** value_count: the counted value(s) as one text. */
  value: string | undefined;
}

interface Group {
  values: Record<string, string>;
  entries: Entry[];
}

/** Text of a field for grouping or counting; UNKNOWN and absent both give undefined. */
function fieldText(get: FieldGetter, path: string): string | undefined {
  const value = get(path);
  return value === UNKNOWN ? undefined : valueText(value);
}

/** The field a group-by name means for one reference, after aliases. */
function groupField(rule: SigmaCorrelation, alias: string, reference: string): string {
  return rule.aliases.get(alias)?.get(reference) ?? alias;
}

/**
 * Sorts the referenced rules' matches into groups. A match missing a group-by field belongs to
 * no group, as in a SIEM's `stats ... by field`: grouping it under an empty value would tie
 * unrelated events together.
 */
function groupMatches(
  rule: SigmaCorrelation,
  matchesByRule: ReadonlyMap<string, readonly SigmaMatch[]>,
): Map<string, Group> {
  const groups = new Map<string, Group>();
  const countedFields = rule.type === 'value_count' ? (rule.condition.field ?? []) : [];
  rule.rules.forEach((reference, ruleIndex) => {
    const fields = rule.groupBy.map((alias) => groupField(rule, alias, reference));
    for (const match of matchesByRule.get(reference) ?? []) {
      const values: Record<string, string> = {};
      const keyParts: string[] = [];
      let complete = true;
      for (let k = 0; k < fields.length; k++) {
        const text = fieldText(match.get, fields[k]!);
        if (text === undefined) {
          complete = false;
          break;
        }
        values[rule.groupBy[k]!] = text;
        keyParts.push(text);
      }
      if (!complete) continue;
      let value: string | undefined;
      if (countedFields.length > 0) {
        const texts = countedFields.map((field) => fieldText(match.get, field));
        if (texts.some((text) => text === undefined)) continue;
        value = texts.join('\u0000');
      }
      const key = keyParts.join('\u0000');
      let group = groups.get(key);
      if (group === undefined) {
        group = { values, entries: [] };
        groups.set(key, group);
      }
      group.entries.push({ row: match.row, time: match.time, rule: ruleIndex, value });
    }
  });
  return groups;
}

function holds(condition: CorrelationCondition, n: number): boolean {
  if (condition.gt !== undefined && !(n > condition.gt)) return false;
  if (condition.gte !== undefined && !(n >= condition.gte)) return false;
  if (condition.lt !== undefined && !(n < condition.lt)) return false;
  if (condition.lte !== undefined && !(n <= condition.lte)) return false;
  if (condition.eq !== undefined && n !== condition.eq) return false;
  return true;
}

const byTimeThenRow = (a: Entry, b: Entry): number => a.time - b.time || a.row - b.row;

/** Keeps one entry per row: an event two referenced rules both match is one event. */
function distinctRows(entries: Entry[]): Entry[] {
  const seen = new Set<number>();
  return entries.filter((entry) => {
    if (seen.has(entry.row)) return false;
    seen.add(entry.row);
    return true;
  });
}

/** What a window measures, updated as entries enter and leave it. */
interface Tally {
  add(entry: Entry): void;
  remove(entry: Entry): void;
  readonly size: number;
}

class CountTally implements Tally {
  size = 0;
  add(): void {
    this.size++;
  }
  remove(): void {
    this.size--;
  }
}

/** Counts distinct keys (values or rule indexes) present in the window. */
class DistinctTally implements Tally {
  private readonly counts = new Map<string | number, number>();
  constructor(private readonly keyOf: (entry: Entry) => string | number) {}
  get size(): number {
    return this.counts.size;
  }
  add(entry: Entry): void {
    const key = this.keyOf(entry);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  remove(entry: Entry): void {
    const key = this.keyOf(entry);
    const left = (this.counts.get(key) ?? 0) - 1;
    if (left <= 0) this.counts.delete(key);
    else this.counts.set(key, left);
  }
}

function hitOf(entries: readonly Entry[], from: number, to: number, group: Group): CorrelationHit {
  const rows: number[] = [];
  const seen = new Set<number>();
  for (let k = from; k <= to; k++) {
    const { row } = entries[k]!;
    if (!seen.has(row)) {
      seen.add(row);
      rows.push(row);
    }
  }
  return { rows, first: entries[from]!.time, last: entries[to]!.time, group: { ...group.values } };
}

/**
 * Windows that open at each entry and reach `timespan` past it. When the measure satisfies the
 * condition the whole window is one hit and the next window opens after it, so a long burst
 * gives one hit per timespan rather than one per event.
 */
function slidingWindows(
  entries: readonly Entry[],
  spanMs: number,
  condition: CorrelationCondition,
  tally: Tally,
  group: Group,
  hits: CorrelationHit[],
): void {
  let end = 0;
  for (let start = 0; start < entries.length;) {
    if (end < start) end = start;
    const limit = entries[start]!.time + spanMs;
    while (end < entries.length && entries[end]!.time <= limit) tally.add(entries[end++]!);
    if (holds(condition, tally.size)) {
      hits.push(hitOf(entries, start, end - 1, group));
      for (let k = start; k < end; k++) tally.remove(entries[k]!);
      start = end;
      continue;
    }
    tally.remove(entries[start]!);
    start++;
  }
}

/**
 * Chains of the referenced rules in the listed order within `timespan`. Each chain starts at a
 * match of the first rule and takes, for every next rule, its earliest match after the
 * previous link: if any chain fits from that start, this one does. The hit covers every
 * entry from the first link to the last; the next chain starts after it.
 */
function orderedChains(
  entries: readonly Entry[],
  ruleCount: number,
  spanMs: number,
  group: Group,
  hits: CorrelationHit[],
): void {
  const positions: number[][] = Array.from({ length: ruleCount }, () => []);
  entries.forEach((entry, position) => positions[entry.rule]!.push(position));
  // Where the search for each rule's next match resumes; starts only move forward, so do these.
  const cursor = new Array<number>(ruleCount).fill(0);
  let after = -1;
  for (const start of positions[0]!) {
    if (start <= after) continue;
    const limit = entries[start]!.time + spanMs;
    let previous = start;
    let complete = true;
    for (let link = 1; link < ruleCount && complete; link++) {
      const candidates = positions[link]!;
      let k = cursor[link]!;
      while (k < candidates.length && candidates[k]! <= previous) k++;
      cursor[link] = k;
      // Nothing of this rule after the previous link: later starts cannot do better.
      if (k === candidates.length) return;
      // One event matching two consecutive rules cannot be both links of a chain.
      const previousRow = entries[previous]!.row;
      while (k < candidates.length && entries[candidates[k]!]!.row === previousRow) k++;
      const next = candidates[k];
      if (next === undefined || entries[next]!.time > limit) complete = false;
      else previous = next;
    }
    if (!complete) continue;
    hits.push(hitOf(entries, start, previous, group));
    after = previous;
  }
}

/**
 * Runs one correlation over the matches of the rules it references. `matchesByRule` is keyed
 * by each referenced rule's id and name; lists need not be in time order.
 */
export function evaluateCorrelation(
  rule: SigmaCorrelation,
  matchesByRule: ReadonlyMap<string, readonly SigmaMatch[]>,
): CorrelationHit[] {
  const hits: CorrelationHit[] = [];
  for (const group of groupMatches(rule, matchesByRule).values()) {
    const entries = group.entries.sort(byTimeThenRow);
    switch (rule.type) {
      case 'event_count':
        slidingWindows(
          distinctRows(entries),
          rule.timespanMs,
          rule.condition,
          new CountTally(),
          group,
          hits,
        );
        break;
      case 'value_count':
        slidingWindows(
          distinctRows(entries),
          rule.timespanMs,
          rule.condition,
          new DistinctTally((entry) => entry.value ?? ''),
          group,
          hits,
        );
        break;
      case 'temporal':
        slidingWindows(
          entries,
          rule.timespanMs,
          rule.condition,
          new DistinctTally((entry) => entry.rule),
          group,
          hits,
        );
        break;
      case 'temporal_ordered':
        orderedChains(entries, rule.rules.length, rule.timespanMs, group, hits);
        break;
    }
  }
  return hits.sort((a, b) => a.first - b.first || a.last - b.last);
}
