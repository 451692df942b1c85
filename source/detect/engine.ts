import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { IpFacts } from '../geo/index.js';
import type { IndexView } from '../index/index.js';
import { isQualified, qualifiedIndex } from '../index/accounts.js';
import { splitQualified } from '../trail/account-name.js';
import { operationName } from '../trail/event-name.js';
import { DetectionContext } from './context.js';
import { CORRELATIONS } from './correlations.js';
import { extractFacts, FACT_OPERATIONS, type RecordFacts } from '../trail/record-facts.js';
import { actorOf } from './actor.js';
import { sessionsNote, sessionsOf } from './evidence-summary.js';
import { compareFindings, type Finding, type FindingOrigin } from './finding.js';
import { mergeSigmaFindings } from './sigma-merge.js';
import type { RecordSource } from './record-source.js';
import type { BaselineOptions } from './baseline/types.js';
import type { BuiltinRule, RuleHit, RuleInfo } from './rule.js';
import { BUILTIN_RULES } from './rules/index.js';
import { SigmaRun, type DisabledRules } from './sigma-run.js';
import type { SigmaFilter, SigmaRule } from './sigma/index.js';

export interface DetectOptions {
  index: IndexView;
  /** Offline facts about a source IP (kind, country, ASN). */
  ipFacts: (ip: string) => IpFacts;
  /** Full records for the rows that need them; without it, record-based checks see nothing. */
  records?: RecordSource;
  sigma?: readonly SigmaRule[];
  /** Sigma filters (tuning): the events they drop become findings marked `filteredBy`. */
  sigmaFilters?: readonly SigmaFilter[];
  /**
   * Sigma rules disabled for blowing their time budget (`ruleTime`), by id. Pass the same map to
   * every run over one trail: a rule disabled once is not tried again, and the run adds to it.
   */
  sigmaDisabled?: DisabledRules;
  signal?: AbortSignal;
  /** Called as findings are found, with everything found so far (sorted). */
  onFindings?: (findings: Finding[]) => void;
  /** What the baseline learns besides the trail: `--baseline-until T`, `--baseline SOURCE`. */
  baseline?: BaselineOptions;
  /** Rules to run instead of all built-ins (tests). */
  rules?: readonly BuiltinRule[];
}

export interface DetectionRun {
  findings: Finding[];
  /** Milliseconds per phase, for the bench. */
  timings: Record<string, number>;
  /** Milliseconds per rule: one rule runs without a break, so its time is the UI's worst wait. */
  ruleTimings: Record<string, number>;
  recordsRead: number;
  /** Facts cut from the re-read records, by row (console-login MFA, created key ids …). */
  facts: ReadonlyMap<number, RecordFacts>;
  /** Records that could not be re-read (their files changed or vanished). */
  problems: string[];
  aborted: boolean;
}

/** Evidence rows kept per finding: enough to read the story, bounded when a rule fires 10k times. */
const MAX_EVIDENCE = 2_000;

/**
 * One finding per rule, actor and severity: the analyst wants "impossible travel for bob,
 * 12 times", not twelve lines, and a nightly scanner's five daily sessions are one scanner
 * (actorOf). The first hit's summary leads; the rest are counted.
 */
function mergeHits(found: RuleHit[]): RuleHit[] {
  const hits = found.map((hit) => ({ ...hit, principal: actorOf(hit.principal) }));
  if (hits.length < 2) return hits;
  const merged = new Map<string, RuleHit & { more: number }>();
  for (const hit of hits) {
    const key = `${hit.principal}\u0000${hit.severity ?? ''}`;
    const existing = merged.get(key);
    if (!existing) {
      merged.set(key, { ...hit, rows: [...hit.rows], more: 0 });
      continue;
    }
    existing.more++;
    for (const row of hit.rows) {
      if (existing.rows.length >= MAX_EVIDENCE) break;
      existing.rows.push(row);
    }
  }
  return [...merged.values()].map(({ more, ...hit }) =>
    more > 0 ? { ...hit, summary: `${hit.summary} (and ${more} more like it)` } : hit,
  );
}

/** A finding's account: its principal's, else its first event's (see Finding.account). */
function accountOf(finding: Finding, index: IndexView): string {
  const first = finding.rows[0];
  return (
    splitQualified(finding.principal).account ||
    (first === undefined ? '' : index.value(first, 'account'))
  );
}

function toFinding(
  rule: RuleInfo,
  hit: RuleHit,
  origin: FindingOrigin,
  context: DetectionContext,
): Finding {
  const times = context.index.times;
  const rows = [...new Set(hit.rows)].sort((a, b) => times[a]! - times[b]! || a - b);
  const sessions = sessionsOf(context.index, rows, hit.principal);
  return {
    key: `${rule.id}|${hit.principal}|${rows[0]}`,
    ruleId: rule.id,
    title: rule.title,
    severity: hit.severity ?? rule.severity,
    techniques: rule.techniques,
    why: rule.why,
    summary: hit.summary + sessionsNote(sessions),
    origin,
    principal: hit.principal,
    rows,
    first: context.time(rows[0]!),
    last: context.time(rows[rows.length - 1]!),
    ...(sessions.length > 0 ? { sessions } : {}),
  };
}

/**
 * Runs every built-in rule, the correlations and the Sigma rules over the index. Rules that
 * need only columns run first and report at once; then the records of the few operations that
 * need them are read (by the caller's RecordSource, off this thread), and the rest follow. The
 * event loop gets a turn between rules, so a TUI stays responsive throughout.
 */
