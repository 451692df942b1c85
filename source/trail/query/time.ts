/** Times in the query language: ISO (UTC unless it says otherwise) or a duration before now. */
/** Milliseconds in one of the duration units the query language, Sigma and the playbook use. */
export const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const RELATIVE = /^(\d+)([smhdw])$/i;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const ZONE = /^([+-])(\d{2}):?(\d{2})$/;
/** The largest distance from the epoch a JS Date can hold. */
const MAX_TIME = 8.64e15;

/** Epoch ms for an ISO time (UTC unless it says otherwise) or a duration before `now`. */
export function parseTime(value: string, now: number): number | undefined {
  const relative = RELATIVE.exec(value);
  if (relative) return inRange(now - Number(relative[1]) * UNIT_MS[relative[2]!.toLowerCase()]!);
  const iso = ISO.exec(value);
  if (!iso) return undefined;
  const [year, month, day, hour, minute, second] = iso.slice(1, 7).map((part) => Number(part ?? 0));
  const ms = Number((iso[7] ?? '').slice(0, 3).padEnd(3, '0'));
  const utc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!, ms);
  // Date.UTC rolls 2024-02-30 over into March; a round trip catches that and 25:00 alike.
  const date = new Date(utc);
  const valid =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    hour! < 24 &&
    minute! < 60 &&
    second! < 60;
  const offset = zoneOffset(iso[8]);
  return valid && offset !== undefined ? inRange(utc - offset) : undefined;
}

/** A zone suffix as ms ahead of UTC; none or `Z` is UTC. */
function zoneOffset(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const [, sign, hours, minutes] = ZONE.exec(zone)!;
  if (Number(hours) > 23 || Number(minutes) > 59) return undefined;
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * 60_000;
}

function inRange(at: number): number | undefined {
  return Math.abs(at) <= MAX_TIME ? at : undefined;
}
