import { spawn } from 'node:child_process';

/**
 * What the watchdog runs: it waits on a pipe from this process. The pipe ends when this process
 * does (the kernel closes it, however the process ends), and the watchdog leaves at once; if it
 * has not ended after the grace time, this process is stuck and is killed. Holding the pipe open
 * is also what makes the process id still ours when the kill comes.
 */
const WATCHDOG = `
const [pid, grace] = process.argv.slice(1).map(Number);
process.stdin.on('end', () => process.exit(0)).on('error', () => process.exit(0)).resume();
setTimeout(() => {
  try {
    process.stderr.write('trailhound: a thread was still busy ' + grace + ' ms after quitting; ended it forcefully\\n');
  } catch {}
  try { process.kill(pid, 'SIGKILL'); } catch {}
  process.exit(0);
}, grace);
`;

/** How long a quit may take before the watchdog ends it. */
export const EXIT_GRACE_MS = 3000;

/**
 * Ends the process with `code`, even if something in it is stuck. process.exit first stops every
 * worker thread and waits for it, and for libuv's pool threads: one inside a system call that
 * never returns (an open of a FIFO, a read from a hung mount) holds the exit forever, and the
 * TUI's screen is gone while the process lives on, ignoring SIGTERM. The watchdog, a process of
 * its own session (a hangup of the terminal does not end it), ends this one with SIGKILL if it is
 * still there after `graceMs`.
 */
export function exitProcess(code: number, graceMs = EXIT_GRACE_MS): never {
  try {
    const watchdog = spawn(
      process.execPath,
      ['-e', WATCHDOG, String(process.pid), String(graceMs)],
      { detached: true, stdio: ['pipe', 'ignore', 'inherit'] },
    );
    watchdog.on('error', () => undefined);
    watchdog.unref();
  } catch {
    // No watchdog (no process could be started): the ordinary exit is all there is.
  }
  process.exit(code);
}
