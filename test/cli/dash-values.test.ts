import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../../source/cli/args.js';
import { parseContainArgs } from '../../source/cli/contain-args.js';

function usage(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('a negative number after an option reaches that option’s own check', () => {
  it.each([
    [['stats', 'x', '--workers', '-1'], '--workers takes a whole number from 0 to 64'],
    [['stats', 'x', '--workers', '-0.5'], '--workers takes a whole number from 0 to 64'],
    [['--poll', '-5'], '--poll applies to the TUI under --live'],
    [
      ['--live', '--region', 'us-east-1', '--poll', '-5'],
      '--poll takes whole seconds from 5 to 3600',
    ],
    [['stats', 'x', '--limit', '-5'], 'limit'],
  ])('%j', (argv, expected) => {
    const message = usage(() => parseCli(argv));
    // Before: "Option '--workers' argument is ambiguous".
    expect(message).not.toMatch(/ambiguous/);
    expect(message).toContain(expected);
  });

  it('contain too', () => {
    const message = usage(() =>
      parseContainArgs(['KeyHunter', '--action', 'deactivate-keys', '--limit', '-5']),
    );
    expect(message).not.toMatch(/ambiguous/);
  });

  it('a value that looks like an option is refused in plain words', () => {
    expect(usage(() => parseCli(['stats', 'x', '--filter', '-h']))).toBe(
      '--filter needs a value; to give one that starts with "-", write --filter=VALUE',
    );
  });

  it('a negative number as a --filter value is still a value', () => {
    expect(parseCli(['stats', 'x', '--filter', '-1']).filter).toBe('-1');
  });
});
