import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { makeDirectory, nodeFileSystem, writeWholeFile } from '../case/index.js';

const gzipAsync = promisify(gzip);

/**
 * A synthetic organization trail for the benchmark: realistic record sizes (about 1.2 KB, long
 * user agents), 20–300 records a file, an S3 delivery tree. Deterministic, so runs compare.
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

const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'sa-east-1',
];
const ACCOUNTS = Array.from({ length: 12 }, (_, i) => String(100000000000 + i * 7919));
const EVENTS: [string, string, boolean][] = [
  ['DescribeInstances', 'ec2.amazonaws.com', true],
  ['DescribeVolumes', 'ec2.amazonaws.com', true],
  ['DescribeSecurityGroups', 'ec2.amazonaws.com', true],
  ['GetObject', 's3.amazonaws.com', true],
  ['PutObject', 's3.amazonaws.com', false],
  ['ListBuckets', 's3.amazonaws.com', true],
  ['HeadObject', 's3.amazonaws.com', true],
  ['AssumeRole', 'sts.amazonaws.com', true],
  ['GetCallerIdentity', 'sts.amazonaws.com', true],
  ['Decrypt', 'kms.amazonaws.com', true],
  ['GenerateDataKey', 'kms.amazonaws.com', true],
  ['GetParameter', 'ssm.amazonaws.com', true],
  ['PutMetricData', 'monitoring.amazonaws.com', false],
  ['CreateLogStream', 'logs.amazonaws.com', false],
  ['Invoke', 'lambda.amazonaws.com', false],
  ['UpdateFunctionCode20150331v2', 'lambda.amazonaws.com', false],
  ['ListUsers', 'iam.amazonaws.com', true],
  ['CreateAccessKey', 'iam.amazonaws.com', false],
  ['GetSecretValue', 'secretsmanager.amazonaws.com', true],
  ['ConsoleLogin', 'signin.amazonaws.com', false],
];
const AGENTS = [
  'aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0-18-amd64 exe/x86_64.debian.12 prompt/off command/ec2.describe-instances',
  'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.213-201.855.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69',
  'aws-sdk-go-v2/1.26.1 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.152.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
  'APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.42.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.26.0',
];

/**
 * Source IPs as an organization sees them: a skewed pool (a few busy NAT gateways and offices,
 * a long tail of others) of 30,000 public and 5,000 private addresses, not a fresh random
 * address per call.
 */
function sourceIp(next: () => number): string {
  const skewed = Math.floor(35_000 * next() ** 3);
  if (skewed < 5_000) return `10.${(skewed >> 8) & 255}.${skewed & 255}.${(skewed * 7) & 255}`;
  const n = (skewed * 2_654_435_761) % 4_294_967_296;
  return `${(n % 223) + 1}.${Math.floor(n / 223) % 256}.${Math.floor(n / 57_088) % 256}.${skewed % 256}`;
}

function uuid(next: () => number): string {
  const hex = () =>
    Math.floor(next() * 0x10000)
      .toString(16)
      .padStart(4, '0');
  return `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-a${hex().slice(1)}-${hex()}${hex()}${hex()}`;
}

