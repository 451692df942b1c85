import { HISTORY_DAYS, userAgentFamily } from '../detect/baseline/index.js';
import { operationName } from '../trail/event-name.js';
import type { IpFacts } from '../geo/index.js';
import {
  derivedText,
  type ActorBaseline,
  type BaselineMark,
  type JudgedValue,
  type ProfileDimension,
} from './profile-baseline.js';
import { heading, statLine } from './profile-format.js';
import type { ProfileLine } from './types.js';

/**
 * The baseline on a profile: its span in the header, a word on every judged value, and the
 * places (networks, AS organisations, countries) each marked. Words, not colour: the marks read
 * the same under NO_COLOR.
 */

/** "2025-03-10" */
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** "2 min", "5 h", "3 days": how long before the newest event. */
export function ago(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

/** Whether the actor had a history by its last event: whether anything of it can be new. */
export function hasBaseline(baseline: ActorBaseline): boolean {
  return baseline.history.historyFrom <= baseline.history.last;
}

/**
 * "baseline: 2025-03-10 .. 03-12, 3 days" (what the actor's latest day is judged against), or
 * "no baseline yet: first seen 2 min ago"; then what the marks mean.
 */
export function baselineHeader(
  baseline: ActorBaseline | undefined,
  subject: string,
  newest: number,
): ProfileLine[] {
  if (!baseline) return [];
  const { history } = baseline;
  const as = baseline.actor !== subject ? ` (as ${baseline.actor})` : '';
  if (!hasBaseline(baseline)) {
    const since = Number.isFinite(newest)
      ? `${ago(newest - history.first)} ago`
      : day(history.first);
    return [
      {
        text: `no baseline yet${as}: first seen ${since}, active on ${history.days} of the ${HISTORY_DAYS} days needed; nothing is new yet`,
        tone: 'dim',
      },
    ];
  }
  const until =
    baseline.until !== undefined && history.historyFrom === baseline.until
      ? ` (until ${day(baseline.until)}, --baseline-until)`
      : '';
  const span =
    history.baselineDays > 0 && Number.isFinite(history.baselineLast)
      ? `${day(history.first)} .. ${day(history.baselineLast).slice(5)}, ${history.baselineDays} day${history.baselineDays === 1 ? '' : 's'}`
      : day(history.first);
  return [
    { text: `baseline${as}: ${span}${until}`, tone: 'normal' },
    {
      text: 'marks: est=established · new=new to the principal · NEW=new to the account too',
      tone: 'dim',
    },
  ];
}

/** A judged value of a dimension, by the text a profile list shows. */
export function judged(
  baseline: ActorBaseline | undefined,
  dimension: ProfileDimension,
  shown: string,
): JudgedValue | undefined {
  if (!baseline) return undefined;
  const key =
    dimension === 'userAgent'
      ? userAgentFamily(shown)
      : dimension === 'eventName'
        ? operationName(shown)
        : shown;
  return key === undefined ? undefined : baseline.values[dimension]?.get(key);
}

/** The mark of a shown value; nothing until the actor has a history (then all is "seen"). */
export function markFor(
  baseline: ActorBaseline | undefined,
  dimension: ProfileDimension,
  shown: string,
): BaselineMark | undefined {
  if (!baseline || !hasBaseline(baseline)) return undefined;
  return judged(baseline, dimension, shown)?.mark;
}

const PLACE_KINDS: Array<[ProfileDimension, string]> = [
  ['network', 'network'],
  ['asOrg', 'AS org'],
  ['country', 'country'],
];

/** Most places of one kind a profile lists (an adversarial trail has thousands). */
const PLACES_SHOWN = 30;

/** Networks, AS organisations and countries, each marked; a network opens its events. */
export function placesSection(
  baseline: ActorBaseline | undefined,
  scope: { label: string; scope: string },
  /** The addresses the subject used, when it is less than the actor (a key, a session). */
  addresses?: readonly string[],
  ipFacts?: (ip: string) => IpFacts,
): ProfileLine[] {
  if (!baseline) return [];
  const only =
    addresses && ipFacts
      ? new Set(
          addresses.flatMap((ip) =>
            PLACE_KINDS.map(([dimension]) => derivedText(dimension, ip, ipFacts) ?? ''),
          ),
        )
      : undefined;
  const title = only ? `PLACES (counted for ${baseline.actor})` : 'PLACES';
  const lines: ProfileLine[] = [];
  let total = 0;
  for (const [dimension, kind] of PLACE_KINDS) {
    const values = [...(baseline.values[dimension]?.values() ?? [])].filter(
      (value) => !only || only.has(value.value),
    );
    total += values.length;
    values.sort(
      (a, b) =>
        b.principal.count - a.principal.count || a.principal.firstSeen - b.principal.firstSeen,
    );
    for (const value of values.slice(0, PLACES_SHOWN)) {
      const stat = {
        value: `${kind.padEnd(8)}${value.value}`,
        count: value.principal.count,
        errors: 0,
        first: value.principal.firstSeen,
        last: value.principal.lastSeen,
      };
      // An IPv4 network is a term of the query language (ip:198.51.100.0/24).
      const target =
        dimension === 'network' && !value.value.includes(':')
          ? {
              kind: 'events' as const,
              label: `${scope.label} › ${value.value}`,
              query: `${scope.scope} ip:${value.value}`,
            }
          : undefined;
      lines.push(statLine(stat, target, 34, '', hasBaseline(baseline) ? value.mark : undefined));
    }
  }
  const section = [heading(title, lines.length, total), ...lines];
  const unplaced = baseline.incomplete.filter((dimension) => dimension !== 'network');
  if (unplaced.length > 0)
    section.push({
      text: '  ? some addresses not placed yet (too many to look up at once): reopen to go on',
      tone: 'dim',
    });
  return section;
}
