/**
 * What the suspects did: the rows of the index that belong on an incident's timeline once the
 * analyst has marked principals, addresses or keys, and the role sessions they pivoted into.
 *
 * A marked principal is usually a real person's account that the attacker borrowed: its owner's
 * own days of work are not the incident. So when an address or a key is marked too, those are
 * the attacker's fingerprints ("anchors"), and the principal's events count only inside the
 * anchors' time span; a principal marked alone brings all of its events.
 *
 * A pivot is a session the suspects opened: an AssumeRole (or GetFederationToken,
 * GetSessionToken…) made by a suspect returns an access key, and every call signed with that key
 * is the same actor, whatever address it comes from. Sessions opened from those sessions are
 * followed too (role chaining). When the response carries no key (a trail that redacts it), the
 * session is found by its name (`role/session`) within the credentials' lifetime.
 */
import type { IndexView } from '../../index/index-view.js';
import { isQualified } from '../../index/accounts.js';
import { splitQualified } from '../../trail/account-name.js';
import type { RawRecord, TextField } from '../../trail/event.js';
import { asObject, asText } from '../../trail/fields.js';
import type { Suspect } from '../model.js';

/** Calls whose response hands out new credentials: the ways an actor becomes another session. */
const CREDENTIAL_CALLS = new Set([
  'AssumeRole',
  'AssumeRoleWithSAML',
  'AssumeRoleWithWebIdentity',
  'GetFederationToken',
  'GetSessionToken',
]);

/** Role chains longer than this are not followed (AWS itself caps chained sessions at one hour). */
const MAX_HOPS = 8;

/** STS's default session lifetime, used when the request does not say. */
const DEFAULT_SESSION_MS = 3600_000;

export interface ReportPivot {
  /** ISO UTC of the call that opened the session. */
  time: string;
  /** Who opened it (a suspect, or a session pivoted into earlier). */
  from: string;
  /** The call: AssumeRole, GetFederationToken, … */
  via: string;
  /** The role's ARN, when the call named one. */
  roleArn: string;
  /** The principal the session's events carry (`ops-admin/KeyHunter`); '' when it made none. */
  principal: string;
  /** The access key the call returned ('' when the trail does not show it). */
  accessKeyId: string;
  /** How many events the session made. */
  events: number;
}

export interface SuspectRows {
  /** Rows of the index, in time order. */
  rows: number[];
  pivots: ReportPivot[];
}

type ReadRows = (
  rows: Uint32Array,
  onRecord: (row: number, record: RawRecord) => void,
) => Promise<unknown>;

function idsOf(index: IndexView, field: TextField, values: Iterable<string>): Set<number> {
  const wanted = new Set([...values].filter((value) => value !== ''));
  const ids = new Set<number>();
  if (wanted.size === 0) return ids;
  // ACCOUNT/name values (several accounts): a suspect marked by its bare name (a case from
  // before the second account came) still brings its events, in every account.
  const qualified = field === 'principal' && isQualified(index);
  index.dictionary(field).values.forEach((value, id) => {
    if (wanted.has(value) || (qualified && wanted.has(splitQualified(value).name))) ids.add(id);
  });
  return ids;
}

/** `arn:aws:iam::1:role/path/ops-admin` → `ops-admin`. */
function roleName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

export async function suspectRows(
  index: IndexView,
  suspects: readonly Suspect[],
  readRows: ReadRows | undefined,
): Promise<SuspectRows> {
  const valuesOf = (kind: Suspect['kind']) =>
    suspects.filter((suspect) => suspect.kind === kind).map((suspect) => suspect.value);
  const principalIds = idsOf(index, 'principal', valuesOf('principal'));
  const ipIds = idsOf(index, 'sourceIp', valuesOf('ip'));
  const keyIds = idsOf(index, 'accessKeyId', valuesOf('key'));
  const order = index.order();
  const principals = index.column('principal');
  const ips = index.column('sourceIp');
  const keys = index.column('accessKeyId');
  const times = index.times;

  const chosen = new Set<number>();
  let from = -Infinity;
  let to = Infinity;
  if (ipIds.size > 0 || keyIds.size > 0) {
    from = Infinity;
    to = -Infinity;
    for (const row of order)
      if (ipIds.has(ips[row]!) || keyIds.has(keys[row]!)) {
        chosen.add(row);
        from = Math.min(from, times[row]!);
        to = Math.max(to, times[row]!);
      }
    // Addresses or keys marked but never seen: the principal is all there is to go on.
    if (chosen.size === 0) [from, to] = [-Infinity, Infinity];
  }
  if (principalIds.size > 0)
    for (const row of order) {
      const time = times[row]!;
      if (principalIds.has(principals[row]!) && time >= from && time <= to) chosen.add(row);
    }

  const pivots: ReportPivot[] = [];
  if (readRows) await followPivots(index, chosen, readRows, pivots);
  const rows = order.filter((row) => chosen.has(row));
  return { rows: [...rows], pivots };
}

