import { describe, expect, it } from 'vitest';
import type { EventFields } from '../../source/trail/event.js';
import {
  describeQuery,
  isGroup,
  MAX_DEPTH,
  MAX_TERMS,
  parseQuery,
  requiredTerms,
  type Node,
  type Query,
  type QuerySyntaxError,
} from '../../source/trail/query/index.js';
import { QUERIES as BENCH_QUERIES } from '../../source/bench/queries.js';
import { holds } from '../helpers/query-eval.js';

const NOW = Date.UTC(2025, 2, 14, 23, 47);

function parse(text: string): Query {
  const result = parseQuery(text, NOW);
  if (!result.ok) throw new Error(`unexpected syntax error in ${text}: ${result.error.message}`);
  return result.query;
}

/** A tree as a compact string: `and(…)`, `or(…)`, `-` for negation, terms as `field:value`. */
function shape(node: Node): string {
  const sign = node.negate ? '-' : '';
  if (isGroup(node)) return `${sign}${node.kind}(${node.children.map(shape).join(' ')})`;
  if (node.kind === 'field') return `${sign}${node.field}:${node.pattern}`;
  if (node.kind === 'word') return `${sign}"${node.pattern}"`;
  return `${sign}${node.bound}:${new Date(node.at).toISOString()}`;
}

const tree = (text: string) => shape(parse(text).root);

function syntaxError(text: string): QuerySyntaxError {
  const result = parseQuery(text, NOW);
  if (result.ok)
    throw new Error(`expected a syntax error for ${text}: ${shape(result.query.root)}`);
  return result.error;
}

describe('parseQuery: OR and parentheses', () => {
  it('reads OR between terms, binding looser than terms side by side', () => {
    expect(tree('event:Create* OR event:Delete*')).toBe('or(event:Create* event:Delete*)');
    expect(tree('a b OR c')).toBe('or(and("a" "b") "c")');
    expect(tree('a OR b c')).toBe('or("a" and("b" "c"))');
    expect(tree('a OR b OR c')).toBe('or("a" "b" "c")');
  });

  it('groups with parentheses, spaces around them optional', () => {
    expect(tree('user:KeyHunter (event:Create* OR event:Delete*)')).toBe(
      'and(user:KeyHunter or(event:Create* event:Delete*))',
    );
    expect(tree('(ip:10.0.0.0/8 OR ip:102.88.109.159) -error:*')).toBe(
      'and(or(ip:10.0.0.0/8 ip:102.88.109.159) -error:*)',
    );
    expect(tree('( a OR b )c')).toBe('and(or("a" "b") "c")');
    expect(tree('(a b)')).toBe('and("a" "b")');
    expect(tree('((a))')).toBe('"a"');
    expect(tree('a OR(b)')).toBe('or("a" "b")');
  });

  it('negates a group with - or NOT, and a term with NOT', () => {
    expect(tree('-(event:Get* OR event:List*)')).toBe('-or(event:Get* event:List*)');
    expect(tree('NOT (a OR b) c')).toBe('and(-or("a" "b") "c")');
    expect(tree('NOT user:root')).toBe('-user:root');
    expect(tree('-(user:root)')).toBe('-user:root');
    expect(tree('NOT -x')).toBe('"x"');
    expect(tree('NOT NOT x')).toBe('"x"');
    expect(tree('-(a b)')).toBe('-and("a" "b")');
  });

  it('takes AND as the same as a space', () => {
    expect(tree('a AND b OR c')).toBe(tree('a b OR c'));
    expect(tree('(a OR b) AND c')).toBe('and(or("a" "b") "c")');
  });

  it('reads the operators only in upper case and unquoted: or, "OR" and -OR are words', () => {
    expect(tree('a or b')).toBe('and("a" "or" "b")');
    expect(tree('a "OR" b')).toBe('and("a" "OR" "b")');
    expect(tree(`'AND' -OR ORACLE NOTE`)).toBe('and("AND" -"OR" "ORACLE" "NOTE")');
    expect(tree('user:OR')).toBe('user:OR');
  });
});

