/**
 * Every number the baseline judges by, in one table. Named after what they mean so a rule's
 * summary and the docs can say them in words; change one here and every rule follows.
 */

/** One UTC day: "distinct days" are counted in UTC so every analyst's copy agrees. */
export const DAY_MS = 24 * 60 * 60_000;

/**
 * An actor (or account) has a history once it was active on this many distinct UTC days before
 * the row's day. Two, not one: a single day is one working session, and judging day two against
 * it would call a person's home address "new" because the trail began at the office. Datadog's
 * learning period starts at one day, Elastic's new_terms at five to ten; two is the least that
 * separates "the trail has just begun" from "this is what they usually do", and it keeps the
 * demo's three ordinary days enough to judge the attacker's login on the fourth.
 */
export const HISTORY_DAYS = 2;

/**
 * A value is established (part of the normal) once seen on this many distinct UTC days: a
 * user's two alternating addresses over a month are both established after two days of use.
 */
export const ESTABLISHED_DAYS = 2;

/**
 * …or once seen this many times spread over at least ESTABLISHED_SPREAD_MS: a role that works
 * all day from one address on the trail's first day has made that address its own by evening.
 * Both together, so a burst of a hundred calls in one minute never establishes anything.
 */
export const ESTABLISHED_COUNT = 20;
export const ESTABLISHED_SPREAD_MS = 4 * 60 * 60_000;

/**
 * A value counts as "new" for this long after it first appeared: a session from a new address
 * keeps being the new session for an hour (login, look around, act), then it is merely known.
 */
export const FRESH_MS = 60 * 60_000;

/** Longest shown value (user agents are free text from the caller): keeps summaries bounded. */
export const VALUE_MAX_CHARS = 64;

/**
 * How many of an actor's values `established()` looks through for one answer: an adversarial
 * actor with a million addresses must not make each question cost a million steps.
 */
export const MAX_WALK = 5_000;
