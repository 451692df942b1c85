import type { SourceInput } from '../ingest/index.js';

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Command-line sources as loader inputs; `-` is standard input, read whole. */
export async function toInputs(
  sources: readonly string[],
  stdin: NodeJS.ReadableStream,
): Promise<SourceInput[]> {
  const inputs: SourceInput[] = [];
  for (const source of sources) {
    inputs.push(source === '-' ? { path: '-', bytes: await readAll(stdin) } : { path: source });
  }
  return inputs;
}
