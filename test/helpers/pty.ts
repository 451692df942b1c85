import { spawn, spawnSync } from 'node:child_process';
import { CLI } from './cli.js';

/**
 * Runs `trailhound ARGS` in a real pseudo-terminal (Python's pty module), as a person at a
 * terminal would: waits `settle` seconds (or, with `waitFor`, until that text is on the screen,
 * `settle` seconds at most), types `keys` one by one, then waits for it to exit (killing it after
 * `limit` seconds); `keysDone` waits for the keys' effect the same way. With `hangup` the session then ends as a dropped one does: 'signal' sends
 * SIGHUP with the terminal still there; 'close' closes the terminal itself, as `tmux
 * kill-session` or a dropped SSH connection does (the kernel sends the SIGHUP). The output is
 * everything the terminal received; with `stderrFile`, standard error goes to that file instead,
 * since after a 'close' nothing the terminal gets can be read.
 */
const DRIVER = `
import fcntl, json, os, pty, signal, struct, sys, termios, time, select
cli, args, keys, settle, limit = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
columns, rows = int(sys.argv[6]), int(sys.argv[7])
wait_for, hangup, stderr_file = sys.argv[8].encode(), sys.argv[9], sys.argv[10]
keys_done = sys.argv[11].encode()
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', rows, columns, 0, 0))
    if stderr_file:
        os.dup2(os.open(stderr_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
    os.execvp('node', ['node', cli] + args)
out = b''
def pump(seconds, until=b''):
    global out
    end = time.time() + seconds
    while time.time() < end:
        if until and until in out: return True
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try: chunk = os.read(fd, 65536)
            except OSError: return False
            if not chunk: return False
            out += chunk
    return True
alive = pump(settle, wait_for)
for key in keys:
    if not alive: break
    os.write(fd, key.encode()); alive = pump(0.4)
if alive and keys_done:
    pump(settle, keys_done)
status = None
if hangup == 'signal':
    os.kill(pid, signal.SIGHUP)
if hangup == 'close':
    os.close(fd)
    end = time.time() + limit
    while time.time() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done: break
        status = None
        time.sleep(0.05)
else:
    pump(limit)
if status is None:
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

export interface PtyOptions {
  keys?: string;
  settle?: number;
  /** Text that shows the TUI is up (`TIME (UTC)`): keys are typed once it is on the screen. */
  waitFor?: string;
  /** Text that shows the keys took effect (`as suspect`), waited for `settle` seconds at most. */
  keysDone?: string;
  limit?: number;
  columns?: number;
  rows?: number;
  env?: NodeJS.ProcessEnv;
  hangup?: 'signal' | 'close';
  stderrFile?: string;
}

function driverArgs(args: string[], options: PtyOptions): string[] {
  return [
    '-c',
    DRIVER,
    CLI,
    JSON.stringify(args),
    options.keys ?? '',
    String(options.settle ?? 0),
    String(options.limit ?? 20),
    String(options.columns ?? 80),
    String(options.rows ?? 24),
    options.waitFor ?? '',
    options.hangup ?? '',
    options.stderrFile ?? '',
    options.keysDone ?? '',
  ];
}

function parseRun(stdout: string): PtyRun {
  const [status, ...rest] = stdout.split('\n');
  return { code: Number(status), output: rest.join('\n') };
}

export function runInPty(args: string[], options: PtyOptions = {}): PtyRun {
  const run = spawnSync('python3', driverArgs(args, options), {
    encoding: 'utf8',
    env: { ...process.env, TERM: 'xterm-256color', ...options.env },
    timeout: 60_000,
  });
  if (run.error) throw run.error;
  return parseRun(run.stdout);
}

/**
 * As runInPty, without blocking this process while the TUI runs: for a TUI that talks to a
 * server the test itself runs (the LookupEvents endpoint), which a blocked process never answers.
 */
export function runInPtyAsync(args: string[], options: PtyOptions = {}): Promise<PtyRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', driverArgs(args, options), {
      env: { ...process.env, TERM: 'xterm-256color', ...options.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(parseRun(stdout));
    });
  });
}