describe('parseQuery: comma lists', () => {
  it('reads a field value with commas as any of the values', () => {
    expect(tree('event:Create*,Delete*')).toBe('or(event:Create* event:Delete*)');
    expect(tree('user:KeyHunter event:Create*,Delete*,Put*')).toBe(
      'and(user:KeyHunter or(event:Create* event:Delete* event:Put*))',
    );
    expect(tree('ip:10.0.0.0/8,102.88.109.159')).toBe('or(ip:10.0.0.0/8 ip:102.88.109.159)');
  });

  it('negates a comma list as a whole: none of the values', () => {
    expect(tree('-event:Get*,List*')).toBe('-or(event:Get* event:List*)');
    const root = parse('-event:Get*,List*').root;
    expect(isGroup(root) && root.children.map((child) => child.text)).toEqual([
      'event:Get*',
      'event:List*',
    ]);
  });

  it('keeps a comma inside quotes, and quotes values of a list one by one', () => {
    expect(tree('resource:"a,b"')).toBe('resource:a,b');
    expect(tree(`resource:"Threat Intelligence.docx",'x,y',z`)).toBe(
      'or(resource:Threat Intelligence.docx resource:x,y resource:z)',
    );
  });

  it('keeps commas in bare words and in ARNs', () => {
    expect(tree('a,b')).toBe('"a,b"');
    expect(tree('arn:aws:iam::1:user/a,b')).toBe('"arn:aws:iam::1:user/a,b"');
  });

  it('reads a list inside a group, an OR of OR as one OR', () => {
    expect(tree('(event:Create*,Delete* OR source:iam*) -error:*')).toBe(
      'and(or(event:Create* event:Delete* source:iam*) -error:*)',
    );
    expect(tree('(-event:Get*,List* OR source:iam*)')).toBe(
      'or(-or(event:Get* event:List*) source:iam*)',
    );
  });
});

