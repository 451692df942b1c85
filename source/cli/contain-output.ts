/**
 * What `trailhound contain` prints: the plan as AWS CLI lines, each call's result, the
 * verification. Every name in here came from IAM or the command line and may be attacker-chosen,
 * so each line is sanitized on its way out.
 */
import type { CallResult, CheckResult, Plan } from '../aws/contain/index.js';
import { ACTIONS } from '../aws/contain/index.js';
import type { EvidenceFile } from '../aws/evidence/index.js';
import { sanitizeText } from '../trail/sanitize.js';

const line = (text: string) => `${sanitizeText(text)}\n`;

export function planText(
  plans: readonly Plan[],
  who: string,
  /** The account acted in and the role assumed there, when not the caller's own. */
  through?: { account: string; role: string },
): string {
  const first = plans[0];
  const where = through ? ` in account ${through.account} (through ${through.role})` : '';
  let out = first
    ? line(`Plan for ${first.target.kind} ${first.target.name}${where}, as ${who}`)
    : '';
  for (const plan of plans) {
    const flag = plan.calls.length > 0 && plan.destructive ? '  [destructive]' : '';
    out += `\n${line(`${plan.action}: ${ACTIONS[plan.action].summary}${flag}`)}`;
    for (const note of plan.notes) out += line(`  note: ${note}`);
    if (plan.calls.length === 0) out += line('  nothing to do');
    plan.calls.forEach((call, index) => {
      out += line(`  ${index + 1}. ${call.cli}`);
      out += line(`     (${call.why})`);
    });
  }
  return out;
}

export function callText(result: CallResult): string {
  if (result.outcome === 'ok') return line(`  ok      ${result.call.cli}  → ${result.detail}`);
  return line(`  FAILED  ${result.call.cli}`) + line(`          ${result.detail}`);
}

export function checksText(checks: readonly CheckResult[]): string {
  return checks.map((check) => line(`  ${check.ok ? '✓' : '✗'} ${check.detail}`)).join('');
}

export function evidenceText(dir: string, files: readonly EvidenceFile[]): string {
  return (
    line(`Evidence preserved in ${dir}:`) +
    files
      .map((file) => line(`  ${file.sha256}  ${file.bytes} bytes  ${file.path}  (${file.what})`))
      .join('')
  );
}
