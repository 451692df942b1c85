/**
 * `npm run demo:generate` (after a build): rewrites data/demo-case.json.gz from the generator.
 * Run it whenever the generator changes; a test fails until the file matches again.
 */

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DEMO_DATA_FILE, encodeDemoCase } from './data-file.js';
import { generateDemoRecords } from './generate.js';

const records = generateDemoRecords();
const bytes = encodeDemoCase(records);
await mkdir(dirname(DEMO_DATA_FILE), { recursive: true });
await writeFile(DEMO_DATA_FILE, bytes);
console.log(`${DEMO_DATA_FILE}: ${records.length} events, ${bytes.length} bytes`);
