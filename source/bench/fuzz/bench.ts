/**
 * `npm run bench -- fuzz [ITERATIONS] [SEED] [DRIVER OPTIONS...]`: the fuzz CI runs (40 cases,
 * nesting capped) in depth: by default 1,000 cases with nesting up to 3,000 deep and 1 MB
 * strings, the built CLI run end to end every 25th case. Reports iterations, failures (each with
 * the seed and the command that replays it) and time, in its own process under a deadline.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const DRIVER = fileURLToPath(new URL('./main.js', import.meta.url));

export async function fuzzBench(args: string[]): Promise<void> {
  const [iterations, seed, ...rest] = args;
  const count = Number(iterations) > 0 ? Number(iterations) : 1000;
  const driverArgs = [
    '--iterations',
    String(count),
    '--end-to-end',
    '25',
    '--max-depth',
    '3000',
    '--max-string',
    '1000000',
    // One case of a few small files; longer than this on a busy machine is worth a look.
    '--case-ms',
    '20000',
    ...(seed !== undefined && seed !== '' ? ['--seed', seed] : []),
    ...rest,
  ];
  console.log(`fuzz: ${count} cases (node dist/bench/fuzz/main.js ${driverArgs.join(' ')})`);
  // About 1 s of CPU a case, plus the end-to-end rounds; a busy machine stretches that a lot.
  const deadline = Math.max(600_000, count * 20_000);
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [DRIVER, ...driverArgs], { stdio: 'inherit' });
    const timer = setTimeout(() => {
      console.log(`fuzz: still running after ${deadline / 1000} s; killed (a hang is a failure)`);
      child.kill('SIGKILL');
    }, deadline);
    child.on('close', (exit) => {
      clearTimeout(timer);
      resolve(exit);
    });
  });
  if (code !== 0) process.exitCode = 1;
}
