import { describe, expect, it } from 'vitest';
import {
  bareName,
  fillStep,
  pickSuspects,
  queryValue,
  shellWord,
  stepById,
  suspectsNeeded,
  type PlaybookStep,
} from '../../source/triage/index.js';

const END = Date.UTC(2025, 2, 14, 12, 0, 0);
/** The trail's end, and the analyst's clock long after it. */
const NOW = { evidence: END, wall: Date.UTC(2026, 11, 7, 15, 0, 0) };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SUSPECTS = { principal: 'KeyHunter', key: 'AKIAEXAMPLE123456789', ip: '102.88.109.159' };

function step(id: string): PlaybookStep {
  const found = stepById(id);
  if (found === undefined) throw new Error(`no step ${id}`);
  return found;
}

describe('fillStep', () => {
  it('fills the suspects into the query and keeps its relative time', () => {
    expect(fillStep(step('triage-active-principal'), SUSPECTS, NOW).query).toBe(
      'user:KeyHunter after:1h',
    );
    expect(fillStep(step('triage-active-key'), SUSPECTS, NOW).query).toBe(
      'key:AKIAEXAMPLE123456789 after:1h',
    );
    expect(fillStep(step('watch-suspect-ip'), SUSPECTS, NOW).query).toBe(
      'ip:102.88.109.159 after:30m',
    );
    expect(fillStep(step('roles-created-7d'), {}, NOW).query).toBe('event:CreateRole after:7d');
  });

  it('fills the CLI with the suspects and absolute times counted back from the trail’s end', () => {
    const filled = fillStep(step('triage-active-principal'), SUSPECTS, NOW);
    expect(filled.cli).toContain('AttributeKey=Username,AttributeValue=KeyHunter ');
    expect(filled.cli).toContain(`--start-time ${new Date(END - HOUR).toISOString()}`);
    expect(fillStep(step('users-created-90d'), {}, NOW).cli).toContain(
      `--start-time ${new Date(END - 90 * DAY).toISOString()}`,
    );
  });

  it('says an epoch-ms window in ISO too, as a comment on its line', () => {
    const logs = fillStep(step('export-cloudwatch-logs'), {}, NOW).cli!.split('\n');
    const line = logs.find((text) => text.includes('create-export-task'))!;
    expect(line).toContain(`--from ${END - 30 * DAY} --to ${END} `);
    expect(line).toMatch(
      new RegExp(
        `  # ${new Date(END - 30 * DAY).toISOString()} \\.\\. ${new Date(END).toISOString()}$`,
      ),
    );
    // Only lines with an epoch window get the comment.
    expect(logs.filter((text) => text.includes('  # '))).toEqual([line]);
  });

  it('fills the containment commands', () => {
    expect(fillStep(step('deactivate-access-keys'), SUSPECTS, NOW).cli).toContain(
      'aws iam update-access-key --user-name KeyHunter --access-key-id AKIAEXAMPLE123456789 --status Inactive',
    );
    // Analyst-edited names stay as they are written.
    expect(fillStep(step('stop-compromised-lambda'), {}, NOW).cli).toContain(
      '--function-name FUNCTION_NAME',
    );
  });

  it('says which suspects are missing and fills nothing then', () => {
    expect(fillStep(step('triage-active-principal'), {}, NOW)).toEqual({
      missing: ['mark a suspect principal first'],
    });
    expect(fillStep(step('deactivate-access-keys'), { principal: 'KeyHunter' }, NOW)).toEqual({
      missing: ['mark a suspect access key first'],
    });
    expect(fillStep(step('deactivate-access-keys'), {}, NOW).missing).toEqual([
      'mark a suspect principal first',
      'mark a suspect access key first',
    ]);
    expect(fillStep(step('watch-suspect-ip'), { ip: '  ' }, NOW)).toEqual({
      missing: ['mark a suspect IP address first'],
    });
  });

  it('needs the suspect a profile step opens', () => {
    expect(fillStep(step('assess-blast-radius'), {}, NOW)).toEqual({
      missing: ['mark a suspect principal first'],
    });
    expect(fillStep(step('assess-blast-radius'), SUSPECTS, NOW)).toEqual({});
    expect(suspectsNeeded(step('assess-blast-radius'))).toEqual(['principal']);
  });

  it('needs nothing for findings and for steps without suspects', () => {
    expect(fillStep(step('triage-findings'), {}, NOW)).toEqual({});
    expect(fillStep(step('engage-incident-team'), {}, NOW)).toEqual({});
    expect(suspectsNeeded(step('roles-created-7d'))).toEqual([]);
    expect(fillStep(step('roles-created-7d'), {}, NOW).missing).toBeUndefined();
  });

  it('keeps an ARN whole in the query and gives the CLI the bare name', () => {
    const arn = 'arn:aws:iam::111122223333:user/service-role/aws_consoler';
    const filled = fillStep(step('triage-active-principal'), { principal: arn }, NOW);
    expect(filled.query).toBe(`user:${arn} after:1h`);
    expect(filled.cli).toContain('AttributeValue=aws_consoler ');
  });

  it('quotes what the logs could make dangerous', () => {
    const principal = "x'; rm -rf ~; echo '";
    const filled = fillStep(step('disable-console-access'), { principal }, NOW);
    expect(filled.cli).toContain(`--user-name 'x'\\''; rm -rf ~; echo '\\'''`);
    expect(filled.query).toBeUndefined();
    const ip = fillStep(step('watch-suspect-ip'), { ip: '$(reboot)' }, NOW);
    expect(ip.cli).toContain(`--arg ip '$(reboot)'`);
    // Quoted: unquoted, its `)` would close a group the query never opened.
    expect(ip.query).toBe('ip:"$(reboot)" after:30m');
  });
});

