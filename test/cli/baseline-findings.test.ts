import { afterAll, describe, expect, it } from 'vitest';
import { parseCli } from '../../source/cli/args.js';
import { findingsCommand } from '../../source/cli/findings-command.js';
import type { CliIo } from '../../source/cli/io.js';
import { statsCommand } from '../../source/cli/stats-command.js';
import { tempTree } from '../helpers/records.js';
import { LONDON, march, writeBaselineTrails } from '../helpers/baseline-trails.js';

const tree = tempTree('baseline');
afterAll(() => tree.remove());
writeBaselineTrails(tree.write);

const at = (name: string) => `${tree.root}/${name}`;

async function run(
  command: typeof findingsCommand,
  argv: string[],
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdin: process.stdin,
    stderr: { write: (text: string) => ((err += text), true) } as NodeJS.WritableStream,
    write: (text) => void (out += text),
  };
  const code = await command(parseCli([...argv, '--workers', '0']), io);
  return { code, out, err };
}

interface Json {
  baseline?: { files: number; events: number; until: string | null };
  findings: {
    ruleId: string;
    principal: string;
    severity: string;
    summary: string;
    eventIds: string[];
  }[];
}

async function findings(...argv: string[]): Promise<Json> {
  const result = await run(findingsCommand, ['findings', ...argv, '--format', 'json']);
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.out) as Json;
}

const londonLogin = (json: Json) =>
  json.findings.filter((f) => f.ruleId === 'console-login-new-ip' && f.summary.includes(LONDON));

describe('--baseline SOURCE: an earlier export that only teaches', () => {
  it('an address January taught is not new in March; without it, it is', async () => {
    const alone = await findings(at('new'));
    expect(londonLogin(alone)).toHaveLength(1);
    expect(londonLogin(alone)[0]!.summary).toMatch(
      /^console login from new country: 81\.2\.69\.160/,
    );
    expect(alone.baseline).toBeUndefined();

    const taught = await findings('--baseline', at('old'), at('new'));
    expect(londonLogin(taught)).toEqual([]);
    expect(taught.baseline).toEqual({ files: 1, events: 6, until: null });
    // January is never evidence: every finding cites March's events only.
    const marchIds = new Set(march.map((record) => String(record.eventID)));
    for (const finding of taught.findings)
      for (const id of finding.eventIds) expect(marchIds.has(id)).toBe(true);
  });

  it('the table and stats name the baseline in one line', async () => {
    const table = await run(findingsCommand, ['findings', '--baseline', at('old'), at('new')]);
    expect(table.out.split('\n')[0]).toBe('baseline: learned from 1 file, 6 events');
    const stats = await run(statsCommand, ['stats', at('new'), '--baseline', at('old')]);
    // The export is not the trail: March's 7 events, January's 6 learned.
    expect(stats.out).toMatch(/^events: 7$/m);
    expect(stats.out).toMatch(/^baseline: learned from 1 file, 6 events$/m);
  });
});

describe("--baseline-until T: a trail's early hours are history", () => {
  it('without it the first day has no baseline (low, said); with it London is new', async () => {
    const alone = londonLogin(await findings(at('day')));
    expect(alone).toHaveLength(1);
    expect(alone[0]!.severity).toBe('low');
    expect(alone[0]!.summary).toContain('no baseline yet');

    // 4h counts back from the trail's newest event (15:00), as relative times do.
    for (const [given, until] of [
      ['2025-03-01T12:00Z', '2025-03-01T12:00:00.000Z'],
      ['4h', '2025-03-01T11:00:00.000Z'],
    ] as const) {
      const json = await findings('--baseline-until', given, at('day'));
      expect(json.baseline).toEqual({ files: 0, events: 0, until });
      const learned = londonLogin(json);
      expect(learned).toHaveLength(1);
      expect(learned[0]!.severity).not.toBe('low');
      expect(learned[0]!.summary).not.toContain('no baseline yet');
    }
  });
});
