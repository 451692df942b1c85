/**
 * S3 calls. S3 is the one service whose records differ most from the rest (bracketed agents,
 * short request ids, data events with object resources), and both the background and the story
 * read and write objects, so its record shapes live in one place.
 */

import { ACCOUNT, type Region } from './cast.js';
import type { Call, Resource } from './record.js';
import type { Rng } from './random.js';

/** Which region each demo bucket lives in; S3 records the bucket's region, not the caller's. */
const BUCKET_REGIONS: Record<string, Region> = {
  'dora-cloudbucket': 'us-east-1',
  'corp-app-assets-111122223333': 'us-east-1',
  'corp-terraform-state': 'us-east-1',
  'invoices-inbound-eu': 'eu-west-1',
  'invoices-processed-eu': 'eu-west-1',
  'corp-build-artifacts-apse2': 'ap-southeast-2',
};

export function bucketRegion(bucket: string): Region {
  return BUCKET_REGIONS[bucket] ?? 'us-east-1';
}

function bucketHost(bucket: string): string {
  return `${bucket}.s3.${bucketRegion(bucket)}.amazonaws.com`;
}

function bucketResource(bucket: string): Resource {
  return { accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` };
}

export interface TransferOptions {
  bytesIn?: number;
  bytesOut?: number;
  /** Console downloads use presigned URLs, so they are authenticated by query string. */
  presigned?: boolean;
}

/** S3 puts its transport details in additionalEventData rather than in tlsDetails alone. */
function transfer(rng: Rng, options: TransferOptions = {}): Record<string, unknown> {
  return {
    SignatureVersion: 'SigV4',
    CipherSuite: 'TLS_AES_128_GCM_SHA256',
    bytesTransferredIn: options.bytesIn ?? 0,
    AuthenticationMethod: options.presigned ? 'QueryString' : 'AuthHeader',
    'x-amz-id-2': rng.base64(76),
    bytesTransferredOut: options.bytesOut ?? 0,
  };
}

export function listBuckets(rng: Rng): Call {
  return {
    service: 's3',
    name: 'ListBuckets',
    region: 'us-east-1',
    readOnly: true,
    request: { Host: 's3.amazonaws.com' },
    additional: transfer(rng, { bytesOut: rng.int(900, 1400) }),
    host: 's3.amazonaws.com',
  };
}

export function getBucketLocation(rng: Rng, bucket: string): Call {
  return {
    service: 's3',
    name: 'GetBucketLocation',
    region: bucketRegion(bucket),
    readOnly: true,
    request: { bucketName: bucket, Host: bucketHost(bucket), location: '' },
    additional: transfer(rng, { bytesOut: 137 }),
    resources: [bucketResource(bucket)],
    host: bucketHost(bucket),
  };
}

/** ListObjectsV2 is recorded under the v1 name with list-type 2 in the parameters. */
export function listObjects(rng: Rng, bucket: string, prefix = ''): Call {
  return {
    service: 's3',
    name: 'ListObjects',
    region: bucketRegion(bucket),
    readOnly: true,
    data: true,
    request: {
      'list-type': '2',
      bucketName: bucket,
      'encoding-type': 'url',
      prefix,
      delimiter: '/',
      Host: bucketHost(bucket),
    },
    additional: transfer(rng, { bytesOut: rng.int(600, 4000) }),
    resources: [bucketResource(bucket)],
    host: bucketHost(bucket),
  };
}

function objectCall(name: string, bucket: string, key: string, readOnly: boolean): Call {
  return {
    service: 's3',
    name,
    region: bucketRegion(bucket),
    readOnly,
    data: true,
    request: { bucketName: bucket, Host: bucketHost(bucket), key },
    resources: [
      { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${key}` },
      bucketResource(bucket),
    ],
    host: bucketHost(bucket),
  };
}

export function getObject(
  rng: Rng,
  bucket: string,
  key: string,
  bytes: number,
  options: TransferOptions = {},
): Call {
  return {
    ...objectCall('GetObject', bucket, key, true),
    additional: transfer(rng, { ...options, bytesOut: bytes }),
  };
}

export function putObject(rng: Rng, bucket: string, key: string, bytes: number): Call {
  return {
    ...objectCall('PutObject', bucket, key, false),
    response: { 'x-amz-server-side-encryption': 'AES256' },
    additional: transfer(rng, { bytesIn: bytes }),
  };
}
