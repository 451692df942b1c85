import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyCase, readCase } from '../../source/case/index.js';
import { findCaseProblem } from '../../source/case/validate-case.js';
import { caseBaseline } from '../../source/cli/load-baseline.js';
import { commitCase, planCase } from '../../source/cli/open-case.js';
import { scratchDirectory } from './helpers.js';
import { parseCli } from '../../source/cli/args.js';
import { reportCommand } from '../../source/cli/report-command.js';
import { LONDON, writeBaselineTrails } from '../helpers/baseline-trails.js';

const DAY = 86_400_000;

describe('the case keeps its explicit baseline (--baseline-until, --baseline)', () => {
  const base = emptyCase('id', 'title', new Date('2025-03-14T00:00:00Z'));

  it('a case without one (saved before it existed) is a valid case; a bad one is named', () => {
    expect('baseline' in base).toBe(false);
    expect(findCaseProblem(base)).toBeNull();
    const kept = { until: '7d', sources: [{ kind: 'path', value: '/exports/january' }] };
    expect(findCaseProblem({ ...base, baseline: kept })).toBeNull();
    expect(findCaseProblem({ ...base, baseline: { sources: [] } })).toBeNull();
    expect(findCaseProblem({ ...base, baseline: { ...kept, until: 7 } })).toBe(
      'baseline.until should be text',
    );
    expect(findCaseProblem({ ...base, baseline: { until: '7d' } })).toBe(
      'baseline.sources is missing',
    );
  });

  it('a reopen (--case, nothing else given) learns from the same baseline; a new until replaces it', () => {
    const dir = scratchDirectory();
    const path = join(dir, 'case.json');
    const old = join(dir, 'january');
    mkdirSync(old);
    const first = planCase(path, [join(dir, 'march')], {
      until: { back: 7 * DAY },
      sources: [old],
    });
    commitCase(first, 'case');
    const saved = readCase(path);
    expect(saved.baseline).toEqual({ until: '7d', sources: [{ kind: 'path', value: old }] });
    expect(saved.audit.some((entry) => entry.action === 'set baseline')).toBe(true);

    // Reopened with no baseline on the command line: the case's own.
    const reopened = planCase(path, []);
    expect(reopened.baseline).toEqual({ until: { back: 7 * DAY }, sources: [old] });
    expect(reopened.sources).toEqual([join(dir, 'march')]);

    // A new until replaces the kept one; another export joins the kept one.
    const feb = join(dir, 'february');
    const again = planCase(path, [], {
      until: { at: Date.parse('2025-03-10T00:00:00Z') },
      sources: [feb],
    });
    expect(again.baseline).toEqual({
      until: { at: Date.parse('2025-03-10T00:00:00Z') },
      sources: [old, feb],
    });
    commitCase(again, 'case');
    expect(readCase(path).baseline).toEqual({
      until: '2025-03-10T00:00:00.000Z',
      sources: [
        { kind: 'path', value: old },
        { kind: 'path', value: feb },
      ],
    });
  });

  it('an export the case kept that is gone since is left out, said; one given now must be there', async () => {
    const dir = scratchDirectory();
    const path = join(dir, 'case.json');
    const gone = join(dir, 'moved-away');
    const here = join(dir, 'here.json');
    writeFileSync(
      here,
      JSON.stringify({
        Records: [
          {
            eventVersion: '1.09',
            eventID: 'e1',
            eventTime: '2025-01-02T10:00:00Z',
            eventSource: 'sts.amazonaws.com',
            eventName: 'GetCallerIdentity',
            awsRegion: 'us-east-1',
            sourceIPAddress: '198.51.100.7',
            userIdentity: { type: 'IAMUser', userName: 'alice', accountId: '111122223333' },
          },
        ],
      }),
    );
    commitCase(planCase(path, [], { until: undefined, sources: [gone, here] }), 'case');
    let said = '';
    const stderr = { write: (text: string) => ((said += text), true) } as NodeJS.WritableStream;
    const learned = await caseBaseline(planCase(path, []), { workers: 0 }, stderr);
    expect(said).toContain(`the case's baseline ${gone} is gone; learning without it`);
    expect(learned?.learnFrom?.index.size).toBe(1);
    expect(learned?.learnFrom?.files).toBe(1);
    // Given on the command line, a missing export stops the command with its reason.
    const fresh = join(dir, 'other.json');
    await expect(
      caseBaseline(
        planCase(fresh, [], { until: undefined, sources: [gone] }),
        { workers: 0 },
        stderr,
      ),
    ).rejects.toThrow(/baseline .*moved-away: no such file or directory/);
  });

  it("report learns from the case's baseline, as the TUI did", async () => {
    const dir = scratchDirectory();
    writeBaselineTrails((relative, content) => {
      mkdirSync(join(dir, relative, '..'), { recursive: true });
      writeFileSync(join(dir, relative), content);
      return join(dir, relative);
    });
    const report = async (baseline: string[]) => {
      const path = join(dir, `case-${baseline.length}.json`);
      commitCase(planCase(path, [join(dir, 'new')], { until: undefined, sources: baseline }), 'c');
      let out = '';
      const io = {
        stdin: process.stdin,
        stderr: process.stderr,
        write: (t: string) => void (out += t),
      };
      expect(
        await reportCommand(
          parseCli(['report', '--case', path, '--format', 'json', '--workers', '0']),
          io,
        ),
      ).toBe(0);
      return out;
    };
    const newCountry = `console login from new country: ${LONDON}`;
    expect(await report([])).toContain(newCountry);
    expect(await report([join(dir, 'old')])).not.toContain(newCountry);
  });
});