export async function detect(options: DetectOptions): Promise<DetectionRun> {
  const { signal } = options;
  // Several accounts: principals named with their account, so two accounts' `admin` are two
  // actors (the rows are the trail's own; only the principal column reads differently).
  const index = qualifiedIndex(options.index);
  const accounts = isQualified(index);
  const baselineOptions: BaselineOptions | undefined =
    options.baseline?.learnFrom && accounts
      ? { ...options.baseline, learnFrom: qualifiedIndex(options.baseline.learnFrom, true) }
      : options.baseline;
  const rules = options.rules ?? BUILTIN_RULES;
  const timings: Record<string, number> = {};
  const ruleTimings: Record<string, number> = {};
  const runRule = async (
    phase: string,
    rule: RuleInfo & { run: (c: DetectionContext) => RuleHit[] },
    context: DetectionContext,
  ) => {
    const started = performance.now();
    const hits = await timed(phase, () => mergeHits(rule.run(context)));
    ruleTimings[rule.id] = performance.now() - started;
    return hits;
  };
  const findings: Finding[] = [];
  const problems: string[] = [];
  const publish = () => {
    if (accounts) for (const finding of findings) finding.account ??= accountOf(finding, index);
    findings.sort(compareFindings);
    options.onFindings?.([...findings]);
  };
  const timed = async <T>(phase: string, work: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    timings[phase] = (timings[phase] ?? 0) + performance.now() - started;
    await yieldToEventLoop();
    return result;
  };

  const memos = new Map<string, unknown>();
  const columnsOnly = new DetectionContext(
    index,
    options.ipFacts,
    new Map(),
    memos,
    baselineOptions,
  );
  const sigma = new SigmaRun(
    index,
    options.sigma ?? [],
    options.sigmaDisabled,
    undefined,
    options.sigmaFilters,
  );
  const wanted = await timed('select records', () => recordRows(columnsOnly, sigma));
  const facts = new Map<number, RecordFacts>();
  let recordsRead = 0;
  const source = options.records;
  const report = (result: { missing: number; problems: string[] }) => {
    if (result.missing > 0)
      problems.push(`${result.missing} record(s) could not be re-read`, ...result.problems);
  };
  // Worker threads re-read the records while the column rules run here: the two overlap. Rows
  // only the built-in rules need come back as facts; Sigma's rows come back whole.
  const reading: Promise<void>[] = [];
  if (source && !signal?.aborted) {
    const whole = source.facts ? wanted.sigma : wanted.all;
    if (whole.length > 0)
      reading.push(
        source
          .read(
            whole,
            (row, record) => {
              recordsRead++;
              const found = extractFacts(record);
              if (found) facts.set(row, found);
              sigma.judge(row, record);
            },
            signal,
          )
          .then(report),
      );
    if (source.facts && wanted.factsOnly.length > 0)
      reading.push(
        source
          .facts(
            wanted.factsOnly,
            (row, found) => {
              recordsRead++;
              facts.set(row, found);
            },
            signal,
          )
          .then(report),
      );
  }

  for (const rule of rules.filter((rule) => !rule.needsFacts)) {
    if (signal?.aborted) break;
    const hits = await runRule('column rules', rule, columnsOnly);
    for (const hit of hits) findings.push(toFinding(rule, hit, 'built-in', columnsOnly));
  }
  publish();
  await timed('wait for records', () => Promise.all(reading));

  const withFacts = new DetectionContext(index, options.ipFacts, facts, memos, baselineOptions);
  for (const rule of rules.filter((rule) => rule.needsFacts)) {
    if (signal?.aborted) break;
    const hits = await runRule('record rules', rule, withFacts);
    for (const hit of hits) findings.push(toFinding(rule, hit, 'built-in', withFacts));
  }
  publish();
  if (!options.rules) {
    for (const correlation of CORRELATIONS) {
      if (signal?.aborted) break;
      const hits = await runRule('correlations', correlation, withFacts);
      for (const hit of hits) findings.push(toFinding(correlation, hit, 'correlation', withFacts));
    }
  }
  if (!signal?.aborted) {
    const merged = mergeSigmaFindings(findings, await timed('sigma', () => sigma.findings()));
    findings.splice(0, findings.length, ...merged, ...sigma.filteredFindings());
  }
  // The baseline is learned inside the rules that first ask for it; said apart for the bench.
  const baseline = memos.get('baseline') as { buildMs(): number } | undefined;
  if (baseline) timings['baseline (within the rules)'] = baseline.buildMs();
  // A rule that is not watching must be said first: it is why a finding may be missing.
  problems.unshift(...sigma.disabled.values());
  publish();
  return {
    findings,
    timings,
    ruleTimings,
    recordsRead,
    facts,
    problems,
    aborted: signal?.aborted ?? false,
  };
}

/**
 * Rows whose record some rule needs: Sigma's undecided rows (whole records), and the rows of
 * fact operations no Sigma rule wants (their facts are enough).
 */
function recordRows(
  context: DetectionContext,
  sigma: SigmaRun,
): { all: Uint32Array; sigma: Uint32Array; factsOnly: Uint32Array } {
  const factNames = context.valueTable('eventName', (name) =>
    FACT_OPERATIONS.has(operationName(name)),
  );
  const names = context.index.column('eventName');
  const all: number[] = [];
  const forSigma: number[] = [];
  const factsOnly: number[] = [];
  for (const row of context.order) {
    const wantsFacts = factNames[names[row]!] === 1;
    const wantsRecord = !sigma.empty && sigma.needsRecord(row);
    if (!wantsFacts && !wantsRecord) continue;
    all.push(row);
    if (wantsRecord) forSigma.push(row);
    else factsOnly.push(row);
  }
  return {
    all: Uint32Array.from(all),
    sigma: Uint32Array.from(forSigma),
    factsOnly: Uint32Array.from(factsOnly),
  };
}