function record(next: () => number, time: number, region: string, account: string) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const [eventName, eventSource, readOnly] = pick(EVENTS);
  const user = Math.floor(next() * 400);
  const isRole = user % 3 !== 0;
  const key = `${isRole ? 'ASIA' : 'AKIA'}${String(user * 7 + 1000).padStart(16, 'X')}`;
  const identity = isRole
    ? {
        type: 'AssumedRole',
        principalId: `AROA${user}EXAMPLE:session-${Math.floor(next() * 50)}`,
        arn: `arn:aws:sts::${account}:assumed-role/app-role-${user}/session-${Math.floor(next() * 50)}`,
        accountId: account,
        accessKeyId: key,
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            principalId: `AROA${user}EXAMPLE`,
            arn: `arn:aws:iam::${account}:role/app-role-${user}`,
            accountId: account,
            userName: `app-role-${user}`,
          },
          attributes: {
            creationDate: new Date(time - 600_000).toISOString(),
            mfaAuthenticated: 'false',
          },
        },
      }
    : {
        type: 'IAMUser',
        principalId: `AIDA${user}EXAMPLE`,
        arn: `arn:aws:iam::${account}:user/user-${user}`,
        accountId: account,
        accessKeyId: key,
        userName: `user-${user}`,
      };
  const failed = next() < 0.03;
  const bucket = `bucket-${Math.floor(next() * 300)}`;
  return {
    eventVersion: '1.09',
    userIdentity: identity,
    eventTime: new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource,
    eventName,
    awsRegion: region,
    sourceIPAddress: sourceIp(next),
    userAgent: pick(AGENTS),
    requestParameters:
      eventSource === 's3.amazonaws.com'
        ? {
            bucketName: bucket,
            Host: `${bucket}.s3.${region}.amazonaws.com`,
            key: `data/${Math.floor(next() * 100000)}/part-${Math.floor(next() * 1000)}.parquet`,
          }
        : {
            maxResults: 100,
            filterSet: {
              items: [{ name: 'instance-state-name', valueSet: { items: [{ value: 'running' }] } }],
            },
          },
    responseElements: null,
    ...(failed
      ? {
          errorCode: 'AccessDenied',
          errorMessage: `User: ${identity.arn} is not authorized to perform: ${eventSource.split('.')[0]}:${eventName} on resource: * because no identity-based policy allows the action`,
        }
      : {}),
    requestID: uuid(next),
    eventID: uuid(next),
    readOnly,
    eventType: 'AwsApiCall',
    managementEvent: eventSource !== 's3.amazonaws.com',
    recipientAccountId: account,
    eventCategory: eventSource === 's3.amazonaws.com' ? 'Data' : 'Management',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: `${eventSource.replace('.amazonaws.com', '')}.${region}.amazonaws.com`,
    },
  };
}

/** Writes (once; reused when present) a tree of `events` events; returns its root. */
export async function syntheticTree(root: string, events: number): Promise<string> {
  // The name carries the generator's version: a changed generator never reuses an old tree.
  const dir = join(root, `synthetic-v3-${events}`);
  const done = join(dir, '.complete');
  if (existsSync(done)) return dir;
  const next = random(events);
  const start = Date.UTC(2025, 0, 1);
  let time = start;
  let written = 0;
  let fileNumber = 0;
  while (written < events) {
    const count = Math.min(events - written, 20 + Math.floor(next() * 281));
    const region = REGIONS[fileNumber % REGIONS.length]!;
    const account = ACCOUNTS[Math.floor(fileNumber / REGIONS.length) % ACCOUNTS.length]!;
    const records = [];
    for (let i = 0; i < count; i++) {
      time += Math.floor(next() * 400);
      records.push(record(next, time, region, account));
    }
    const delivered = new Date(time).toISOString();
    const day = delivered.slice(0, 10).split('-');
    const folder = join(dir, 'AWSLogs', account, 'CloudTrail', region, ...day);
    makeDirectory(folder, 0o755);
    // Named as CloudTrail names them: delivery time to the minute, then a unique suffix.
    const minute = delivered.slice(11, 16).replace(':', '');
    const unique = fileNumber.toString(36).padStart(16, '0');
    const name = `${account}_CloudTrail_${region}_${day.join('')}T${minute}Z_${unique}.json.gz`;
    // Through the atomic writer like every write; unflushed: the tree is regenerated if lost.
    writeWholeFile(
      join(folder, name),
      await gzipAsync(JSON.stringify({ Records: records })),
      nodeFileSystem,
      false,
    );
    written += count;
    fileNumber++;
  }
  writeWholeFile(done, String(fileNumber));
  return dir;
}

/** Every .json.gz under a tree (for the gunzip floor). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.json.gz'))
    .map((e) => join(e.parentPath, e.name));
}
