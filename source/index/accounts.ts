import { accountOfArn, isAccountId, qualifyName } from '../trail/account-name.js';
import type { TextField } from '../trail/event.js';
import type { DictionaryView, IndexView } from './index-view.js';
import { PairMap } from './pair-map.js';

/** One account's share of the trail (the account column: recipientAccountId). */
export interface AccountCount {
  account: string;
  events: number;
}

interface Tally {
  size: number;
  counts: AccountCount[];
}

const tallies = new WeakMap<IndexView, Tally>();

/**
 * Events per account with at least one event, most first (ties by account): what decides
 * whether the account is shown at all. Remembered until the index grows (rows are only added).
 */
export function accountCounts(index: IndexView): AccountCount[] {
  const known = tallies.get(index);
  if (known && known.size === index.size) return known.counts;
  const values = index.dictionary('account').values;
  const per = new Uint32Array(values.length);
  const column = index.column('account');
  for (let row = 0; row < index.size; row++) per[column[row]!]!++;
  const counts: AccountCount[] = [];
  for (let id = 0; id < per.length; id++)
    if (per[id]! > 0 && values[id] !== '') counts.push({ account: values[id]!, events: per[id]! });
  counts.sort((a, b) => b.events - a.events || (a.account < b.account ? -1 : 1));
  tallies.set(index, { size: index.size, counts });
  return counts;
}

/**
 * The accounts loaded (the account column's values): read from the dictionary, which holds
 * only values of events loaded, so asking costs nothing per row, even while a trail loads.
 */
export function loadedAccounts(index: IndexView): string[] {
  return index.dictionary('account').values.filter((value) => value !== '');
}

/** Whether the trail holds more than one account: only then is the account shown. */
export function isMultiAccount(index: IndexView): boolean {
  const values = index.dictionary('account').values;
  let seen = 0;
  for (let id = 0; id < values.length && seen < 2; id++) if (values[id] !== '') seen++;
  return seen > 1;
}

/**
 * How many trailing digits tell the loaded accounts apart, at least 4: a narrow stream shows
 * `…3333` for 111122223333, and more digits only when two accounts end alike.
 */
export function accountSuffixLength(accounts: readonly string[], least = 4): number {
  const longest = accounts.reduce((most, account) => Math.max(most, account.length), 0);
  for (let length = least; length < longest; length++) {
    const seen = new Set(accounts.map((account) => account.slice(-length)));
    if (seen.size === accounts.length) return length;
  }
  return Math.max(least, longest);
}

/**
 * The account each principal dictionary value belongs to, per row: the account in the
 * principal's ARN (a user of account A calling into B is logged in B's trail, and is A's user),
 * else the row's account. '' when neither is an account id.
 */
function ownerIds(index: IndexView): { ids: Int32Array; owners: string[] } {
  const owners: string[] = [];
  const byAccount = new Map<string, number>();
  const idOf = (account: string): number => {
    if (!isAccountId(account)) return -1;
    let id = byAccount.get(account);
    if (id === undefined) byAccount.set(account, (id = owners.push(account) - 1));
    return id;
  };
  const fromArn = Int32Array.from(index.dictionary('principalArn').values, (arn) =>
    idOf(accountOfArn(arn)),
  );
  const fromAccount = Int32Array.from(index.dictionary('account').values, idOf);
  const arns = index.column('principalArn');
  const accounts = index.column('account');
  const ids = new Int32Array(index.size);
  for (let row = 0; row < index.size; row++) {
    const owner = fromArn[arns[row]!]!;
    ids[row] = owner >= 0 ? owner : fromAccount[accounts[row]!]!;
  }
  return { ids, owners };
}

const arnOwners = new WeakMap<IndexView, string[]>();

/**
 * The account a row's principal belongs to: its ARN's account, else the row's own account;
 * '' when neither is an account id. Per distinct ARN, not per row (remembered as ARNs arrive).
 */
export function principalAccountOf(index: IndexView): (row: number) => string {
  const arnValues = index.dictionary('principalArn').values;
  let table = arnOwners.get(index);
  if (!table || table.length !== arnValues.length) {
    const known = table ?? [];
    table = arnValues.map((arn, id) => known[id] ?? accountOfArn(arn));
    arnOwners.set(index, table);
  }
  const owners = table;
  const arns = index.column('principalArn');
  const accounts = index.column('account');
  const accountValues = index.dictionary('account').values;
  return (row) => {
    const owner = owners[arns[row]!]!;
    if (owner !== '') return owner;
    const account = accountValues[accounts[row]!]!;
    return isAccountId(account) ? account : '';
  };
}

