/**
 * The README's rule table is the rules' own words: one row per built-in rule and correlation,
 * with its usual severity, what it learns from the trail and what makes it high. Changing a rule's
 * `learns` or `highWhen` without the README fails here, and prints the row the README should have.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORRELATIONS } from '../../source/detect/correlations.js';
import type { RuleInfo } from '../../source/detect/rule.js';
import { BUILTIN_RULES } from '../../source/detect/rules/index.js';

const RULES: readonly RuleInfo[] = [...BUILTIN_RULES, ...CORRELATIONS];

/** A rule that is high by itself (the event is the attack step) says so instead of a condition. */
function highCell(rule: RuleInfo): string {
  if (rule.highWhen) return rule.highWhen;
  return rule.severity === 'high' || rule.severity === 'critical' ? 'always' : 'never';
}

function expectedRow(rule: RuleInfo): string[] {
  return [`\`${rule.id}\``, rule.severity, rule.learns ?? '—', highCell(rule)];
}

function readmeRows(): Map<string, string[]> {
  const text = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = text.indexOf('## What the detections flag');
  const section = start < 0 ? '' : text.slice(start, text.indexOf('\n## ', start + 1));
  const rows = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    if (!line.startsWith('| `')) continue;
    const cells = line
      .slice(1, -1)
      .split(' | ')
      .map((cell) => cell.trim());
    rows.set(cells[0]!, cells);
  }
  return rows;
}

describe("the README's rule table", () => {
  it('has one row per rule: severity, what it learns, what makes it high', () => {
    const rows = readmeRows();
    const wrong = RULES.filter(
      (rule) => JSON.stringify(rows.get(`\`${rule.id}\``)) !== JSON.stringify(expectedRow(rule)),
    );
    const fix = wrong.map((rule) => `| ${expectedRow(rule).join(' | ')} |`).join('\n');
    expect(
      wrong.map((rule) => rule.id),
      `rows the README should have:\n${fix}`,
    ).toEqual([]);
    expect(rows.size).toBe(RULES.length);
  });
});
