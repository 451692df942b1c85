import { EventIndex } from '../../../source/index/index.js';
import { BatchBuilder } from '../../../source/trail/batch.js';
import type { EventFields } from '../../../source/trail/event.js';

/**
 * A large index built straight from normalized fields (no JSON, no files), shaped like an
 * organization trail but skewed the way real ones are: a few principals and addresses carry a
 * large share of the events. Deterministic, so runs compare.
 */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'sa-east-1'];
const ACCOUNTS = Array.from({ length: 12 }, (_, i) => String(100000000000 + i * 7919));
const EVENTS: [string, string][] = [
  ['DescribeInstances', 'ec2.amazonaws.com'],
  ['GetObject', 's3.amazonaws.com'],
  ['PutObject', 's3.amazonaws.com'],
  ['ListBuckets', 's3.amazonaws.com'],
  ['AssumeRole', 'sts.amazonaws.com'],
  ['GetCallerIdentity', 'sts.amazonaws.com'],
  ['Decrypt', 'kms.amazonaws.com'],
  ['GetParameter', 'ssm.amazonaws.com'],
  ['CreateLogStream', 'logs.amazonaws.com'],
  ['ListUsers', 'iam.amazonaws.com'],
  ['CreateAccessKey', 'iam.amazonaws.com'],
  ['AttachUserPolicy', 'iam.amazonaws.com'],
  ['ConsoleLogin', 'signin.amazonaws.com'],
];
const AGENTS = [
  'aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0-18-amd64 exe/x86_64.debian.12 prompt/off',
  'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.213 lang/python#3.12.2',
  'aws-sdk-go-v2/1.26.1 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/122.0.0.0 Safari/537.36',
];

export interface SyntheticIndex {
  index: EventIndex;
  buildMs: number;
}

/**
 * `events` rows. `principalSkew` is the exponent on a uniform draw over 400 principals: 1 is
 * uniform; 3 gives the busiest ~14% of all events; a huge value puts nearly all on one.
 */
export function syntheticIndex(events: number, principalSkew = 3): SyntheticIndex {
  const started = performance.now();
  const next = random(events);
  const index = new EventIndex();
  const builder = new BatchBuilder(1, 65_536);
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < events; i++) {
    const [eventName, eventSource] = EVENTS[Math.floor(next() * EVENTS.length)]!;
    const user = Math.floor(400 * next() ** principalSkew);
    const isRole = user % 3 !== 0;
    const account = ACCOUNTS[user % ACCOUNTS.length]!;
    const session = `session-${Math.floor(next() * 50)}`;
    const skewedIp = Math.floor(35_000 * next() ** 3);
    const bucket = `bucket-${Math.floor(next() * 300)}`;
    const key = `data/${Math.floor(next() * 100_000)}/part-${Math.floor(next() * 1000)}.parquet`;
    const s3 = eventSource === 's3.amazonaws.com' && eventName !== 'ListBuckets';
    const fields: EventFields = {
      eventId: `e-${i}`,
      // About 2.6 s apart on average: a month of a busy trail at 1M events.
      time: start + i * 2600 + Math.floor(next() * 1000),
      eventName,
      eventSource,
      region: REGIONS[i % REGIONS.length]!,
      account,
      sourceIp: `${(skewedIp % 200) + 11}.${(skewedIp >> 8) & 255}.${skewedIp & 255}.${skewedIp % 97}`,
      userAgent: AGENTS[Math.floor(next() * AGENTS.length)]!,
      principal: isRole ? `app-role-${user}/${session}` : `user-${user}`,
      principalArn: isRole
        ? `arn:aws:sts::${account}:assumed-role/app-role-${user}/${session}`
        : `arn:aws:iam::${account}:user/user-${user}`,
      identityType: isRole ? 'AssumedRole' : 'IAMUser',
      accessKeyId: `${isRole ? 'ASIA' : 'AKIA'}${String(user * 7 + 1000).padStart(16, 'X')}`,
      error: next() < 0.03 ? 'AccessDenied' : '',
      // S3 data events name the object three ways, as real ones do: its ARN, the bucket's, bucket/key.
      resources: s3
        ? `arn:aws:s3:::${bucket}/${key}\narn:aws:s3:::${bucket}\n${bucket}/${key}`
        : eventSource === 'iam.amazonaws.com'
          ? `user-${Math.floor(next() * 400)}`
          : '',
      bucket: s3 ? bucket : '',
    };
    builder.add(fields, [fields.eventId], 0, i);
    if (builder.size === 65_536) index.append(builder.take());
  }
  if (builder.size > 0) index.append(builder.take());
  return { index, buildMs: performance.now() - started };
}

/** The id with the most rows in a column, and its value. */
export function busiest(index: EventIndex, field: Parameters<EventIndex['column']>[0]): string {
  const column = index.column(field);
  const counts = new Uint32Array(index.dictionary(field).size);
  for (let row = 0; row < index.size; row++) counts[column[row]!]!++;
  let best = 1;
  for (let id = 1; id < counts.length; id++) if (counts[id]! > counts[best]!) best = id;
  return index.dictionary(field).value(best);
}
