import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { pageRegion, pagingBudget } from '../../source/ingest/live/page-region.js';
import { addInterval, gaps } from '../../source/ingest/live/coverage.js';
import {
  createPacer,
  forcedLookup,
  liveRegions,
  serverLookup,
} from '../../source/ingest/live/index.js';
import { parseQuery } from '../../source/trail/query/index.js';

function lookupFor(text: string) {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return serverLookup(parsed.query);
}

describe('which term LookupEvents answers', () => {
  it('picks the most selective exact term: key > user > event > resource > source', () => {
    expect(
      lookupFor(
        'source:iam.amazonaws.com event:CreateUser user:KeyHunter key:akiaiosfodnn7example',
      ),
    ).toEqual({
      key: 'AccessKeyId',
      value: 'AKIAIOSFODNN7EXAMPLE',
    });
    expect(lookupFor('source:IAM.amazonaws.com event:CreateUser user:KeyHunter')).toEqual({
      key: 'Username',
      value: 'KeyHunter',
    });
    expect(lookupFor('source:iam.amazonaws.com event:CreateUser')).toEqual({
      key: 'EventName',
      value: 'CreateUser',
    });
    expect(lookupFor('source:s3.amazonaws.com resource:"Threat Intelligence.docx"')).toEqual({
      key: 'ResourceName',
      value: 'Threat Intelligence.docx',
    });
    expect(lookupFor('source:IAM.amazonaws.com')).toEqual({
      key: 'EventSource',
      value: 'iam.amazonaws.com',
    });
  });

  it('keeps wildcards, negations, other fields and words local', () => {
    expect(
      lookupFor(
        'user:Key* -event:ConsoleLogin ip:102.88.109.159 ua:*kali* error:* KeyHunter after:24h',
      ),
    ).toBeUndefined();
    expect(lookupFor('-user:root event:List*')).toBeUndefined();
    expect(lookupFor('')).toBeUndefined();
  });

  it('sends only a term every match needs: never one inside an OR, nor a comma list', () => {
    // Sending EventName=CreateUser would lose the DeleteUser events the query also wants.
    expect(lookupFor('event:CreateUser OR event:DeleteUser')).toBeUndefined();
    expect(lookupFor('event:CreateUser,DeleteUser')).toBeUndefined();
    expect(lookupFor('user:KeyHunter OR key:AKIAEXAMPLE')).toBeUndefined();
    expect(lookupFor('-(user:KeyHunter event:CreateUser)')).toBeUndefined();
    expect(lookupFor('NOT user:KeyHunter')).toBeUndefined();
    // A term beside the OR must hold for every match, so it may go.
    expect(lookupFor('user:KeyHunter (event:Create* OR event:Delete*)')).toEqual({
      key: 'Username',
      value: 'KeyHunter',
    });
    expect(lookupFor('(key:AKIAEXAMPLE OR ip:1.2.3.4) event:CreateUser')).toEqual({
      key: 'EventName',
      value: 'CreateUser',
    });
    expect(lookupFor('(user:a OR user:b) (event:CreateUser source:iam.amazonaws.com)')).toEqual({
      key: 'EventName',
      value: 'CreateUser',
    });
    // A quoted comma is part of one exact value.
    expect(lookupFor('resource:"a,b"')).toEqual({ key: 'ResourceName', value: 'a,b' });
  });

  it('maps user: ARNs and role sessions to the Username AWS records', () => {
    expect(lookupFor('user:arn:aws:iam::111122223333:user/service-role/aws_consoler')).toEqual({
      key: 'Username',
      value: 'aws_consoler',
    });
    expect(lookupFor('user:Admin/KeyHunter-session')).toEqual({
      key: 'Username',
      value: 'KeyHunter-session',
    });
    expect(lookupFor('user:arn:aws:iam::111122223333:root')).toEqual({
      key: 'Username',
      value: 'root',
    });
    // AWS services and anonymous callers have no Username: local only.
    expect(lookupFor('user:cloudtrail.amazonaws.com')).toBeUndefined();
    expect(lookupFor('user:ANONYMOUS_PRINCIPAL')).toBeUndefined();
  });

  it('--lookup forces the attribute, value as typed', () => {
    expect(forcedLookup('event:UpdateFunctionCode20150331v2')).toEqual({
      key: 'EventName',
      value: 'UpdateFunctionCode20150331v2',
    });
    expect(forcedLookup('resource:arn:aws:s3:::dora-cloudbucket')).toEqual({
      key: 'ResourceName',
      value: 'arn:aws:s3:::dora-cloudbucket',
    });
    expect(forcedLookup('ip:1.2.3.4')).toBeUndefined();
  });
});

