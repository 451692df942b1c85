/**
 * `npm run demo:generate` (after a build): rewrites data/demo-case.json.gz from the generator.
 * Run it whenever the generator changes; a test fails until the file matches again.
 */

import { dirname } from 'node:path';
import { makeDirectory, writeWholeFile } from '../case/index.js';
import { DEMO_DATA_FILE, encodeDemoCase } from './data-file.js';
import { generateDemoRecords } from './generate.js';

const records = generateDemoRecords();
const bytes = encodeDemoCase(records);
makeDirectory(dirname(DEMO_DATA_FILE), 0o755);
writeWholeFile(DEMO_DATA_FILE, bytes);
console.log(`${DEMO_DATA_FILE}: ${records.length} events, ${bytes.length} bytes`);
