/**
 * The terminal's state around the TUI: alternate screen and hidden cursor on the way in, both
 * restored on every way out (quit, Ctrl-C, SIGTERM, SIGHUP, a crash). Restoring twice is harmless.
 */
const ENTER = '\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J';
// Autowrap back on too, should a write have been cut off between its off and on.
const LEAVE = '\x1b[?7h\x1b[?25h\x1b[?1049l';

export interface TerminalGuard {
  restore: () => void;
}

export function enterFullScreen(stdout: NodeJS.WriteStream): TerminalGuard {
  let active = true;
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
  process.once('exit', restore);
  return { restore };
}
