import { describe, expect, it } from 'vitest';
import {
  accountCounts,
  accountSuffixLength,
  filterRows,
  isMultiAccount,
  qualifiedIndex,
  type EventIndex,
} from '../../source/index/index.js';
import { normalizeRecord } from '../../source/trail/normalize.js';
import { parseQuery } from '../../source/trail/query/index.js';
import { indexOfFields, type FieldsRow } from '../helpers/fields-index.js';
import { ORG, ORG_COUNTS, orgRecords } from '../helpers/org-records.js';
import { iamUser, makeRecord, type TestRecord } from '../helpers/records.js';
import { holds } from '../helpers/query-eval.js';

function indexOf(records: TestRecord[]): EventIndex {
  return indexOfFields(
    records.map((record) => {
      const normalized = normalizeRecord(record);
      if (!normalized.ok) throw new Error(normalized.reason);
      return normalized.fields as FieldsRow;
    }),
  );
}

/** A's KeyHunter calling into B: logged in B's trail, still A's user. */
const intoB = makeRecord({
  userIdentity: iamUser('KeyHunter', ORG.A),
  recipientAccountId: ORG.B,
  eventTime: '2025-05-05T09:30:00Z',
  eventName: 'GetObject',
});

/** Rows (as account/principal/event) the filter keeps; the plain evaluation must agree. */
function kept(index: EventIndex, text: string): string[] {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const order = index.order();
  const rows = [...filterRows(index, parsed.query, order)];
  expect(rows).toEqual([...order].filter((row) => holds(parsed.query.root, index.fields(row))));
  return rows.map((row) => {
    const f = index.fields(row);
    return `${f.account}/${f.principal}/${f.eventName}`;
  });
}

describe('the account in the index', () => {
  const index = indexOf([...orgRecords(), intoB]);

  it('counts events per account, most first', () => {
    expect(accountCounts(index)).toEqual([
      { account: ORG.A, events: ORG_COUNTS[ORG.A].events },
      { account: ORG.B, events: ORG_COUNTS[ORG.B].events + 1 },
      { account: ORG.C, events: ORG_COUNTS[ORG.C].events },
    ]);
    expect(isMultiAccount(index)).toBe(true);
    expect(isMultiAccount(indexOf(orgRecords().slice(0, 1)))).toBe(false);
  });

  it('account: is exact, takes wildcards, lists and negation', () => {
    expect(kept(index, `account:${ORG.C}`)).toHaveLength(3);
    expect(kept(index, 'account:4444*').every((row) => row.startsWith(ORG.B))).toBe(true);
    expect(kept(index, 'account:4444*')).toHaveLength(5);
    expect(kept(index, 'account:4444')).toEqual([]);
    expect(kept(index, `-account:${ORG.A}`)).toHaveLength(8);
    expect(kept(index, `account:${ORG.A},${ORG.C}`)).toHaveLength(9);
    expect(kept(index, `account:*3333 error:*`)).toEqual([`${ORG.A}/KeyHunter/ListUsers`]);
  });

  it('user:ACCOUNT/NAME is that account’s principal, wherever it was logged', () => {
    expect(kept(index, `user:${ORG.B}/KeyHunter`)).toHaveLength(4);
    // A's KeyHunter in B's trail is A's: its ARN says so.
    expect(kept(index, `user:${ORG.A}/KeyHunter`)).toEqual([
      ...Array.from({ length: 6 }, () => expect.stringMatching(new RegExp(`^${ORG.A}/`))),
      `${ORG.B}/KeyHunter/GetObject`,
    ]);
    expect(kept(index, `-user:${ORG.A}/KeyHunter`)).toHaveLength(7);
    expect(kept(index, `user:${ORG.C}/*`)).toHaveLength(3);
    expect(kept(index, 'user:KeyHunter')).toHaveLength(11);
  });

  it('detection names principals with their own account', () => {
    const qualified = qualifiedIndex(index);
    const names = new Set([...index.order()].map((row) => qualified.value(row, 'principal')));
    expect([...names].sort()).toEqual([
      `${ORG.A}/KeyHunter`,
      `${ORG.B}/KeyHunter`,
      `${ORG.C}/deploy`,
      `${ORG.C}/ops`,
    ]);
    // One account: the index as it is.
    const one = indexOf(orgRecords().slice(0, 1));
    expect(qualifiedIndex(one)).toBe(one);
  });

  it('a narrow column shows the digits that tell the accounts apart', () => {
    expect(accountSuffixLength([ORG.A, ORG.B])).toBe(4);
    expect(accountSuffixLength([ORG.A, ORG.B, ORG.C])).toBe(5);
    expect(accountSuffixLength(['111111111111', '211111111111'])).toBe(12);
  });
});
