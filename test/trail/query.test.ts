import { describe, it, expect } from 'vitest';
import type { EventFields } from '../../source/trail/event.js';
import { holds } from '../helpers/query-eval.js';
import {
  QUERY_FIELDS,
  compileMatcher,
  describeQuery,
  isGroup,
  parseQuery,
  type Node,
  type Query,
  type QuerySyntaxError,
  type Term,
} from '../../source/trail/query/index.js';

const NOW = Date.UTC(2024, 4, 10, 12, 0, 0);

function parse(text: string): Query {
  const result = parseQuery(text, NOW);
  if (!result.ok) throw new Error(`unexpected syntax error: ${result.error.message}`);
  return result.query;
}

/** The terms of a query that is only terms side by side (no OR, no group). */
function terms(text: string): Term[] {
  const root = parse(text).root;
  if (!isGroup(root)) return [root];
  if (root.kind !== 'and' || root.negate || root.children.some(isGroup)) {
    throw new Error(`not a plain list of terms: ${text}`);
  }
  return root.children as Term[];
}

function syntaxError(text: string): QuerySyntaxError {
  const result = parseQuery(text, NOW);
  if (result.ok) throw new Error(`expected a syntax error for ${text}`);
  return result.error;
}

/** The evaluation the index does, written plainly. */
function matches(text: string, event: EventFields): boolean {
  return holds(parse(text).root, event);
}

const ALICE: EventFields = {
  eventName: 'CreateUser',
  eventSource: 'iam.amazonaws.com',
  region: 'us-east-1',
  account: '111122223333',
  sourceIp: '10.1.2.3',
  userAgent: 'aws-cli/2.15.0 Python/3.11.6',
  principal: 'alice',
  principalArn: 'arn:aws:iam::111122223333:user/alice',
  identityType: 'IAMUser',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  error: '',
  resources: 'arn:aws:iam::111122223333:user/mallory',
  bucket: '',
  eventId: 'e-1',
  time: Date.UTC(2024, 4, 1, 10, 0, 0),
};

const event = (fields: Partial<EventFields>): EventFields => ({ ...ALICE, ...fields });

