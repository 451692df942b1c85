import { spawnSync } from 'node:child_process';
import { CLI } from './cli.js';

/**
 * Runs `trailhound ARGS` in a real pseudo-terminal (Python's pty module), as a person at a
 * terminal would: waits `settle` seconds, types `keys` one by one, then waits for it to exit
 * (killing it after `limit` seconds). The output is everything the terminal received.
 */
const DRIVER = `
import fcntl, json, os, pty, signal, struct, sys, termios, time, select
cli, args, keys, settle, limit = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
columns, rows = int(sys.argv[6]), int(sys.argv[7])
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', rows, columns, 0, 0))
    os.execvp('node', ['node', cli] + args)
out = b''
def pump(seconds):
    global out
    end = time.time() + seconds
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try: chunk = os.read(fd, 65536)
            except OSError: return False
            if not chunk: return False
            out += chunk
    return True
alive = pump(settle)
for key in keys:
    if not alive: break
    os.write(fd, key.encode()); alive = pump(0.4)
pump(limit)
done, status = os.waitpid(pid, os.WNOHANG)
if done == 0:
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
sys.stdout.write(str(os.waitstatus_to_exitcode(status)) + '\\n')
sys.stdout.write(out.decode('utf8', 'replace'))
`;

export interface PtyRun {
  code: number;
  /** What reached the terminal, escapes included. */
  output: string;
}

export function runInPty(
  args: string[],
  options: {
    keys?: string;
    settle?: number;
    limit?: number;
    columns?: number;
    rows?: number;
    env?: NodeJS.ProcessEnv;
  } = {},
): PtyRun {
  const run = spawnSync(
    'python3',
    [
      '-c',
      DRIVER,
      CLI,
      JSON.stringify(args),
      options.keys ?? '',
      String(options.settle ?? 0),
      String(options.limit ?? 20),
      String(options.columns ?? 80),
      String(options.rows ?? 24),
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, TERM: 'xterm-256color', ...options.env },
      timeout: 60_000,
    },
  );
  if (run.error) throw run.error;
  const [status, ...rest] = run.stdout.split('\n');
  return { code: Number(status), output: rest.join('\n') };
}
