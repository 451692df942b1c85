// Child process of crash.test.ts: opens (or creates) a case and changes it as fast as it can,
// forever, until the test kills it. After each save it appends "<audit entries> <sha256 of the
// saved text>" to the report file, so the test knows which states reached the disk.
// Arguments: <compiled source dir> <case path> <report path> <seed>
import { createHash } from 'node:crypto';
import { existsSync, openSync, writeSync } from 'node:fs';

const [modules, casePath, reportPath, seedText] = process.argv.slice(2);
const { createCase, openCase } = await import(`${modules}/case/store.js`);
const { pinRecord } = await import(`${modules}/case/pin.js`);
const { serializeCase } = await import(`${modules}/case/case-json.js`);

// A small deterministic generator (mulberry32): sizes and actions vary per run.
let seed = Number(seedText) >>> 0;
function random() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const report = openSync(reportPath, 'a');
function reportSaved(store) {
  const hash = createHash('sha256').update(serializeCase(store.current)).digest('hex');
  writeSync(report, `${store.current.audit.length} ${hash}\n`);
}

let store;
if (existsSync(casePath)) {
  store = openCase(casePath);
} else {
  store = createCase(casePath, { title: 'crash test', sources: [{ kind: 'path', value: '/x' }] });
  reportSaved(store);
}
writeSync(1, 'ready\n');

for (let change = 0; ; change++) {
  const roll = random();
  if (roll < 0.6) {
    // Records from 200 bytes to 40 KB, most of them a few KB as real ones are, each with a
    // secret that must never reach the disk.
    const eventId = `${process.pid}-${change}`;
    pinRecord(
      store,
      {
        eventID: eventId,
        eventTime: new Date().toISOString(),
        eventName: 'GetObject',
        responseElements: { credentials: { sessionToken: 'SECRET-SESSION-TOKEN' } },
        padding: 'p'.repeat(Math.floor(random() ** 4 * 40_000)),
      },
      `pin ${change}`,
    );
  } else if (roll < 0.9) {
    store.update(
      (draft) => {
        // Keep the case near 50 pinned records so saves stay the size the budget speaks of.
        if (draft.pinned.length > 50) draft.pinned.shift();
        draft.eventNotes[`note-${change % 20}`] = 'n'.repeat(Math.floor(random() * 2000));
      },
      { action: 'noted', detail: String(change) },
    );
  } else {
    store.update(
      (draft, stamp) => {
        draft.suspects.push({
          kind: 'ip',
          value: `198.51.100.${change % 255}`,
          markedAt: stamp.at,
          note: '',
        });
        if (draft.suspects.length > 20) draft.suspects.shift();
      },
      { action: 'marked suspect', detail: String(change) },
    );
  }
  reportSaved(store);
}
