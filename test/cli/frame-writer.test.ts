import { describe, expect, it } from 'vitest';
import { FakeStdout } from '../../source/bench/fake-terminal.js';
import { FrameWriter } from '../../source/cli/frame-writer.js';

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
});
