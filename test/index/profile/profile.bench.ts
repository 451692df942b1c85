/**
 * Opening a profile at 1M events (target ≤ 200 ms each). Not part of `vitest run`:
 *   TRAILHOUND_SKIP_BUILD=1 npx vitest bench --run test/index/profile/profile.bench.ts
 * Prints the first (cold) call of each profile, then tinybench's warm statistics.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { bench, describe } from 'vitest';
import {
  ipProfile,
  keyProfile,
  principalProfile,
  type EventIndex,
} from '../../../source/index/index.js';
import { busiest, syntheticIndex } from './synthetic-index.js';

const EVENTS = 1_000_000;

// The collector's debt from building a million rows belongs to the load, not to the first
// profile: collect it before timing (the documented way to reach gc() without a flag).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function timed<T>(run: () => T): [T, number] {
  const started = performance.now();
  const result = run();
  return [result, performance.now() - started];
}

interface Case {
  label: string;
  index: EventIndex;
  principal: string;
  role: string;
  ip: string;
  key: string;
}

function prepare(label: string, skew: number): Case {
  const { index, buildMs } = syntheticIndex(EVENTS, skew);
  const principal = busiest(index, 'principal');
  const ip = busiest(index, 'sourceIp');
  const key = busiest(index, 'accessKeyId');
  const role = busiest(index, 'principal').includes('/') ? principal.split('/')[0]! : 'app-role-1';
  const cold: string[] = [];
  collectGarbage();
  const [p, pMs] = timed(() => principalProfile(index, principal)!);
  cold.push(
    `principal ${principal} (${p.events} events, ${p.totals.resources} resources): ${pMs.toFixed(1)} ms`,
  );
  const [r, rMs] = timed(() => principalProfile(index, role)!);
  cold.push(
    `role ${role} (${r.events} events, ${r.totals.sessions} sessions): ${rMs.toFixed(1)} ms`,
  );
  const [i, iMs] = timed(() => ipProfile(index, ip)!);
  cold.push(`ip ${ip} (${i.events} events): ${iMs.toFixed(1)} ms`);
  const [k, kMs] = timed(() => keyProfile(index, key)!);
  cold.push(`key ${key} (${k.events} events): ${kMs.toFixed(1)} ms`);
  console.log(
    `\n[${label}] ${index.size} rows built in ${(buildMs / 1000).toFixed(1)} s; first calls:\n  ${cold.join('\n  ')}`,
  );
  return { label, index, principal, role, ip, key };
}

const cases = [prepare('skewed', 3), prepare('one principal does almost everything', 400)];

for (const c of cases) {
  describe(`${c.label}: ${EVENTS} events`, () => {
    const options = { iterations: 10, warmupIterations: 2, time: 0 };
    bench(
      `principalProfile(${c.principal})`,
      () => void principalProfile(c.index, c.principal),
      options,
    );
    bench(
      `principalProfile(${c.role}) as a role`,
      () => void principalProfile(c.index, c.role),
      options,
    );
    bench(`ipProfile(${c.ip})`, () => void ipProfile(c.index, c.ip), options);
    bench(`keyProfile(${c.key})`, () => void keyProfile(c.index, c.key), options);
  });
}