describe('parseQuery: terms', () => {
  it('reads an empty or blank query as no terms', () => {
    const none = { kind: 'and', children: [], negate: false, text: '' };
    expect(parse('')).toEqual({ text: '', root: none });
    expect(parse('   \t ')).toEqual({ text: '   \t ', root: none });
  });

  it('reads field terms, field names in any case', () => {
    expect(terms('USER:Root  event:Create*')).toEqual([
      { kind: 'field', field: 'user', pattern: 'Root', negate: false, text: 'USER:Root' },
      { kind: 'field', field: 'event', pattern: 'Create*', negate: false, text: 'event:Create*' },
    ]);
  });

  it('knows every field', () => {
    const names = Object.keys(QUERY_FIELDS);
    expect(names).toEqual(
      'user ip event source region account key error type ua resource bucket'.split(' '),
    );
    for (const name of names) {
      expect(terms(`${name}:x`)).toEqual([
        { kind: 'field', field: name, pattern: 'x', negate: false, text: `${name}:x` },
      ]);
    }
  });

  it('reads a leading - as negation of the whole term', () => {
    expect(terms('-user:root -ListBuckets')).toEqual([
      { kind: 'field', field: 'user', pattern: 'root', negate: true, text: '-user:root' },
      { kind: 'word', pattern: 'ListBuckets', negate: true, text: '-ListBuckets' },
    ]);
    expect(terms('--x')).toEqual([{ kind: 'word', pattern: '-x', negate: true, text: '--x' }]);
  });

  it('reads quoted values with spaces, in either quote', () => {
    expect(terms(`resource:"Threat Intelligence.docx" 'Threat Intel' ua:"aws-cli/2*"`)).toEqual([
      {
        kind: 'field',
        field: 'resource',
        pattern: 'Threat Intelligence.docx',
        negate: false,
        text: 'resource:"Threat Intelligence.docx"',
      },
      { kind: 'word', pattern: 'Threat Intel', negate: false, text: `'Threat Intel'` },
      { kind: 'field', field: 'ua', pattern: 'aws-cli/2*', negate: false, text: 'ua:"aws-cli/2*"' },
    ]);
    expect(terms(`-"a b"`)).toEqual([
      { kind: 'word', pattern: 'a b', negate: true, text: `-"a b"` },
    ]);
  });

  it('unescapes the quote and the backslash inside quotes, and nothing else', () => {
    expect(terms('"say \\"hi\\" C:\\dir\\\\"')[0]).toMatchObject({
      pattern: 'say "hi" C:\\dir\\',
    });
    expect(terms(`'it\\'s "x"'`)[0]).toMatchObject({ pattern: `it's "x"` });
  });

  it('keeps a quote inside a value literal', () => {
    expect(terms(`user:o'brien it's`)).toEqual([
      { kind: 'field', field: 'user', pattern: `o'brien`, negate: false, text: `user:o'brien` },
      { kind: 'word', pattern: `it's`, negate: false, text: `it's` },
    ]);
  });

  it('reads a colon term with an unknown prefix as a word when it holds more colons', () => {
    expect(terms('arn:aws:iam::1:user/x 2001:db8::1 fe80::1 ::1 -abc::1')).toEqual([
      {
        kind: 'word',
        pattern: 'arn:aws:iam::1:user/x',
        negate: false,
        text: 'arn:aws:iam::1:user/x',
      },
      { kind: 'word', pattern: '2001:db8::1', negate: false, text: '2001:db8::1' },
      { kind: 'word', pattern: 'fe80::1', negate: false, text: 'fe80::1' },
      { kind: 'word', pattern: '::1', negate: false, text: '::1' },
      { kind: 'word', pattern: 'abc::1', negate: true, text: '-abc::1' },
    ]);
  });

  it('reads a quoted field-like term as a word', () => {
    expect(terms('"user:root" "iam:PassRole"')).toEqual([
      { kind: 'word', pattern: 'user:root', negate: false, text: '"user:root"' },
      { kind: 'word', pattern: 'iam:PassRole', negate: false, text: '"iam:PassRole"' },
    ]);
  });

  it('keeps colons after the first in a field value', () => {
    expect(terms('user:arn:aws:iam::1:root')[0]).toMatchObject({
      field: 'user',
      pattern: 'arn:aws:iam::1:root',
    });
  });
});

describe('parseQuery: times', () => {
  const at = (text: string) => {
    const [term] = terms(text);
    if (term?.kind !== 'time') throw new Error(`not a time term: ${text}`);
    return term.at;
  };

  it('reads absolute times as UTC unless they carry a zone', () => {
    expect(at('after:2024-05-01')).toBe(Date.UTC(2024, 4, 1));
    expect(at('after:2024-05-01T10:00')).toBe(Date.UTC(2024, 4, 1, 10, 0));
    expect(at('after:2024-05-01t10:00:30')).toBe(Date.UTC(2024, 4, 1, 10, 0, 30));
    expect(at('after:2024-05-01T10:00:00Z')).toBe(Date.UTC(2024, 4, 1, 10, 0));
    expect(at('after:2024-05-01T10:00Z')).toBe(Date.UTC(2024, 4, 1, 10, 0));
    expect(at('after:2024-05-01T10:00:00.25Z')).toBe(Date.UTC(2024, 4, 1, 10, 0, 0, 250));
    expect(at('after:2024-05-01T10:00+02:00')).toBe(Date.UTC(2024, 4, 1, 8, 0));
    expect(at('after:2024-05-01T10:00-0130')).toBe(Date.UTC(2024, 4, 1, 11, 30));
    expect(at('after:"2024-05-01 10:00"')).toBe(Date.UTC(2024, 4, 1, 10, 0));
    expect(at('after:2024-02-29')).toBe(Date.UTC(2024, 1, 29));
  });

  it('reads relative durations as now minus that', () => {
    expect(at('after:30s')).toBe(NOW - 30_000);
    expect(at('after:90m')).toBe(NOW - 90 * 60_000);
    expect(at('after:24h')).toBe(NOW - 24 * 3_600_000);
    expect(at('after:7d')).toBe(NOW - 7 * 86_400_000);
    expect(at('before:2W')).toBe(NOW - 14 * 86_400_000);
  });

  it('uses Date.now() when no now is given', () => {
    const before = Date.now();
    const result = parseQuery('after:1h');
    const after = Date.now();
    expect(result.ok).toBe(true);
    const term = result.ok ? result.query.root : undefined;
    expect(
      term?.kind === 'time' && term.at >= before - 3_600_000 && term.at <= after - 3_600_000,
    ).toBe(true);
  });

  it('reads the bound and negation', () => {
    expect(terms('-Before:2024-05-01')).toEqual([
      {
        kind: 'time',
        bound: 'before',
        at: Date.UTC(2024, 4, 1),
        negate: true,
        text: '-Before:2024-05-01',
      },
    ]);
  });
});

