import type { DetectionContext } from './context.js';
import type { Severity } from './finding.js';

export interface RuleInfo {
  id: string;
  title: string;
  severity: Severity;
  techniques: string[];
  why: string;
  /**
   * What the rule learns from the trail before it judges (the README's rule table says it):
   * e.g. "each user's established addresses, networks and countries". Absent: nothing.
   */
  learns?: string;
  /** What makes a hit high or critical rather than the rule's usual severity (the README says it). */
  highWhen?: string;
}

/** One thing a rule saw: the principal, the evidence rows (oldest first), and what it was. */
export interface RuleHit {
  principal: string;
  rows: number[];
  summary: string;
  /** When one hit is graver than the rule's usual (a new country rather than a new IP). */
  severity?: Severity;
}

export interface BuiltinRule extends RuleInfo {
  /** True when the rule reads record facts: it runs after those records were fetched. */
  needsFacts: boolean;
  run(context: DetectionContext): RuleHit[];
}

/** "3 events" / "1 event": counts in summaries. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : nouns}`;
}

interface EventRuleSpec extends RuleInfo {
  operations: string[];
  needsFacts?: boolean;
  /** Says what one matching event shows, or undefined when this event does not count. */
  describe?: (context: DetectionContext, row: number) => string | undefined;
}

/**
 * The common shape: certain operations are suspicious in themselves. One hit per principal,
 * with every matching event as evidence and the first one described.
 */
export function eventRule(spec: EventRuleSpec): BuiltinRule {
  const { operations, describe, needsFacts = false, ...info } = spec;
  return {
    ...info,
    needsFacts,
    run(context) {
      const hits = new Map<string, RuleHit>();
      for (const row of context.rowsOf(operations)) {
        const what = describe
          ? describe(context, row)
          : `${context.value(row, 'eventName')} from ${context.value(row, 'sourceIp') || 'an unknown address'}`;
        if (what === undefined) continue;
        const principal = context.actor(row);
        const hit = hits.get(principal);
        if (hit) hit.rows.push(row);
        else hits.set(principal, { principal, rows: [row], summary: what });
      }
      for (const hit of hits.values()) {
        if (hit.rows.length === 1) continue;
        // The first event is described; the others are counted, and the addresses the first
        // does not name are named, so the line stays true wherever it is shown (an address's
        // profile lists the findings citing it).
        const first = context.value(hit.rows[0]!, 'sourceIp');
        const others = [...new Set(hit.rows.map((row) => context.value(row, 'sourceIp')))].filter(
          (ip) => ip !== '' && ip !== first,
        );
        const also =
          others.length === 0
            ? ''
            : `; also from ${others.slice(0, 3).join(', ')}${others.length > 3 ? ` (+${others.length - 3} more)` : ''}`;
        hit.summary = `${hit.summary} (+${plural(hit.rows.length - 1, 'more event')}${also})`;
      }
      return [...hits.values()];
    },
  };
}
