import { EventEmitter } from 'node:events';

/**
 * The stream ink renders into. Ink (in debug mode) hands it each whole frame; this writes to the
 * terminal only the lines that changed, each at its absolute row, inside a synchronized update.
 *
 * Why not ink's own `incrementalRendering`: in ink 6.8 it moves the cursor up one line too few
 * whenever the frame is shorter than the screen (it always is here: frames stay at rows − 1), so
 * every redraw lands one row lower. Absolute rows in the alternate screen cannot drift, and
 * a cursor move still costs a few lines of output, not a screenful.
 */
export class FrameWriter extends EventEmitter {
  readonly isTTY = true;
  private previous: string[] = [];
  private clearFirst = true;

  constructor(private readonly terminal: NodeJS.WriteStream) {
    super();
    terminal.on('resize', this.onResize);
  }

  get columns(): number {
    return this.terminal.columns || 80;
  }

  get rows(): number {
    return this.terminal.rows || 24;
  }

  write = (frame: string): boolean => {
    // Never draw past rows − 1: the last line stays free so the terminal never scrolls.
    const lines = frame.split('\n').slice(0, Math.max(1, this.rows - 1));
    // Autowrap off while drawing: a line wider than the terminal (the frame ink drew for the old
    // size, just after a shrink) is cut at the edge instead of spilling onto the next row, where
    // nothing would ever erase it (the last row is never drawn).
    let out = '\x1b[?2026h\x1b[?7l';
    if (this.clearFirst) {
      out += '\x1b[H\x1b[2J';
      this.previous = [];
      this.clearFirst = false;
    }
    const count = Math.max(lines.length, this.previous.length);
    for (let i = 0; i < count; i++) {
      const line = lines[i] ?? '';
      if (line !== this.previous[i]) out += `\x1b[${i + 1};1H${line}\x1b[0m\x1b[K`;
    }
    out += '\x1b[?7h\x1b[?2026l';
    this.previous = lines;
    return this.terminal.write(out);
  };

  /** Stops following the terminal's size. */
  detach(): void {
    this.terminal.off('resize', this.onResize);
  }

  private onResize = () => {
    // Lines the old size wrapped or cut are unknown now: the next frame repaints everything.
    this.clearFirst = true;
    this.emit('resize');
  };
}
