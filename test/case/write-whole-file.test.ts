import {
  lstatSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createCase,
  FileWriteError,
  makeDirectory,
  nodeFileSystem,
  readCase,
  writeWholeFile,
  type CaseFileSystem,
} from '../../source/case/index.js';
import { tempPathOf } from '../../source/case/side-files.js';
import { writeDemoTree } from '../../source/demo/write-tree.js';
import { EventIndex } from '../../source/index/index.js';
import { writeCaseReport } from '../../source/state/write-report.js';
import { fileSystemWith, fsError, scratchDirectory } from './helpers.js';

const NOTES = '# analyst notes\nKeyHunter seen from 102.88.109.159 — do not lose this.\n';

/** A disk that fills up: the first write lands half its bytes, the next says ENOSPC. */
const diskFull = fileSystemWith({
  writeSync: (fd, buffer, offset, length) => {
    if (length > 1) return nodeFileSystem.writeSync(fd, buffer, offset, Math.floor(length / 2));
    throw fsError('ENOSPC', 'write');
  },
});

function notesIn(directory: string): string {
  const notes = join(directory, 'notes.md');
  writeFileSync(notes, NOTES);
  return notes;
}

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('writeWholeFile: every file trailhound writes', () => {
  it('replaces a symlink planted at the destination instead of writing through it', () => {
    const directory = scratchDirectory();
    const notes = notesIn(directory);
    const report = join(directory, 'case.report.md');
    symlinkSync(notes, report);
    writeWholeFile(report, 'the report\n');
    expect(readFileSync(notes, 'utf8')).toBe(NOTES);
    expect(lstatSync(report).isSymbolicLink()).toBe(false);
    expect(readFileSync(report, 'utf8')).toBe('the report\n');
    expect(statSync(report).mode & 0o777).toBe(0o600);
  });

  it('never follows a link planted at its temporary name (created exclusively, 0600)', () => {
    const directory = scratchDirectory();
    const notes = notesIn(directory);
    const report = join(directory, 'case.report.md');
    symlinkSync(notes, tempPathOf(report));
    writeWholeFile(report, 'the report\n');
    expect(readFileSync(notes, 'utf8')).toBe(NOTES);
    expect(readFileSync(report, 'utf8')).toBe('the report\n');
    expect(readdirSync(directory).sort()).toEqual(['case.report.md', 'notes.md']);
  });

  it('on a full disk leaves the previous file byte-identical, no temporary, and says "not written"', () => {
    const directory = scratchDirectory();
    const report = join(directory, 'case.report.md');
    writeFileSync(report, 'the previous good report\n');
    const error = caught(() => writeWholeFile(report, 'x'.repeat(100_000), diskFull));
    expect(error).toBeInstanceOf(FileWriteError);
    expect((error as Error).message).toBe(
      `${report} not written: the disk is full (ENOSPC); the previous file is unchanged`,
    );
    expect(readFileSync(report, 'utf8')).toBe('the previous good report\n');
    expect(readdirSync(directory)).toEqual(['case.report.md']);
  });
});

describe(':w (the TUI report) through the atomic writer', () => {
  function emptyCase(directory: string): string {
    const casePath = join(directory, 'case.json');
    createCase(casePath, { title: 'notes', sources: [] });
    return casePath;
  }
  const write = (casePath: string, fileSystem?: CaseFileSystem) =>
    writeCaseReport({
      casePath,
      caseFile: readCase(casePath),
      findings: [],
      index: new EventIndex(),
      reader: undefined,
      ipFacts: () => ({}) as never,
      ipDataDate: '2026-01-01',
      now: new Date('2026-03-01T00:00:00Z'),
      ...(fileSystem ? { fileSystem } : {}),
    });

  it('a <case>.report.md planted as a link to the analyst notes: the notes keep their bytes', async () => {
    const directory = scratchDirectory();
    const notes = notesIn(directory);
    const casePath = emptyCase(directory);
    symlinkSync(notes, join(directory, 'case.report.md'));
    const path = await write(casePath);
    expect(readFileSync(notes, 'utf8')).toBe(NOTES);
    expect(lstatSync(path).isSymbolicLink()).toBe(false);
    expect(readFileSync(path, 'utf8')).toContain('# ');
  });

  it('ENOSPC: the previous report stays byte-identical and the message says "not written"', async () => {
    const directory = scratchDirectory();
    const casePath = emptyCase(directory);
    const first = await write(casePath);
    const before = readFileSync(first);
    await expect(write(casePath, diskFull)).rejects.toThrow(
      /case\.report\.md not written: the disk is full \(ENOSPC\); the previous file is unchanged/,
    );
    expect(readFileSync(first).equals(before)).toBe(true);
    expect(readdirSync(directory).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });
});

describe('every other writer goes through it', () => {
  it('demo --write: a link planted in the tree is replaced, its target untouched', async () => {
    const record = {
      eventTime: '2025-03-10T00:00:01Z',
      eventName: 'GetObject',
      awsRegion: 'us-east-1',
      recipientAccountId: '111122223333',
    };
    const first = scratchDirectory();
    await writeDemoTree([record], first);
    const folder = join('AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', '2025', '03', '10');
    const [name] = readdirSync(join(first, folder));
    const second = scratchDirectory();
    const notes = notesIn(second);
    makeDirectory(join(second, folder));
    symlinkSync(notes, join(second, folder, name!));
    await writeDemoTree([record], second);
    // Before: a plain writeFile wrote the gzip through the link, over the notes.
    expect(readFileSync(notes, 'utf8')).toBe(NOTES);
    expect(lstatSync(join(second, folder, name!)).isFile()).toBe(true);
  });
});

describe('makeDirectory: hostile write paths end in one clear error', () => {
  it('/proc/nope: ENOENT from mkdir with the parent there is final (Node retries it forever)', () => {
    const error = caught(() => makeDirectory('/proc/nope/deeper'));
    expect(error).toBeInstanceOf(FileWriteError);
    expect((error as Error).message).toBe(
      'cannot create folder /proc/nope: this file system does not allow creating it (ENOENT)',
    );
  });

  it('a file in the way: ENOTDIR', () => {
    const directory = scratchDirectory();
    writeFileSync(join(directory, 'file'), '');
    expect(() => makeDirectory(join(directory, 'file', 'sub'))).toThrow(
      `cannot create folder ${join(directory, 'file', 'sub')}: a part of the path is not a directory (ENOTDIR)`,
    );
  });

  it.each([
    ['EACCES', 'permission denied (EACCES)'],
    ['EROFS', 'the file system is read-only (EROFS)'],
  ])('%s from mkdir is asked once and said once', (code, words) => {
    const directory = scratchDirectory();
    let calls = 0;
    const refusing = fileSystemWith({
      mkdirSync: () => {
        calls++;
        throw fsError(code, 'mkdir');
      },
    });
    expect(() => makeDirectory(join(directory, 'a', 'b'), 0o700, refusing)).toThrow(
      `cannot create folder ${join(directory, 'a')}: ${words}`,
    );
    expect(calls).toBe(1);
  });
});
