import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createCase, pinRecord } from '../../source/case/index.js';
import { DEMO_DATA_FILE } from '../../source/demo/index.js';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/records.js';

const tree = tempTree('report');
afterAll(() => tree.remove());

const demo = (
  JSON.parse(gunzipSync(readFileSync(DEMO_DATA_FILE)).toString('utf8')) as {
    Records: Record<string, unknown>[];
  }
).Records;

/** A case on the demo: KeyHunter marked, the login, the listing and the object read pinned. */
function demoCase(name: string): string {
  const path = join(tree.root, name);
  const store = createCase(path, {
    title: 'KeyHunter',
    sources: [{ kind: 'path', value: DEMO_DATA_FILE }],
  });
  const at = (time: string, eventName: string) =>
    demo.find((r) => r.eventTime === time && r.eventName === eventName)!;
  for (const record of [
    at('2025-03-13T14:02:38Z', 'ConsoleLogin'),
    at('2025-03-13T14:03:52Z', 'ListBuckets'),
    at('2025-03-13T14:05:02Z', 'GetObject'),
  ])
    pinRecord(store, record, '');
  store.update(
    (draft, stamp) => {
      draft.suspects.push({ kind: 'principal', value: 'KeyHunter', markedAt: stamp.at, note: '' });
      draft.steps['deactivate-access-keys'] = {
        state: 'done',
        reason: '',
        note: 'key deactivated by hand',
        evidence: [],
        changedBy: stamp.by,
        changedAt: stamp.at,
      };
    },
    { action: 'marked suspect', detail: 'principal KeyHunter' },
  );
  return path;
}

/** The demo as the README's story leaves it: KeyHunter and the Lagos address marked, nothing pinned. */
function storyCase(path: string): void {
  const store = createCase(path, {
    title: 'KeyHunter',
    sources: [{ kind: 'path', value: DEMO_DATA_FILE }],
  });
  store.update(
    (draft, stamp) => {
      draft.suspects.push({ kind: 'principal', value: 'KeyHunter', markedAt: stamp.at, note: '' });
      draft.suspects.push({ kind: 'ip', value: '102.88.109.159', markedAt: stamp.at, note: '' });
    },
    { action: 'marked suspect', detail: 'principal KeyHunter, ip 102.88.109.159' },
  );
}

/** The timeline's rows as [time, principal, event, target] (Markdown cells, unescaped enough). */
function timelineRows(md: string): string[][] {
  const start = md.indexOf('## Timeline');
  const lines = md.slice(start, md.indexOf('\n## ', start + 1)).split('\n');
  return lines
    .filter((line) => /^\| \d{4}-/.test(line))
    .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| /, '')))
    .map((cells) => [cells[0]!, cells[1]!, cells[3]!, cells[4]!]);
}

