import { generateDemoRecords, writeDemoTree } from '../demo/index.js';
import type { CliOptions } from './args.js';
import type { CliIo } from './io.js';

/** `trailhound demo --write DIR`: the demo case as an S3 delivery tree, to try the file path. */
export async function demoCommand(options: CliOptions, io: CliIo): Promise<number> {
  const dir = options.write!;
  const { files, events } = await writeDemoTree(generateDemoRecords(), dir);
  await io.write(`wrote ${events} events in ${files} files under ${dir}\n`);
  return 0;
}
