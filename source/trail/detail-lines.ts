import { consoleLoginOutcome, mfaUsed } from './console-login.js';
import { Elided, elideDeep, elisionText, stringifyForDisplay } from './deep-json.js';
import type { RawRecord } from './event.js';
import { accountOfArn } from './account-name.js';
import { asObject, asText } from './fields.js';
import { limits } from './limits.js';
import { principalOf } from './principal.js';
import { redactSecrets } from './redact.js';
import { sanitizeMultiline, sanitizeText } from './sanitize.js';

export interface DetailLine {
  kind: 'heading' | 'field' | 'text';
  /** Already sanitized: safe to print as it is. */
  text: string;
}

/** The fields the incident guide names first, in its order, before the whole record. */
const KEY_FIELDS = [
  'eventTime',
  'eventSource',
  'eventName',
  'awsRegion',
  'sourceIPAddress',
  'userAgent',
] as const;

/**
 * Indentation drawn at most: 20 levels (40 columns). A line nested deeper is drawn there, led by
 * its level (`  129› "a": {`), so a hostile staircase does not wrap into screens of blank rows.
 */
const INDENT_CAP = 40;

function capIndent(line: string): string {
  let spaces = 0;
  while (line.charCodeAt(spaces) === 32) spaces++;
  if (spaces <= INDENT_CAP) return line;
  const label = `${spaces / 2}› `;
  return `${' '.repeat(INDENT_CAP - label.length)}${label}${line.slice(spaces)}`;
}

function jsonLines(value: unknown): string[] {
  return sanitizeMultiline(stringifyForDisplay(value, 2) ?? 'null').map(capIndent);
}

function field(label: string, value: string): DetailLine {
  return { kind: 'field', text: `${label.padEnd(18)} ${sanitizeText(value)}` };
}

function block(label: string, value: unknown): DetailLine[] {
  if (value === undefined || value === null) return [field(label, '—')];
  const lines = jsonLines(value);
  if (lines.length === 1) return [field(label, lines[0]!)];
  return [field(label, ''), ...lines.map((text) => ({ kind: 'text' as const, text: `  ${text}` }))];
}

/**
 * The account line of a trail of several accounts: whose trail logged it, and the principal's
 * own account when that is another (a user of one account calling into the next).
 */
function accountLine(raw: RawRecord, identity: RawRecord | undefined): DetailLine {
  const logged = asText(raw.recipientAccountId);
  const own = asText(identity?.accountId) || accountOfArn(asText(identity?.arn));
  if (!logged) return field('account', own || '—');
  return field('account', own && own !== logged ? `${logged} (principal of ${own})` : logged);
}

/**
 * The detail pane's content for one record: the key fields, then the whole record. `accounts`:
 * the trail holds several, so the key fields name the account.
 */
export function detailLines(record: RawRecord, accounts = false): DetailLine[] {
  // Past the depth bound a value shows as `{… 4,872 levels deeper}`: a hostile record nested
  // thousands deep would otherwise be thousands of lines of braces (and overflow the stack).
  const raw = elideDeep(
    redactSecrets(record),
    limits().depth,
    (value) => new Elided(elisionText(value)),
  );
  const lines: DetailLine[] = [{ kind: 'heading', text: 'Key fields' }];
  for (const name of KEY_FIELDS) lines.push(field(name, asText(raw[name]) || '—'));
  const principal = principalOf(raw.userIdentity);
  const identity = asObject(raw.userIdentity);
  if (accounts) lines.push(accountLine(raw, identity));
  lines.push(field('principal', principal.name || '—'));
  lines.push(field('identity type', principal.type || '—'));
  if (principal.arn) lines.push(field('arn', principal.arn));
  const key = asText(identity?.accessKeyId);
  if (key) lines.push(field('accessKeyId', key));
  const outcome = consoleLoginOutcome(raw);
  if (outcome) lines.push(field('console login', outcome));
  const mfa = mfaUsed(raw);
  if (mfa !== undefined) lines.push(field('MFA used', mfa ? 'yes' : 'NO'));
  const errorCode = asText(raw.errorCode);
  const errorMessage = asText(raw.errorMessage);
  if (errorCode || errorMessage) {
    lines.push(field('errorCode', errorCode || '—'));
    lines.push(field('errorMessage', errorMessage || '—'));
  }
  lines.push(...block('requestParameters', raw.requestParameters));
  lines.push(...block('responseElements', raw.responseElements));
  lines.push({ kind: 'heading', text: 'Full record' });
  for (const text of jsonLines(raw)) lines.push({ kind: 'text', text });
  return lines;
}