describe('parseQuery: syntax errors', () => {
  it('names an unknown field and lists the valid ones', () => {
    expect(syntaxError('event:X usr:root')).toEqual({
      message:
        'unknown field "usr" (fields: user, ip, event, source, region, account, key, error, type, ua, resource, bucket, after, before; quote the term to search for it as text)',
      term: 'usr:root',
      start: 8,
      end: 16,
    });
    expect(syntaxError('-Usr:"a b"')).toMatchObject({ term: '-Usr:"a b"', start: 0, end: 10 });
    expect(syntaxError('-Usr:"a b"').message).toMatch(/^unknown field "Usr" /);
    expect(syntaxError('constructor:x').message).toMatch(/^unknown field "constructor" /);
  });

  it('rejects a field or a term without a value', () => {
    expect(syntaxError('a user:')).toEqual({
      message: '"user:" has no value',
      term: 'user:',
      start: 2,
      end: 7,
    });
    expect(syntaxError('user:"" x')).toMatchObject({ term: 'user:""', start: 0, end: 7 });
    expect(syntaxError('x after:')).toMatchObject({
      message: '"after:" has no value',
      start: 2,
      end: 8,
    });
    expect(syntaxError('x - y')).toEqual({
      message: '"-" has no value',
      term: '-',
      start: 2,
      end: 3,
    });
    expect(syntaxError(`''`)).toEqual({
      message: `"''" has no value`,
      term: `''`,
      start: 0,
      end: 2,
    });
  });

  it('rejects an unterminated quote, marking the rest of the line', () => {
    expect(syntaxError('user:x resource:"Threat Intel')).toEqual({
      message: 'unterminated quote in "resource:\\"Threat Intel"',
      term: 'resource:"Threat Intel',
      start: 7,
      end: 29,
    });
    expect(syntaxError(`'it\\'s`)).toMatchObject({ start: 0, end: 6 });
    expect(syntaxError(`"ends in \\"`)).toMatchObject({ start: 0, end: 11 });
  });

  it('rejects text glued to a closing quote', () => {
    expect(syntaxError('x user:"a b"c y')).toEqual({
      message: 'text after the closing quote in "user:\\"a b\\"c"',
      term: 'user:"a b"c',
      start: 2,
      end: 13,
    });
  });

  it('rejects what is not a time', () => {
    expect(syntaxError('event:X after:yesterday')).toEqual({
      message: '"after:yesterday" is not a time (use 2024-05-01T10:00Z or 90m, 24h, 7d)',
      term: 'after:yesterday',
      start: 8,
      end: 23,
    });
    for (const bad of [
      'before:2024-02-30',
      'before:2023-02-29',
      'before:2024-13-01',
      'before:2024-05-01T24:00',
      'before:2024-05-01T10:60',
      'before:2024-05-01T10:00:60',
      'before:2024-05-01T10:00+24:00',
      'before:2024-5-1',
      'before:2024-05-01Z',
      'before:7y',
      'before:-7d',
      'before:1.5h',
      `before:${'9'.repeat(30)}d`,
    ]) {
      expect(syntaxError(bad), bad).toMatchObject({ term: bad, start: 0, end: bad.length });
    }
  });

  it('rejects an ip range that is not a CIDR', () => {
    expect(syntaxError('ip:10.0.0.0/33')).toEqual({
      message: '"ip:10.0.0.0/33" is not a CIDR range (use 10.0.0.0/8)',
      term: 'ip:10.0.0.0/33',
      start: 0,
      end: 14,
    });
    expect(syntaxError('-ip:host/8')).toMatchObject({ start: 0, end: 10 });
    expect(parseQuery('ip:10.0.*/8', NOW).ok).toBe(true);
  });

  it('keeps every message on one line', () => {
    expect(syntaxError('user:"a\nb').message).toBe('unterminated quote in "user:\\"a\\nb"');
  });
});

