import { describe, expect, it } from 'vitest';
import { resourceParts, roleArnOf } from '../../../source/index/profile/resource-parts.js';
import { TextRangeTable } from '../../../source/index/profile/text-range-table.js';
import { topSlots } from '../../../source/index/profile/top-slots.js';
import { keyKind } from '../../../source/index/profile/key-kind.js';
import {
  classifyAccessDenied,
  classifyEventName,
  CONSOLE_LOGIN,
  IAM_WRITE,
} from '../../../source/index/profile/event-kinds.js';

describe('TextRangeTable', () => {
  it('names equal substrings of different strings alike, and keeps growing', () => {
    const table = new TextRangeTable();
    const a = table.intern('x\nbucket/key', 2, 12);
    const b = table.intern('bucket/key', 0, 10);
    expect(a).toBe(b);
    expect(table.text(a)).toBe('bucket/key');
    const ids = Array.from({ length: 5000 }, (_, i) => table.intern(`p-${i}`, 0, `p-${i}`.length));
    expect(new Set(ids).size).toBe(5000);
    expect(table.intern('p-4321', 0, 6)).toBe(ids[4321]);
    expect(table.text(ids[4999]!)).toBe('p-4999');
    expect(table.size).toBe(5001);
  });

  it('tells apart long parts that differ only where the hash does not look', () => {
    const table = new TextRangeTable();
    const name = (i: number) =>
      `bucket/logs/${String(i).padStart(6, '0')}/0123456789abcdef.json.gz`;
    const ids = Array.from({ length: 300 }, (_, i) => table.intern(name(i), 0, name(i).length));
    expect(new Set(ids).size).toBe(300);
    expect(ids.map((id) => table.text(id))).toEqual(ids.map((_, i) => name(i)));
    expect(table.intern(`x\n${name(7)}`, 2, name(7).length + 2)).toBe(ids[7]);
  });
});

describe('topSlots', () => {
  it('gives the same best slots with a bounded heap as with a full sort', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 101);
    const before = (a: number, b: number) =>
      values[a] !== values[b] ? values[a]! > values[b]! : a < b;
    const all = topSlots(values.length, values.length, before);
    expect(topSlots(values.length, 25, before)).toEqual(all.slice(0, 25));
    expect(topSlots(values.length, 0, before)).toEqual([]);
  });
});

describe('resource parts', () => {
  it('splits, shows S3 ARNs as bucket/key and drops repeats', () => {
    expect(resourceParts('arn:aws:s3:::b/k\narn:aws:s3:::b\nb/k')).toEqual(['b/k', 'b']);
    expect(resourceParts('arn:aws-cn:s3:::b')).toEqual(['b']);
    expect(resourceParts('arn:aws:iam::1:role/x')).toEqual(['arn:aws:iam::1:role/x']);
    expect(resourceParts('')).toEqual([]);
  });

  it('finds the role ARN among an AssumeRole call’s resources', () => {
    expect(roleArnOf(['arn:aws:kms:us-east-1:1:key/k', 'arn:aws:iam::1:role/ops'])).toBe(
      'arn:aws:iam::1:role/ops',
    );
    expect(roleArnOf([])).toBe('');
  });
});

describe('classifiers', () => {
  it('tells key kinds, IAM writes and denials apart', () => {
    expect([keyKind('AKIAX'), keyKind('ASIAX'), keyKind('')]).toEqual([
      'long-term',
      'temporary',
      'other',
    ]);
    expect(classifyEventName('ConsoleLogin') & CONSOLE_LOGIN).toBe(CONSOLE_LOGIN);
    for (const name of ['CreateUser', 'PutRolePolicy', 'TagUser', 'DetachUserPolicy'])
      expect(classifyEventName(name) & IAM_WRITE).toBe(IAM_WRITE);
    for (const name of ['GetUser', 'ListUsers', 'GenerateCredentialReport', 'Created'])
      expect(classifyEventName(name) & IAM_WRITE).toBe(0);
    for (const code of [
      'AccessDenied',
      'AccessDeniedException',
      'Client.UnauthorizedOperation',
      'UnauthorizedOperation',
      'AuthorizationError',
    ])
      expect(classifyAccessDenied(code)).toBe(1);
    for (const code of ['NoSuchKey', 'ThrottlingException', 'Failed authentication', ''])
      expect(classifyAccessDenied(code)).toBe(0);
  });
});
