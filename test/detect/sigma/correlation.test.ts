import { describe, expect, it } from 'vitest';
import {
  evaluateCorrelation,
  evaluateCorrelations,
  parseSigmaText,
  recordFields,
  type SigmaCorrelation,
  type SigmaDetection,
  type SigmaLoad,
  type SigmaMatch,
} from '../../../source/detect/sigma/index.js';
import { correlationOf, type LogRecord } from './rules.js';

const logsource = `logsource:
    product: aws
    service: cloudtrail`;

/** A detection of one event name, named after it. */
const detectionOn = (name: string, eventName: string, extra = '') => `title: ${eventName} seen
id: rule-${name}
name: ${name}
${logsource}
detection:
    selection:
        eventName: ${eventName}
    condition: selection
${extra}`;

const BASE = Date.parse('2024-08-02T08:00:00Z');
const MINUTE = 60_000;

/** A CloudTrail-like event `minutes` after BASE. */
const event = (
  minutes: number,
  eventName: string,
  sourceIPAddress: string,
  userName = 'alice',
): LogRecord => ({
  eventTime: new Date(BASE + minutes * MINUTE).toISOString(),
  eventName,
  sourceIPAddress,
  userIdentity: { type: 'IAMUser', userName },
});

function load(text: string): SigmaLoad {
  const loaded = parseSigmaText(text, 'correlation.yml');
  expect(loaded.problems).toEqual([]);
  return loaded;
}

/** Runs every detection over the events, keyed by id and name as the engine's caller does. */
function matchesOf(loaded: SigmaLoad, events: readonly LogRecord[]): Map<string, SigmaMatch[]> {
  const byRule = new Map<string, SigmaMatch[]>();
  for (const rule of loaded.rules) {
    if (rule.kind !== 'detection') continue;
    const matches: SigmaMatch[] = [];
    events.forEach((record, row) => {
      const get = recordFields(record);
      if (rule.matches(get) === true)
        matches.push({ row, time: Date.parse(String(record.eventTime)), get });
    });
    matches.sort((a, b) => a.time - b.time);
    byRule.set(rule.id, matches);
    if (rule.name !== undefined) byRule.set(rule.name, matches);
  }
  return byRule;
}

const run = (loaded: SigmaLoad, correlation: SigmaCorrelation, events: readonly LogRecord[]) =>
  evaluateCorrelation(correlation, matchesOf(loaded, events));

describe('temporal_ordered: console login, then bucket listing, then an object read', () => {
  const text = [
    `title: Login, enumerate, read
correlation:
    type: temporal_ordered
    rules:
        - console_login
        - list_buckets
        - get_object
    group-by:
        - sourceIPAddress
    timespan: 10m
level: high
tags:
    - attack.t1530`,
    detectionOn('console_login', 'ConsoleLogin'),
    detectionOn('list_buckets', 'ListBuckets'),
    detectionOn('get_object', 'GetObject'),
  ].join('\n---\n');
  const loaded = load(text);
  const chain = correlationOf(loaded.rules, 'Login, enumerate, read');

  it('loads with its metadata and hides the rules it uses', () => {
    expect(chain).toMatchObject({
      type: 'temporal_ordered',
      groupBy: ['sourceIPAddress'],
      timespanMs: 10 * MINUTE,
      condition: { gte: 3 },
      level: 'high',
      techniques: ['T1530'],
      generate: true,
    });
    const detections = loaded.rules.filter(
      (rule): rule is SigmaDetection => rule.kind === 'detection',
    );
    expect(detections).toHaveLength(3);
    expect(detections.every((rule) => !rule.generate)).toBe(true);
    // Correlations come after the rules they use.
    expect(loaded.rules.map((rule) => rule.kind)).toEqual([
      'detection',
      'detection',
      'detection',
      'correlation',
    ]);
  });

  it('fires when the three happen in order from one address inside the window', () => {
    const events = [
      event(0, 'ConsoleLogin', '203.0.113.9'),
      event(1, 'ListBuckets', '198.51.100.1'),
      event(2, 'ListBuckets', '203.0.113.9'),
      event(3, 'DescribeInstances', '203.0.113.9'),
      event(9, 'GetObject', '203.0.113.9'),
    ];
    expect(run(loaded, chain, events)).toEqual([
      {
        rows: [0, 2, 4],
        first: BASE,
        last: BASE + 9 * MINUTE,
        group: { sourceIPAddress: '203.0.113.9' },
      },
    ]);
  });

  it('does not fire out of order', () => {
    const events = [
      event(0, 'GetObject', '203.0.113.9'),
      event(1, 'ListBuckets', '203.0.113.9'),
      event(2, 'ConsoleLogin', '203.0.113.9'),
    ];
    expect(run(loaded, chain, events)).toEqual([]);
    const swapped = [
      event(0, 'ConsoleLogin', '203.0.113.9'),
      event(1, 'GetObject', '203.0.113.9'),
      event(2, 'ListBuckets', '203.0.113.9'),
    ];
    expect(run(loaded, chain, swapped)).toEqual([]);
  });

  it('does not fire when the chain takes longer than the timespan', () => {
    const events = [
      event(0, 'ConsoleLogin', '203.0.113.9'),
      event(5, 'ListBuckets', '203.0.113.9'),
      event(10.5, 'GetObject', '203.0.113.9'),
    ];
    expect(run(loaded, chain, events)).toEqual([]);
  });

  it('does not join events from different addresses', () => {
    const events = [
      event(0, 'ConsoleLogin', '203.0.113.9'),
      event(1, 'ListBuckets', '198.51.100.1'),
      event(2, 'GetObject', '203.0.113.9'),
    ];
    expect(run(loaded, chain, events)).toEqual([]);
  });

  it('uses a later login when the first is too early, and reports separate chains once each', () => {
    const events = [
      event(0, 'ConsoleLogin', '203.0.113.9'),
      event(20, 'ConsoleLogin', '203.0.113.9'),
      event(21, 'ListBuckets', '203.0.113.9'),
      event(22, 'GetObject', '203.0.113.9'),
      event(23, 'GetObject', '203.0.113.9'),
      event(60, 'ConsoleLogin', '203.0.113.9'),
      event(61, 'ListBuckets', '203.0.113.9'),
      event(62, 'GetObject', '203.0.113.9'),
    ];
    const hits = run(loaded, chain, events);
    expect(hits.map((hit) => hit.rows)).toEqual([
      [1, 2, 3],
      [5, 6, 7],
    ]);
  });
});

