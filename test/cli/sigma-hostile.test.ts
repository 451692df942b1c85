import { afterAll, describe, expect, it } from 'vitest';
import { boundedCli } from '../helpers/bounded.js';
import { runPtySteps } from '../helpers/pty-steps.js';
import { makeRecord, recordsJson, tempTree } from '../helpers/records.js';

const tree = tempTree('sigma-hostile');
afterAll(() => tree.remove());

const ruleFile = (name: string, title: string, pattern: string) =>
  tree.write(
    `${name}/rule.yml`,
    `title: ${title}
logsource:
    product: aws
    service: cloudtrail
detection:
    selection:
        userAgent|re: '${pattern}'
    condition: selection
level: high
`,
  );

describe('hostile Sigma regexes', { timeout: 60_000 }, () => {
  it('an exponential regex over a few records: findings finishes and reports the match', () => {
    // `(a|aa)+$` over 60 a's and a "!" takes V8's backtracking matcher ~fib(60) steps.
    const trail = tree.write(
      'exp/trail.json',
      recordsJson([
        makeRecord({ userAgent: `${'a'.repeat(60)}!` }),
        makeRecord({ userAgent: `${'a'.repeat(40)}!` }),
        makeRecord({ userAgent: 'a'.repeat(61) }),
      ]),
    );
    const rules = ruleFile('exp-rules', 'Overlapping alternation', '(a|aa)+$');
    // Killed after 20 s, failing the test: before RE2 this never ended.
    const run = boundedCli(['findings', trail, '--rules', rules, '--format', 'json'], {
      ms: 20_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const { findings } = JSON.parse(run.stdout) as {
      findings: { title: string; eventIds: string[] }[];
    };
    const found = findings.filter((finding) => finding.title === 'Overlapping alternation');
    expect(found).toHaveLength(1);
    expect(found[0]!.eventIds).toHaveLength(1);
  });

  it('q ends the TUI at once while a slow rule runs in the detection thread', () => {
    // A linear-time but DFA-hostile pattern: seconds per 100 kB value, a dozen of them.
    let seed = 7;
    const noise = () =>
      Array.from({ length: 100_000 }, () => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed & 1024 ? 'a' : 'b';
      }).join('') + 'c'; // the c defeats RE2's required-literal shortcut
    const trail = tree.write(
      'slow/trail.json',
      recordsJson(Array.from({ length: 12 }, () => makeRecord({ userAgent: noise() }))),
    );
    const rules = ruleFile('slow-rules', 'Slow', '[ab]*a[ab]{200}c');
    // Killed (-9) if still alive 4 s after `q`; before the fix the thread kept it alive for good.
    const run = runPtySteps(
      [trail, '--rules', rules, '--limit', 'rule-time=10m'],
      [{ wait: 'detecting', keys: 'q' }],
      { within: 30, limit: 4, env: { XDG_STATE_HOME: `${tree.root}/state` } },
    );
    expect(run.output, 'the detections never started').toContain('detecting');
    expect(run.code, 'exit code after q').toBe(0);
  });
});
