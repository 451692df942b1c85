import type { IndexView } from '../../index/index.js';
import { compareFindings, provenances, severityRank, type Finding } from '../finding.js';
import { columnFields } from '../sigma-columns.js';
import { filterNames } from '../sigma/filter-rule.js';
import { inRanges, knownNetworkOf, type Tuning } from './compile.js';
import { PLACE_RULES, CROSS_ACCOUNT_RULES, expects } from './rule-kinds.js';

/** A finding tuning hid, and the entry that hid it ("suppressions[0] in tuning.yml: reason"). */
export interface SuppressedFinding {
  finding: Finding;
  by: string;
}

export interface TunedFindings {
  /** What the list shows: findings no entry hid, some lowered or annotated by one. */
  findings: Finding[];
  suppressed: SuppressedFinding[];
}

function where(origin: { source: string; at: string }): string {
  return `${origin.at} in ${origin.source}`;
}

/** Evidence rows whose source is an address (a service's host name says nothing of where). */
function addressed(finding: Finding, index: IndexView): string[] {
  const out: string[] = [];
  for (const row of finding.rows) {
    const ip = index.value(row, 'sourceIp');
    if (ip !== '' && /^[0-9a-f.:]+$/i.test(ip)) out.push(ip);
  }
  return out;
}

/** Every rule that says the finding: its own id and the Sigma rules merged into it. */
function ruleIds(finding: Finding): string[] {
  return provenances(finding).map((rule) => rule.ruleId);
}

function suppressedBy(finding: Finding, index: IndexView, tuning: Tuning): string | undefined {
  const ids = ruleIds(finding);
  for (const { entry, origin, who, range, until } of tuning.suppressions) {
    if (entry.rule !== '*' && !ids.includes(entry.rule)) continue;
    if (who && !who.test(finding.principal)) continue;
    // Evidence after the entry's end is judged afresh: an exception is not forever.
    if (finding.last > until) continue;
    if (range) {
      const addresses = addressed(finding, index);
      if (addresses.length === 0 || !addresses.every((ip) => inRanges(ip, [range]))) continue;
    }
    return `${where(origin)}: ${entry.reason}`;
  }
  return undefined;
}

/**
 * Sigma filters on built-in findings, judged on the index's columns: a finding whose every
 * event the filter drops is suppressed. A filter that needs a field only the record holds
 * cannot drop an event here ("unknown" keeps it): tuning never hides on a guess.
 */
function filteredBy(finding: Finding, index: IndexView, tuning: Tuning): string | undefined {
  if (finding.filteredBy) return finding.filteredBy;
  if (finding.origin === 'sigma') return undefined;
  for (const { entry: filter, origin } of tuning.filters) {
    if (!filterNames(filter, { id: finding.ruleId })) continue;
    if (finding.rows.every((row) => filter.keeps(columnFields(index, row)) === false))
      return `Sigma filter "${filter.title}" (${origin.source})`;
  }
  return undefined;
}

/** A finding of a rule whose claim is "a new or other place", all from known networks. */
function fromKnownNetworks(finding: Finding, index: IndexView, tuning: Tuning): string | undefined {
  if (!PLACE_RULES.has(finding.ruleId)) return undefined;
  const addresses = addressed(finding, index);
  if (addresses.length === 0) return undefined;
  const labels = new Set<string>();
  for (const ip of addresses) {
    const label = knownNetworkOf(tuning, ip);
    if (label === undefined) return undefined;
    labels.add(label);
  }
  return `known network${labels.size > 1 ? 's' : ''} ${[...labels].join(', ')}`;
}

/** Twelve-digit account ids the evidence names that are not the account it was logged in. */
function foreignAccounts(finding: Finding, index: IndexView): Set<string> {
  const own = new Set<string>();
  const named = new Set<string>(finding.summary.match(/\b\d{12}\b/g) ?? []);
  for (const row of finding.rows) {
    own.add(index.value(row, 'account'));
    for (const field of ['principalArn', 'resources'] as const)
      for (const id of index.value(row, field).match(/:(\d{12}):/g) ?? [])
        named.add(id.slice(1, -1));
  }
  for (const id of own) named.delete(id);
  return named;
}

function expectedAccounts(finding: Finding, index: IndexView, tuning: Tuning): string | undefined {
  if (tuning.accounts.length === 0) return undefined;
  const crossAccount =
    CROSS_ACCOUNT_RULES.has(finding.ruleId) ||
    (finding.origin === 'sigma' && finding.techniques.some((t) => t === 'T1199' || t === 'T1537'));
  if (!crossAccount) return undefined;
  const foreign = foreignAccounts(finding, index);
  if (foreign.size === 0) return undefined;
  const labels = new Set<string>();
  for (const id of foreign) {
    const known = tuning.accounts.find(({ who }) => who.test(id));
    if (!known) return undefined;
    labels.add(known.entry.label || id);
  }
  return `expected account${labels.size > 1 ? 's' : ''} ${[...labels].join(', ')}`;
}

type RoleJudgement = { hide: string } | { finding: Finding } | undefined;

/**
 * A CI, IaC or scanner role doing what it is expected to: hidden when it did so from the
 * networks it runs from; lowered to low when the entry names no networks (stolen CI credentials
 * do the very same calls, so without a place to tell them apart the finding stays in the list);
 * annotated, never lowered, when some of it came from elsewhere.
 */
function judgeRole(finding: Finding, index: IndexView, tuning: Tuning): RoleJudgement {
  for (const role of tuning.roles) {
    if (!role.who.test(finding.principal)) continue;
    if (!expects(role.entry.expects, finding)) continue;
    const label = `${role.entry.role} role${role.entry.label ? ` (${role.entry.label})` : ''}`;
    if (role.ranges) {
      const addresses = addressed(finding, index);
      if (addresses.length > 0 && addresses.every((ip) => inRanges(ip, role.ranges!)))
        return { hide: `expected of ${label} from its networks, ${where(role.origin)}` };
      return {
        finding: {
          ...finding,
          summary: `${finding.summary} [tuning: expected of ${label}, but not from its networks]`,
        },
      };
    }
    const lowered = severityRank(finding.severity) > severityRank('low');
    return {
      finding: {
        ...finding,
        ...(lowered ? { severity: 'low' as const } : {}),
        summary: `${finding.summary} [tuning: expected of ${label}${lowered ? `; was ${finding.severity}` : ''}]`,
      },
    };
  }
  return undefined;
}

/**
 * Applies tuning to findings after detection: nothing is deleted, what tuning hides is returned
 * beside what it shows so the list can say "N suppressed by tuning" and show them on request.
 * Pure: the same findings and tuning give the same result, so the TUI re-applies it whenever the
 * case's tuning changes without running the detections again.
 */
export function applyTuning(
  findings: readonly Finding[],
  index: IndexView,
  tuning: Tuning,
): TunedFindings {
  const shown: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    const hiddenBy =
      filteredBy(finding, index, tuning) ??
      suppressedBy(finding, index, tuning) ??
      fromKnownNetworks(finding, index, tuning) ??
      expectedAccounts(finding, index, tuning);
    if (hiddenBy !== undefined) {
      suppressed.push({ finding, by: hiddenBy });
      continue;
    }
    const role = judgeRole(finding, index, tuning);
    if (role && 'hide' in role) suppressed.push({ finding, by: role.hide });
    else shown.push(role?.finding ?? finding);
  }
  // A lowered finding moves down the list: the order is severity first.
  return { findings: shown.sort(compareFindings), suppressed };
}
