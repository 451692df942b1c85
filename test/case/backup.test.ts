import { readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  backupPathOf,
  CaseOpenError,
  createCase,
  openCase,
  readCase,
  serializeCase,
} from '../../source/case/index.js';
import { bytesOf, fileSystemWith, filesIn, fsError, scratchDirectory } from './helpers.js';

function caseWithTwoSaves(directory: string) {
  const path = join(directory, 'case.json');
  const store = createCase(path, { title: 'first', sources: [] });
  store.update((draft) => void (draft.title = 'second'), { action: 'renamed', detail: 'second' });
  const previous = store.current;
  store.update((draft) => void (draft.title = 'third'), { action: 'renamed', detail: 'third' });
  return { path, store, previous };
}

describe('last good copy', () => {
  it('holds the previous save', () => {
    const { path, previous, store } = caseWithTwoSaves(scratchDirectory());
    expect(readCase(backupPathOf(path))).toEqual(previous);
    expect(readFileSync(backupPathOf(path), 'utf8')).toBe(serializeCase(previous));
    expect(openCase(path).current).toEqual(store.current);
    expect(filesIn(join(path, '..'))).toEqual(['case.json', 'case.json.bak']);
  });

  it('is offered, not swapped in, when the main file is corrupt', () => {
    const directory = scratchDirectory();
    const { path, previous } = caseWithTwoSaves(directory);
    writeFileSync(path, '{"schema": 1, "id": "trunc');
    const corrupt = bytesOf(path);
    let refused: CaseOpenError | undefined;
    try {
      openCase(path);
    } catch (error) {
      refused = error as CaseOpenError;
    }
    expect(refused).toBeInstanceOf(CaseOpenError);
    expect(refused?.message).not.toContain('\n');
    expect(refused?.message).toMatch(
      /ends early.*; its last good copy .*case\.json\.bak \(saved .*\) is intact and can be opened instead$/,
    );
    expect(refused?.backup).toEqual({
      path: backupPathOf(path),
      updatedAt: previous.updatedAt,
      auditEntries: previous.audit.length,
    });
    expect(bytesOf(path)).toEqual(corrupt);

    const recovered = openCase(path, { recoverFrom: 'backup' });
    expect(recovered.current).toEqual(previous);
    // Opening alone writes nothing.
    expect(bytesOf(path)).toEqual(corrupt);
    expect(filesIn(directory)).toEqual(['case.json', 'case.json.bak']);

    recovered.update((draft) => void (draft.title = 'recovered'), {
      action: 'recovered from backup',
      detail: '',
    });
    const files = filesIn(directory);
    expect(files).toHaveLength(3);
    const setAside = files.find((name) => name.startsWith('case.json.corrupt-'));
    expect(setAside).toMatch(/^case\.json\.corrupt-\d{8}T\d{6}Z$/);
    // The refused bytes are kept for whoever investigates; the good backup is not replaced by them.
    expect(bytesOf(join(directory, setAside ?? ''))).toEqual(corrupt);
    expect(readCase(backupPathOf(path))).toEqual(previous);
    expect(openCase(path).current.title).toBe('recovered');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('is offered when the main file is missing', () => {
    const { path } = caseWithTwoSaves(scratchDirectory());
    unlinkSync(path);
    expect(() => openCase(path)).toThrow(/there is no such file; its last good copy/);
    expect(openCase(path, { recoverFrom: 'backup' }).current.title).toBe('second');
  });

  it('is not replaced by a new case created where the main file went missing', () => {
    const { path } = caseWithTwoSaves(scratchDirectory());
    unlinkSync(path);
    const backup = bytesOf(backupPathOf(path));
    expect(() => createCase(path, { title: 'new', sources: [] })).toThrow(
      /no case file is there but its last good copy is, and a new case would replace that copy; its last good copy .* is intact/,
    );
    expect(bytesOf(backupPathOf(path))).toEqual(backup);
    expect(() => statSync(path)).toThrow(/ENOENT/);
  });

  it('is not offered for a file from a newer trailhound', () => {
    const { path } = caseWithTwoSaves(scratchDirectory());
    writeFileSync(path, readFileSync(path, 'utf8').replace('"schema": 1', '"schema": 9'));
    expect(() => openCase(path)).toThrow(/newer trailhound.*upgrade trailhound to open it$/);
    expect(() => openCase(path, { recoverFrom: 'backup' })).toThrow(/newer trailhound/);
  });

  it('is not opened when the main file is fine', () => {
    const { path } = caseWithTwoSaves(scratchDirectory());
    expect(() => openCase(path, { recoverFrom: 'backup' })).toThrow(
      /it opens fine, so its backup is not needed/,
    );
  });

  it('is kept by copying where the file system has no hard links', () => {
    const directory = scratchDirectory();
    const path = join(directory, 'case.json');
    const noLinks = fileSystemWith({
      linkSync: () => {
        throw fsError('EPERM', 'link');
      },
    });
    const store = createCase(path, { title: 'first', sources: [] }, { fileSystem: noLinks });
    const first = store.current;
    store.update((draft) => void (draft.title = 'second'));
    expect(readCase(backupPathOf(path))).toEqual(first);
    expect(openCase(path).current.title).toBe('second');
    expect(filesIn(directory)).toEqual(['case.json', 'case.json.bak']);
  });
});