class QualifiedDictionary implements DictionaryView {
  constructor(readonly values: readonly string[]) {}
  get size(): number {
    return this.values.length;
  }
  value(id: number): string {
    return this.values[id] ?? '';
  }
}

/** An index whose principal column names each principal with its account. */
class QualifiedIndex implements IndexView {
  readonly size: number;
  private readonly rows: Uint32Array;

  constructor(
    private readonly base: IndexView,
    private readonly principals: Uint32Array,
    private readonly names: QualifiedDictionary,
  ) {
    this.size = principals.length;
    this.rows = base.order();
  }

  get times(): Float64Array {
    return this.base.times;
  }
  order(): Uint32Array {
    return this.rows;
  }
  column(field: TextField): Uint32Array {
    return field === 'principal' ? this.principals : this.base.column(field);
  }
  dictionary(field: TextField): DictionaryView {
    return field === 'principal' ? this.names : this.base.dictionary(field);
  }
  time(row: number): number {
    return this.base.time(row);
  }
  value(row: number, field: TextField): string {
    return field === 'principal'
      ? this.names.value(this.principals[row]!)
      : this.base.value(row, field);
  }
  location(row: number): { fileId: number; recordIndex: number } {
    return this.base.location(row);
  }
}

/**
 * The index as detection sees it: where more than one account is loaded (or `force`, for an
 * earlier export learned beside such a trail), each principal is `ACCOUNT/name`, so that
 * `admin` of one account and `admin` of another are two actors, with two baselines, and never
 * one traveller. One account: the index itself, names as they are.
 */
export function qualifiedIndex(index: IndexView, force = false): IndexView {
  if (index instanceof QualifiedIndex || (!force && !isMultiAccount(index))) return index;
  // Profiles ask once per page: the same rows give the same view.
  const known = qualified.get(index);
  if (known && known.size === index.size) return known;
  const made = qualify(index);
  qualified.set(index, made);
  return made;
}

const qualified = new WeakMap<IndexView, QualifiedIndex>();

function qualify(index: IndexView): QualifiedIndex {
  const { ids: owners, owners: accountNames } = ownerIds(index);
  const bare = index.dictionary('principal').values;
  const column = index.column('principal');
  const pairs = new PairMap();
  const values: string[] = [''];
  const principals = new Uint32Array(index.size);
  for (let row = 0; row < index.size; row++) {
    const principal = column[row]!;
    if (principal === 0) continue;
    const owner = owners[row]! + 1;
    let id = pairs.get(principal, owner);
    if (id < 0) {
      id = values.length;
      values.push(
        owner > 0 ? qualifyName(accountNames[owner - 1]!, bare[principal]!) : bare[principal]!,
      );
      pairs.add(principal, owner, id);
    }
    principals[row] = id;
  }
  return new QualifiedIndex(index, principals, new QualifiedDictionary(values));
}

/** One account's share of the events asked about: what `stats` shows per account. */
export interface AccountStats {
  account: string;
  events: number;
  /** Distinct principals that acted in the account (as its trail logged them). */
  principals: number;
  /** Events that failed (an errorCode, or a failed console login). */
  errors: number;
}

/**
 * Events, principals and errors per account over `rows` (all rows when omitted), most events
 * first; rows of no account are left out. One pass over the rows.
 */
export function accountStats(index: IndexView, rows?: Uint32Array): AccountStats[] {
  const values = index.dictionary('account').values;
  const events = new Uint32Array(values.length);
  const errors = new Uint32Array(values.length);
  const principals = new Uint32Array(values.length);
  const seen = new PairMap();
  const accounts = index.column('account');
  const who = index.column('principal');
  const failed = index.column('error');
  const count = rows ? rows.length : index.size;
  for (let i = 0; i < count; i++) {
    const row = rows ? rows[i]! : i;
    const account = accounts[row]!;
    events[account]!++;
    if (failed[row] !== 0) errors[account]!++;
    if (who[row] !== 0 && seen.add(account, who[row]!, 0)) principals[account]!++;
  }
  const out: AccountStats[] = [];
  for (let id = 0; id < values.length; id++)
    if (events[id]! > 0 && values[id] !== '')
      out.push({
        account: values[id]!,
        events: events[id]!,
        principals: principals[id]!,
        errors: errors[id]!,
      });
  return out.sort((a, b) => b.events - a.events || (a.account < b.account ? -1 : 1));
}

/** Whether an index names its principals with their accounts (see qualifiedIndex). */
export function isQualified(index: IndexView): boolean {
  return index instanceof QualifiedIndex;
}
