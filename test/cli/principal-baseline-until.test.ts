import { afterAll, describe, expect, it } from 'vitest';
import { parseCli } from '../../source/cli/args.js';
import type { CliIo } from '../../source/cli/io.js';
import { principalCommand } from '../../source/cli/principal-command.js';
import { tempTree } from '../helpers/records.js';
import { LONDON, writeBaselineTrails } from '../helpers/baseline-trails.js';

const tree = tempTree('principal-baseline-until');
afterAll(() => tree.remove());
writeBaselineTrails(tree.write);

async function principal(...argv: string[]): Promise<string> {
  let out = '';
  const io: CliIo = {
    stdin: process.stdin,
    stderr: { write: () => true } as unknown as NodeJS.WritableStream,
    write: (text) => void (out += text),
  };
  const code = await principalCommand(
    parseCli(['principal', 'alice', `${tree.root}/day`, ...argv, '--workers', '0']),
    io,
  );
  expect(code).toBe(0);
  return out;
}

const markOf = (out: string, value: string) => {
  const line = out.split('\n').find((candidate) => candidate.startsWith(`  ${value} `));
  expect(line, `a line for ${value}`).toBeDefined();
  return /\s(NEW|new|est)\s/.exec(line!)?.[1] ?? '';
};

describe('trailhound principal --baseline-until', () => {
  it('alice active before the until has a history, so her afternoon address is new', async () => {
    // One day: no history of her own, so London cannot be new.
    expect(markOf(await principal(), LONDON)).toBe('');
    const out = await principal('--baseline-until', '2025-03-01T12:00Z');
    expect(out).toContain('--baseline-until');
    expect(markOf(out, LONDON)).toBe('NEW');
  });
});
