import { EventEmitter } from 'node:events';

/**
 * A terminal without a screen: a stdout of a chosen size that records what is written, and a
 * stdin that can be typed into. The benchmark and the UI tests render the real App into these.
 */
export class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  frames: string[] = [];
  bytes = 0;

  constructor(
    public columns: number,
    public rows: number,
    private readonly keepFrames = true,
  ) {
    super();
  }

  write = (frame: string): boolean => {
    this.bytes += Buffer.byteLength(frame);
    if (this.keepFrames) this.frames.push(frame);
    else this.frames[0] = frame;
    this.emit('frame');
    return true;
  };

  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private data: string | null = null;

  /** Types `data` as one keypress (or one paste). */
  write(data: string): void {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }

  read = (): string | null => {
    const data = this.data;
    this.data = null;
    return data;
  };

  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}
