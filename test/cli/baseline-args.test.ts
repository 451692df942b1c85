import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../../source/cli/args.js';
import { baselineUntilText, parseBaselineUntil } from '../../source/state/explicit-baseline.js';

const DAY = 86_400_000;

function usage(argv: string[]): string {
  try {
    parseCli(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}

describe('--baseline-until T and --baseline SOURCE on the command line', () => {
  it('an ISO time is a moment; a span (7d) counts back from the trail later', () => {
    expect(parseCli(['findings', 'new', '--baseline-until', '2025-03-10']).baseline).toEqual({
      until: { at: Date.parse('2025-03-10T00:00:00Z') },
      sources: [],
    });
    expect(
      parseCli(['findings', 'new', '--baseline-until', '2025-03-10T12:30Z']).baseline.until,
    ).toEqual({ at: Date.parse('2025-03-10T12:30:00Z') });
    expect(parseCli(['findings', 'new', '--baseline-until', '7d']).baseline.until).toEqual({
      back: 7 * DAY,
    });
    expect(parseCli(['new', '--baseline-until', '36h']).baseline.until).toEqual({
      back: 36 * 3_600_000,
    });
  });

  it('--baseline is repeatable, for the TUI, findings, principal and stats', () => {
    expect(
      parseCli(['findings', 'new', '--baseline', 'jan', '--baseline', 'feb']).baseline,
    ).toEqual({ until: undefined, sources: ['jan', 'feb'] });
    expect(parseCli(['principal', 'alice', 'new', '--baseline', 'old']).baseline.sources).toEqual([
      'old',
    ]);
    expect(parseCli(['stats', 'new', '--baseline', 'old']).baseline.sources).toEqual(['old']);
    expect(parseCli(['--baseline', 'old', 'new']).baseline.sources).toEqual(['old']);
    // Nothing given: nothing learned besides the trail.
    expect(parseCli(['findings', 'new']).baseline).toEqual({ until: undefined, sources: [] });
  });

  it('bad values are one usage line each', () => {
    expect(usage(['findings', 'new', '--baseline-until', 'last tuesday'])).toMatch(
      /^--baseline-until takes a UTC time like 2025-03-10T00:00Z, or 7d/,
    );
    expect(usage(['findings', 'new', '--baseline-until', '2025-02-30'])).toMatch(
      /^--baseline-until takes/,
    );
    expect(usage(['findings', 'new', '--baseline-until', '0d'])).toBe(
      '--baseline-until 0d would make the whole trail history',
    );
    expect(usage(['findings', 'new', '--baseline', '-'])).toMatch(
      /^--baseline takes a file or directory/,
    );
    expect(usage(['findings', 'new', '--baseline', ''])).toMatch(/^--baseline takes a file/);
    expect(usage(['findings', 'new', '--baseline'])).toMatch(/--baseline/);
    expect(usage(['events', 'new', '--baseline', 'old'])).toBe(
      '--baseline applies to the TUI, findings, principal and stats',
    );
    expect(usage(['events', 'new', '--baseline-until', '7d'])).toBe(
      '--baseline-until applies to the TUI, findings, principal and stats',
    );
  });

  it('the text a case keeps parses back to the same until', () => {
    for (const text of ['2025-03-10T00:00:00.000Z', '7d', '36h', '90m', '45s']) {
      const until = parseBaselineUntil(text)!;
      expect(baselineUntilText(until)).toBe(text);
    }
    expect(baselineUntilText(parseBaselineUntil('2w')!)).toBe('14d');
  });
});
