/**
 * `s3://BUCKET[/PREFIX]` as the analyst typed it into an S3Location, or the reason it is not
 * one. The text is taken literally, as the AWS CLI takes it: S3 URIs are not URL-encoded, so a
 * `%2F` is refused rather than guessed at, and so are shapes that are almost certainly a paste
 * gone wrong (a console or https URL, spaces, `?`/`#`, empty or `..` folders).
 */
import { sanitizeText } from '../../trail/sanitize.js';
import type { S3Location } from './types.js';

/** S3's own limit on a key's length, in UTF-8 bytes; a prefix cannot be longer. */
const MAX_KEY_BYTES = 1024;

const SCHEME = /^s3:\/\//i;

export function parseS3Uri(text: string): S3Location | { error: string } {
  const shown = sanitizeText(text.length > 120 ? `${text.slice(0, 119)}…` : text);
  const refuse = (why: string) => ({ error: `${shown} is not an S3 location: ${why}` });

  if (/^https?:\/\//i.test(text)) {
    const hint = httpsHint(text);
    return refuse(`write it as s3://BUCKET/PREFIX/${hint ? ` (${hint})` : ''}.`);
  }
  if (!SCHEME.test(text)) return refuse('it must start with s3://.');
  // Control characters, and whitespace anywhere: a prefix CloudTrail writes holds neither.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) return refuse('it holds control characters.');
  if (/\s/.test(text)) return refuse('it holds spaces (quote nothing inside the URI).');
  const rest = text.replace(SCHEME, '');
  if (/%[0-9a-f]{2}/i.test(rest))
    return refuse('it holds a percent-escape; S3 URIs are written literally (%2F is not "/").');
  if (/[?#\\]/.test(rest)) return refuse('"?", "#" and "\\" have no place in a bucket or prefix.');

  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash + 1);
  const bucketProblem = bucketNameProblem(bucket);
  if (bucketProblem) return refuse(bucketProblem);

  if (path === '') return { bucket, prefix: '' };
  const segments = path.replace(/\/$/, '').split('/');
  if (segments.some((segment) => segment === ''))
    return refuse('it has an empty folder ("//"), or a "/" before the prefix.');
  if (segments.some((segment) => segment === '.' || segment === '..'))
    return refuse('"." and ".." are not folders in S3.');
  const prefix = `${segments.join('/')}/`;
  if (Buffer.byteLength(prefix, 'utf8') > MAX_KEY_BYTES)
    return refuse(`the prefix is longer than S3's ${MAX_KEY_BYTES}-byte key limit.`);
  if (/\.json(\.gz)?$/i.test(segments.at(-1) ?? ''))
    return refuse(
      `it names one object; give its folder (s3://${bucket}/${segments.slice(0, -1).map(sanitizeText).join('/')}/) and a --since/--until window.`,
    );
  return { bucket, prefix };
}

/**
 * Why `name` cannot be a bucket (S3's naming rules for general purpose buckets), or undefined.
 * The reserved prefixes and suffixes (xn--, -s3alias…) are left to S3: an old bucket may still
 * carry one, and S3 says NoSuchBucket for a name that cannot exist anyway.
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name === '') return 'the bucket name is missing (s3://BUCKET/PREFIX/).';
  if (name.length < 3 || name.length > 63)
    return `a bucket name is 3 to 63 characters long ("${sanitizeText(name.slice(0, 70))}" has ${name.length}).`;
  if (/[A-Z_]/.test(name) && /^[A-Za-z0-9._-]+$/.test(name))
    return `bucket names are lower case, without "_" (did you mean s3://${name.toLowerCase().replace(/_/g, '-')}/?).`;
  if (!/^[a-z0-9.-]+$/.test(name))
    return 'a bucket name holds only lower-case letters, digits, "." and "-".';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name))
    return 'a bucket name starts and ends with a letter or a digit.';
  if (name.includes('..')) return 'a bucket name has no two dots in a row.';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'a bucket name is not an IP address.';
  return undefined;
}

/** `https://BUCKET.s3.REGION.amazonaws.com/PREFIX` → "did you mean s3://BUCKET/PREFIX/?". */
function httpsHint(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const hosted = /^([a-z0-9.-]+)\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/.exec(url.hostname);
  const path = url.pathname.replace(/^\//, '');
  let bucket: string | undefined;
  let prefix = path;
  if (hosted) bucket = hosted[1];
  else if (/^s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/.test(url.hostname)) {
    [bucket = '', prefix = ''] = [path.split('/')[0], path.split('/').slice(1).join('/')];
  }
  if (!bucket || bucketNameProblem(bucket)) return undefined;
  let decoded = prefix;
  try {
    decoded = decodeURIComponent(prefix);
  } catch {
    return undefined;
  }
  return sanitizeText(`did you mean s3://${bucket}/${decoded}?`);
}
