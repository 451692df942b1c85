import { describe, expect, it } from 'vitest';
import { eventFromRecord } from '../../../source/case/report/index.js';
import { consoleLogin, getObject } from './keyhunter.js';

describe('eventFromRecord', () => {
  it('reads a successful console sign-in', () => {
    expect(eventFromRecord(consoleLogin, true)).toEqual({
      eventId: 'e0000000-0000-4000-8000-000000000001',
      time: '2024-03-01T10:00:00.000Z',
      principal: 'KeyHunter',
      sourceIp: '102.88.109.159',
      eventName: 'ConsoleLogin',
      outcome: 'ok',
      userAgent: consoleLogin.userAgent,
      resources: [],
      pinned: true,
      findingTitles: [],
    });
  });

  it('calls a failed console sign-in a failure though it has no errorCode', () => {
    const failed = {
      ...consoleLogin,
      responseElements: { ConsoleLogin: 'Failure' },
      errorMessage: 'Failed authentication',
    };
    expect(eventFromRecord(failed, false).outcome).toBe('Failed authentication');
    expect(eventFromRecord({ ...failed, errorMessage: undefined }, false).outcome).toBe('Failure');
  });

  it('keeps an error code as the outcome and the signing key', () => {
    const denied = eventFromRecord({ ...getObject, errorCode: 'AccessDenied' }, false);
    expect(denied.outcome).toBe('AccessDenied');
    expect(denied.accessKeyId).toBe('AKIAKEYHUNTEREXAMPLE');
  });

  it('names an assumed role as role/session', () => {
    const record = {
      ...getObject,
      userIdentity: {
        type: 'AssumedRole',
        arn: 'arn:aws:sts::111122223333:assumed-role/lambda-exec/fn-name',
        sessionContext: { sessionIssuer: { userName: 'lambda-exec' } },
      },
    };
    expect(eventFromRecord(record, false).principal).toBe('lambda-exec/fn-name');
  });

  it('keeps an S3 key with line breaks whole', () => {
    const record = {
      ...getObject,
      resources: [],
      requestParameters: { bucketName: 'b', key: 'one\ntwo' },
    };
    expect(eventFromRecord(record, false).resources).toEqual(['b/one\ntwo']);
  });

  it('keeps what it can of a record the stream would refuse', () => {
    expect(
      eventFromRecord({ eventTime: 'yesterday', eventName: 'X', eventID: 'z' }, true),
    ).toMatchObject({
      eventId: 'z',
      time: 'yesterday',
      eventName: 'X',
      pinned: true,
    });
  });
});
