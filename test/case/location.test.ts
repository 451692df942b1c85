import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  backupPathOf,
  caseStateDirectory,
  createCase,
  defaultCasePath,
  openCase,
} from '../../source/case/index.js';
import { scratchDirectory } from './helpers.js';

const hostTag = (): string => hostname().replace(/[^A-Za-z0-9.]/g, '_');
const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('default case location', () => {
  it('is under $XDG_STATE_HOME/trailhound/cases, named by UTC time and a short id', () => {
    const path = defaultCasePath({
      env: { XDG_STATE_HOME: '/state' },
      now: new Date('2026-05-01T12:34:56.789Z'),
      shortId: '1a2b3c4d',
    });
    expect(path).toBe('/state/trailhound/cases/20260501T123456Z-1a2b3c4d.json');
  });

  it('falls back to ~/.local/state, also when XDG_STATE_HOME is relative or empty', () => {
    for (const env of [{}, { XDG_STATE_HOME: '' }, { XDG_STATE_HOME: 'relative/state' }]) {
      expect(caseStateDirectory(env, '/home/analyst')).toBe(
        '/home/analyst/.local/state/trailhound/cases',
      );
    }
  });

  it('gives a different random id each time', () => {
    const now = new Date();
    expect(defaultCasePath({ now })).not.toBe(defaultCasePath({ now }));
    expect(defaultCasePath({ now })).toMatch(/\/\d{8}T\d{6}Z-[0-9a-f]{8}\.json$/);
  });
});

describe('permissions', () => {
  it('creates directories 0700 and case files 0600', () => {
    const state = scratchDirectory();
    const path = defaultCasePath({ env: { XDG_STATE_HOME: state } });
    const store = createCase(path, { title: 't', sources: [] });
    expect(modeOf(join(state, 'trailhound'))).toBe(0o700);
    expect(modeOf(join(state, 'trailhound', 'cases'))).toBe(0o700);
    expect(modeOf(path)).toBe(0o600);
    store.update((draft) => void (draft.title = 'second'));
    expect(modeOf(path)).toBe(0o600);
    expect(modeOf(backupPathOf(path))).toBe(0o600);
  });

  it('tightens a case file someone made readable to others on its next save', () => {
    const path = join(scratchDirectory(), 'case.json');
    createCase(path, { title: 't', sources: [] });
    chmodSync(path, 0o644);
    openCase(path).update((draft) => void (draft.title = 'second'));
    expect(modeOf(path)).toBe(0o600);
  });

  it('leaves no temporary file of a dead process behind after opening', () => {
    const directory = scratchDirectory();
    const path = join(directory, 'case.json');
    createCase(path, { title: 't', sources: [] });
    // A pid far above pid_max stands for a process that is gone.
    const stale = `${path}.tmp-${hostTag()}-99999999`;
    writeFileSync(stale, '{"half": ');
    openCase(path);
    expect(() => statSync(stale)).toThrow(/ENOENT/);
  });
});
