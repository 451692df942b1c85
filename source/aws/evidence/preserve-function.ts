import {
  GetFunctionCommand,
  ListVersionsByFunctionCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { formatLimit, limits } from '../../trail/limits.js';
import { allPages } from '../iam/paginate.js';
import { safeName, type EvidenceFile, type EvidenceFolder } from './folder.js';
import { escapedJson } from '../../trail/safe-json.js';

export type Download = (url: string) => Promise<Uint8Array>;

/**
 * node's fetch; only http(s), and a failed status is an error. The whole download, body
 * included, is bounded by the request timeout (an endpoint that never answers, or drips).
 */
export const fetchDownload: Download = async (url) => {
  if (!/^https?:\/\//i.test(url)) throw new Error('code location is not an http(s) URL');
  const bound = limits().requestTimeout;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(bound) });
    if (!response.ok) throw new Error(`code download answered HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name !== 'TimeoutError') throw error;
    throw new Error(
      `code download did not finish within ${formatLimit('ms', bound)} (request timeout; --limit request-timeout=${bound * 2}ms to allow longer)`,
    );
  }
};

/**
 * Every version of a Lambda function: its configuration and its code, downloaded from the
 * presigned location GetFunction gives (valid for minutes). The location carries a signature and
 * a session token in its query, so the configuration file keeps only its origin and path.
 */
export async function preserveFunction(
  lambda: LambdaClient,
  functionName: string,
  folder: EvidenceFolder,
  options: { download?: Download } = {},
): Promise<EvidenceFile[]> {
  const download = options.download ?? fetchDownload;
  // Paged like IAM's lists: a marker sent twice or a listing past the paging budget stops it.
  const versions = (
    await allPages(async (marker) => {
      const page = await lambda.send(
        new ListVersionsByFunctionCommand({ FunctionName: functionName, Marker: marker }),
      );
      return { items: page.Versions, isTruncated: !!page.NextMarker, marker: page.NextMarker };
    })
  )
    .map((v) => v.Version ?? '')
    .filter((v) => v !== '');

  const subject = `function:${functionName}`;
  const base = `lambda/${safeName(functionName)}`;
  const files: EvidenceFile[] = [];
  for (const version of versions) {
    const output = await lambda.send(
      new GetFunctionCommand({ FunctionName: functionName, Qualifier: version }),
    );
    const location = output.Code?.Location;
    const dir = `${base}/${safeName(version.replace(/^\$/, ''))}`;
    const record = {
      Configuration: output.Configuration,
      Code: { ...output.Code, Location: location ? withoutQuery(location) : undefined },
      Tags: output.Tags,
      Concurrency: output.Concurrency,
    };
    files.push(
      folder.write(
        `${dir}/configuration.json`,
        `${escapedJson(record, 2)}\n`,
        `configuration of ${functionName} version ${version}`,
        subject,
      ),
    );
    if (location) {
      const code = await download(location);
      files.push(
        folder.write(
          `${dir}/code.zip`,
          code,
          `code of ${functionName} version ${version}`,
          subject,
        ),
      );
    }
  }
  return files;
}

function withoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '[unparseable location]';
  }
}
