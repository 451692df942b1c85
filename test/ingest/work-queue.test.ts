import { describe, expect, it } from 'vitest';
import { groupJobs } from '../../source/ingest/work-queue.js';
import type { SourceFile } from '../../source/ingest/source-file.js';

function files(count: number, size: number): SourceFile[] {
  return Array.from({ length: count }, (_, id) => ({ id, path: `/logs/${id}.json.gz`, size }));
}

describe('groupJobs', () => {
  it('fills jobs up to the byte limit, then shrinks them to a quarter for the last stretch', () => {
    const jobs = groupJobs(files(40, 100), { maxBytes: 800, maxFiles: 100, tailBytes: 1600 });
    expect(jobs.map((job) => job.length)).toEqual([8, 8, 8, 2, 2, 2, 2, 2, 2, 2, 2]);
    // Every file once, in the order given.
    expect(jobs.flat().map((job) => job.fileId)).toEqual(files(40, 100).map((file) => file.id));
  });

  it('caps the files per job, and never leaves a file out for being larger than a job', () => {
    const jobs = groupJobs([...files(5, 10), { id: 5, path: '/big.json', size: 5000 }], {
      maxBytes: 1000,
      maxFiles: 2,
      tailBytes: 0,
    });
    expect(jobs.map((job) => job.map((file) => file.fileId))).toEqual([[0, 1], [2, 3], [4], [5]]);
  });

  it('keeps the bytes of standard input with its job', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const jobs = groupJobs([{ id: 0, path: '-', size: 3, bytes }], {
      maxBytes: 10,
      maxFiles: 10,
      tailBytes: 0,
    });
    expect(jobs).toEqual([[{ fileId: 0, path: '-', bytes }]]);
  });
});