describe('trailhound report', { timeout: 60_000 }, () => {
  it('tells the whole story of the marked suspects, through the role they pivoted into', async () => {
    const path = join(tree.root, 'story.json');
    storyCase(path);
    const run = await runCli(['report', '--case', path]);
    expect(run.code).toBe(0);
    const rows = timelineRows(run.stdout);
    const at = (time: string, event: string) =>
      rows.findIndex((row) => row[0] === `2025-03-13 ${time}` && row[2] === event);
    const order = [
      at('14:02:11', 'ConsoleLogin'),
      at('14:02:38', 'ConsoleLogin'),
      at('14:03:52', 'ListBuckets'),
      at('14:05:02', 'GetObject'),
      at('14:52:33', 'AssumeRole'),
      at('14:53:10', 'ListUsers'),
      at('14:53:14', 'ListRoles'),
      at('14:53:21', 'ListAccessKeys'),
    ];
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The failed login first: nothing the attacker did is left out before it.
    expect(order[0]).toBe(0);
    expect(rows[order[3]!]![3]).toBe('dora-cloudbucket/Threat Intelligence.docx');
    expect(rows[order[4]!]![3]).toBe('role/ops-admin');
    for (const index of order.slice(5)) expect(rows[index]![1]).toBe('ops-admin/KeyHunter');
    // KeyHunter's own days of work from the office address are not the incident.
    expect(rows.every((row) => row[0]!.startsWith('2025-03-13 '))).toBe(true);
    expect(run.stdout).toContain('- **Dwell time:** 51 min (first to last event of the evidence)');
    expect(run.stdout).not.toMatch(/Time to detect: \d+ d/);
    expect(run.stdout).toMatch(
      /- \*\*Analysed after the fact:\*\* the evidence ends 2025-03-13 14:53:21 UTC; the case was first worked 20\d\d-/,
    );
    // The low finding that names the pivot is in, and the role session is an indicator.
    expect(run.stdout).toContain('### LOW: Role assumed for the first time by this principal');
    expect(run.stdout).toContain(
      '| ops-admin/KeyHunter | pivoted into: AssumeRole by KeyHunter at 2025-03-13 14:52:33 | 3 |',
    );
    const json = await runCli(['report', '--case', path, '--format', 'json']);
    const report = JSON.parse(json.stdout) as {
      pivots: { principal: string; accessKeyId: string; roleArn: string }[];
      summary: { dwellTime: { milliseconds: number }; timeToDetect: null };
    };
    expect(report.pivots).toContainEqual(
      expect.objectContaining({
        principal: 'ops-admin/KeyHunter',
        accessKeyId: 'ASIALYKIPJI2TEXAMPLE',
        roleArn: 'arn:aws:iam::111122223333:role/ops-admin',
      }),
    );
    expect(report.summary.dwellTime.milliseconds).toBe((51 * 60 + 10) * 1000);
    expect(report.summary.timeToDetect).toBeNull();
  });

  it('--out FILE.txt writes the plain-text report: 80 columns, no markup', async () => {
    const path = join(tree.root, 'story-txt.json');
    storyCase(path);
    const out = join(tree.root, 'story.txt');
    const run = await runCli(['report', '--case', path, '--out', out]);
    expect(run.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    const lines = text.split('\n');
    expect(lines.every((line) => [...line].length <= 80)).toBe(true);
    expect(text).not.toMatch(/^(#|\| |- \*\*)/m);
    expect(text).toContain('\nTIMELINE\n--------\n');
    expect(text).toMatch(/^2025-03-13 14:05:02\n {2}Principal: +KeyHunter$/m);
    expect(text).toMatch(/^ {2}Target: +dora-cloudbucket\/Threat Intelligence\.docx$/m);
    expect(text).toMatch(/^Dwell time: +51 min/m);
  });

  it('Markdown: the KeyHunter timeline in order, the attacker IP with its country, the actions', async () => {
    const path = demoCase('md.json');
    const run = await runCli(['report', '--case', path]);
    expect(run.code).toBe(0);
    const md = run.stdout;
    const login = md.indexOf('| 2025-03-13 14:02:38 | KeyHunter | 102.88.109.159 | ConsoleLogin |');
    const listing = md.indexOf(
      '| 2025-03-13 14:03:52 | KeyHunter | 102.88.109.159 | ListBuckets |',
    );
    const read = md.indexOf('| 2025-03-13 14:05:02 | KeyHunter | 102.88.109.159 | GetObject |');
    expect(login).toBeGreaterThan(0);
    expect(listing).toBeGreaterThan(login);
    expect(read).toBeGreaterThan(listing);
    expect(md).toMatch(/102\.88\.109\.159 .*NG/);
    // Markdown escapes the dot; the name reads the same once rendered.
    expect(md).toMatch(/Threat Intelligence\\?\.docx/);
    expect(md).toMatch(/## Actions taken[\s\S]*pinned event[\s\S]*marked suspect/);
    expect(md).toContain('key deactivated by hand');
  });

  it('HTML and JSON from the same case; --out writes the file', async () => {
    const path = demoCase('formats.json');
    const out = join(tree.root, 'report.html');
    const html = await runCli(['report', '--case', path, '--format', 'html', '--out', out]);
    expect(html.code).toBe(0);
    const page = readFileSync(out, 'utf8');
    expect(page).toMatch(/^<!doctype html>/i);
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('102.88.109.159');
    const json = await runCli(['report', '--case', path, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toBeTypeOf('object');
  });

  it('--redact leaves no account id or access key id in the report', async () => {
    const path = demoCase('redacted.json');
    const run = await runCli(['report', '--case', path, '--redact']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
    expect(run.stdout).not.toMatch(/\b(AKIA|ASIA)[A-Z0-9]{16}\b/);
    expect(run.stdout).toMatch(/102\\?\.x\\?\.x\\?\.159/);
  });

  it('a case file that is not a case is refused, named, and left as it was', async () => {
    const path = tree.write('broken.json', '{"schema": 1, "id": ');
    const run = await runCli(['report', '--case', path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^trailhound: cannot open case .*broken\.json: /);
    expect(readFileSync(path, 'utf8')).toBe('{"schema": 1, "id": ');
  });
});
