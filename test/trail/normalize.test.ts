import { describe, expect, it } from 'vitest';
import { RESOURCE_SEPARATOR } from '../../source/trail/event.js';
import { normalizeRecord } from '../../source/trail/normalize.js';

describe('normalizeRecord: resources', () => {
  it('keeps a hostile S3 key with a line break as one resource, the break made visible', () => {
    const result = normalizeRecord({
      eventTime: '2025-03-13T14:05:02Z',
      eventName: 'GetObject',
      requestParameters: {
        bucketName: 'dora-cloudbucket',
        key: 'a.docx\narn:aws:iam::1:user/fake',
      },
      resources: [{ ARN: 'arn:aws:s3:::dora-cloudbucket', type: 'AWS::S3::Bucket' }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.fields.resources.split(RESOURCE_SEPARATOR)).toEqual([
      'arn:aws:s3:::dora-cloudbucket',
      'dora-cloudbucket/a.docx\\narn:aws:iam::1:user/fake',
    ]);
  });
});
