import { parentPort } from 'node:worker_threads';
import { batchTransferList } from '../trail/batch.js';
import { parseFiles, type ParseJob } from './parse-files.js';

/** Worker thread entry: parse each job list it is sent, reply with the batch (transferred). */
parentPort?.on('message', (jobs: ParseJob[]) => {
  const result = parseFiles(jobs);
  parentPort?.postMessage(result, batchTransferList(result.batch));
});
