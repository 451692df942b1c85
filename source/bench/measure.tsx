import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { detectInThread } from '../state/detection-thread.js';
import {
  EventIndex,
  filterRows,
  ipProfile,
  keyProfile,
  principalProfile,
  topValues,
} from '../index/index.js';
import type { SourceFile } from '../ingest/index.js';
import { measureLoad } from './store-load.js';
import { FrameWriter } from '../cli/frame-writer.js';
import { createAppStore } from '../state/index.js';
import { parseQuery } from '../trail/query/index.js';
import { geoDatabase } from '../geo/index.js';
import { ipLines, keyLines } from '../state/ip-key-lines.js';
import { principalLines, type ProfileContext } from '../state/principal-lines.js';
import { QUERIES } from './queries.js';
import { mountApp, themeFor } from '../ui/index.js';
import { FakeStdin, FakeStdout } from './fake-terminal.js';

/**
 * One measurement run in its own process (so peak RSS is this load's alone): load a tree to a
 * fully indexed stream, time filters, then time cursor moves through the real App and frame writer.
 */

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/**
 * Opening a profile of the busiest principal, address and key (the worst case for each): the
 * index's lists, then the page as the TUI draws it, baseline judgments included (first opening:
 * nothing derived yet; the offline IP data already loaded, as the stream has by then).
 */
function measureProfiles(index: EventIndex) {
  const all = index.order();
  const timed = (name: string, open: () => unknown) => {
    const t = performance.now();
    open();
    return { name, ms: performance.now() - t };
  };
  const busiest = (field: 'principal' | 'sourceIp' | 'accessKeyId') =>
    topValues(index, field, all, 1)[0]?.value ?? '';
  const principal = busiest('principal');
  const ip = busiest('sourceIp');
  const key = busiest('accessKeyId');
  const geo = geoDatabase();
  geo.lookup('192.0.2.1');
  const context: ProfileContext = {
    index,
    ipFacts: (text) => geo.lookup(text),
    ipDataDate: geo.dataDate,
    findings: [],
    facts: new Map(),
    risk: new Map(),
  };
  return [
    timed(`principal ${principal}`, () => principalProfile(index, principal)),
    timed(`ip ${ip}`, () => ipProfile(index, ip)),
    timed(`key ${key}`, () => keyProfile(index, key)),
    timed(`principal page (with baseline)`, () =>
      principalLines(principalProfile(index, principal)!, context),
    ),
    timed(`ip page (with baseline)`, () => ipLines(ipProfile(index, ip)!, context)),
    timed(`key page (with baseline)`, () => keyLines(keyProfile(index, key)!, context)),
  ];
}

/**
 * Every built-in rule and correlation over the whole index as the TUI runs them (a detection
 * thread over a snapshot, records re-read by fetch threads), while a timer stands in for the UI
 * on this thread: its worst delay is how long a keypress could wait.
 */
async function measureDetection(index: EventIndex, files: readonly SourceFile[]) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const t = performance.now();
  let firstFindingsSeconds = 0;
  const run = await detectInThread(index, files, {
    sigmaPaths: [],
    workers: Number(process.env.TRAILHOUND_FETCH_WORKERS ?? '') || undefined,
    onFindings: () => {
      firstFindingsSeconds ||= (performance.now() - t) / 1000;
    },
  });
  const seconds = (performance.now() - t) / 1000;
  delay.disable();
  return {
    seconds,
    firstFindingsSeconds,
    findings: run.findings.length,
    recordsRead: run.facts.size,
    timings: run.timings,
    worstStallMs: delay.max / 1e6,
    p99StallMs: delay.percentile(99) / 1e6,
  };
}

/** A filter's first run tests every distinct value; later runs reuse the match tables. */
function measureFilters(index: EventIndex) {
  const order = index.order();
  return QUERIES.map((text) => {
    const parsed = parseQuery(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const times: number[] = [];
    let matches = 0;
    for (let run = 0; run < 5; run++) {
      const t = performance.now();
      matches = filterRows(index, parsed.query, order).length;
      times.push(performance.now() - t);
    }
    return { query: text, coldMs: times[0]!, warmMs: median(times.slice(1)), matches };
  });
}

async function measureCursor(index: EventIndex) {
  const terminal = new FakeStdout(80, 24, false);
  const frames = new FrameWriter(terminal as unknown as NodeJS.WriteStream);
  const stdin = new FakeStdin();
  const store = createAppStore({
    index,
    now: Date.now,
    source: 'bench',
    size: { columns: 80, rows: 24 },
  });
  store.getState().refreshRows();
  const app = mountApp({ store, index, theme: themeFor(true), stdout: frames, stdin });
  await new Promise((resolve) => setTimeout(resolve, 50));
  // Start mid-stream so the window scrolls as well as the selection moving.
  store.getState().moveCursorTo(Math.floor(index.size / 2));
  await new Promise((resolve) => setTimeout(resolve, 20));
  const times: number[] = [];
  const bytesBefore = terminal.bytes;
  const presses = 300;
  for (let i = 0; i < presses; i++) {
    const written = new Promise((resolve) => terminal.once('frame', resolve));
    const t = performance.now();
    stdin.write(i % 50 < 40 ? 'j' : 'k');
    await written;
    times.push(performance.now() - t);
  }
  const bytesPerMove = (terminal.bytes - bytesBefore) / presses;
  app.unmount();
  return { medianMs: median(times), p95Ms: percentile(times, 0.95), bytesPerMove };
}

async function main() {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: measure DIR');
  const load = await measureLoad(async () => [{ path: dir }], dir);
  const rssAfterLoad = process.resourceUsage().maxRSS / 1024;
  if (process.argv[3] === '--load-only') {
    const cpu = process.cpuUsage();
    process.stdout.write(
      `${JSON.stringify({ loadSeconds: load.seconds, peakRssMb: rssAfterLoad, cpuSeconds: (cpu.user + cpu.system) / 1e6, firstEventSeconds: load.firstEventSeconds, events: load.index.size, files: load.files })}\n`,
    );
    process.exit(0);
  }
  const filters = measureFilters(load.index);
  const cursor = await measureCursor(load.index);
  const profiles = measureProfiles(load.index);
  const detection = await measureDetection(load.index, load.sourceFiles);
  const out = {
    events: load.index.size,
    files: load.files,
    failedFiles: load.failed,
    loadSeconds: load.seconds,
    peakRssMb: rssAfterLoad,
    filters,
    cursor,
    profiles,
    detection,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
}

await main();
