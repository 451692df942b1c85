import { cpus, loadavg, totalmem } from 'node:os';

/** The machine a bench ran on, printed first so its figures are read against it. */
export function machineLine(): string {
  return `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
}

/** The 1-minute load average, for a machine shared with other work (empty where unknown). */
export function loadNow(): string {
  const [one] = loadavg();
  return one === undefined ? '' : `load average ${one.toFixed(1)}`;
}
