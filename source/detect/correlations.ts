import type { DetectionContext } from './context.js';
import type { Severity } from './finding.js';
import type { RuleHit, RuleInfo } from './rule.js';
import { newValueRows } from './rules/novelty.js';

/** Chains across events: what no single event shows. */

const CHAIN_WINDOW_MS = 60 * 60_000;
const DISCOVERY = /^(List|Describe|GetCallerIdentity|GetBucket|GetAccount)/;
const IAM_WRITE = /^(Create|Attach|Put|Add|Update|Delete|Detach|Remove|Upload)/;
const S3_ACCESS = /^(GetObject|PutObject|ListObjects|DeleteObject|CopyObject|ListObjectVersions)/;

export interface Correlation extends RuleInfo {
  needsFacts: boolean;
  run(context: DetectionContext): RuleHit[];
}

function isIamWrite(context: DetectionContext, row: number): boolean {
  return (
    context.value(row, 'eventSource') === 'iam.amazonaws.com' &&
    IAM_WRITE.test(context.value(row, 'eventName')) &&
    context.value(row, 'error') === ''
  );
}

/** Looking after one's own credentials is housekeeping, not an attack step. */
const SELF_SERVICE = new Set([
  'CreateAccessKey',
  'UpdateAccessKey',
  'DeleteAccessKey',
  'ChangePassword',
  'CreateVirtualMFADevice',
  'EnableMFADevice',
  'ResyncMFADevice',
  'UploadSSHPublicKey',
]);

function isSelfService(context: DetectionContext, row: number): boolean {
  if (!SELF_SERVICE.has(context.operation(row))) return false;
  const target = context.value(row, 'resources').split('\n')[0];
  return !target || target === context.value(row, 'principal');
}

const FAILED_LOOKBACK_MS = 15 * 60_000;

