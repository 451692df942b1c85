import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyCase, type Suspect } from '../../../source/case/model.js';
import { renderMarkdown } from '../../../source/case/report/index.js';
import { detect, type Finding } from '../../../source/detect/index.js';
import { geoDatabase } from '../../../source/geo/index.js';
import type { EventIndex } from '../../../source/index/index.js';
import { rowRecords } from '../../../source/ingest/row-records.js';
import { reportInput } from '../../../source/state/report-input.js';
import { loadIndex } from '../../helpers/load.js';
import { ORG, orgRecords } from '../../helpers/org-records.js';
import { recordsJson, tempTree } from '../../helpers/records.js';
import { section, tables } from './markdown-tables.js';

/**
 * The report of an organization trail: B's KeyHunter is the suspect; A's KeyHunter (another
 * person of the same name) is not on the timeline, and every principal is named with its account.
 */

const tree = tempTree('report-accounts');
afterAll(() => tree.remove());
const geo = geoDatabase();
let index: EventIndex;
let readRows: (
  rows: Uint32Array,
  onRecord: (row: number, record: Record<string, unknown>) => void,
) => Promise<unknown>;
let findings: Finding[];

beforeAll(async () => {
  const loaded = await loadIndex([tree.write('org.json', recordsJson(orgRecords()))]);
  index = loaded.index;
  const records = rowRecords(loaded.result.files, (row) => index.location(row), 0);
  readRows = (rows, onRecord) => records.read(rows, onRecord);
  findings = (await detect({ index, ipFacts: (ip) => geo.lookup(ip), records })).findings;
});

const marked = (value: string): Suspect => ({
  kind: 'principal',
  value,
  markedAt: '2025-05-05T10:00:00Z',
  note: '',
});

async function markdownFor(suspect: string): Promise<string> {
  const caseFile = emptyCase('case-org', 'analyst', new Date('2025-05-05T10:00:00Z'));
  caseFile.suspects = [marked(suspect)];
  return renderMarkdown(
    await reportInput({
      caseFile,
      findings,
      index,
      readRows,
      ipFacts: (ip) => geo.lookup(ip),
      ipDataDate: geo.dataDate,
      now: new Date('2025-05-05T10:00:00Z'),
    }),
  );
}

describe('the report of several accounts', () => {
  it('a suspect ACCOUNT/NAME brings that account’s events only, named with the account', async () => {
    const markdown = await markdownFor(`${ORG.B}/KeyHunter`);
    const timeline = tables(section(markdown, 'Timeline').join('\n'))[0]!.slice(2);
    expect(timeline.length).toBeGreaterThan(0);
    // Who acted, on every row: B's KeyHunter, never A's namesake.
    expect(new Set(timeline.map((row) => row[1]))).toEqual(new Set([`${ORG.B}/KeyHunter`]));
    expect(markdown).not.toContain(`${ORG.A}/KeyHunter`);
    expect(markdown).not.toContain('198.51.100.7');
  });

  it('a bare name marked before the second account came still brings its events', async () => {
    const markdown = await markdownFor('KeyHunter');
    const timeline = tables(section(markdown, 'Timeline').join('\n'))[0]!.slice(2);
    expect(new Set(timeline.map((row) => row[1]))).toEqual(
      new Set([`${ORG.A}/KeyHunter`, `${ORG.B}/KeyHunter`]),
    );
  });
});
