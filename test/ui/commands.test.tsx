import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPORT_KIND } from '../../source/case/report/index.js';
import { COMMAND_HELP, COMMANDS } from '../../source/state/commands.js';
import { KEYS, type Tui } from '../helpers/render-tui.js';
import { tempTree } from '../helpers/records.js';
import { DEMO, lines, messageText, statusLine, withTui } from './helpers.js';

const tree = tempTree('ui-commands');
afterAll(() => tree.remove());
const WIDE = { columns: 200, rows: 30 };

async function command(tui: Tui, text: string): Promise<void> {
  await tui.press(':', text, KEYS.enter);
}

async function written(tui: Tui, path: string): Promise<string> {
  // The message names the file by its base name (`:case` has the path in full).
  await tui.waitFor(
    (frame) => messageText(frame).includes(`report written: ${basename(path)}`),
    path,
  );
  return readFileSync(path, 'utf8');
}

describe(':w PATH writes the report there, in the format its name says', () => {
  it('.json, .html, .md, and beside the case without a path', async () => {
    const casePath = join(tree.root, 'incident.json');
    await withTui({ sources: [DEMO], casePath, ...WIDE }, async (tui) => {
      const json = join(tree.root, 'out', '..', 'report.json');
      await command(tui, `w ${json}`);
      const report = JSON.parse(await written(tui, join(tree.root, 'report.json'))) as {
        kind: string;
      };
      expect(report.kind).toBe(REPORT_KIND);

      const html = join(tree.root, 'report.html');
      await command(tui, `w ${html}`);
      expect(await written(tui, html)).toMatch(/^<!doctype html>/i);

      const md = join(tree.root, 'report.md');
      await command(tui, `write ${md}`);
      expect(await written(tui, md)).toMatch(/^# /);

      await command(tui, 'w');
      expect(await written(tui, join(tree.root, 'incident.report.md'))).toMatch(/^# /);
      // Each write is in the case's audit log.
      const audit = (
        JSON.parse(readFileSync(casePath, 'utf8')) as {
          audit: { action: string; detail: string }[];
        }
      ).audit
        .filter((entry) => entry.action === 'wrote report')
        .map((entry) => entry.detail);
      expect(audit).toEqual([
        join(tree.root, 'report.json'),
        html,
        md,
        join(tree.root, 'incident.report.md'),
      ]);
    });
  });

  it('.txt is plain text', async () => {
    await withTui(
      { sources: [DEMO], casePath: join(tree.root, 'text.json'), ...WIDE },
      async (tui) => {
        const path = join(tree.root, 'report.txt');
        await command(tui, `w ${path}`);
        const text = await written(tui, path);
        expect(text).not.toMatch(/^# /);
        expect(text).not.toMatch(/<[a-z]+>/);
        expect(text.length).toBeGreaterThan(100);
      },
    );
  });
});

describe(':q, :help and the command list in ?', () => {
  it(':q quits', async () => {
    await withTui({ sources: [DEMO] }, async (tui) => {
      await command(tui, 'q');
      expect(tui.store.getState().quitRequested).toBe(true);
    });
  });

  it(':help opens the help', async () => {
    await withTui({ sources: [DEMO] }, async (tui) => {
      await command(tui, 'help');
      await tui.waitFor((frame) => frame.includes('trailhound keys'), 'the help');
      expect(tui.store.getState().quitRequested).toBe(false);
    });
  });

  it('? lists every : command of the command table, :w among them', async () => {
    await withTui({ sources: [DEMO], columns: 80, rows: 200 }, async (tui) => {
      await tui.press('?');
      const frame = await tui.waitFor((f) => f.includes('Commands (:)'), 'the command list');
      const shown = lines(frame);
      const start = shown.findIndex((line) => line.includes('Commands (:)'));
      const listed = shown.slice(start + 1).join('\n');
      for (const spec of COMMANDS) {
        for (const name of spec.names)
          expect(listed, `:${name}`).toMatch(new RegExp(`:${name}\\b`));
      }
      expect(listed).toMatch(/^ {2}:w \[PATH\] +write the report/m);
      expect(listed).toMatch(/^ {2}:q +quit/m);
      // Each line fits 80 columns with the help's indent: nothing of it is cut.
      for (const line of COMMAND_HELP) expect(line.length, line).toBeLessThanOrEqual(78);
    });
  });
});
