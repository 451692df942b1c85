import { findingIsAbout, riskOf } from '../detect/index.js';
import { loadForDetection } from './load-and-detect.js';
import { ambiguousPrincipal, findPrincipals, principalProfile } from '../index/index.js';
import { baselineJson } from '../state/baseline-json.js';
import { baselineOf, newestTime, principalLines } from '../state/principal-lines.js';
import { safeJsonStringify } from '../trail/safe-json.js';
import { sanitizeText } from '../trail/sanitize.js';
import { UsageError, type CliOptions } from './args.js';
import type { CliIo } from './io.js';
import { hasInputErrors } from './load-index.js';
import { applyTuning } from '../detect/tuning/index.js';

const iso = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);

/** `trailhound principal NAME`: the principal profile the TUI shows, as text or JSON. */
export async function principalCommand(options: CliOptions, io: CliIo): Promise<number> {
  const name = options.principal!;
  const { index, result, geo, detect, tuning, baselineUntil } = await loadForDetection(options, io);
  const until = baselineUntil === undefined ? {} : { baselineUntil };
  const profile = principalProfile(index, name);
  const several = ambiguousPrincipal(index, name).map(sanitizeText);
  if (several.length > 0)
    throw new UsageError(
      `${sanitizeText(name)} is ${several.length} principals, one per account: ${several.join(', ')}; name one`,
    );
  if (!profile) {
    const guesses = findPrincipals(index, name, 5).map(sanitizeText);
    throw new UsageError(
      `no principal ${sanitizeText(name)} in these sources${guesses.length > 0 ? `; did you mean ${guesses.join(', ')}?` : ''}`,
    );
  }
  const ipFacts = (ip: string) => geo.lookup(ip);
  const run = await detect();
  // The profile lists what the findings list shows: tuning's hidden findings are not its risk.
  const { findings } = applyTuning(run.findings, index, tuning);
  const mine = findings.filter((finding) =>
    findingIsAbout(finding, profile, (row) => index.value(row, 'principal')),
  );
  if (options.format === 'json') {
    const { rows, histogram, ...rest } = profile;
    const context = {
      index,
      ipFacts,
      ipDataDate: geo.dataDate,
      findings: mine,
      facts: run.facts,
      risk: new Map(),
      ...until,
    };
    const baseline = baselineJson(
      profile,
      baselineOf([profile.sessions[0]?.value ?? profile.name], context),
      newestTime(index),
    );
    const json = {
      ...rest,
      ...baseline.lists,
      baseline: baseline.summary,
      first: iso(profile.first),
      last: iso(profile.last),
      histogram: { ...histogram, first: iso(histogram.first), last: iso(histogram.last) },
      rowCount: rows.length,
      sourceIps: baseline.lists.sourceIps.map((ip) => ({ ...ip, facts: ipFacts(ip.value) })),
      consoleLogins: profile.consoleLogins.map((login) => ({
        ...login,
        mfa: run.facts.get(login.row)?.mfa ?? null,
      })),
      findings: mine.map((finding) => ({
        ruleId: finding.ruleId,
        title: finding.title,
        severity: finding.severity,
        techniques: finding.techniques,
        summary: finding.summary,
        first: iso(finding.first),
        last: iso(finding.last),
      })),
      ipData: geo.dataDate,
    };
    await io.write(`${safeJsonStringify(json, 2)}\n`);
  } else {
    // Ranked over every finding, as the TUI ranks them: the risk line and the FINDINGS section
    // then read the same findings.
    const risk = riskOf(findings);
    const lines = principalLines(profile, {
      index,
      ipFacts,
      ipDataDate: geo.dataDate,
      findings: mine,
      facts: run.facts,
      risk,
      ...until,
    });
    await io.write(`${lines.map((line) => sanitizeText(line.text)).join('\n')}\n`);
  }
  return options.strict && hasInputErrors(result) ? 1 : 0;
}