/** Adds the sessions opened from `chosen` rows to it, hop by hop, and lists them in `pivots`. */
async function followPivots(
  index: IndexView,
  chosen: Set<number>,
  readRows: ReadRows,
  pivots: ReportPivot[],
): Promise<void> {
  const names = index.column('eventName');
  const errors = index.column('error');
  const nameIds = idsOf(index, 'eventName', CREDENTIAL_CALLS);
  const noError = index.dictionary('error').values.indexOf('');
  const examined = new Set<number>();
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const calls = [...chosen].filter(
      (row) => !examined.has(row) && nameIds.has(names[row]!) && errors[row] === noError,
    );
    if (calls.length === 0) return;
    calls.forEach((row) => examined.add(row));
    const opened: { row: number; record: RawRecord }[] = [];
    await readRows(Uint32Array.from(calls).sort(), (row, record) => opened.push({ row, record }));
    opened.sort((a, b) => index.time(a.row) - index.time(b.row));
    const sessions = opened.map(({ row, record }) => sessionOf(index, row, record));
    // One pass over the trail per hop, however many sessions were opened in it.
    const byKey = new Map<string, number[]>();
    const byName = new Map<string, number[]>();
    sessions.forEach((session, at) => {
      const [map, value] = session.key ? [byKey, session.key] : [byName, session.name];
      if (value) map.set(value, [...(map.get(value) ?? []), at]);
    });
    const sessionKeyIds = dictionaryIds(index, 'accessKeyId', byKey);
    const sessionNameIds = dictionaryIds(index, 'principal', byName);
    const keys = index.column('accessKeyId');
    const principals = index.column('principal');
    const found = sessions.map(() => [] as number[]);
    for (const row of index.order()) {
      for (const at of sessionKeyIds.get(keys[row]!) ?? []) found[at]!.push(row);
      for (const at of sessionNameIds.get(principals[row]!) ?? []) {
        const time = index.time(row);
        if (time >= sessions[at]!.start && time <= sessions[at]!.end) found[at]!.push(row);
      }
    }
    sessions.forEach((session, at) => {
      const rows = found[at]!;
      rows.forEach((other) => chosen.add(other));
      pivots.push({
        time: new Date(session.start).toISOString(),
        from: index.value(session.row, 'principal'),
        via: index.value(session.row, 'eventName'),
        roleArn: session.roleArn,
        principal: rows.length > 0 ? index.value(rows[0]!, 'principal') : '',
        accessKeyId: session.key,
        events: rows.length,
      });
    });
  }
}

interface OpenedSession {
  row: number;
  /** The access key the call returned, '' when the trail does not show it. */
  key: string;
  roleArn: string;
  /** `role/session` as the session's events name it, for when the key is not shown. */
  name: string;
  start: number;
  end: number;
}

function sessionOf(index: IndexView, row: number, record: RawRecord): OpenedSession {
  const request = asObject(record.requestParameters);
  const response = asObject(record.responseElements);
  const roleArn = asText(request?.roleArn);
  const sessionName = asText(request?.roleSessionName);
  const duration = Number(request?.durationSeconds);
  const start = index.time(row);
  return {
    row,
    key: asText(asObject(response?.credentials)?.accessKeyId),
    roleArn,
    name: roleArn && sessionName ? `${roleName(roleArn)}/${sessionName}` : '',
    start,
    end: start + (Number.isFinite(duration) && duration > 0 ? duration * 1000 : DEFAULT_SESSION_MS),
  };
}

/** Dictionary id → what `byValue` lists for that id's value, in one pass over the dictionary. */
function dictionaryIds(
  index: IndexView,
  field: TextField,
  byValue: Map<string, number[]>,
): Map<number, number[]> {
  const ids = new Map<number, number[]>();
  if (byValue.size === 0) return ids;
  // Where principals carry their accounts (ACCOUNT/role/session), a session opened by name is
  // that name in whichever account (its time window still bounds it).
  const qualified = field === 'principal' && isQualified(index);
  index.dictionary(field).values.forEach((value, id) => {
    const listed =
      byValue.get(value) ?? (qualified ? byValue.get(splitQualified(value).name) : undefined);
    if (listed) ids.set(id, listed);
  });
  return ids;
}
