import { spawnSync } from 'node:child_process';
import { CLI } from './cli.js';

/**
 * Runs `trailhound ARGS` in a real pseudo-terminal (Python's pty module) and plays `steps`: each
 * waits (at most `within` seconds) until its text has reached the terminal, then types its keys.
 * Waiting for what the screen shows, not for a fixed time, keeps it quick on an idle machine and
 * right on a busy one. After the steps it waits up to `limit` seconds for the TUI to end, then
 * kills it: a hang is a failed run (code -9), never a stuck suite. A step whose text never shows
 * ends the steps there.
 */
const DRIVER = `
import fcntl, json, os, pty, signal, struct, sys, termios, time, select
cli, args, steps, within, limit = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 120, 0, 0))
    os.execvp('node', ['node', cli] + args)
out = b''
def pump(seconds, until=b''):
    global out
    end = time.time() + seconds
    while time.time() < end and not (until and until in out):
        readable, _, _ = select.select([fd], [], [], 0.05)
        if readable:
            try: chunk = os.read(fd, 65536)
            except OSError: return False
            if not chunk: return False
            out += chunk
    return True
alive = True
for step in steps:
    if not alive: break
    wait, keys = step['wait'], step['keys']
    alive = pump(within, wait.encode())
    # What should be on the screen is not: the rest of the steps would only wait in vain.
    if not alive or wait.encode() not in out: break
    os.write(fd, keys.encode())
pump(limit)
done, status = os.waitpid(pid, os.WNOHANG)
if done == 0:
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
sys.stdout.write(str(os.waitstatus_to_exitcode(status)) + '\\n')
sys.stdout.write(out.decode('utf8', 'replace'))
`;

export function runPtySteps(
  args: string[],
  steps: { wait: string; keys: string }[],
  options: { within?: number; limit?: number; env?: NodeJS.ProcessEnv } = {},
): { code: number; output: string } {
  const within = options.within ?? 25;
  const limit = options.limit ?? 15;
  const run = spawnSync(
    'python3',
    ['-c', DRIVER, CLI, JSON.stringify(args), JSON.stringify(steps), String(within), String(limit)],
    {
      encoding: 'utf8',
      env: { ...process.env, TERM: 'xterm-256color', ...options.env },
      timeout: (within * steps.length + limit + 10) * 1000,
    },
  );
  if (run.error) throw run.error;
  const [status, ...rest] = run.stdout.split('\n');
  return { code: Number(status), output: rest.join('\n') };
}
