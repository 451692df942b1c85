/**
 * The bundled demo case: five working days of one account's CloudTrail with an intrusion on the
 * Thursday. Deterministic, so the shipped data file can be checked against the code.
 */

import { ciActivity } from './background-ci.js';
import { machineActivity } from './background-machines.js';
import { peopleActivity } from './background-people.js';
import { Rng } from './random.js';
import { Trail, type RawRecord } from './record.js';
import { attackStory } from './story.js';

/** Changing the seed changes every id in the data file; regenerate it if you do. */
const SEED = 0x7a11_4d06;

export function generateDemoRecords(): RawRecord[] {
  const trail = new Trail(new Rng(SEED));
  machineActivity(trail);
  peopleActivity(trail);
  ciActivity(trail);
  attackStory(trail);
  return trail.sorted();
}
