import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase, readCase } from '../../source/case/index.js';
import { renderMarkdown } from '../../source/case/report/index.js';
import { DEMO_DATA_FILE } from '../../source/demo/index.js';
import { detect, type Finding } from '../../source/detect/index.js';
import { geoDatabase } from '../../source/geo/index.js';
import type { EventIndex } from '../../source/index/index.js';
import { RecordReader, type SourceFile } from '../../source/ingest/index.js';
import { rowRecords } from '../../source/ingest/row-records.js';
import { reportInput } from '../../source/state/report-input.js';
import { writeCaseReport } from '../../source/state/write-report.js';
import { loadIndex } from '../helpers/load.js';
import { tempTree } from '../helpers/records.js';

const tree = tempTree('write-report');
afterAll(() => tree.remove());
const geo = geoDatabase();
let index: EventIndex;
let files: SourceFile[];
let findings: Finding[];

beforeAll(async () => {
  const loaded = await loadIndex([DEMO_DATA_FILE]);
  index = loaded.index;
  files = loaded.result.files;
  const records = rowRecords(files, (row) => index.location(row), 0);
  findings = (await detect({ index, ipFacts: (ip) => geo.lookup(ip), records })).findings;
});

/** The demo case with the story's suspects marked, as the TUI leaves it after `m` twice. */
function storyCase(name: string): string {
  const path = join(tree.root, name);
  createCase(path, {
    title: 'KeyHunter',
    sources: [{ kind: 'path', value: DEMO_DATA_FILE }],
  }).update(
    (draft, stamp) => {
      draft.suspects.push({ kind: 'principal', value: 'KeyHunter', markedAt: stamp.at, note: '' });
      draft.suspects.push({ kind: 'ip', value: '102.88.109.159', markedAt: stamp.at, note: '' });
    },
    { action: 'marked suspect', detail: 'principal KeyHunter, ip 102.88.109.159' },
  );
  return path;
}

describe("the TUI's report (:w)", { timeout: 60_000 }, () => {
  it('tells the story through the pivot, the same report `trailhound report --case` writes', async () => {
    const casePath = storyCase('story.json');
    const caseFile = readCase(casePath);
    const now = new Date('2025-03-14T23:47:00Z');
    const written = await writeCaseReport({
      casePath,
      caseFile,
      findings,
      index,
      reader: new RecordReader(files),
      ipFacts: (ip) => geo.lookup(ip),
      ipDataDate: geo.dataDate,
      now,
    });
    const md = readFileSync(written, 'utf8');
    const story = [
      '| 2025-03-13 14:02:11 | KeyHunter | 102.88.109.159 | ConsoleLogin |',
      '| 2025-03-13 14:02:38 | KeyHunter | 102.88.109.159 | ConsoleLogin |',
      '| 2025-03-13 14:03:52 | KeyHunter | 102.88.109.159 | ListBuckets |',
      '| 2025-03-13 14:05:02 | KeyHunter | 102.88.109.159 | GetObject | dora-cloudbucket/Threat Intelligence.docx |',
      '| 2025-03-13 14:52:33 | KeyHunter | 102.88.109.159 | AssumeRole | role/ops-admin |',
      '| 2025-03-13 14:53:10 | ops-admin/KeyHunter | 102.88.109.159 | ListUsers |',
      '| 2025-03-13 14:53:14 | ops-admin/KeyHunter | 102.88.109.159 | ListRoles |',
      '| 2025-03-13 14:53:21 | ops-admin/KeyHunter | 102.88.109.159 | ListAccessKeys |',
    ].map((row) => md.indexOf(row));
    expect(story.every((at) => at > 0)).toBe(true);
    expect([...story].sort((a, b) => a - b)).toEqual(story);
    expect(md).toContain('- **Dwell time:** 51 min');

    // The CLI's way: records read in batches by rowRecords rather than one by one.
    const cli = renderMarkdown(
      await reportInput({
        caseFile,
        findings,
        index,
        readRows: (rows, onRecord) =>
          rowRecords(files, (row) => index.location(row), 0).read(rows, onRecord),
        ipFacts: (ip) => geo.lookup(ip),
        ipDataDate: geo.dataDate,
        now,
      }),
    );
    expect(md).toBe(cli);
  });
});
