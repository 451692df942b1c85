import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaseFile } from '../../source/case/index.js';
import { CLI } from '../helpers/cli.js';
import { tempTree } from '../helpers/records.js';

const tree = tempTree('hangup');
afterAll(() => tree.remove());

/**
 * Runs the TUI in a real pseudo-terminal (Python's pty module), lets it load, presses keys,
 * then hangs up on it as a dropped SSH session does. Prints the exit status and the output.
 */
const DRIVER = `
import os, pty, signal, sys, time, select
cli, case, keys = sys.argv[1], sys.argv[2], sys.argv[3]
pid, fd = pty.fork()
if pid == 0:
    os.execvp('node', ['node', cli, '--case', case])
out = b''
def pump(seconds):
    global out
    end = time.time() + seconds
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try: out += os.read(fd, 65536)
            except OSError: return
pump(6)
for key in keys:
    os.write(fd, key.encode()); pump(0.4)
pump(1.5)
os.kill(pid, signal.SIGHUP)
pump(1)
_, status = os.waitpid(pid, 0)
sys.stdout.write(str(os.waitstatus_to_exitcode(status)) + '\\n')
sys.stdout.write(out.decode('utf8', 'replace'))
`;

describe('a dropped session (SIGHUP)', { timeout: 60_000 }, () => {
  it('restores the terminal, exits 129, and the case keeps what was done', () => {
    const casePath = join(tree.root, 'hangup.json');
    const run = spawnSync('python3', ['-c', DRIVER, CLI, casePath, 'Gpm'], {
      encoding: 'utf8',
      env: { ...process.env, XDG_STATE_HOME: tree.root, TERM: 'xterm-256color' },
      timeout: 50_000,
    });
    if (run.error) throw run.error;
    const [status, ...rest] = run.stdout.split('\n');
    const output = rest.join('\n');
    expect(status).toBe('129');
    expect(output).toContain('\x1b[?1049h');
    // The alternate screen is left after the last frame: the shell gets its screen back.
    expect(output.lastIndexOf('\x1b[?1049l')).toBeGreaterThan(output.lastIndexOf('\x1b[?1049h'));
    const saved = JSON.parse(readFileSync(casePath, 'utf8')) as CaseFile;
    expect(saved.pinned).toHaveLength(1);
    expect(saved.suspects).toHaveLength(1);
    expect(saved.sources.length).toBeGreaterThan(0);
  });
});