describe('the quoting helpers', () => {
  it('quote a query value only when the parser needs it', () => {
    expect(queryValue('KeyHunter')).toBe('KeyHunter');
    expect(queryValue("o'brien")).toBe("o'brien");
    expect(queryValue('Admin Role/j doe')).toBe('"Admin Role/j doe"');
    expect(queryValue('"odd\\')).toBe('"\\"odd\\\\"');
    expect(queryValue('ops,admin')).toBe('"ops,admin"');
    expect(queryValue('a)b')).toBe('"a)b"');
    expect(queryValue('(a')).toBe('"(a"');
  });

  it('leave plain shell words alone', () => {
    expect(shellWord('arn:aws:iam::1:user/a.b@c=d,e+f-g_h')).toBe(
      'arn:aws:iam::1:user/a.b@c=d,e+f-g_h',
    );
    expect(shellWord('a b')).toBe("'a b'");
    expect(shellWord('it’s')).toBe("'it’s'");
  });

  it('find the bare name of a principal', () => {
    expect(bareName('KeyHunter')).toBe('KeyHunter');
    expect(bareName('arn:aws:iam::111122223333:user/ops/KeyHunter')).toBe('KeyHunter');
    expect(bareName('Deployer/session-1')).toBe('session-1');
    expect(bareName('arn:aws:iam::111122223333:root')).toBe('root');
  });
});

describe('pickSuspects', () => {
  it('takes the latest mark of each kind', () => {
    expect(
      pickSuspects([
        { kind: 'principal', value: 'old', markedAt: '2025-03-14T10:00:00.000Z' },
        { kind: 'ip', value: '1.2.3.4', markedAt: '2025-03-14T10:01:00.000Z' },
        { kind: 'principal', value: 'new', markedAt: '2025-03-14T11:00:00.000Z' },
        { kind: 'principal', value: 'older', markedAt: '2025-03-14T09:00:00.000Z' },
      ]),
    ).toEqual({ principal: 'new', ip: '1.2.3.4' });
    expect(pickSuspects([])).toEqual({});
  });
});