describe('parseQuery: errors in the new shapes name the bad part', () => {
  const at = (text: string) => {
    const { term, start, end, message } = syntaxError(text);
    expect(text.slice(start, end), text).toBe(term);
    return { term, message };
  };

  it('an unbalanced parenthesis', () => {
    expect(syntaxError('user:x (a OR b')).toEqual({
      message: 'unclosed "(" in "(a OR b"',
      term: '(a OR b',
      start: 7,
      end: 14,
    });
    expect(syntaxError('a OR b) c')).toEqual({
      message: 'unmatched ")" (quote a value that holds one)',
      term: ')',
      start: 6,
      end: 7,
    });
    expect(at('((a)').term).toBe('((a)');
    expect(at(')').term).toBe(')');
  });

  it('a dangling OR, AND or NOT', () => {
    expect(syntaxError('event:Create* OR')).toEqual({
      message: 'OR needs a term on each side (quote "OR" to search for the word)',
      term: 'OR',
      start: 14,
      end: 16,
    });
    for (const text of ['OR a', 'a OR OR b', '(a OR) b', '(OR a)', 'a OR ']) {
      expect(at(text), text).toMatchObject({ term: 'OR' });
    }
    for (const text of ['AND a', 'a AND', 'a AND OR b']) {
      expect(at(text), text).toMatchObject({ term: 'AND' });
    }
    expect(at('a NOT').message).toBe(
      'NOT needs a term after it (quote "NOT" to search for the word)',
    );
  });

  it('an empty group', () => {
    expect(syntaxError('a () b')).toEqual({
      message: 'empty group "()"',
      term: '()',
      start: 2,
      end: 4,
    });
    expect(at('-( )').term).toBe('-( )');
  });

  it('an empty alternative', () => {
    for (const text of ['event:A,,B', 'event:A,', 'event:,A', 'x -event:A, y']) {
      expect(at(text).message, text).toMatch(/^empty alternative in "-?event:/);
    }
  });

  it('a list where one value is wanted, and a bad value in a list', () => {
    expect(at('after:1h,2h').message).toBe('after: takes one time, not a list: "after:1h,2h"');
    expect(at('ip:10.0.0.0/8,1.2.3.4/99').message).toBe(
      '"1.2.3.4/99" in "ip:10.0.0.0/8,1.2.3.4/99" is not a CIDR range (use 10.0.0.0/8)',
    );
    expect(at('resource:b,"a"c').message).toBe(
      'text after the closing quote in "resource:b,\\"a\\"c"',
    );
  });

  it('a field value written as a group', () => {
    expect(at('user:(a OR b)')).toMatchObject({
      term: 'user:(a',
      message: expect.stringMatching(/a value cannot start with "\("/) as string,
    });
  });
});

describe('parseQuery: bounded work', () => {
  it(`refuses parentheses nested deeper than ${MAX_DEPTH}`, () => {
    const nested = (depth: number) => `${'('.repeat(depth)}a${')'.repeat(depth)}`;
    expect(tree(nested(MAX_DEPTH))).toBe('"a"');
    expect(syntaxError(nested(MAX_DEPTH + 1)).message).toBe(
      `parentheses nested deeper than ${MAX_DEPTH}`,
    );
    // A hostile paste ends in an error, not a stack overflow, and quickly.
    const started = performance.now();
    expect(syntaxError('('.repeat(200_000)).message).toMatch(/nested deeper/);
    expect(syntaxError('-('.repeat(200_000)).message).toMatch(/nested deeper/);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it(`refuses more than ${MAX_TERMS} terms, counting each value of a list`, () => {
    const words = (count: number) => Array.from({ length: count }, (_, i) => `w${i}`);
    expect(parseQuery(words(MAX_TERMS).join(' OR ')).ok).toBe(true);
    expect(syntaxError(words(MAX_TERMS + 1).join(' ')).message).toBe(
      `too many terms at "w${MAX_TERMS}" (at most ${MAX_TERMS})`,
    );
    expect(syntaxError(`event:${words(MAX_TERMS + 1).join(',')}`).message).toMatch(
      /too many terms/,
    );
  });

  it('reads a long run of NOTs without recursing', () => {
    expect(tree(`${'NOT '.repeat(20_001)}x`)).toBe('-"x"');
  });
});

describe('the bench', () => {
  it('times queries that parse, one of them with OR and a list', () => {
    for (const text of BENCH_QUERIES) expect(parseQuery(text).ok, text).toBe(true);
    expect(BENCH_QUERIES.some((text) => / OR /.test(text) && /:[^ ]*,/.test(text))).toBe(true);
  });
});

describe('requiredTerms: what every match satisfies', () => {
  const required = (text: string) => requiredTerms(parse(text)).map(shape);

  it('takes the terms reached through AND alone', () => {
    expect(required('user:KeyHunter (event:Create* OR event:Delete*) -error:*')).toEqual([
      'user:KeyHunter',
      '-error:*',
    ]);
    expect(required('user:KeyHunter')).toEqual(['user:KeyHunter']);
    expect(required('user:a OR user:b')).toEqual([]);
    expect(required('user:a,b')).toEqual([]);
    expect(required('-(user:a event:b)')).toEqual([]);
    expect(required('(user:a event:b) (c OR d)')).toEqual(['user:a', 'event:b']);
  });
});

describe('describeQuery: OR, groups and lists', () => {
  it('writes a normal form', () => {
    const cases: [string, string][] = [
      ['event:Create* OR event:Delete*', 'event:Create*,Delete*'],
      [
        'user:KeyHunter (event:Create*  OR source:iam*)',
        'user:KeyHunter (event:Create* OR source:iam*)',
      ],
      ['a b OR c', 'a b OR c'],
      ['NOT (a OR b)', '-(a OR b)'],
      ['-(a b) c', '-(a b) c'],
      ['-event:Get*,List*', '-event:Get*,List*'],
      ['resource:"a,b",c', 'resource:"a,b",c'],
      ['"OR" "(x" "a)"', '"OR" "(x" "a)"'],
    ];
    for (const [text, normal] of cases) expect(describeQuery(parse(text)), text).toBe(normal);
  });

  it('writes what parses back to the same tree', () => {
    const strip = (node: Node): unknown => {
      const { text: _, ...rest } = node;
      return isGroup(node) ? { ...rest, children: node.children.map(strip) } : rest;
    };
    for (const text of [
      '(ip:10.0.0.0/8 OR ip:102.88.109.159) -error:*',
      'user:KeyHunter (event:Create* OR -(event:Delete* OR "AND")) after:1h',
      `resource:"x,y",'a b' OR "NOT" OR 'c)' user:"(odd"`,
      'NOT NOT (a OR (b c OR d))',
    ]) {
      const query = parse(text);
      expect(strip(parse(describeQuery(query)).root), text).toEqual(strip(query.root));
    }
  });
});

describe('the plain evaluation of OR, groups and lists', () => {
  const base: EventFields = {
    eventName: 'CreateUser',
    eventSource: 'iam.amazonaws.com',
    region: 'us-east-1',
    account: '111122223333',
    sourceIp: '102.88.109.159',
    userAgent: 'aws-cli/2.15.0',
    principal: 'KeyHunter',
    principalArn: 'arn:aws:iam::111122223333:user/KeyHunter',
    identityType: 'IAMUser',
    accessKeyId: 'AKIAEXAMPLE',
    error: '',
    resources: '',
    bucket: '',
    eventId: 'e-1',
    time: NOW - 60_000,
  };
  const event = (fields: Partial<EventFields>) => ({ ...base, ...fields });
  const matches = (text: string, fields: Partial<EventFields> = {}) =>
    holds(parse(text).root, event(fields));

  it('matches any of the alternatives', () => {
    for (const text of ['event:Create* OR event:Delete*', 'event:Create*,Delete*']) {
      expect(matches(text), text).toBe(true);
      expect(matches(text, { eventName: 'DeleteUser' }), text).toBe(true);
      expect(matches(text, { eventName: 'ListUsers' }), text).toBe(false);
    }
  });

  it('applies AND inside an OR and negation to the whole group', () => {
    expect(matches('user:nobody OR user:KeyHunter event:Create*')).toBe(true);
    expect(matches('(user:nobody OR user:KeyHunter) event:Delete*')).toBe(false);
    expect(matches('-(event:Get* OR event:List*)')).toBe(true);
    expect(matches('-event:Get*,Create*')).toBe(false);
    expect(matches('(ip:10.0.0.0/8 OR ip:102.88.109.159) -error:*')).toBe(true);
    expect(
      matches('(ip:10.0.0.0/8 OR ip:102.88.109.159) -error:*', { error: 'AccessDenied' }),
    ).toBe(false);
  });
});
