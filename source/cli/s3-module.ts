/**
 * The S3 source's module, loaded only when a SOURCE is a bucket (the AWS SDK takes a moment to
 * load): `openS3Source` plans a bucket source and hands its pull over once the plan is accepted.
 */
import type { OpenS3Source } from '../ingest/index.js';
import type { S3Plan } from '../ingest/s3/types.js';

export interface S3Module {
  openS3Source: OpenS3Source;
  planSummary: (plan: S3Plan) => string;
  defaultS3CacheDir: () => string;
}

export async function loadS3Module(): Promise<S3Module> {
  const s3 = await import('../ingest/s3/index.js');
  return {
    openS3Source: (uri, options) => s3.openS3Source(uri, options),
    planSummary: s3.planSummary,
    defaultS3CacheDir: () => s3.defaultS3CacheDir(),
  };
}
