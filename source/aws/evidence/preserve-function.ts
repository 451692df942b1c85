import {
  GetFunctionCommand,
  ListVersionsByFunctionCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { safeName, type EvidenceFile, type EvidenceFolder } from './folder.js';
import { escapedJson } from '../../trail/safe-json.js';

export type Download = (url: string) => Promise<Uint8Array>;

/** node's fetch; only http(s), and a failed status is an error. */
export const fetchDownload: Download = async (url) => {
  if (!/^https?:\/\//i.test(url)) throw new Error('code location is not an http(s) URL');
  const response = await fetch(url);
  if (!response.ok) throw new Error(`code download answered HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
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
  const versions: string[] = [];
  let marker: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await lambda.send(
      new ListVersionsByFunctionCommand({ FunctionName: functionName, Marker: marker }),
    );
    versions.push(...(page.Versions ?? []).map((v) => v.Version ?? '').filter((v) => v !== ''));
    marker = page.NextMarker && !seen.has(page.NextMarker) ? page.NextMarker : undefined;
    if (marker) seen.add(marker);
  } while (marker);

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
