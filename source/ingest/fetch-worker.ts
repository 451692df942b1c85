import { parentPort, workerData } from 'node:worker_threads';
import { setLimits, type Limits } from '../trail/limits.js';
import { answerJob, REPLY_WINDOW, type FetchJob, type FetchReply } from './fetch-job.js';

/**
 * Worker thread entry for fetching full records: reads each file of a job and sends back only
 * the wanted records. A thread of its own, not a second message type of the parse thread, so the
 * load path's thread loads none of this and its messages stay as they are.
 */
const { consumed, limits } = workerData as { consumed: Int32Array; limits: Limits };
setLimits(limits);
let sent = 0;

/** Sends a reply once fewer than REPLY_WINDOW earlier ones wait on the main thread. */
function send(reply: FetchReply): void {
  for (let seen = Atomics.load(consumed, 0); sent - seen >= REPLY_WINDOW;) {
    Atomics.wait(consumed, 0, seen);
    seen = Atomics.load(consumed, 0);
  }
  parentPort?.postMessage(reply);
  sent++;
}

parentPort?.on('message', (jobs: FetchJob[]) => answerJob(jobs, send));