/** Position of the first of time-ordered `rows` later than `time`. */
function firstAfter(context: DetectionContext, rows: readonly number[], time: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (context.time(rows[middle]!) <= time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Failed sign-in times by principal and address, to ask "did this login follow failures?". */
function failedLogins(context: DetectionContext, logins: Uint32Array): Map<string, number[]> {
  const failed = new Map<string, number[]>();
  for (const row of logins) {
    if (loginSucceeded(context, row)) continue;
    const key = `${context.id(row, 'principal')}:${context.id(row, 'sourceIp')}`;
    const times = failed.get(key) ?? [];
    times.push(context.time(row));
    failed.set(key, times);
  }
  return failed;
}

function failedBefore(
  context: DetectionContext,
  failed: Map<string, number[]>,
  login: number,
): boolean {
  const times = failed.get(`${context.id(login, 'principal')}:${context.id(login, 'sourceIp')}`);
  const at = context.time(login);
  return times?.some((time) => time <= at && time >= at - FAILED_LOOKBACK_MS) ?? false;
}

/** The address is in a country none of the earlier, located addresses were in. */
function newCountry(context: DetectionContext, ip: string, earlier: readonly string[]): boolean {
  const country = context.ip(ip).country;
  const known = earlier.map((other) => context.ip(other).country).filter(Boolean);
  return country !== undefined && known.length > 0 && !known.includes(country);
}

function loginSucceeded(context: DetectionContext, row: number): boolean {
  const outcome = context.facts(row)?.outcome;
  return outcome ? outcome === 'Success' : context.value(row, 'error') === '';
}

const consoleChain: Correlation = {
  id: 'chain-login-discovery-access',
  title: 'Console login, then discovery, then data access or IAM changes from the same address',
  severity: 'high',
  techniques: ['T1078.004', 'T1619', 'T1530', 'T1098'],
  why: 'The compromised-user story in one line: sign in, look around, take or change something.',
  needsFacts: true,
  run(context) {
    const attempts = context.rowsOf(['ConsoleLogin']);
    const failed = failedLogins(context, attempts);
    const logins = Uint32Array.from(attempts.filter((row) => loginSucceeded(context, row)));
    if (logins.length === 0) return [];
    const fromNewAddress = new Map(
      newValueRows(context, logins, 'sourceIp').map((novelty) => [novelty.row, novelty]),
    );
    const who = new Set([...logins].map((row) => context.value(row, 'principal')));
    const byPrincipal = context.groupBy(
      context.rowsWhere('principal', (name) => who.has(name)),
      'principal',
    );
    const discoveryNames = context.valueTable('eventName', (name) => DISCOVERY.test(name));
    const accessNames = context.valueTable('eventName', (name) => S3_ACCESS.test(name));
    const names = context.index.column('eventName');
    const ips = context.index.column('sourceIp');
    const times = context.index.times;
    const hits: RuleHit[] = [];
    for (const login of logins) {
      const principal = context.id(login, 'principal');
      const ip = context.id(login, 'sourceIp');
      const start = context.time(login);
      const discovery: number[] = [];
      const access: number[] = [];
      let iamWrites = 0;
      const rows = byPrincipal.get(principal) ?? [];
      for (let i = firstAfter(context, rows, start); i < rows.length; i++) {
        const row = rows[i]!;
        const time = times[row]!;
        if (time - start > CHAIN_WINDOW_MS) break;
        if (ips[row] !== ip) continue;
        const name = names[row]!;
        const iamWrite =
          discovery.length > 0 && isIamWrite(context, row) && !isSelfService(context, row);
        if (discovery.length > 0 && (iamWrite || accessNames[name] === 1)) {
          access.push(row);
          if (iamWrite) iamWrites++;
        } else if (access.length === 0 && discoveryNames[name] === 1) {
          discovery.push(row);
        }
      }
      if (discovery.length === 0 || access.length === 0) continue;
      const novelty = fromNewAddress.get(login);
      const newAddress = novelty !== undefined;
      // Signing in, listing and reading is also an ordinary working day, even from a hotel.
      // What makes it the compromise story is how the login looks and what follows it.
      const signals =
        Number(newAddress) +
        Number(novelty !== undefined && newCountry(context, novelty.value, novelty.earlier)) +
        Number(context.facts(login)?.mfa === 'no') +
        Number(failedBefore(context, failed, login)) +
        2 * Number(iamWrites > 0);
      if (signals < 2 || (!newAddress && iamWrites === 0)) continue;
      const severity: Severity = signals >= 3 ? 'critical' : 'high';
      // An object read tells the story better than the listing before it.
      const firstAccess =
        access.find((row) => context.operation(row) === 'GetObject') ?? access[0]!;
      const name = context.value(login, 'principal');
      hits.push({
        principal: name,
        rows: [login, ...discovery.slice(0, 20), ...access.slice(0, 20)],
        severity,
        summary: `${name} signed in from ${newAddress ? 'new address ' : ''}${context.value(login, 'sourceIp')}, then ${context.value(discovery[0]!, 'eventName')}, then ${context.value(firstAccess, 'eventName')}${context.value(firstAccess, 'resources') ? ` ${context.value(firstAccess, 'resources').split('\n')[0]}` : ''}${iamWrites > 0 ? ` and ${iamWrites} IAM change(s)` : ''}`,
      });
    }
    return hits;
  },
};

const keyUsedElsewhere: Correlation = {
  id: 'key-created-then-used-elsewhere',
  title: 'Access key created, then used from a different address',
  severity: 'high',
  techniques: ['T1098.001'],
  why: 'A key made in one place and used from another was made for someone else to use.',
  needsFacts: true,
  run(context) {
    const created = new Map<string, number>();
    for (const row of context.rowsOf(['CreateAccessKey'])) {
      const key = context.facts(row)?.createdKey;
      if (key) created.set(key, row);
    }
    if (created.size === 0) return [];
    const uses = context.rowsWhere('accessKeyId', (key) => created.has(key));
    const hits: RuleHit[] = [];
    for (const rows of context.groupBy(uses, 'accessKeyId').values()) {
      const key = context.value(rows[0]!, 'accessKeyId');
      const creation = created.get(key)!;
      const elsewhere = rows.filter(
        (row) =>
          context.time(row) >= context.time(creation) &&
          context.isAddress(row) &&
          context.id(row, 'sourceIp') !== context.id(creation, 'sourceIp'),
      );
      if (elsewhere.length === 0) continue;
      hits.push({
        principal: context.value(creation, 'principal'),
        rows: [creation, ...elsewhere.slice(0, 50)],
        summary: `${context.value(creation, 'principal')} created ${key} from ${context.value(creation, 'sourceIp')}; ${context.value(elsewhere[0]!, 'principal')} used it from ${context.value(elsewhere[0]!, 'sourceIp')}`,
      });
    }
    return hits;
  },
};

const newAddressIamWrite: Correlation = {
  id: 'new-address-first-action-iam-write',
  title: 'First action from a new address is an IAM change',
  severity: 'high',
  techniques: ['T1098', 'T1078.004'],
  why: 'Someone who arrives from a new place and goes straight to IAM knows what they came for.',
  needsFacts: false,
  run(context) {
    const writes = Uint32Array.from(
      context
        .rowsWhere('eventSource', (source) => source === 'iam.amazonaws.com')
        .filter((row) => isIamWrite(context, row)),
    );
    return newValueRows(context, writes, 'sourceIp')
      .filter((novelty) => novelty.firstSeen === context.time(novelty.row))
      .map((novelty) => ({
        principal: context.value(novelty.row, 'principal'),
        rows: [novelty.row],
        summary: `${context.value(novelty.row, 'eventName')} ${novelty.summary}`,
      }));
  },
};

export const CORRELATIONS: readonly Correlation[] = [
  consoleChain,
  keyUsedElsewhere,
  newAddressIamWrite,
];
