/**
 * The S3 source's module, loaded only when a SOURCE is a bucket (the AWS SDK takes a moment to
 * load). `openS3Source` plans a bucket source and hands its pull over once the plan is accepted.
 */
import type { OpenS3Source } from '../ingest/index.js';
import type { S3Plan } from '../ingest/s3/types.js';

export interface S3Module {
  openS3Source: OpenS3Source;
  planSummary: (plan: S3Plan) => string;
  defaultS3CacheDir: () => string;
}

export async function loadS3Module(): Promise<S3Module> {
  const [{ parseS3Uri }, { planS3, planSummary }, { openS3Cache, defaultS3CacheDir }, { pullS3 }] =
    await Promise.all([
      import('../ingest/s3/uri.js'),
      import('../ingest/s3/plan.js'),
      import('../ingest/s3/cache.js'),
      import('../ingest/s3/pull.js'),
    ]);
  const openS3Source: OpenS3Source = async (uri, options) => {
    const location = parseS3Uri(uri);
    if ('error' in location) return location;
    const cache = openS3Cache(options.cache);
    let plan: S3Plan;
    try {
      plan = await planS3(location, {
        ...options,
        isCached: (object) => cache.isCached(location.bucket, object),
      });
    } catch (error) {
      cache.close();
      throw error;
    }
    let pulled: ReturnType<typeof pullS3> | undefined;
    return {
      plan,
      feed: () => {
        if (pulled) return pulled;
        const pull = pullS3(plan, cache, options);
        pulled = { ...pull, problems: () => [...plan.problems, ...pull.problems()] };
        return pulled;
      },
      close: () => cache.close(),
    };
  };
  return { openS3Source, planSummary, defaultS3CacheDir: () => defaultS3CacheDir() };
}
