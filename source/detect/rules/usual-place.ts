import type { DetectionContext } from '../context.js';
import type { Severity } from '../finding.js';
import type { BuiltinRule, RuleHit } from '../rule.js';

/**
 * Where a call came from, as the baseline judges it for its caller: the severity model's "new
 * place" half. Creating a role, granting a policy or making a colleague's password is an
 * administrator's or a pipeline's ordinary day when done from where they always work; the same
 * from somewhere new is the intrusion pattern.
 */
export type PlaceJudgement =
  /** An address, /24-/48 network or AS the caller is established at, or a service acting for it. */
  | 'usual'
  /** Somewhere the caller, who has a history, is not established at. */
  | 'unusual'
  /** The caller has no history yet: nothing is usual or unusual. */
  | 'no-baseline';

export function placeOf(context: DetectionContext, row: number): PlaceJudgement {
  // A service's host name (CloudFormation running a change set) acts for a caller whose own
  // calls are judged where they are made.
  if (!context.isAddress(row)) return 'usual';
  const baseline = context.baseline();
  for (const dimension of ['address', 'network', 'asn'] as const)
    if (baseline.standing(row, dimension) === 'established') return 'usual';
  return baseline.hasHistory(row) ? 'unusual' : 'no-baseline';
}

/** The worst place among a hit's rows: one call from somewhere new makes the hit unusual. */
export function placeOfHit(context: DetectionContext, rows: readonly number[]): PlaceJudgement {
  let judgement: PlaceJudgement = 'usual';
  for (const row of rows) {
    const place = placeOf(context, row);
    if (place === 'unusual') return place;
    if (place === 'no-baseline') judgement = place;
  }
  return judgement;
}

/** What a hit's summary gains when its place keeps it below high. */
export function placeNote(place: PlaceJudgement): string {
  return place === 'usual'
    ? '; from a usual place'
    : place === 'no-baseline'
      ? '; no baseline yet'
      : '';
}

/**
 * A rule whose hits are high only from an unusual place: from a usual one (or before the caller
 * has a history) they are `otherwise`, and the summary says why.
 */
export function highOnlyFromUnusualPlaces(
  rule: BuiltinRule,
  otherwise: Severity = 'medium',
): BuiltinRule {
  return {
    ...rule,
    run(context) {
      return rule.run(context).map((hit): RuleHit => {
        const place = placeOfHit(context, hit.rows);
        if (place === 'unusual') return hit;
        return { ...hit, severity: otherwise, summary: `${hit.summary}${placeNote(place)}` };
      });
    },
  };
}

const ACCOUNT_IN_ARN = /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/;

/**
 * The accounts the trail itself shows (accounts events were recorded in, and the accounts of
 * every caller's ARN): the organization as far as the evidence goes. Sharing with, or trusting,
 * one of them is the organization working; any other account is an outsider.
 */
export function knownAccounts(context: DetectionContext): ReadonlySet<string> {
  return context.memo('known-accounts', () => {
    const accounts = new Set<string>();
    for (const account of context.index.dictionary('account').values)
      if (/^\d{12}$/.test(account)) accounts.add(account);
    for (const arn of context.index.dictionary('principalArn').values) {
      const account = ACCOUNT_IN_ARN.exec(arn)?.[1];
      if (account) accounts.add(account);
    }
    return accounts;
  });
}

/**
 * A grant reaching other accounts (a trust, a share), judged by whom it reached: anyone is left as
 * the rule said (high); only accounts the trail shows is the organization working (low); an
 * outsider is high unless the caller did it from where it always works (medium).
 */
export function gradeReach(
  context: DetectionContext,
  hit: RuleHit,
  reached: { everyone: boolean; accounts: readonly string[] },
): RuleHit {
  if (reached.everyone) return hit;
  const known = knownAccounts(context);
  if (reached.accounts.every((account) => known.has(account)))
    return { ...hit, severity: 'low', summary: `${hit.summary}; an account this trail shows` };
  // An account never seen is itself the new thing: only a usual place makes it routine.
  const place = placeOfHit(context, hit.rows);
  return place === 'usual'
    ? { ...hit, severity: 'medium', summary: `${hit.summary}${placeNote(place)}` }
    : hit;
}
