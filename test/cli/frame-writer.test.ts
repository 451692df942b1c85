import { describe, expect, it } from 'vitest';
import { FakeStdout } from '../../source/bench/fake-terminal.js';
import { FrameWriter } from '../../source/cli/frame-writer.js';

/**
 * Enough of a VT100 to see what a terminal would show: absolute moves, erase screen and line,
 * SGR (ignored), synchronized output (ignored) and autowrap (on unless `?7l`), as tmux does.
 */
function screenOf(columns: number, rows: number, output: string): string[] {
  const screen = Array.from({ length: rows }, () => Array<string>(columns).fill(' '));
  let row = 0;
  let column = 0;
  let wrap = true;
  for (const token of output.match(/\x1b\[[?\d;]*[a-zA-Z]|[^\x1b]/gu) ?? []) {
    const control = /^\x1b\[([?\d;]*)([a-zA-Z])$/.exec(token);
    if (!control) {
      if (column >= columns) {
        if (!wrap) continue;
        column = 0;
        row = Math.min(rows - 1, row + 1);
      }
      // Writes below the screen (a frame drawn for a taller one) are lost, as in a terminal.
      if (row < rows) screen[row]![column] = token;
      column++;
      continue;
    }
    const [, args = '', verb] = control;
    if (verb === 'H') {
      const [r = 1, c = 1] = args.split(';').map(Number);
      row = r - 1;
      column = c - 1;
    } else if (verb === 'J' && args === '2') screen.forEach((line) => line.fill(' '));
    else if (verb === 'K' && row < rows) screen[row]!.fill(' ', Math.min(column, columns));
    else if (args === '?7') wrap = verb === 'h';
  }
  return screen.map((line) => line.join('').trimEnd());
}

function writerOn(columns: number, rows: number) {
  const terminal = new FakeStdout(columns, rows);
  const writer = new FrameWriter(terminal as unknown as NodeJS.WriteStream);
  return { terminal, writer };
}

describe('FrameWriter', () => {
  it('clears once, then writes only changed lines at their absolute rows', () => {
    const { terminal, writer } = writerOn(20, 6);
    writer.write('one\ntwo\nthree');
    expect(terminal.frames[0]).toContain('\x1b[2J');
    expect(terminal.frames[0]).toContain('\x1b[3;1Hthree');
    writer.write('one\nTWO\nthree');
    const second = terminal.frames[1]!;
    expect(second).not.toContain('\x1b[2J');
    expect(second).toContain('\x1b[2;1HTWO');
    expect(second).not.toContain('one');
    expect(second).not.toContain('three');
  });

  it('blanks lines a shorter frame no longer has', () => {
    const { terminal, writer } = writerOn(20, 6);
    writer.write('a\nb\nc');
    writer.write('a');
    expect(terminal.frames[1]).toContain('\x1b[2;1H\x1b[0m\x1b[K');
    expect(terminal.frames[1]).toContain('\x1b[3;1H\x1b[0m\x1b[K');
  });

  it('never draws on the last terminal row, so the screen cannot scroll', () => {
    const { terminal, writer } = writerOn(20, 4);
    writer.write('1\n2\n3\n4\n5');
    expect(terminal.frames[0]).toContain('\x1b[3;1H3');
    expect(terminal.frames[0]).not.toContain('\x1b[4;1H');
  });

  it('repaints everything after a resize and tells ink about it', () => {
    const { terminal, writer } = writerOn(20, 6);
    let resized = 0;
    writer.on('resize', () => resized++);
    writer.write('same');
    terminal.resize(30, 10);
    writer.write('same');
    expect(resized).toBe(1);
    expect(writer.columns).toBe(30);
    expect(terminal.frames[1]).toContain('\x1b[2J');
    expect(terminal.frames[1]).toContain('\x1b[1;1Hsame');
  });

  it('leaves nothing of the old frame behind when the window shrinks (120x40 → 60x20)', () => {
    const { terminal, writer } = writerOn(120, 40);
    const wide = (tag: string) =>
      Array.from(
        { length: 39 },
        (_, i) =>
          `${tag} row ${String(i).padStart(2)} `.padEnd(100, '.') + ' events)  [s3-list-buckets]',
      ).join('\n');
    writer.write(wide('old'));
    terminal.resize(60, 20);
    // Ink draws once more at the old width before the store learns the new size.
    writer.write(wide('old'));
    writer.write(Array.from({ length: 19 }, (_, i) => `new row ${i}`.padEnd(59, '-')).join('\n'));
    const screen = screenOf(60, 20, terminal.frames.join(''));
    expect(screen.slice(0, 19)).toEqual(
      Array.from({ length: 19 }, (_, i) => `new row ${i}`.padEnd(59, '-')),
    );
    expect(screen[19], screen.join('\n')).toBe('');
  });

  it('turns autowrap back on after every frame, so the shell is left as it was', () => {
    const { terminal, writer } = writerOn(20, 6);
    writer.write('x'.repeat(40));
    expect(terminal.frames[0]!.lastIndexOf('\x1b[?7h')).toBeGreaterThan(
      terminal.frames[0]!.lastIndexOf('\x1b[?7l'),
    );
  });
});