describe('event_count and value_count', () => {
  const text = [
    `title: Many object reads
correlation:
    type: event_count
    rules:
        - get_object
    group-by:
        - sourceIPAddress
    timespan: 5m
    condition:
        gte: 5
---
title: Many users from one address
correlation:
    type: value_count
    rules:
        - get_object
        - list_buckets
    group-by:
        - sourceIPAddress
    timespan: 1h
    condition:
        field: userIdentity.userName
        gte: 3`,
    detectionOn('get_object', 'GetObject'),
    detectionOn('list_buckets', 'ListBuckets'),
  ].join('\n---\n');
  const loaded = load(text);
  const reads = correlationOf(loaded.rules, 'Many object reads');
  const users = correlationOf(loaded.rules, 'Many users from one address');

  it('counts events per group within the timespan', () => {
    const four = [0, 1, 2, 3].map((minute) => event(minute, 'GetObject', '203.0.113.9'));
    expect(run(loaded, reads, four)).toEqual([]);
    const five = [...four, event(4, 'GetObject', '203.0.113.9')];
    const [hit] = run(loaded, reads, five);
    expect(hit).toEqual({
      rows: [0, 1, 2, 3, 4],
      first: BASE,
      last: BASE + 4 * MINUTE,
      group: { sourceIPAddress: '203.0.113.9' },
    });
    const spread = [0, 2, 4, 6, 8].map((minute) => event(minute, 'GetObject', '203.0.113.9'));
    expect(run(loaded, reads, spread)).toEqual([]);
    const twoAddresses = [0, 1, 2, 3, 4].map((minute) =>
      event(minute, 'GetObject', minute % 2 ? 'a' : 'b'),
    );
    expect(run(loaded, reads, twoAddresses)).toEqual([]);
  });

  it('reports a long burst once per window, not once per event', () => {
    const burst = Array.from({ length: 10 }, (_, minute) =>
      event(minute, 'GetObject', '203.0.113.9'),
    );
    const hits = run(loaded, reads, burst);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.rows).toEqual([0, 1, 2, 3, 4, 5]);
    const longer = Array.from({ length: 30 }, (_, k) => event(k / 2, 'GetObject', '203.0.113.9'));
    const windows = run(loaded, reads, longer);
    expect(windows.length).toBeLessThan(5);
    const rows = windows.flatMap((hit) => hit.rows);
    expect(new Set(rows).size).toBe(rows.length);
  });

  it('counts distinct values of a field across the referenced rules', () => {
    const sameUser = [0, 1, 2].map((minute) => event(minute, 'GetObject', '203.0.113.9', 'alice'));
    expect(run(loaded, users, sameUser)).toEqual([]);
    const threeUsers = [
      event(0, 'GetObject', '203.0.113.9', 'alice'),
      event(10, 'ListBuckets', '203.0.113.9', 'bob'),
      event(20, 'GetObject', '203.0.113.9', 'alice'),
      event(50, 'GetObject', '203.0.113.9', 'carol'),
    ];
    const [hit] = run(loaded, users, threeUsers);
    expect(hit?.rows).toEqual([0, 1, 2, 3]);
    const tooSlow = [...threeUsers.slice(0, 3), event(81, 'GetObject', '203.0.113.9', 'carol')];
    expect(run(loaded, users, tooSlow)).toEqual([]);
  });

  it('leaves out matches that lack a group-by field', () => {
    const anonymous = [0, 1, 2, 3, 4].map((minute) => {
      const record = event(minute, 'GetObject', '203.0.113.9');
      delete record.sourceIPAddress;
      return record;
    });
    expect(run(loaded, reads, anonymous)).toEqual([]);
  });
});

