import type { IndexView } from '../index/index.js';
import type { RawRecord } from '../trail/event.js';
import { formatLimit, limits } from '../trail/limits.js';
import { RegexCostError } from './sigma/regex.js';
import { actorOf } from './actor.js';
import { describeEvidence, sessionsOf } from './evidence-summary.js';
import type { Finding, Severity } from './finding.js';
import { columnFields } from './sigma-columns.js';
import {
  evaluateCorrelations,
  filterNames,
  recordFields,
  type SigmaFilter,
  type FieldGetter,
  type SigmaCorrelation,
  type SigmaDetection,
  type SigmaMatch,
  type SigmaRule,
  type SigmaRuleInfo,
} from './sigma/index.js';

const LEVELS: Readonly<Record<string, Severity>> = {
  informational: 'info',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'critical',
};

/**
 * Rules that blew their time budget, by id, with the line that says so. It outlives one run:
 * a caller that runs the detections again (the next batch, follow mode) passes the same set, and
 * a disabled rule is not tried again.
 */
export type DisabledRules = Map<string, string>;

/**
 * Sigma rules over the index in two passes: the columns rule most events out (three-valued: a
 * rule that needs a field only the record has says "unknown"), and only the rows still in
 * question have their records read and judged in full.
 *
 * Each rule's time over the whole trail is metered: past `budget` it is disabled (its matches
 * dropped, since they would be a partial answer) and named in `disabled`.
 */
export class SigmaRun {
  private detections: SigmaDetection[];
  private readonly correlations: SigmaCorrelation[];
  private readonly byEventName = new Map<string, SigmaDetection[]>();
  private anyEventName: SigmaDetection[] = [];
  /** Milliseconds each rule has spent so far. */
  private readonly spent = new Map<SigmaDetection, number>();
  /** Fields correlations group or count by, per referenced rule: kept with each match. */
  private readonly keptFields = new Map<SigmaDetection, string[]>();
  readonly matches = new Map<SigmaDetection, SigmaMatch[]>();
  /** Sigma filters (tuning) by the rules they name, and the rows each rule's filters dropped. */
  private readonly filtersOf = new Map<SigmaDetection, SigmaFilter[]>();
  private readonly filtered = new Map<SigmaDetection, { rows: number[]; by: string }>();

  constructor(
    private readonly index: IndexView,
    rules: readonly SigmaRule[],
    readonly disabled: DisabledRules = new Map(),
    private readonly budget: number = limits().ruleTime,
    filters: readonly SigmaFilter[] = [],
  ) {
    this.detections = rules.filter(
      (rule): rule is SigmaDetection => rule.kind === 'detection' && !disabled.has(rule.id),
    );
    this.correlations = rules.filter(
      (rule): rule is SigmaCorrelation => rule.kind === 'correlation',
    );
    for (const rule of this.detections) {
      this.matches.set(rule, []);
      const named = filters.filter((filter) => filterNames(filter, rule));
      if (named.length > 0) this.filtersOf.set(rule, named);
      if (!rule.eventNames) this.anyEventName.push(rule);
      else
        for (const name of rule.eventNames) {
          const list = this.byEventName.get(name) ?? [];
          list.push(rule);
          this.byEventName.set(name, list);
        }
    }
    // Each event name's list already holds the rules that take any name: the per-row lookup on
    // the hot path then allocates nothing.
    for (const list of this.byEventName.values()) list.push(...this.anyEventName);
    for (const correlation of this.correlations) {
      for (const rule of this.detections) {
        const reference = correlation.rules.includes(rule.id)
          ? rule.id
          : rule.name && correlation.rules.includes(rule.name)
            ? rule.name
            : undefined;
        if (!reference) continue;
        // Group-by names may be aliases that stand for a different field in each rule.
        const fields = [...correlation.groupBy, ...(correlation.condition.field ?? [])].map(
          (field) => correlation.aliases.get(field)?.get(reference) ?? field,
        );
        this.keptFields.set(rule, [...(this.keptFields.get(rule) ?? []), ...fields]);
      }
    }
  }