describe('regions', () => {
  it('always includes us-east-1, once', () => {
    expect(liveRegions(['eu-west-1'])).toEqual(['eu-west-1', 'us-east-1']);
    expect(liveRegions(['us-east-1', 'eu-west-1', 'us-east-1'])).toEqual([
      'us-east-1',
      'eu-west-1',
    ]);
  });
});

describe('coverage', () => {
  it('merges what was read and leaves the rest to read, newest first', () => {
    let covered = addInterval([], [100, 200]);
    covered = addInterval(covered, [300, 400]);
    expect(gaps([0, 500], covered)).toEqual([
      [400, 500],
      [200, 300],
      [0, 100],
    ]);
    covered = addInterval(covered, [150, 320]);
    expect(covered).toEqual([[100, 400]]);
    expect(gaps([120, 380], covered)).toEqual([]);
    expect(gaps([50, 450], covered)).toEqual([
      [400, 450],
      [50, 100],
    ]);
  });
});

describe('pacer', () => {
  it('spaces requests at the rate with a small margin, and aborts a wait', async () => {
    const pacer = createPacer(20);
    const start = performance.now();
    for (let i = 0; i < 11; i++) await pacer.wait();
    const elapsed = performance.now() - start;
    // 10 intervals of 51 ms after the first request.
    expect(elapsed).toBeGreaterThanOrEqual(500);
    expect(elapsed).toBeLessThan(800);
    const control = new AbortController();
    const waiting = pacer.wait(control.signal);
    const waitingMore = pacer.wait(control.signal);
    control.abort();
    await waiting.catch(() => undefined);
    await expect(waitingMore).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('pageRegion', () => {
  const request = (onPage: (events: unknown[]) => void) => ({
    client: new CloudTrailClient({ region: 'us-east-1' }),
    lookup: undefined,
    start: 0,
    end: 1,
    pacer: createPacer(1000),
    onPage,
  });

  it('stops when AWS hands back the token it was given', async () => {
    const mock = mockClient(CloudTrailClient);
    mock.on(LookupEventsCommand).resolves({ Events: [{ EventId: 'a' }], NextToken: 'same' });
    try {
      const pages: number[] = [];
      await expect(pageRegion(request((events) => void pages.push(events.length)))).resolves.toBe(
        'token',
      );
      expect(pages).toEqual([1, 1]);
      expect(mock.commandCalls(LookupEventsCommand)[1]!.args[0].input.NextToken).toBe('same');
    } finally {
      mock.restore();
    }
  });

  it('stops on any token seen before in the run: A, B, A is caught on the third page', async () => {
    const mock = mockClient(CloudTrailClient);
    let call = 0;
    mock.on(LookupEventsCommand).callsFake(() => ({
      Events: [{ EventId: String(call) }],
      NextToken: call++ % 2 ? 'B' : 'A',
    }));
    try {
      const pages: number[] = [];
      await expect(pageRegion(request((events) => void pages.push(events.length)))).resolves.toBe(
        'token',
      );
      expect(pages).toEqual([1, 1, 1]);
      expect(mock.commandCalls(LookupEventsCommand)).toHaveLength(3);
    } finally {
      mock.restore();
    }
  });

  it('stops at the page budget and at the time budget, shared across ranges', async () => {
    const mock = mockClient(CloudTrailClient);
    let call = 0;
    mock
      .on(LookupEventsCommand)
      .callsFake(() => ({ Events: [{ EventId: String(call) }], NextToken: `t${call++}` }));
    try {
      const budget = pagingBudget(5, 60_000);
      let pages = 0;
      await expect(pageRegion({ ...request(() => pages++), budget })).resolves.toBe('pages');
      expect(pages).toBe(5);
      // A second range of the same run has nothing left.
      await expect(pageRegion({ ...request(() => pages++), budget })).resolves.toBe('pages');
      expect(pages).toBe(5);
      let clock = 0;
      const timed = pagingBudget(1000, 100, () => clock);
      await expect(pageRegion({ ...request(() => (clock += 40)), budget: timed })).resolves.toBe(
        'time',
      );
      expect(clock).toBe(120);
    } finally {
      mock.restore();
    }
  });
});
