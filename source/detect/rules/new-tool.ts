import type { DetectionContext } from '../context.js';
import type { Severity } from '../finding.js';
import type { BuiltinRule, RuleHit } from '../rule.js';
import { sensitiveKind, sensitiveRow } from '../sensitive.js';
import { operationName } from '../../trail/event-name.js';
import { placeOf } from './usual-place.js';
import { FRESH_MS } from '../baseline/thresholds.js';

/**
 * A tool new for its caller (Amazon Detective's NewUserAgent): a user-agent family the actor, who
 * has a history, never used before. Ordinary change is never new: an upgrade keeps the family
 * (`aws-cli/2.15` → `2.16`), a major version of a tool already used is the same tool, the console
 * and browsers are people clicking, and a service acting for the caller is AWS's agent, not theirs.
 */

/** Families that are never a caller's own new tool. */
function ordinaryFamily(family: string): boolean {
  return (
    family === 'console' ||
    family === 'browser' ||
    family === 'AWS Internal' ||
    family.endsWith('.amazonaws.com')
  );
}

/** The tool without its major version: `aws-cli/1` and `aws-cli/2` are one tool. */
function toolOf(family: string): string {
  const tool = family.split('/')[0]!.toLowerCase();
  // Boto3 rides on Botocore: a script moving from one to the other is the same Python SDK.
  return tool === 'botocore' ? 'boto3' : tool;
}

/** Offensive tooling that names itself in the user agent (anywhere in the text, not only the family). */
const ATTACK_TOOL =
  /\b(pacu|scoutsuite|cloudfox|weirdaal|enumerate-iam|cloudsplaining|kali|parrot)\b/i;

/** Clients that speak HTTP by hand: no AWS SDK or CLI signs requests this way by default. */
const RAW_CLIENT =
  /^(python-requests|python-urllib\d*|curl|wget|go-http-client|okhttp|axios|node-fetch|postmanruntime|httpie|aiohttp|libwww-perl|java)$/i;

export interface NewTool {
  family: string;
  /** Why the tool is telling rather than just new ('' when it is only new). */
  telling: string;
}

/**
 * The row's tool when it is new for the row's actor (judged as of the row, against a real
 * history), or undefined: no history, a family it used before, or an ordinary change.
 */
export function newToolOf(context: DetectionContext, row: number): NewTool | undefined {
  const baseline = context.baseline();
  const family = baseline.valueOf(row, 'userAgent');
  const marker = attackMarker(context, row);
  if (marker !== undefined) {
    // The family hides it (Kali's aws-cli is aws-cli/2 like the owner's): the tool is new when
    // the actor, who has a history, never used an attack tool before this hour.
    const first = firstAttackUse(context).get(context.actorId(row))!;
    if (context.time(row) - first > FRESH_MS || !baseline.hasHistory(row)) return undefined;
    return { family: `${family || 'agent'} (${marker})`, telling: 'an attack tool' };
  }
  if (baseline.standing(row, 'userAgent') !== 'new') return undefined;
  if (family === '' || ordinaryFamily(family)) return undefined;
  const earlier = baseline
    .earlier(row, 'userAgent', 'principal', 20)
    .map((value) => value.value)
    .filter((value) => value !== family);
  if (earlier.length === 0) return undefined;
  const tool = toolOf(family);
  if (earlier.some((value) => toolOf(value) === tool)) return undefined;
  const telling = RAW_CLIENT.test(tool)
    ? 'a hand-made HTTP client'
    : earlier.every((value) => value === 'console' || value === 'browser')
      ? 'the identity had only used the console'
      : '';
  return { family, telling };
}

/** The attack tool each user-agent text names (lower-cased), by dictionary id: once per text. */
function attackMarkers(context: DetectionContext): (string | undefined)[] {
  return context.memo('attack-tool-agents', () =>
    context.index
      .dictionary('userAgent')
      .values.map((text) => ATTACK_TOOL.exec(text)?.[1]?.toLowerCase()),
  );
}

function attackMarker(context: DetectionContext, row: number): string | undefined {
  return attackMarkers(context)[context.id(row, 'userAgent')];
}

/** Each actor's first call with an attack tool (epoch ms), found in one pass over the trail. */
function firstAttackUse(context: DetectionContext): Map<number, number> {
  return context.memo('first-attack-tool-use', () => {
    const first = new Map<number, number>();
    const markers = attackMarkers(context);
    if (markers.every((marker) => marker === undefined)) return first;
    const agents = context.index.column('userAgent');
    for (const row of context.order) {
      if (markers[agents[row]!] === undefined) continue;
      const actor = context.actorId(row);
      if (!first.has(actor)) first.set(actor, context.time(row));
    }
    return first;
  });
}

/** " with a new tool: python-requests" for a summary, or '' when the tool is not new. */
export function newToolNote(context: DetectionContext, row: number): string {
  const tool = newToolOf(context, row);
  return tool ? `; with a new tool: ${tool.family}` : '';
}

export const NEW_TOOL_RULES: BuiltinRule[] = [
  {
    id: 'new-user-agent-sensitive-action',
    title: 'Sensitive action with a tool new for the identity',
    severity: 'medium',
    techniques: ['T1078.004', 'T1098'],
    why: 'A stolen key is used with the thief’s tools: python-requests or a Kali CLI where the owner only ever used the console.',
    learns:
      "each identity's user-agent families (aws-cli/2, Boto3, console, Terraform …; upgrades and major versions of one tool are one family); judges only after two days of history",
    highWhen:
      'the tool is telling (an attack tool, a hand-made HTTP client, or programmatic use by a console-only identity) and the call came from a place the identity is not established at; otherwise medium when telling, low from an unusual place, silent from a usual one',
    needsFacts: false,
    run(context) {
      const sensitive = context.rowsWhere(
        'eventName',
        (name) => sensitiveKind(operationName(name)) !== undefined,
      );
      // One hit per actor and new tool: its first hour of sensitive calls.
      const hits = new Map<string, RuleHit & { severity: Severity }>();
      for (const row of sensitive) {
        if (!sensitiveRow(context, row)) continue;
        const tool = newToolOf(context, row);
        if (!tool) continue;
        const place = placeOf(context, row);
        // A new SDK from where the identity always works is a colleague's new script: silent.
        if (tool.telling === '' && place !== 'unusual') continue;
        const severity: Severity =
          tool.telling === '' ? 'low' : place === 'unusual' ? 'high' : 'medium';
        const actor = context.actor(row);
        const key = `${context.actorId(row)}\n${tool.family}`;
        const hit = hits.get(key);
        if (hit) {
          if (hit.rows.length < 50) hit.rows.push(row);
          continue;
        }
        hits.set(key, {
          principal: actor,
          rows: [row],
          severity,
          summary: `${context.value(row, 'eventName')} with a new tool: ${tool.family}${tool.telling ? `, ${tool.telling}` : ''}${place === 'unusual' ? ', from an unusual place' : '; from a usual place'}`,
        });
      }
      return [...hits.values()];
    },
  },
];