describe('matching', () => {
  it('matches an empty query against everything', () => {
    expect(matches('', ALICE)).toBe(true);
  });

  it('matches every field against its columns', () => {
    const cases: [string, string][] = [
      ['user:alice', 'user:bob'],
      ['user:arn:aws:iam::111122223333:user/alice', 'user:arn:aws:iam::111122223333:user/bob'],
      ['ip:10.1.2.3', 'ip:10.1.2.4'],
      ['event:CreateUser', 'event:DeleteUser'],
      ['source:iam.amazonaws.com', 'source:s3.amazonaws.com'],
      ['region:us-east-1', 'region:us-east-2'],
      ['account:111122223333', 'account:444455556666'],
      ['key:AKIAIOSFODNN7EXAMPLE', 'key:AKIAOTHER'],
      ['type:IAMUser', 'type:AssumedRole'],
      ['ua:"aws-cli/2.15.0 Python/3.11.6"', 'ua:aws-cli/2.15.0'],
      ['resource:arn:aws:iam::111122223333:user/mallory', 'resource:user/mallory'],
    ];
    for (const [hit, miss] of cases) {
      expect(matches(hit, ALICE), hit).toBe(true);
      expect(matches(miss, ALICE), miss).toBe(false);
    }
    expect(matches('error:AccessDenied', event({ error: 'AccessDenied' }))).toBe(true);
    expect(matches('error:AccessDenied', ALICE)).toBe(false);
    expect(matches('bucket:reports', event({ bucket: 'reports' }))).toBe(true);
    expect(matches('bucket:reports', event({ bucket: 'reports-old' }))).toBe(false);
  });

  it('matches a value without a star exactly, with a star as a glob', () => {
    const policy = event({ eventName: 'CreateUserPolicy' });
    expect(matches('event:CreateUser', policy)).toBe(false);
    expect(matches('event:Create*', policy)).toBe(true);
    expect(matches('event:*Policy', policy)).toBe(true);
    expect(matches('event:*User*', policy)).toBe(true);
    expect(matches('event:Delete*', policy)).toBe(false);
    expect(matches('ua:"aws-cli/2*"', ALICE)).toBe(true);
    expect(matches('ua:"aws-cli/1*"', ALICE)).toBe(false);
  });

  it('ignores case in names and values', () => {
    expect(matches('EVENT:createuser USER:ALICE Type:iamuser', ALICE)).toBe(true);
    expect(matches('CREATEUSER', ALICE)).toBe(true);
  });

  it('negates a term over all of its columns', () => {
    expect(matches('-user:root', ALICE)).toBe(true);
    expect(matches('-user:alice', ALICE)).toBe(false);
    // Only the ARN matches, which is still enough to exclude the event.
    expect(matches('-user:*:user/alice', ALICE)).toBe(false);
    expect(matches('-CreateUser', ALICE)).toBe(false);
    expect(matches('-ListBuckets', ALICE)).toBe(true);
  });

  it('finds events with and without an error', () => {
    const denied = event({ error: 'AccessDenied' });
    expect(matches('error:*', denied)).toBe(true);
    expect(matches('error:*', ALICE)).toBe(false);
    expect(matches('-error:*', ALICE)).toBe(true);
    expect(matches('-error:*', denied)).toBe(false);
  });

  it('matches a bare word as a substring of any text field', () => {
    expect(matches('mallory', ALICE)).toBe(true);
    expect(matches('amazonaws', ALICE)).toBe(true);
    expect(matches('east', ALICE)).toBe(true);
    expect(matches('python', ALICE)).toBe(true);
    expect(matches('cli*python', ALICE)).toBe(true);
    expect(matches('python*cli', ALICE)).toBe(false);
    expect(matches('nobody', ALICE)).toBe(false);
    expect(matches('arn:aws:iam::111122223333:user/al', ALICE)).toBe(true);
    expect(matches('"user/mallory"', ALICE)).toBe(true);
  });

  it('matches a bare IPv6 address and an IPv6 CIDR', () => {
    const v6 = event({ sourceIp: '2001:db8::5' });
    expect(matches('2001:db8::5', v6)).toBe(true);
    expect(matches('ip:2001:db8::/32', v6)).toBe(true);
    expect(matches('ip:2001:db9::/32', v6)).toBe(false);
  });

  it('matches an IPv4 CIDR, and never a value that is not an address', () => {
    expect(matches('ip:10.0.0.0/8', ALICE)).toBe(true);
    expect(matches('ip:10.1.2.0/24', ALICE)).toBe(true);
    expect(matches('ip:10.1.3.0/24', ALICE)).toBe(false);
    expect(matches('-ip:10.0.0.0/8', ALICE)).toBe(false);
    expect(matches('ip:0.0.0.0/0', event({ sourceIp: 'AWS Internal' }))).toBe(false);
    expect(matches('ip:0.0.0.0/0', event({ sourceIp: 'ec2.amazonaws.com' }))).toBe(false);
  });

  it('matches resources one at a time', () => {
    const doc = event({
      resources: 'arn:aws:s3:::reports\narn:aws:s3:::reports/Threat Intelligence.docx',
    });
    expect(matches('resource:arn:aws:s3:::reports', doc)).toBe(true);
    expect(matches('resource:"*/Threat Intelligence.docx"', doc)).toBe(true);
    // The last path segment counts as a name of its own: what the analyst types.
    expect(matches('resource:"Threat Intelligence.docx"', doc)).toBe(true);
    expect(matches('resource:mallory', ALICE)).toBe(true);
    expect(matches('resource:"Intelligence.docx"', doc)).toBe(false);
    expect(matches('"Threat Intelligence"', doc)).toBe(true);
    expect(matches('-resource:*.docx', doc)).toBe(false);
    expect(matches('resource:*.xlsx', doc)).toBe(false);
  });

  it('keeps after: at or later and before: strictly earlier', () => {
    expect(matches('after:2024-05-01T10:00', ALICE)).toBe(true);
    expect(matches('after:2024-05-01T10:00:01', ALICE)).toBe(false);
    expect(matches('before:2024-05-01T10:00', ALICE)).toBe(false);
    expect(matches('before:2024-05-01T10:00:01', ALICE)).toBe(true);
    expect(matches('after:2024-05-01 before:2024-05-02', ALICE)).toBe(true);
    expect(matches('-after:2024-05-01T10:00', ALICE)).toBe(false);
    // NOW is 2024-05-10T12:00Z, so the event is 9 days and 2 hours old.
    expect(matches('after:10d', ALICE)).toBe(true);
    expect(matches('after:9d', ALICE)).toBe(false);
    expect(matches('before:1w', ALICE)).toBe(true);
  });

  it('requires every term to hold', () => {
    expect(matches('user:alice event:CreateUser region:us-*', ALICE)).toBe(true);
    expect(matches('user:alice event:CreateUser region:eu-*', ALICE)).toBe(false);
  });
});