describe('temporal, aliases and references', () => {
  it('temporal: all rules within the timespan in any order, per group-by alias', () => {
    const text = [
      `title: Key made and used
correlation:
    type: temporal
    rules:
        - create_key
        - list_buckets
    group-by:
        - user
    timespan: 15m
    aliases:
        user:
            create_key: requestParameters.userName
            list_buckets: userIdentity.userName`,
      detectionOn('create_key', 'CreateAccessKey'),
      detectionOn('list_buckets', 'ListBuckets'),
    ].join('\n---\n');
    const loaded = load(text);
    const madeAndUsed = correlationOf(loaded.rules, 'Key made and used');
    const create = (minutes: number, forUser: string): LogRecord => ({
      ...event(minutes, 'CreateAccessKey', '198.51.100.1', 'admin'),
      requestParameters: { userName: forUser },
    });
    const hits = run(loaded, madeAndUsed, [
      event(0, 'ListBuckets', '203.0.113.9', 'mallory'),
      create(5, 'mallory'),
      create(6, 'bob'),
      event(40, 'ListBuckets', '203.0.113.9', 'bob'),
    ]);
    expect(hits).toEqual([
      { rows: [0, 1], first: BASE, last: BASE + 5 * MINUTE, group: { user: 'mallory' } },
    ]);
  });

  it('generate: true on a correlation keeps its rules reported on their own', () => {
    const text = [
      `title: Loud chain
generate: true
correlation:
    type: temporal
    rules: [console_login, list_buckets]
    group-by: [sourceIPAddress]
    timespan: 1h`,
      detectionOn('console_login', 'ConsoleLogin'),
      detectionOn('list_buckets', 'ListBuckets'),
    ].join('\n---\n');
    const loaded = load(text);
    expect(
      loaded.rules.filter((rule) => rule.kind === 'detection').every((rule) => rule.generate),
    ).toBe(true);
  });

  it('generate: true on a detection keeps it reported although a correlation uses it', () => {
    const text = [
      `title: Quiet chain
correlation:
    type: event_count
    rules: [console_login, list_buckets]
    group-by: [sourceIPAddress]
    timespan: 1h
    condition:
        gte: 2`,
      detectionOn('console_login', 'ConsoleLogin', 'generate: true'),
      detectionOn('list_buckets', 'ListBuckets'),
      detectionOn('unrelated', 'GetObject'),
    ].join('\n---\n');
    const generate = Object.fromEntries(
      load(text)
        .rules.filter((rule) => rule.kind === 'detection')
        .map((rule) => [rule.name, rule.generate]),
    );
    expect(generate).toEqual({ console_login: true, list_buckets: false, unrelated: true });
  });

  it('references by id work, and a missing reference or a cycle is a problem', () => {
    const byId = parseSigmaText(
      [
        `title: By id
correlation:
    type: event_count
    rules: [rule-console_login]
    group-by: [sourceIPAddress]
    timespan: 1h
    condition: {gte: 1}`,
        detectionOn('console_login', 'ConsoleLogin'),
      ].join('\n---\n'),
      'by-id.yml',
    );
    expect(byId.problems).toEqual([]);
    expect(byId.rules.find((rule) => rule.kind === 'detection')?.generate).toBe(false);

    const broken = parseSigmaText(
      [
        `title: Missing
correlation:
    type: temporal
    rules: [console_login, nowhere]
    group-by: [sourceIPAddress]
    timespan: 1h
---
title: Loop A
name: loop_a
correlation:
    type: temporal
    rules: [loop_b]
    timespan: 1h
---
title: Loop B
name: loop_b
correlation:
    type: temporal
    rules: [loop_a]
    timespan: 1h
---
title: Uses missing
correlation:
    type: event_count
    rules: [missing_name]
    timespan: 1h
    condition: {gte: 1}`,
        detectionOn('console_login', 'ConsoleLogin'),
      ].join('\n---\n'),
      'broken.yml',
    );
    expect(broken.rules.map((rule) => rule.title)).toEqual(['ConsoleLogin seen']);
    // The only correlation that used it is gone, so the detection is reported on its own again.
    expect(broken.rules[0]).toMatchObject({ generate: true });
    const reasons = Object.fromEntries(
      broken.problems.map((problem) => [problem.title, problem.reason]),
    );
    expect(reasons).toEqual({
      Missing: 'references nowhere, which is not loaded',
      'Loop A': 'references loop_b, which could not be loaded',
      'Loop B': 'references loop_a in a cycle of correlations',
      'Uses missing': 'references missing_name, which is not loaded',
    });
  });

  it('refuses malformed correlation sections with a reason', () => {
    const reasonFor = (section: string) => {
      const { problems } = parseSigmaText(`title: Bad\ncorrelation:\n${section}`, 'bad.yml');
      expect(problems).toHaveLength(1);
      return problems[0]!.reason;
    };
    expect(reasonFor('    type: value_sum\n    rules: [a]\n    timespan: 1h')).toMatch(
      /not supported/,
    );
    expect(
      reasonFor(
        '    type: event_count\n    rules: [a]\n    timespan: 5 minutes\n    condition: {gte: 1}',
      ),
    ).toMatch(/timespan/);
    expect(reasonFor('    type: event_count\n    rules: [a]\n    timespan: 1h')).toMatch(
      /needs a condition/,
    );
    expect(
      reasonFor('    type: value_count\n    rules: [a]\n    timespan: 1h\n    condition: {gte: 2}'),
    ).toMatch(/condition.field/);
    expect(
      reasonFor(
        '    type: event_count\n    rules: [a]\n    timespan: 1h\n    condition: {gte: many}',
      ),
    ).toMatch(/whole number/);
  });

  it('chains: a correlation of a correlation, evaluated in load order', () => {
    const text = [
      `title: Failures then success
correlation:
    type: temporal_ordered
    rules: [many_failures, success]
    group-by: [sourceIPAddress]
    timespan: 30m`,
      `title: Many failed logins
name: many_failures
correlation:
    type: event_count
    rules: [failure]
    group-by: [sourceIPAddress]
    timespan: 10m
    condition: {gte: 3}`,
      detectionOn('failure', 'ConsoleLogin', '').replace(
        '        eventName: ConsoleLogin',
        "        eventName: ConsoleLogin\n        errorMessage: 'Failed authentication'",
      ),
      detectionOn('success', 'ConsoleLogin').replace(
        '        eventName: ConsoleLogin',
        '        eventName: ConsoleLogin\n        responseElements.ConsoleLogin: Success',
      ),
    ].join('\n---\n');
    const loaded = load(text);
    const correlations = loaded.rules.filter(
      (rule): rule is SigmaCorrelation => rule.kind === 'correlation',
    );
    expect(correlations.map((rule) => rule.title)).toEqual([
      'Many failed logins',
      'Failures then success',
    ]);
    expect(correlations.map((rule) => rule.generate)).toEqual([false, true]);

    const failed = (minutes: number): LogRecord => ({
      ...event(minutes, 'ConsoleLogin', '203.0.113.9'),
      errorMessage: 'Failed authentication',
    });
    const succeeded = (minutes: number): LogRecord => ({
      ...event(minutes, 'ConsoleLogin', '203.0.113.9'),
      responseElements: { ConsoleLogin: 'Success' },
    });
    const events = [failed(0), failed(1), failed(2), succeeded(5)];
    const hits = evaluateCorrelations(correlations, matchesOf(loaded, events));
    expect(hits.get(correlations[0]!.id)).toHaveLength(1);
    expect(hits.get(correlations[1]!.id)).toEqual([
      {
        rows: [2, 3],
        first: BASE + 2 * MINUTE,
        last: BASE + 5 * MINUTE,
        group: { sourceIPAddress: '203.0.113.9' },
      },
    ]);
    const noSuccess = evaluateCorrelations(correlations, matchesOf(loaded, events.slice(0, 3)));
    expect(noSuccess.get(correlations[1]!.id)).toEqual([]);
  });
});
