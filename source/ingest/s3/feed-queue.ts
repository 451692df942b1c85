/**
 * The hand-over between the pull and the loader: files pushed as they become whole on disk,
 * read once, in order, by one reader. Only small descriptors wait here (the bytes are on disk),
 * so the pull runs ahead of a slow reader without holding memory.
 */
import type { FeedFile } from '../feed.js';

export interface FeedQueue {
  push(file: FeedFile): void;
  /** No more files; the reader ends after those already pushed. */
  end(): void;
  readonly files: AsyncIterable<FeedFile>;
}

export function feedQueue(onFirstRead: () => void): FeedQueue {
  const waiting: FeedFile[] = [];
  let head = 0;
  let ended = false;
  let wake: (() => void) | undefined;
  let taken = false;
  const signal = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  return {
    push: (file) => {
      if (ended) return;
      waiting.push(file);
      signal();
    },
    end: () => {
      ended = true;
      signal();
    },
    files: {
      [Symbol.asyncIterator]: () => {
        // One reader: a second would see none of the files the first took.
        if (taken) throw new Error('an S3 feed is read once');
        taken = true;
        onFirstRead();
        return {
          next: async (): Promise<IteratorResult<FeedFile>> => {
            while (head === waiting.length && !ended)
              await new Promise<void>((resolve) => (wake = resolve));
            if (head === waiting.length) return { done: true, value: undefined };
            const file = waiting[head]!;
            waiting[head++] = undefined as unknown as FeedFile;
            // Drop what was read now and then, so a long pull does not keep every descriptor.
            if (head > 1024 && head * 2 > waiting.length) {
              waiting.splice(0, head);
              head = 0;
            }
            return { done: false, value: file };
          },
          return: async (): Promise<IteratorResult<FeedFile>> => {
            ended = true;
            return { done: true, value: undefined };
          },
        };
      },
    },
  };
}
