import { parentPort, workerData } from 'node:worker_threads';
import { BatchBuilder, batchTransferList } from '../trail/batch.js';
import { setLimits, type Limits } from '../trail/limits.js';
import { parseFiles, type ParseJob } from './parse-files.js';

/**
 * Worker thread entry: parse each job list it is sent, reply with the batch (transferred). One
 * builder for the thread's life, so its dictionaries are sent once, not with every batch; the
 * main thread stamps the stream number.
 */
const builder = new BatchBuilder(0, 4096);

// This thread's module state starts at the defaults: the bounds in force come with it.
setLimits((workerData as { limits?: Limits } | null)?.limits ?? {});

parentPort?.on('message', (jobs: ParseJob[]) => {
  const result = parseFiles(jobs, builder);
  parentPort?.postMessage(result, batchTransferList(result.batch));
});