  get empty(): boolean {
    return this.detections.length === 0;
  }

  /** One rule's verdict, its time added to the rule's account. */
  private timed(rule: SigmaDetection, fields: FieldGetter): boolean | undefined {
    const started = performance.now();
    let truth: boolean | undefined;
    try {
      truth = rule.matches(fields);
    } catch (error) {
      if (!(error instanceof RegexCostError)) throw error;
      this.disable(rule, error.message);
      return false;
    }
    const spent = (this.spent.get(rule) ?? 0) + performance.now() - started;
    this.spent.set(rule, spent);
    if (spent > this.budget)
      this.disable(rule, `exceeded its ${formatLimit('ms', this.budget)} budget`);
    return truth;
  }

  private disable(rule: SigmaDetection, reason: string): void {
    if (this.disabled.has(rule.id) && !this.matches.has(rule)) return;
    this.disabled.set(rule.id, `sigma rule "${rule.title}" (${rule.file}) disabled: ${reason}`);
    this.matches.delete(rule);
    const keep = (list: SigmaDetection[]) => list.filter((other) => other !== rule);
    this.detections = keep(this.detections);
    this.anyEventName = keep(this.anyEventName);
    for (const [name, list] of this.byEventName) this.byEventName.set(name, keep(list));
  }

  private rulesFor(row: number): SigmaDetection[] {
    const name = this.index.value(row, 'eventName').toLowerCase();
    return this.byEventName.get(name) ?? this.anyEventName;
  }

  /** First pass: whether a row's record must be read for some rule. */
  needsRecord(row: number): boolean {
    const rules = this.rulesFor(row);
    if (rules.length === 0) return false;
    const fields = columnFields(this.index, row);
    for (const rule of rules) if (this.timed(rule, fields) !== false) return true;
    return false;
  }

  /** Second pass: the full record decides. */
  judge(row: number, record: RawRecord): void {
    const rules = this.rulesFor(row);
    if (rules.length === 0) return;
    const fields = recordFields(record);
    for (const rule of rules) {
      if (this.timed(rule, fields) !== true) continue;
      // As pySigma applies a filter: (rule) and (filter condition). A dropped event is kept
      // aside, so the findings list can say what tuning hid; correlations never see it.
      const dropping = this.filtersOf.get(rule)?.find((filter) => filter.keeps(fields) === false);
      if (dropping) {
        const entry = this.filtered.get(rule) ?? {
          rows: [],
          by: `Sigma filter "${dropping.title}" (${dropping.file})`,
        };
        entry.rows.push(row);
        this.filtered.set(rule, entry);
        continue;
      }
      this.matches.get(rule)?.push({
        row,
        time: this.index.time(row),
        get: kept(fields, this.keptFields.get(rule)),
      });
    }
  }

