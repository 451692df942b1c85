import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { DisabledRules } from '../../../source/detect/index.js';
import {
  loadSigmaRules,
  parseSigmaText,
  type SigmaDetection,
} from '../../../source/detect/sigma/index.js';
import { setLimits } from '../../../source/trail/limits.js';
import { detectIn } from '../../helpers/detect.js';
import { makeRecords, recordsJson, tempTree } from '../../helpers/records.js';
import { cloudTrailRule } from './rules.js';

const tree = tempTree('sigma-bounds');
afterAll(() => tree.remove());
afterEach(() => setLimits({}));

/**
 * A rule of `count` selections, each pinned to its own event name, any one of which fires
 * (`1 of them`). Names and values are base 36 so 45k of them fit the 1 MiB a rule file may be.
 */
function manySelections(count: number): string {
  const lines = ['title: Many', 'logsource: {product: aws, service: cloudtrail}', 'detection:'];
  for (let k = 0; k < count; k++) lines.push(` ${k.toString(36)}: {eventName: ${k.toString(36)}}`);
  lines.push(' condition: 1 of them');
  return `${lines.join('\n')}\n`;
}

/** Loads and compiles the rule, then judges 2,000 events against it; milliseconds. */
function loadAndRun(count: number): number {
  const text = manySelections(count);
  const started = performance.now();
  const { rules, problems } = parseSigmaText(text, 'many.yml');
  expect(problems).toEqual([]);
  const rule = rules[0] as SigmaDetection;
  expect(rule.eventNames?.size).toBe(count);
  let hits = 0;
  for (let k = 0; k < 2000; k++) {
    const name = (count - 1 - k).toString(36).toUpperCase();
    if (rule.matches((path) => (path === 'eventName' ? name : undefined)) === true) hits++;
  }
  expect(hits).toBe(2000);
  expect(rule.matches((path) => (path === 'eventName' ? 'Nope' : undefined))).toBe(false);
  return performance.now() - started;
}

describe('a rule of many selections', () => {
  it('loads and runs in time linear in its selections (5k vs 45k)', { timeout: 30_000 }, () => {
    // The first run warms the parser up; the second is the measure.
    const small = Math.min(loadAndRun(5_000), loadAndRun(5_000));
    const big = loadAndRun(45_000);
    // 9 times the selections: linear is ~9×, the quadratic key check it replaces was ~81×.
    expect(big / small, `5k: ${small.toFixed(0)} ms, 45k: ${big.toFixed(0)} ms`).toBeLessThan(25);
  });

  it('duplicate keys are still refused, and a 65-deep document', () => {
    const twice = parseSigmaText(
      cloudTrailRule('    s: {eventName: A}\n    s: {eventName: B}\n    condition: s'),
      'twice.yml',
    );
    expect(twice.problems.map((problem) => problem.reason)).toEqual([
      'YAML: Map keys must be unique: "s"',
    ]);
    const deep = parseSigmaText(`title: Deep\nx: ${'['.repeat(65)}${']'.repeat(65)}\n`, 'deep.yml');
    expect(deep.problems.map((problem) => problem.reason)).toEqual([
      'YAML: nests deeper than 64 levels',
    ]);
  });
});

describe('the rules folders are bounded as a whole', () => {
  const rule = (title: string) =>
    cloudTrailRule('    s:\n        eventName: ListBuckets\n    condition: s', `title: ${title}`);

  it('a folder past rules-files is refused by name, none of its rules loaded', async () => {
    const many = `${tree.root}/many`;
    for (let k = 0; k < 12; k++) tree.write(`many/sub${k % 3}/r${k}.yml`, rule(`R${k}`));
    const few = tree.write('few/one.yml', rule('One'));
    const { rules, problems } = await loadSigmaRules([few, many], {
      rulesFiles: 10,
      rulesBytes: 1 << 20,
    });
    expect(rules.map((loaded) => loaded.title)).toEqual(['One']);
    expect(problems).toEqual([
      {
        file: many,
        reason: 'more than 10 rule files in all (limit rules-files); none loaded from here',
      },
    ]);
  });

  it('a folder past rules-bytes is refused by name; the bytes bound counts all folders', async () => {
    const first = tree.write('bytes/a/one.yml', rule('First'));
    const second = `${tree.root}/bytes/b`;
    tree.write('bytes/b/two.yml', rule('Second'));
    const size = Buffer.byteLength(rule('First'));
    const total = size + Buffer.byteLength(rule('Second'));
    const { rules, problems } = await loadSigmaRules([first, second], {
      rulesFiles: 10,
      rulesBytes: size + 10,
    });
    expect(rules.map((loaded) => loaded.title)).toEqual(['First']);
    expect(problems).toEqual([
      {
        file: second,
        reason: `rule files of ${total} bytes in all (limit rules-bytes ${size + 10} bytes); none loaded from here`,
      },
    ]);
  });
});

describe('a rule over its time budget', () => {
  it('is disabled and named, its partial matches dropped, and not tried on the next run', async () => {
    const file = tree.write(
      'budget/trail.json',
      recordsJson(makeRecords(40, '2025-03-14T10:00:00Z', 'Slow')),
    );
    const [compiled] = parseSigmaText(
      cloudTrailRule('    s:\n        eventName|startswith: Slow\n    condition: s'),
      'slow.yml',
    ).rules as SigmaDetection[];
    let calls = 0;
    const slow: SigmaDetection = {
      ...compiled!,
      matches: (get) => {
        calls++;
        const until = performance.now() + 2;
        while (performance.now() < until);
        return compiled!.matches(get);
      },
    };
    setLimits({ ruleTime: 10 });
    const disabled: DisabledRules = new Map();
    const first = await detectIn([file], [slow], disabled);
    expect(first.problems[0]).toBe(
      'sigma rule "Test rule" (slow.yml) disabled: exceeded its 10 ms budget',
    );
    expect(first.findings.filter((finding) => finding.origin === 'sigma')).toEqual([]);
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThan(40);
    const before = calls;
    const second = await detectIn([file], [slow], disabled);
    expect(calls).toBe(before);
    expect(second.problems[0]).toBe(first.problems[0]);
  });
});
