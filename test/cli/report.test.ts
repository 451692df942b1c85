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

describe('trailhound report', { timeout: 60_000 }, () => {
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
