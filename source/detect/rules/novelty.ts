import { PairMap } from '../../index/pair-map.js';
import { networkOf } from '../baseline/values.js';
import { FRESH_MS } from '../baseline/thresholds.js';
import type { BaselineDimension } from '../baseline/types.js';
import type { DetectionContext } from '../context.js';
import { operationName } from '../../trail/event-name.js';
import { sensitiveKind, sensitiveRow, type SensitiveKind } from '../sensitive.js';
import { place } from './credentials.js';

/**
 * How far a new address is from the actor's normal: the broadest of its places that is new.
 * A new address in a known /24 is a new lease; a new /24 in a known AS organisation is the same
 * provider; a new AS organisation is somewhere else; a new country is somewhere else entirely.
 */
export type Reach = 'address' | 'network' | 'asOrg' | 'country';

export const REACH_RANK: Record<Reach, number> = { address: 0, network: 1, asOrg: 2, country: 3 };

export interface NewPlace {
  row: number;
  address: string;
  /** 'new' against a real history; 'no-baseline' while the actor has none yet. */
  standing: 'new' | 'no-baseline';
  reach: Reach;
  /** What is new, in a word: 'country', 'network' (AS organisation), 'address'. */
  label: string;
  /** The broadest new place is new for the whole account as well (no colleague was there). */
  newForAccount: boolean;
  /** Addresses the actor used before this one, most recent first (a few). */
  earlier: string[];
  /** "new country: 102.88.109.159 (NG, Lagos; AS29465 MTN), new for the account too". */
  what: string;
  /** "; earlier 81.2.69.142, 81.2.69.160" or "; no baseline yet; earlier …". */
  before: string;
}

const EARLIER_NAMED = 3;

/**
 * The broadest new place. A new country counts only with a new AS organisation (or where the
 * data names none): the same provider in another country is a cloud region or a VPN's exit, not
 * a person somewhere new (a pipeline in us-east-1 and eu-central-1 is one pipeline).
 */
function reachOf(
  fresh: (dimension: BaselineDimension) => boolean,
  owner: 'asOrg' | 'asn' | undefined,
): Reach {
  const newOwner = owner !== undefined && fresh(owner);
  if (fresh('country') && (newOwner || owner === undefined)) return 'country';
  if (newOwner) return 'asOrg';
  if (fresh('network')) return 'network';
  return 'address';
}

const REACH_DIMENSION: Record<Reach, BaselineDimension> = {
  address: 'address',
  network: 'network',
  asOrg: 'asOrg',
  country: 'country',
};

/**
 * Which of `candidates` come from an address new for their actor (a role with all its sessions),
 * judged against the baseline as of the row: an address first seen at most an hour before and
 * never established, while the actor had used other addresses before. While the actor has no
 * history (its first two days) the place is 'no-baseline', which rules say and keep low.
 * `firstSighting`: only the row that is the address's very first for the actor.
 */
export function newPlaces(
  context: DetectionContext,
  candidates: Iterable<number>,
  options: { firstSighting?: boolean } = {},
): NewPlace[] {
  const baseline = context.baseline();
  const found: NewPlace[] = [];
  for (const row of candidates) {
    const standing = baseline.standing(row, 'address');
    if (standing !== 'new' && standing !== 'no-baseline') continue;
    if (options.firstSighting && baseline.firstSeen(row, 'address') !== context.time(row)) continue;
    const address = baseline.valueOf(row, 'address');
    const earlier = baseline
      .earlier(row, 'address', 'principal', EARLIER_NAMED + 2)
      .map((value) => value.value)
      .filter((value) => value !== address);
    // Nothing earlier to compare with: the actor's first address is never "new".
    if (earlier.length === 0) continue;
    const fresh = (dimension: BaselineDimension) => baseline.standing(row, dimension) === standing;
    const owner =
      baseline.valueOf(row, 'asOrg') !== ''
        ? 'asOrg'
        : baseline.valueOf(row, 'asn') !== ''
          ? 'asn'
          : undefined;
    const reach = reachOf(fresh, owner);
    // Asked only where it changes what is said (a network or country new to everyone).
    const newForAccount =
      standing === 'new' &&
      REACH_RANK[reach] >= REACH_RANK.asOrg &&
      baseline.standing(row, REACH_DIMENSION[reach], 'account') === 'new';
    const facts = context.ipOf(row);
    const where = place(facts);
    const neighbour =
      reach === 'address' ? earlier.find((ip) => networkOf(ip) === networkOf(address)) : undefined;
    const label =
      reach === 'country'
        ? 'country'
        : reach === 'asOrg'
          ? 'network'
          : neighbour
            ? `address in the same network as ${neighbour}`
            : 'address';
    const named =
      earlier.slice(0, EARLIER_NAMED).join(', ') + (earlier.length > EARLIER_NAMED ? ', …' : '');
    found.push({
      row,
      address,
      standing,
      reach,
      newForAccount,
      earlier,
      label: reach === 'country' ? 'country' : reach === 'asOrg' ? 'network' : 'address',
      what: `new ${label}: ${address}${where ? ` (${where})` : ''}${newForAccount && reach !== 'address' ? ', new for the account too' : ''}`,
      before: `${standing === 'no-baseline' ? '; no baseline yet' : ''}; earlier ${named}`,
    });
  }
  return found;
}

/**
 * The first successful sensitive action (see sensitive.ts) by the row's actor from the row's
 * address within the hour after it: what turns "somewhere new" into "an intrusion". Indexed once
 * per run by (actor, address) pair, so each question is a lookup and a short scan.
 */
export function sensitiveAfter(
  context: DetectionContext,
  row: number,
): { row: number; kind: SensitiveKind } | undefined {
  const table = context.memo('sensitive-by-place', () => {
    const pairs = new PairMap();
    const lists: number[][] = [];
    const ips = context.index.column('sourceIp');
    const errors = context.index.column('error');
    const names = context.index.column('eventName');
    const sensitive = context.valueTable(
      'eventName',
      (name) => sensitiveKind(operationName(name)) !== undefined,
    );
    for (let i = 0; i < context.order.length; i++) {
      const at = context.order[i]!;
      if (errors[at] !== 0 || sensitive[names[at]!] !== 1) continue;
      const actor = context.actorId(at);
      let slot = pairs.get(actor, ips[at]!);
      if (slot < 0) pairs.add(actor, ips[at]!, (slot = lists.push([]) - 1));
      lists[slot]!.push(at);
    }
    return { pairs, lists };
  });
  const slot = table.pairs.get(context.actorId(row), context.id(row, 'sourceIp'));
  if (slot < 0) return undefined;
  const start = context.time(row);
  for (const at of table.lists[slot]!) {
    const time = context.time(at);
    if (time < start) continue;
    if (time - start > FRESH_MS) break;
    const kind = sensitiveRow(context, at);
    if (kind) return { row: at, kind };
  }
  return undefined;
}

/**
 * A console login that only a password let in: an IAM user's or root's without MFA. Identity
 * Center and federated sign-ins record `MFAUsed: No` because the identity provider did the MFA,
 * so theirs say nothing.
 */
export function loginWithoutMfa(context: DetectionContext, row: number): boolean {
  if (context.facts(row)?.mfa !== 'no') return false;
  const type = context.value(row, 'identityType');
  return type === 'IAMUser' || type === 'Root';
}
