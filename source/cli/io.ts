/** The streams a command talks to; tests pass their own. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stderr: NodeJS.WritableStream;
  /** Writes to stdout, waiting when the pipe is full so large outputs do not pile up in memory. */
  write: (text: string) => Promise<void> | void;
}

export function processIo(): CliIo {
  return {
    stdin: process.stdin,
    stderr: process.stderr,
    write: (text) => {
      if (process.stdout.write(text)) return;
      return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
    },
  };
}
