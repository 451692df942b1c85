import type { DetectionContext } from './context.js';
import type { Severity } from './finding.js';
import type { RuleHit, RuleInfo } from './rule.js';
import { placeOf, placeOfHit } from './rules/usual-place.js';
import { loginWithoutMfa, newPlaces, REACH_RANK } from './rules/novelty.js';
import { sensitiveRow } from './sensitive.js';
import { newToolNote } from './rules/new-tool.js';

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
  learns:
    "each identity's addresses, AS organisations and countries, and the account's; judges only after two days of history (or --baseline-until / --baseline)",
  highWhen:
    'high: a login from a new AS organisation or country (against a real history) with two more signals (the country, new for the account too, an IAM user without MFA, failed logins before, IAM changes count two); critical: three or more; from a new /24 of a known provider or a usual place at most medium, with no history yet low',
  needsFacts: true,
  run(context) {
    const attempts = context.rowsOf(['ConsoleLogin']);
    const failed = failedLogins(context, attempts);
    const logins = Uint32Array.from(attempts.filter((row) => loginSucceeded(context, row)));
    if (logins.length === 0) return [];
    const fromNewPlace = new Map(newPlaces(context, logins).map((found) => [found.row, found]));
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
      // Signing in, listing and reading is also an ordinary working day, even from a hotel.
      // What makes it the compromise story is how the login looks and what follows it; a new
      // place counts only against a real history (a trail's first days make every place new).
      const found = fromNewPlace.get(login);
      const judged = found?.standing === 'new';
      const newPlace = judged && REACH_RANK[found.reach] >= REACH_RANK.network;
      const far = judged && REACH_RANK[found.reach] >= REACH_RANK.asOrg;
      const others =
        Number(judged && found.reach === 'country') +
        Number(judged && found.reach === 'country' && found.newForAccount) +
        Number(loginWithoutMfa(context, login)) +
        Number(failedBefore(context, failed, login)) +
        2 * Number(iamWrites > 0);
      let severity: Severity;
      if (far && others >= 3) severity = 'critical';
      else if (far && others >= 2) severity = 'high';
      else if (newPlace && others >= 1) severity = 'medium';
      // From a usual place (or before there is a history) IAM changes after a login without MFA
      // or after failed attempts are worth a look, not an alarm.
      else if (!newPlace && iamWrites > 0 && others >= 3)
        severity = context.baseline().hasHistory(login) ? 'medium' : 'low';
      else continue;
      const why = [
        judged && found.reach !== 'network'
          ? `new ${found.label}${found.newForAccount ? ' for the account too' : ''}`
          : '',
        loginWithoutMfa(context, login) ? 'no MFA' : '',
        failedBefore(context, failed, login) ? 'failed logins before' : '',
      ].filter(Boolean);
      // An object read tells the story better than the listing before it.
      const firstAccess =
        access.find((row) => context.operation(row) === 'GetObject') ?? access[0]!;
      const name = context.value(login, 'principal');
      hits.push({
        principal: name,
        rows: [login, ...discovery.slice(0, 20), ...access.slice(0, 20)],
        severity,
        summary: `${name} signed in from ${newPlace ? 'new address ' : ''}${context.value(login, 'sourceIp')}${severity === 'low' ? ' (no baseline yet)' : ''}, then ${context.value(discovery[0]!, 'eventName')}, then ${context.value(firstAccess, 'eventName')}${context.value(firstAccess, 'resources') ? ` ${context.value(firstAccess, 'resources').split('\n')[0]}` : ''}${iamWrites > 0 ? ` and ${iamWrites} IAM change(s)` : ''}${why.length > 0 ? `; ${why.join(', ')}` : ''}`,
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
  learns:
    "each user's established addresses, /24 networks and AS numbers: a user's own new key used from another of their usual places is a rotation, not a finding",
  highWhen:
    'the key was made for another user, or the user made their own key from an unusual place and it was used from another unusual place',
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
      let elsewhere = rows.filter(
        (row) =>
          context.time(row) >= context.time(creation) &&
          context.isAddress(row) &&
          context.id(row, 'sourceIp') !== context.id(creation, 'sourceIp'),
      );
      if (elsewhere.length === 0) continue;
      let severity: Severity = 'high';
      let note = '';
      // Rotating one's own key and using it from home as well as the office is housekeeping:
      // only the uses from places the user is not established at tell anything.
      if (isSelfService(context, creation)) {
        elsewhere = elsewhere.filter((row) => placeOf(context, row) !== 'usual');
        if (elsewhere.length === 0) continue;
        const use = placeOfHit(context, elsewhere);
        const made = placeOf(context, creation);
        severity = use === 'unusual' ? (made === 'unusual' ? 'high' : 'medium') : 'low';
        note =
          use === 'no-baseline' ? '; no baseline yet' : '; their own key, from an unusual place';
      }
      hits.push({
        principal: context.value(creation, 'principal'),
        rows: [creation, ...elsewhere.slice(0, 50)],
        severity,
        summary: `${context.value(creation, 'principal')} created ${key} from ${context.value(creation, 'sourceIp')}; ${context.value(elsewhere[0]!, 'principal')} used it from ${context.value(elsewhere[0]!, 'sourceIp')}${note}`,
      });
    }
    return hits;
  },
};

const newAddressIamWrite: Correlation = {
  id: 'new-address-first-action-iam-write',
  title: 'First action from a new address is an IAM change',
  severity: 'medium',
  techniques: ['T1098', 'T1078.004'],
  why: 'Someone who arrives from a new place and goes straight to IAM knows what they came for.',
  learns:
    "each identity's addresses, /24 networks, AS organisations, countries and user-agent families (a new tool is named); judges only after two days of history (or --baseline-until / --baseline); silent in a known AS organisation (CI runners, a new lease)",
  highWhen:
    'the address is in an AS organisation or country new for the identity and not established for the account, and the change leaves a way back in (a user, a key, a policy, a trust)',
  needsFacts: false,
  run(context) {
    const writes = context
      .rowsWhere('eventSource', (source) => source === 'iam.amazonaws.com')
      .filter((row) => isIamWrite(context, row) && !isSelfService(context, row));
    // No history, or a new address in a known network or AS organisation (a pipeline's runner
    // in its cloud, a new DHCP lease): nothing the IAM rules do not already say.
    return newPlaces(context, writes, { firstSighting: true })
      .filter((found) => found.standing === 'new' && REACH_RANK[found.reach] >= REACH_RANK.asOrg)
      .map((found) => {
        const kind = sensitiveRow(context, found.row);
        // A role several people assume learns each one's home provider late; a place the
        // account already knows well (a colleague's ISP) is less telling than one nobody used.
        const accountKnows =
          context
            .baseline()
            .standing(found.row, found.reach === 'country' ? 'country' : 'asOrg', 'account') ===
          'established';
        return {
          principal: context.actor(found.row),
          rows: [found.row],
          severity: kind === undefined || accountKnows ? ('medium' as const) : ('high' as const),
          summary: `${context.value(found.row, 'eventName')} from ${found.what}${newToolNote(context, found.row)}${found.before}`,
        };
      });
  },
};

export const CORRELATIONS: readonly Correlation[] = [
  consoleChain,
  keyUsedElsewhere,
  newAddressIamWrite,
];
