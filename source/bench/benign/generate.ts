/**
 * The benign trail: a month of one company's ordinary AWS work (people, machines, pipelines),
 * deterministic from a seed, `events` events long, written day by day as an S3 delivery tree.
 * It starts in the middle of everyone's work: day one already has everybody, as any trail an
 * analyst is handed does. An intrusion can be planted on a later day (`intrusion: true`).
 */

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeWholeFile } from '../../case/index.js';
import type { IamUser } from '../../demo/cast.js';
import { Trail, type Actor, type Call, type RawRecord } from '../../demo/record.js';
import { Rng } from '../../demo/random.js';
import { HOUR } from '../../demo/time.js';
import { plantIntrusion, type Intrusion } from './intrusion.js';
import { personDay, type PersonState, type TrailDay } from './people.js';
import { actionsDay, legacyDeployDay, orgDeployDay, scannerDay } from './pipelines.js';
import { people, peopleCount } from './population.js';
import { DeliveryWriter } from './tree-writer.js';
import { configDay, fleet, fleetDay, lambdaDay, lambdas } from './workloads.js';

export interface BenignOptions {
  events: number;
  seed?: number;
  /** Plant the intrusion (on the eighth day before the end). */
  intrusion?: boolean;
  days?: number;
  /** Minutes of events per delivered file (per region); 60 unless said. */
  windowMinutes?: number;
  /** false writes plain JSON files instead of gzipped ones. */
  gzip?: boolean;
  /** How many people; by default it grows with the size (24 at 100k). */
  people?: number;
}

export interface BenignTrail {
  dir: string;
  events: number;
  files: number;
  days: number;
  people: number;
  intrusion?: Intrusion;
  seconds: number;
}

/** Monday 7 April 2025: an ordinary month, nothing special about its first day. */
const START = Date.UTC(2025, 3, 7);
const DAY = 24 * HOUR;

/** A Trail that counts what it records, so machines can fill the day's share. */
class CountingTrail extends Trail {
  count = 0;
  override add(time: number, actor: Actor, call: Call): RawRecord {
    this.count++;
    return super.add(time, actor, call);
  }
}

function byTime(a: RawRecord, b: RawRecord): number {
  const x = String(a.eventTime);
  const y = String(b.eventTime);
  return x < y ? -1 : x > y ? 1 : 0;
}

const LEGACY_CI: IamUser = {
  name: 'ci-static-site',
  principalId: 'AIDASTAT3C5L9WEXAMPLE',
  accessKeyId: 'AKIASTAT3C5L9EXAMPLE',
  arn: 'arn:aws:iam::111122223333:user/ci-static-site',
};

/** Writes the trail into `dir` (which must not hold another trail). */
export async function writeBenignTrail(dir: string, options: BenignOptions): Promise<BenignTrail> {
  const started = performance.now();
  const days = options.days ?? 30;
  const rng = new Rng(options.seed ?? 15);
  const scale = options.events / 100_000;
  const cast = people(rng, options.people ?? peopleCount(options.events), days);
  const states: PersonState[] = cast.map(() => ({}));
  const setup = new Trail(rng);
  const machines = fleet(setup, Math.max(2, Math.round(4 * scale ** 0.6)));
  const functions = lambdas(setup, Math.max(4, Math.round(4 * Math.sqrt(scale))));
  const victim = cast.find((p) => p.user && !p.trip && !p.rotatesKeyOn)?.user;
  const intrusionDay = days - 8;
  const writer = new DeliveryWriter(dir, options.windowMinutes, options.gzip);
  const perDay = options.events / days;
  let intrusion: Intrusion | undefined;
  let carried: RawRecord[] = [];
  for (let index = 0; index < days; index++) {
    const start = START + index * DAY;
    const day: TrailDay = { index, start, weekday: new Date(start).getUTCDay() };
    const trail = new CountingTrail(rng);
    cast.forEach((person, i) => personDay(trail, person, states[i]!, day));
    configDay(trail, day);
    legacyDeployDay(trail, LEGACY_CI, day);
    orgDeployDay(trail, day);
    if (options.intrusion && victim && index === intrusionDay)
      intrusion = plantIntrusion(trail, victim, start);
    const machineShare = Math.max(perDay * 0.3, perDay - trail.count);
    scannerDay(trail, day, Math.min(3_000, Math.round(machineShare * 0.08)));
    actionsDay(trail, day, machineShare * 0.17);
    lambdaDay(trail, functions, day, machineShare * 0.25);
    fleetDay(trail, machines, day, Math.max(0, perDay - trail.count));
    // Bursts that run past midnight wait for the next day's records to be sorted with them.
    const all = carried.concat(trail.sorted()).sort(byTime);
    const nextDay = new Date(start + DAY).toISOString();
    const cut =
      index === days - 1 ? all.length : all.findIndex((r) => String(r.eventTime) >= nextDay);
    const upTo = cut < 0 ? all.length : cut;
    await writer.write(all.slice(0, upTo));
    carried = all.slice(upTo);
  }
  return {
    dir,
    events: writer.events,
    files: writer.files,
    days,
    people: cast.length,
    ...(intrusion ? { intrusion } : {}),
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * The trail under `root`, generated once and reused (the name carries the generator's version:
 * a changed generator never reuses an old tree).
 */
export async function benignTree(root: string, options: BenignOptions): Promise<BenignTrail> {
  const name = `benign-v1-${options.events}-s${options.seed ?? 15}${options.intrusion ? '-intrusion' : ''}`;
  const dir = join(root, name);
  // Beside the tree, not in it: loading the tree must not read it as a log file.
  const done = `${dir}.json`;
  if (existsSync(done))
    return { ...(JSON.parse(readFileSync(done, 'utf8')) as BenignTrail), seconds: 0 };
  rmSync(dir, { recursive: true, force: true });
  const trail = await writeBenignTrail(dir, options);
  writeWholeFile(done, JSON.stringify(trail));
  return trail;
}
