import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { IpFacts } from '../geo/index.js';
import type { EventIndex } from '../index/index.js';
import { operationName } from '../trail/event-name.js';
import { DetectionContext } from './context.js';
import { CORRELATIONS } from './correlations.js';
import { extractFacts, FACT_OPERATIONS, type RecordFacts } from './facts.js';
import { compareFindings, type Finding, type FindingOrigin } from './finding.js';
import type { RecordSource } from './record-source.js';
import type { BuiltinRule, RuleHit, RuleInfo } from './rule.js';
import { BUILTIN_RULES } from './rules/index.js';
import { SigmaRun } from './sigma-run.js';
import type { SigmaRule } from './sigma/index.js';

export interface DetectOptions {
  index: EventIndex;
  /** Offline facts about a source IP (kind, country, ASN). */
  ipFacts: (ip: string) => IpFacts;
  /** Full records for the rows that need them; without it, record-based checks see nothing. */
  records?: RecordSource;
  sigma?: readonly SigmaRule[];
  signal?: AbortSignal;
  /** Called as findings are found, with everything found so far (sorted). */
  onFindings?: (findings: Finding[]) => void;
  /** Rules to run instead of all built-ins (tests). */
  rules?: readonly BuiltinRule[];
}

export interface DetectionRun {
  findings: Finding[];
  /** Milliseconds per phase, for the bench. */
  timings: Record<string, number>;
  recordsRead: number;
  /** Facts cut from the re-read records, by row (console-login MFA, created key ids …). */
  facts: ReadonlyMap<number, RecordFacts>;
  /** Records that could not be re-read (their files changed or vanished). */
  problems: string[];
  aborted: boolean;
}

function toFinding(
  rule: RuleInfo,
  hit: RuleHit,
  origin: FindingOrigin,
  context: DetectionContext,
): Finding {
  const rows = [...hit.rows].sort((a, b) => context.time(a) - context.time(b) || a - b);
  return {
    key: `${rule.id}|${hit.principal}|${rows[0]}`,
    ruleId: rule.id,
    title: rule.title,
    severity: hit.severity ?? rule.severity,
    techniques: rule.techniques,
    why: rule.why,
    summary: hit.summary,
    origin,
    principal: hit.principal,
    rows,
    first: context.time(rows[0]!),
    last: context.time(rows[rows.length - 1]!),
  };
}

/**
 * Runs every built-in rule, the correlations and the Sigma rules over the index. Rules that
 * need only columns run first and report at once; then the records of the few operations that
 * need them are read (by the caller's RecordSource, off this thread), and the rest follow. The
 * event loop gets a turn between rules, so a TUI stays responsive throughout.
 */
export async function detect(options: DetectOptions): Promise<DetectionRun> {
  const { index, signal } = options;
  const rules = options.rules ?? BUILTIN_RULES;
  const timings: Record<string, number> = {};
  const findings: Finding[] = [];
  const problems: string[] = [];
  const publish = () => {
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

  const columnsOnly = new DetectionContext(index, options.ipFacts);
  for (const rule of rules.filter((rule) => !rule.needsFacts)) {
    if (signal?.aborted) break;
    const hits = await timed('column rules', () => rule.run(columnsOnly));
    findings.push(...hits.map((hit) => toFinding(rule, hit, 'built-in', columnsOnly)));
  }
  publish();

  const sigma = new SigmaRun(index, options.sigma ?? []);
  const wanted = await timed('select records', () => recordRows(columnsOnly, sigma));
  const facts = new Map<number, RecordFacts>();
  let recordsRead = 0;
  if (options.records && wanted.length > 0 && !signal?.aborted) {
    await timed('read records', async () => {
      const result = await options.records!.read(
        wanted,
        (row, record) => {
          recordsRead++;
          const found = extractFacts(record);
          if (found) facts.set(row, found);
          sigma.judge(row, record);
        },
        signal,
      );
      if (result.missing > 0)
        problems.push(`${result.missing} record(s) could not be re-read`, ...result.problems);
    });
  }

  const withFacts = new DetectionContext(index, options.ipFacts, facts);
  for (const rule of rules.filter((rule) => rule.needsFacts)) {
    if (signal?.aborted) break;
    const hits = await timed('record rules', () => rule.run(withFacts));
    findings.push(...hits.map((hit) => toFinding(rule, hit, 'built-in', withFacts)));
  }
  publish();
  if (!options.rules) {
    for (const correlation of CORRELATIONS) {
      if (signal?.aborted) break;
      const hits = await timed('correlations', () => correlation.run(withFacts));
      findings.push(...hits.map((hit) => toFinding(correlation, hit, 'correlation', withFacts)));
    }
  }
  if (!signal?.aborted) findings.push(...(await timed('sigma', () => sigma.findings())));
  publish();
  return { findings, timings, recordsRead, facts, problems, aborted: signal?.aborted ?? false };
}

/** Rows whose full record some rule needs: fact operations, and Sigma's undecided rows. */
function recordRows(context: DetectionContext, sigma: SigmaRun): Uint32Array {
  const factNames = context.valueTable('eventName', (name) =>
    FACT_OPERATIONS.has(operationName(name)),
  );
  const names = context.index.column('eventName');
  const out = new Uint32Array(context.order.length);
  let count = 0;
  for (const row of context.order) {
    if (factNames[names[row]!] === 1 || (!sigma.empty && sigma.needsRecord(row)))
      out[count++] = row;
  }
  return out.slice(0, count);
}
