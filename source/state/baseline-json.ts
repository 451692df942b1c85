import type { PrincipalProfile, ValueStat } from '../index/index.js';
import { hasBaseline, judged } from './baseline-lines.js';
import type { ActorBaseline, JudgedValue, ProfileDimension } from './profile-baseline.js';

const iso = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);

/** One value's judgment, for `principal --format json` (documented in docs/profiles). */
export interface ValueJudgmentJson {
  /** The value judged: the address, the user agent's family, the operation name. */
  value: string;
  /** established | new | new-for-account | seen | unjudged; null before the actor has a history. */
  mark: string | null;
  /** 'new' or 'no-baseline': the standing when the actor first used it. */
  firstStanding: string;
  newForAccount: boolean | null;
  principal: { firstSeen: string | null; lastSeen: string | null; days: number; count: number };
  account: {
    firstSeen: string | null;
    lastSeen: string | null;
    days: number;
    count: number;
  } | null;
}

function judgmentJson(
  baseline: ActorBaseline,
  value: JudgedValue | undefined,
): ValueJudgmentJson | null {
  if (!value) return null;
  const history = (h: JudgedValue['principal']) => ({
    firstSeen: iso(h.firstSeen),
    lastSeen: iso(h.lastSeen),
    days: h.days,
    count: h.count,
  });
  return {
    value: value.value,
    mark: hasBaseline(baseline) ? value.mark : null,
    firstStanding: value.firstStanding,
    newForAccount: value.newForAccount ?? null,
    principal: history(value.principal),
    account: value.account ? history(value.account) : null,
  };
}

/**
 * The profile's judgments as JSON: every list value that the baseline judges gains `baseline`
 * (see ValueJudgmentJson), and the profile a `baseline` summary with the places.
 */
export function baselineJson(
  profile: PrincipalProfile,
  baseline: ActorBaseline | undefined,
  newest: number,
) {
  const withJudgment = (stats: readonly ValueStat[], dimension: ProfileDimension) =>
    stats.map((stat) => ({
      ...stat,
      baseline: baseline ? judgmentJson(baseline, judged(baseline, dimension, stat.value)) : null,
    }));
  const places = (dimension: ProfileDimension) =>
    baseline
      ? [...(baseline.values[dimension]?.values() ?? [])].map((value) =>
          judgmentJson(baseline, value),
        )
      : [];
  const history = baseline?.history;
  return {
    lists: {
      sourceIps: withJudgment(profile.sourceIps, 'address'),
      userAgents: withJudgment(profile.userAgents, 'userAgent'),
      eventNames: withJudgment(profile.eventNames, 'eventName'),
      regions: withJudgment(profile.regions, 'region'),
    },
    summary:
      baseline && history
        ? {
            actor: baseline.actor,
            hasBaseline: hasBaseline(baseline),
            historyFrom: iso(history.historyFrom),
            span: hasBaseline(baseline)
              ? {
                  first: iso(history.first),
                  last: iso(history.baselineLast),
                  days: history.baselineDays,
                }
              : null,
            firstSeen: iso(history.first),
            activeDays: history.days,
            newest: iso(newest),
            until: baseline.until !== undefined ? iso(baseline.until) : null,
            incomplete: baseline.incomplete,
            networks: places('network'),
            asOrgs: places('asOrg'),
            countries: places('country'),
          }
        : null,
  };
}
