import type { ReportTuning } from './input.js';
import { TECHNIQUES } from '../../detect/attack.js';
import { severityRank, type Severity } from '../../detect/finding.js';
import { orNone, type Block, type Fact } from './document.js';
import type { ReportFinding } from './input.js';
import { compareTimes, displayTime } from './time.js';

export interface TechniqueEntry {
  id: string;
  /** '' for an id the pinned table does not list (a Sigma rule may cite any). */
  name: string;
  tactic: string;
}

export interface FindingEntry {
  ruleId: string;
  title: string;
  severity: Severity;
  techniques: TechniqueEntry[];
  principal: string;
  first: string;
  last: string;
  summary: string;
  verdict?: 'acknowledged' | 'dismissed';
  verdictReason?: string;
  sigma?: { title?: string; author: string; references: string[] };
}

function technique(id: string): TechniqueEntry {
  const upper = id.toUpperCase();
  const known = TECHNIQUES[upper];
  return { id: upper, name: known?.name ?? '', tactic: known?.tactic ?? '' };
}

/** A finding the analyst dismissed is a false positive: it says nothing about the incident. */
export function counts(finding: { verdict?: string }): boolean {
  return finding.verdict !== 'dismissed';
}

/**
 * Most severe first, then earliest; dismissed findings last, still listed so the reader sees
 * what was looked at and ruled out.
 */
export function findingsSection(findings: ReportFinding[]): FindingEntry[] {
  return [...findings]
    .sort(
      (a, b) =>
        Number(!counts(a)) - Number(!counts(b)) ||
        severityRank(b.severity) - severityRank(a.severity) ||
        compareTimes(a.first, b.first) ||
        (a.title < b.title ? -1 : a.title > b.title ? 1 : 0),
    )
    .map((finding) => ({
      ruleId: finding.ruleId,
      title: finding.title,
      severity: finding.severity,
      techniques: finding.techniques.map(technique),
      principal: finding.principal,
      first: finding.first,
      last: finding.last,
      summary: finding.summary,
      ...(finding.verdict ? { verdict: finding.verdict } : {}),
      ...(finding.verdictReason ? { verdictReason: finding.verdictReason } : {}),
      ...(finding.sigma
        ? {
            sigma: {
              ...(finding.sigma.title ? { title: finding.sigma.title } : {}),
              author: finding.sigma.author,
              references: [...finding.sigma.references],
            },
          }
        : {}),
    }));
}

/** The tuning used: nothing it hid goes unsaid in the report. */
export function tuningBlocks(tuning: ReportTuning): Block[] {
  if (tuning.used.length === 0 && tuning.suppressed === 0) return [];
  return [
    { kind: 'heading', level: 3, text: 'Tuning used' },
    {
      kind: 'paragraph',
      text: `${tuning.suppressed} finding(s) were suppressed by tuning and are not listed above.`,
    },
    { kind: 'list', items: tuning.used },
  ];
}

function describe(entry: TechniqueEntry): string {
  return entry.name ? `${entry.id} ${entry.name} (${entry.tactic})` : entry.id;
}

function period(first: string, last: string): string {
  if (!first && !last) return '';
  if (first === last || !last) return displayTime(first);
  return `${displayTime(first)} to ${displayTime(last)}`;
}

export function findingsBlocks(findings: FindingEntry[], attackVersion: string): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Findings' }];
  if (findings.length === 0) {
    blocks.push({
      kind: 'paragraph',
      text: 'No findings: detections did not run (the logs were not available) or found nothing.',
    });
    return blocks;
  }
  blocks.push({
    kind: 'paragraph',
    text: `Techniques are named as in ${attackVersion}.`,
  });
  for (const finding of findings) {
    blocks.push({
      kind: 'heading',
      level: 3,
      text: `${finding.severity.toUpperCase()}: ${finding.title}`,
    });
    const items: Fact[] = [
      { label: 'Rule', value: finding.ruleId },
      { label: 'Principal', value: orNone(finding.principal) },
      { label: 'When (UTC)', value: orNone(period(finding.first, finding.last)) },
      { label: 'What was seen', value: orNone(finding.summary) },
      {
        label: 'ATT&CK',
        value: orNone(finding.techniques.map(describe).join('; ')),
      },
      {
        label: 'Verdict',
        value: finding.verdict
          ? `${finding.verdict}${finding.verdictReason ? `: ${finding.verdictReason}` : ''}`
          : 'not reviewed',
      },
    ];
    if (finding.sigma) {
      // A built-in finding the Sigma rule also made: the rule is named, not only its author.
      if (finding.sigma.title) items.push({ label: 'Sigma rule', value: finding.sigma.title });
      items.push({ label: 'Sigma rule author', value: orNone(finding.sigma.author) });
      items.push({
        label: 'Sigma rule references',
        value: orNone(finding.sigma.references.join(' ; ')),
      });
    }
    blocks.push({ kind: 'facts', items });
  }
  return blocks;
}
