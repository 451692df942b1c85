/** The bundled demo case: its generator, its shipped data file, and an S3-style tree writer. */

export { DEMO_DATA_FILE, encodeDemoCase } from './data-file.js';
export { generateDemoRecords } from './generate.js';
export { writeDemoTree } from './write-tree.js';
