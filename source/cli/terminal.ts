import { closeSync } from 'node:fs';
import { isatty } from 'node:tty';

/**
 * The terminal's state around the TUI: alternate screen and hidden cursor on the way in, both
 * restored on every way out (quit, Ctrl-C, SIGTERM, SIGHUP, a crash). Restoring twice is harmless.
 */
const ENTER = '\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J';
// Autowrap back on too, should a write have been cut off between its off and on.
const LEAVE = '\x1b[?7h\x1b[?25h\x1b[?1049l';

/** The documented exit status after a hangup (128 + SIGHUP). */
export const HANGUP_EXIT = 129;

export interface TerminalGuard {
  restore: () => void;
  /** True once the terminal has hung up (tmux kill-session, a dropped SSH connection). */
  hungUp: () => boolean;
}

export function enterFullScreen(stdout: NodeJS.WriteStream): TerminalGuard {
  let active = true;
  // The standard descriptors that are this terminal: Node restores their settings at exit.
  const ttys = [0, 1, 2].filter((fd) => isatty(fd));
  // A hung-up terminal answers every terminal call with EIO, so it stops being a tty.
  const hungUp = () => ttys.length > 0 && !ttys.every((fd) => isatty(fd));
  stdout.write(ENTER);
  const restore = () => {
    if (!active) return;
    active = false;
    try {
      stdout.write(LEAVE);
    } catch {
      // The terminal may be gone (SIGHUP after a dropped SSH session): nothing left to restore.
    }
  };
  process.once('exit', () => {
    restore();
    if (!hungUp()) return;
    // Whatever the way out (the SIGHUP handler, a read or raw-mode EIO first), a hangup is 129.
    process.exitCode = HANGUP_EXIT;
    releaseDescriptors(ttys);
  });
  return { restore, hungUp };
}

/**
 * At exit Node puts back the terminal settings it saw at start and aborts (exit 134, a native
 * assertion and stack on stderr) when that fails with anything but EPERM, which is what a
 * hung-up terminal answers (EIO). Node skips a descriptor that is closed, so closing the dead
 * terminal's descriptors makes the documented exit 129 the way out.
 */
function releaseDescriptors(fds: readonly number[]): void {
  for (const fd of fds) {
    try {
      closeSync(fd);
    } catch {
      // Already closed.
    }
  }
}
