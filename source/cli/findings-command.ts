import { loadForDetection } from './load-and-detect.js';
import {
  ATTACK_VERSION,
  describeTechnique,
  provenances,
  severityCounts,
  type Finding,
} from '../detect/index.js';
import { asText } from '../trail/fields.js';
import { safeJsonStringify } from '../trail/safe-json.js';
import { fitMiddle, sanitizeText } from '../trail/sanitize.js';
import type { CliOptions } from './args.js';
import type { CliIo } from './io.js';
import { hasInputErrors } from './load-index.js';
import { applyTuning, describeTuning, type SuppressedFinding } from '../detect/tuning/index.js';

const iso = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);

/** `trailhound findings`: every detection over the sources, for scripts and tests. */
export async function findingsCommand(options: CliOptions, io: CliIo): Promise<number> {
  const { result, geo, records, detect, index, tuning, baselineLine, baselineJson } =
    await loadForDetection(options, io);
  const run = await detect();
  const { findings, suppressed } = applyTuning(run.findings, index, tuning);

  if (options.format === 'json') {
    // Evidence is named by eventID, which the index does not keep: read those records once.
    const all = [...findings, ...suppressed.map(({ finding }) => finding)];
    const evidence = Uint32Array.from(new Set(all.flatMap((f) => f.rows))).sort();
    const eventIds = new Map<number, string>();
    await records.read(evidence, (row, record) => eventIds.set(row, asText(record.eventID)));
    const asJson = (finding: Finding) => ({
      ruleId: finding.ruleId,
      title: finding.title,
      severity: finding.severity,
      origin: finding.origin,
      techniques: finding.techniques,
      principal: finding.principal,
      // Only where several accounts are loaded (the principal is then ACCOUNT/name).
      ...(finding.account !== undefined ? { account: finding.account } : {}),
      first: iso(finding.first),
      last: iso(finding.last),
      summary: finding.summary,
      why: finding.why,
      eventIds: finding.rows.map((row) => eventIds.get(row) ?? ''),
      ...(finding.sessions ? { sessions: finding.sessions } : {}),
      ...(finding.sigma ? { sigma: finding.sigma } : {}),
      // Every rule that says this finding: a built-in and the Sigma rules that saw the same events.
      provenance: provenances(finding),
    });
    const json = {
      attack: ATTACK_VERSION,
      ipData: geo.dataDate,
      ...(baselineJson ? { baseline: baselineJson } : {}),
      findings: findings.map(asJson),
      // Nothing tuning hides is lost: each with the entry that hid it.
      suppressed: suppressed.map(({ finding, by }) => ({ ...asJson(finding), suppressedBy: by })),
      tuning: describeTuning(tuning),
    };
    await io.write(`${safeJsonStringify(json, 2)}\n`);
  } else {
    // The explicit baseline heads the list: what "new" in it was judged against.
    await io.write(
      `${baselineLine ? `${baselineLine}\n` : ''}${findingsTable(findings)}${tuningFooter(suppressed, describeTuning(tuning))}`,
    );
  }
  return options.strict && hasInputErrors(result) ? 1 : 0;
}

/** Columns a principal takes at most in a finding's line. */
const PRINCIPAL_WIDTH = 28;

function findingsTable(findings: readonly Finding[]): string {
  const s = sanitizeText;
  if (findings.length === 0) return 'no findings\n';
  const lines = findings.map((finding) => {
    const time = iso(finding.first)?.slice(0, 19).replace('T', ' ') ?? '-';
    // What happened first, whole; then who (a long role session loses its middle), then the rule.
    const who = fitMiddle(
      s(finding.principal || finding.account || '-'),
      PRINCIPAL_WIDTH,
    ).trimEnd();
    const head = `${finding.severity.toUpperCase().padEnd(8)} ${time}  ${s(finding.title)}  · ${who} · ${finding.ruleId}`;
    const body = `         ${s(finding.summary)}`;
    const techniques = `         ${finding.techniques.map(describeTechnique).join('; ')}`;
    const sigma = [finding.sigma, ...(finding.alsoSigma ?? [])].flatMap((rule) =>
      rule
        ? [
            `         Sigma: ${s(rule.title)} (${s(rule.file)}) by ${s(rule.author)}${rule.references[0] ? ` · ${s(rule.references[0])}` : ''}`,
          ]
        : [],
    );
    return [head, body, techniques, ...sigma].join('\n');
  });
  const serious = severityCounts(findings);
  return `${lines.join('\n')}\n${findings.length} finding(s)${serious ? ` (${serious})` : ''}; techniques per ${ATTACK_VERSION}\n`;
}

/** What tuning did, after the list: how many it hid, and the entries in force. */
function tuningFooter(suppressed: readonly SuppressedFinding[], used: readonly string[]): string {
  if (used.length === 0 && suppressed.length === 0) return '';
  const s = sanitizeText;
  const lines = [
    `${suppressed.length} finding(s) suppressed by tuning${suppressed.length > 0 ? ' (--format json lists them, each with the entry that hid it)' : ''}`,
    ...used.map((line) => `  tuning: ${s(line)}`),
  ];
  return `${lines.join('\n')}\n`;
}
