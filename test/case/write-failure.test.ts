import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  backupPathOf,
  CaseSaveError,
  createCase,
  nodeFileSystem,
  openCase,
  pinRecord,
  readCase,
  serializeCase,
  type CaseFileSystem,
} from '../../source/case/index.js';
import {
  bytesOf,
  fileSystemWith,
  filesIn,
  fsError,
  sampleRecord,
  scratchDirectory,
} from './helpers.js';

/** A file system whose failures a test can switch on and off while the store uses it. */
function switchable(failing: Partial<CaseFileSystem>) {
  let failNow = false;
  const pick = <K extends keyof CaseFileSystem>(name: K): CaseFileSystem[K] => {
    const broken = failing[name];
    const real = nodeFileSystem[name];
    if (broken === undefined) return real;
    return ((...args: Parameters<CaseFileSystem[K]>) =>
      // The two share a signature; Reflect.apply keeps the types honest without casts to any.
      Reflect.apply(failNow ? broken : real, nodeFileSystem, args)) as CaseFileSystem[K];
  };
  const fileSystem = fileSystemWith(
    Object.fromEntries(
      (Object.keys(failing) as (keyof CaseFileSystem)[]).map((name) => [name, pick(name)]),
    ),
  );
  return {
    fileSystem,
    fail: (on: boolean) => {
      failNow = on;
    },
  };
}

/** A disk that fills up: writes half the bytes for real, then ENOSPC. */
const diskFull: Partial<CaseFileSystem> = {
  writeSync: (fd, buffer, offset, length) => {
    if (length > 1) return nodeFileSystem.writeSync(fd, buffer, offset, Math.floor(length / 2));
    throw fsError('ENOSPC', 'write');
  },
};

function setUp(failing: Partial<CaseFileSystem>) {
  const directory = scratchDirectory();
  const path = join(directory, 'case.json');
  const disk = switchable(failing);
  const store = createCase(path, { title: 't', sources: [] }, { fileSystem: disk.fileSystem });
  pinRecord(store, sampleRecord('e-1'), 'before the failure');
  return { directory, path, disk, store };
}

describe('a save that fails', () => {
  it('reports a full disk, keeps the previous file and the in-memory case', () => {
    const { directory, path, disk, store } = setUp(diskFull);
    const before = bytesOf(path);
    const backupBefore = bytesOf(backupPathOf(path));
    const current = store.current;
    disk.fail(true);
    let failure: unknown;
    try {
      pinRecord(store, sampleRecord('e-2', { padding: 'x'.repeat(50_000) }), 'lost');
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(CaseSaveError);
    expect(failure).toMatchObject({ code: 'ENOSPC', path });
    expect(String((failure as Error).message)).toMatch(
      /^could not save case .*case\.json: the disk is full \(ENOSPC\); the file still holds the previous save and this change was not applied$/,
    );
    expect(bytesOf(path)).toEqual(before);
    expect(bytesOf(backupPathOf(path))).toEqual(backupBefore);
    expect(store.current).toBe(current);
    expect(filesIn(directory)).toEqual(['case.json', 'case.json.bak']);

    // Space freed: the next change saves, on top of the last good state.
    disk.fail(false);
    pinRecord(store, sampleRecord('e-3'), 'after');
    expect(openCase(path).current.pinned.map((pin) => pin.eventId)).toEqual(['e-1', 'e-3']);
  });

  const failingAt = (code: string, syscall: string) => () => {
    throw fsError(code, syscall);
  };
  it.each([
    ['fsync', { fsyncSync: failingAt('EIO', 'fsync') }],
    ['rename', { renameSync: failingAt('EACCES', 'rename') }],
    ['link', { linkSync: failingAt('EIO', 'link') }],
    ['open', { openSync: failingAt('EROFS', 'open') }],
  ] satisfies [string, Partial<CaseFileSystem>][])(
    'reports a failed %s and leaves the file as it was',
    (_step, failing) => {
      const { directory, path, disk, store } = setUp(failing);
      const before = bytesOf(path);
      disk.fail(true);
      expect(() => store.update((draft) => void (draft.title = 'lost'))).toThrow(CaseSaveError);
      expect(bytesOf(path)).toEqual(before);
      expect(store.current.title).toBe('t');
      expect(filesIn(directory).filter((name) => name.includes('.tmp-'))).toEqual([]);
      disk.fail(false);
      store.update((draft) => void (draft.title = 'saved'));
      expect(openCase(path).current.title).toBe('saved');
    },
  );

  it('refuses to overwrite a file another program saved meanwhile', () => {
    const { path, store } = setUp({});
    const other = openCase(path);
    other.update((draft) => void (draft.title = 'from the other window'));
    const theirs = bytesOf(path);
    expect(() => store.update((draft) => void (draft.title = 'mine'))).toThrow(
      /another program changed the file since trailhound opened it \(is the case open twice\?\)/,
    );
    expect(bytesOf(path)).toEqual(theirs);
  });

  it('notices a hand edit in place too', () => {
    const { path, store } = setUp({});
    const edited = serializeCase({ ...store.current, title: 'edited by hand, longer title' });
    writeFileSync(path, edited);
    expect(() => store.update((draft) => void (draft.title = 'mine'))).toThrow(CaseSaveError);
    expect(readCase(path).title).toBe('edited by hand, longer title');
  });

  it('reports a failed create without leaving anything behind', () => {
    const directory = scratchDirectory();
    const path = join(directory, 'case.json');
    const full = fileSystemWith(diskFull);
    expect(() => createCase(path, { title: 't', sources: [] }, { fileSystem: full })).toThrow(
      /could not save case .*: the disk is full \(ENOSPC\); no case was created$/,
    );
    expect(filesIn(directory)).toEqual([]);
  });
});