describe('describeQuery', () => {
  it('writes the terms in a normal form', () => {
    const query = parse(
      `USER:Alice  -event:Create* "two words" 'say "hi"' "user:root" -- after:24h before:2024-05-01T10:00:30`,
    );
    expect(describeQuery(query)).toBe(
      'user:Alice -event:Create* "two words" "say \\"hi\\"" "user:root" -"-" after:2024-05-09T12:00Z before:2024-05-01T10:00:30Z',
    );
  });

  it('writes what parses back to the same terms', () => {
    for (const text of [
      `resource:"Threat Intelligence.docx" -ip:10.0.0.0/8 'it\\'s' "a\\\\" "-x" arn:aws:iam::1:user/x`,
      `-error:* user:"'quoted'" after:2024-05-01T10:00:00.123Z`,
    ]) {
      const strip = (query: Query) => withoutText(query.root);
      const query = parse(text);
      expect(strip(parse(describeQuery(query))), text).toEqual(strip(query));
    }
  });

  it('writes nothing for no terms', () => {
    expect(describeQuery(parse('  '))).toBe('');
  });
});

/** A node without its `text`s, to compare trees parsed from different spellings. */
function withoutText(node: Node): unknown {
  const { text: _, ...rest } = node;
  return isGroup(node) ? { ...rest, children: node.children.map(withoutText) } : rest;
}
