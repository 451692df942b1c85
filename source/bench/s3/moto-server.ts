/**
 * moto's server as the S3 bench's peer: started on 127.0.0.1 with a port of its choosing, its
 * CPU time read from /proc (moto is one Python process: what it spends is the S3 side's cost on
 * this machine), stopped by its PID. The tests have their own starter (test/helpers/moto.ts,
 * with recording and resets the bench must not pay for); this one only starts and stops.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The Python that runs moto; TRAILHOUND_MOTO_PYTHON picks another (as the tests do). */
const PYTHON = process.env['TRAILHOUND_MOTO_PYTHON'] ?? 'python3';

export interface MotoServer {
  endpoint: string;
  pid: number;
  /** User + system CPU seconds moto has used so far (undefined where /proc is not readable). */
  cpuSeconds(): number | undefined;
  /** moto's resident memory now, in MB (undefined where /proc is not readable). */
  rssMb(): number | undefined;
  stop(): Promise<void>;
}

/** Why moto cannot run here (one line, with the fix), or undefined when it can. */
export function motoMissing(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import moto.server, flask, werkzeug'], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (probe.error) return `${PYTHON} is not runnable (${probe.error.message})`;
  if (probe.status !== 0)
    return `moto[server] is not importable by ${PYTHON} (${probe.stderr.trim().split('\n').at(-1)}): pip install 'moto[server]'`;
  return undefined;
}

function procStat(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
}

export async function startMotoServer(): Promise<MotoServer> {
  const child = spawn(PYTHON, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`moto did not start in 30 s: ${seen}`)),
      30_000,
    );
    const onData = (chunk: Buffer) => {
      if (seen.length < 4096) seen += chunk.toString('utf8');
      const match = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    // werkzeug logs a line per request on stderr: both streams are drained for moto's whole
    // life, or a full pipe would stall it mid-bench.
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`moto exited with ${code}: ${seen}`)));
  });
  const pid = child.pid ?? 0;
  // Clock ticks per second for /proc/PID/stat's utime and stime: 100 on Linux.
  const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
  return {
    endpoint,
    pid,
    cpuSeconds: () => {
      const stat = procStat(pid);
      if (!stat) return undefined;
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / ticks;
    },
    rssMb: () => {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
        return kb === undefined ? undefined : Number(kb) / 1024;
      } catch {
        return undefined;
      }
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