  /** Findings from the rules that generate them and from the correlation rules. */
  findings(): Finding[] {
    const findings: Finding[] = [];
    for (const [rule, matches] of this.matches) {
      if (!rule.generate || matches.length === 0) continue;
      matches.sort((a, b) => a.time - b.time || a.row - b.row);
      // One finding per rule and actor (a role with all its sessions), as for the built-ins.
      const byPrincipal = new Map<string, number[]>();
      for (const match of matches) {
        const principal = actorOf(this.index.value(match.row, 'principal'));
        const rows = byPrincipal.get(principal) ?? [];
        rows.push(match.row);
        byPrincipal.set(principal, rows);
      }
      for (const [principal, rows] of byPrincipal) {
        findings.push(
          this.finding(rule, principal, rows, describeEvidence(this.index, rows, principal)),
        );
      }
    }
    const byKey = new Map<string, SigmaMatch[]>();
    for (const [rule, matches] of this.matches) {
      byKey.set(rule.id, matches);
      if (rule.name) byKey.set(rule.name, matches);
    }
    const hitsById = evaluateCorrelations(this.correlations, byKey);
    for (const correlation of this.correlations) {
      if (!correlation.generate) continue;
      // One finding per correlation and actor, as for every rule: its windows and groups
      // (sessions of one role, say) are counted and named, their events joined.
      const byActor = new Map<string, { rows: Set<number>; groups: Set<string>; hits: number }>();
      for (const hit of hitsById.get(correlation.id) ?? []) {
        const rows = hit.rows.filter((row) => row >= 0);
        if (rows.length === 0) continue;
        const first = rows.reduce((a, b) => (this.index.time(b) < this.index.time(a) ? b : a));
        const principal = actorOf(this.index.value(first, 'principal'));
        const entry = byActor.get(principal) ?? { rows: new Set(), groups: new Set(), hits: 0 };
        byActor.set(principal, entry);
        entry.hits++;
        for (const row of rows) entry.rows.add(row);
        const group = Object.entries(hit.group)
          .map(([field, value]) => `${field}=${value}`)
          .join(', ');
        if (group) entry.groups.add(group);
      }
      for (const [principal, entry] of byActor) {
        const rows = [...entry.rows].sort(
          (a, b) => this.index.time(a) - this.index.time(b) || a - b,
        );
        const groups = [...entry.groups];
        const named = groups.length
          ? ` for ${groups.slice(0, 3).join('; ')}${groups.length > 3 ? ` (+${groups.length - 3} more)` : ''}`
          : '';
        findings.push(
          this.finding(
            correlation,
            principal,
            rows,
            `${correlation.type}${named}${entry.hits > 1 ? `, ${entry.hits} times` : ''}: ${describeEvidence(this.index, rows, principal)}`,
            'correlation',
          ),
        );
      }
    }
    return findings;
  }

  /** What the filters dropped, one finding per rule and actor, marked as filtered. */
  filteredFindings(): Finding[] {
    const findings: Finding[] = [];
    for (const [rule, { rows, by }] of this.filtered) {
      if (!rule.generate || !this.matches.has(rule)) continue;
      rows.sort((a, b) => this.index.time(a) - this.index.time(b) || a - b);
      const byPrincipal = new Map<string, number[]>();
      for (const row of rows) {
        const principal = actorOf(this.index.value(row, 'principal'));
        byPrincipal.set(principal, [...(byPrincipal.get(principal) ?? []), row]);
      }
      for (const [principal, own] of byPrincipal)
        findings.push({
          ...this.finding(rule, principal, own, describeEvidence(this.index, own, principal)),
          filteredBy: by,
        });
    }
    return findings;
  }

  private finding(
    rule: SigmaRuleInfo,
    principal: string,
    rows: number[],
    summary: string,
    kind: 'detection' | 'correlation' = 'detection',
  ): Finding {
    return {
      key: `sigma:${rule.id}|${principal}|${rows[0]}`,
      ruleId: `sigma:${rule.id}`,
      title: rule.title,
      severity: LEVELS[rule.level] ?? 'medium',
      techniques: rule.techniques,
      why: firstLine(rule.description),
      summary: kind === 'correlation' ? `Sigma correlation: ${summary}` : summary,
      origin: 'sigma',
      principal,
      rows,
      first: this.index.time(rows[0]!),
      last: this.index.time(rows[rows.length - 1]!),
      ...withSessions(sessionsOf(this.index, rows, principal)),
      sigma: {
        ruleId: `sigma:${rule.id}`,
        title: rule.title,
        author: rule.author,
        references: rule.references,
        level: rule.level,
        file: rule.file,
        description: rule.description,
      },
    };
  }
}

function withSessions(sessions: string[]): { sessions?: string[] } {
  return sessions.length > 0 ? { sessions } : {};
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/** A getter over just the fields a correlation needs: the record itself is not kept. */
function kept(fields: FieldGetter, paths: string[] | undefined): FieldGetter {
  if (!paths || paths.length === 0) return () => undefined;
  const values = new Map(paths.map((path) => [path, fields(path)]));
  return (path) => values.get(path);
}
