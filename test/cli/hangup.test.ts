import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaseFile } from '../../source/case/index.js';
import { runInPty } from '../helpers/pty.js';
import { makeRecords, recordsJson, tempTree } from '../helpers/records.js';

const tree = tempTree('hangup');
afterAll(() => tree.remove());
// A small trail: the TUI is up in a moment, and the test is about the way out.
const trail = tree.write('trail.json', recordsJson(makeRecords(20, '2025-03-10T00:00:00Z')));

/** The table's header: the TUI is up (and the case written). */
const UP = 'TIME (UTC)';
/** The status bar once the trail is loaded: keys act on every event. */
const LOADED = '20 events';

describe('a dropped session (SIGHUP)', { timeout: 60_000 }, () => {
  it('restores the terminal, exits 129, and the case keeps what was done', () => {
    const casePath = join(tree.root, 'hangup.json');
    const run = runInPty(['--case', casePath, trail], {
      keys: 'Gmp',
      waitFor: LOADED,
      keysDone: 'as evidence',
      settle: 30,
      limit: 10,
      hangup: 'signal',
      env: { XDG_STATE_HOME: tree.root },
    });
    expect(run.output, 'the TUI never finished loading within 30 s').toContain(LOADED);
    expect(run.output, 'the keys G m p took no effect within 30 s').toContain('as evidence');
    expect(run.code).toBe(129);
    expect(run.output).toContain('\x1b[?1049h');
    // The alternate screen is left after the last frame: the shell gets its screen back.
    expect(run.output.lastIndexOf('\x1b[?1049l')).toBeGreaterThan(
      run.output.lastIndexOf('\x1b[?1049h'),
    );
    const saved = JSON.parse(readFileSync(casePath, 'utf8')) as CaseFile;
    expect(saved.pinned).toHaveLength(1);
    expect(saved.suspects).toHaveLength(1);
    expect(saved.sources.length).toBeGreaterThan(0);
  });

  it('exits 129 without a native assertion when the terminal itself is gone (tmux kill-session)', () => {
    const casePath = join(tree.root, 'closed.json');
    const stderrFile = join(tree.root, 'closed.stderr');
    const run = runInPty(['--case', casePath, trail], {
      waitFor: UP,
      settle: 30,
      limit: 10,
      hangup: 'close',
      stderrFile,
      env: { XDG_STATE_HOME: tree.root },
    });
    expect(run.output, 'the TUI never drew its table within 30 s').toContain(UP);
    const stderr = readFileSync(stderrFile, 'utf8');
    // Before: Node's exit put back the terminal settings on the dead terminal and aborted
    // (134, "Assertion failed" in node::ResetStdio and a native stack).
    expect(stderr).not.toMatch(/Assertion|stack trace|node::/);
    expect(run.code).toBe(129);
    const saved = JSON.parse(readFileSync(casePath, 'utf8')) as CaseFile;
    expect(saved.sources.length).toBeGreaterThan(0);
  });
});
