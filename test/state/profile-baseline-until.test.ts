import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../source/state/index.js';
import type { ExplicitBaseline } from '../../source/state/explicit-baseline.js';
import { indexOfFields, type FieldsRow } from '../helpers/fields-index.js';

const START = Date.parse('2025-03-01T08:00:00Z');
const HOUR = 3_600_000;

const call = (at: number, sourceIp: string): FieldsRow => ({
  time: at,
  principal: 'carol',
  identityType: 'IAMUser',
  account: '111122223333',
  region: 'us-east-1',
  eventName: 'DescribeInstances',
  sourceIp,
  userAgent: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0',
});

/** The TUI's way: the store given `--baseline-until`, the cursor's principal profile opened. */
function profileLines(baseline?: ExplicitBaseline): string[] {
  const index = indexOfFields([call(START, '198.51.100.7'), call(START + 3 * HOUR, '192.0.2.66')]);
  const store = createAppStore({
    index,
    now: () => START + 4 * HOUR,
    source: 'test',
    size: { columns: 100, rows: 40 },
    ...(baseline ? { baseline } : {}),
  });
  store.getState().refreshRows();
  store.getState().openRowProfile('principal');
  const screen = store.getState().screens.at(-1)!;
  if (screen.kind !== 'profile') throw new Error(`expected a profile, got ${screen.kind}`);
  return screen.lines.map((line) => line.text);
}

/** The mark on the list line of `value`: NEW, new, est or '' (none). */
function markOf(lines: string[], value: string): string {
  const line = lines.find((candidate) => candidate.startsWith(`  ${value} `));
  expect(line, `a line for ${value}`).toBeDefined();
  return /\s(NEW|new|est)\s/.exec(line!)?.[1] ?? '';
}

describe('--baseline-until reaches the TUI profiles', () => {
  it('a principal active before the until has a history, so a later address is new', () => {
    // One day of activity: no history of its own, so nothing it did can be new.
    expect(markOf(profileLines(), '192.0.2.66')).toBe('');
    const lines = profileLines({ until: { at: START + 2 * HOUR } });
    expect(lines).toContain('baseline: 2025-03-01 (until 2025-03-01, --baseline-until)');
    expect(markOf(lines, '192.0.2.66')).toBe('NEW');
    // A span back from the evidence's now (its newest event) resolves the same way.
    expect(markOf(profileLines({ until: { back: 2 * HOUR } }), '192.0.2.66')).toBe('NEW');
  });
});
