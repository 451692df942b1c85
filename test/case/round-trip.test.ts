import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CaseChangeError,
  CASE_SCHEMA_VERSION,
  createCase,
  openCase,
  pinRecord,
  serializeCase,
  type CaseFile,
} from '../../source/case/index.js';
import { REDACTED } from '../../source/trail/redact.js';
import { sampleRecord, scratchDirectory } from './helpers.js';

function ticking(start: string): () => Date {
  let now = Date.parse(start);
  return () => new Date((now += 1000));
}

function populate(path: string): CaseFile {
  const store = createCase(
    path,
    { title: 'Compromised IAM user alice', sources: [{ kind: 'path', value: '/logs/trail' }] },
    { clock: ticking('2026-03-01T12:00:00Z'), user: 'analyst' },
  );
  pinRecord(store, sampleRecord('e-1'), 'role assumed from unknown IP');
  pinRecord(store, sampleRecord('e-2', { eventName: 'GetObject' }), '');
  store.update(
    (draft, stamp) => {
      draft.suspects.push({ kind: 'ip', value: '203.0.113.7', markedAt: stamp.at, note: 'VPN?' });
      draft.eventNotes['e-1'] = 'first use of the key';
      draft.steps['contain-keys'] = {
        state: 'done',
        reason: '',
        note: 'key deactivated',
        evidence: ['e-1'],
        changedBy: stamp.by,
        changedAt: stamp.at,
      };
      draft.findings['console-login-new-ip:alice'] = {
        verdict: 'acknowledged',
        reason: 'confirmed with the user',
        at: stamp.at,
        by: stamp.by,
      };
      draft.view = { filter: 'user:alice', selectedEventId: 'e-2', pane: 'detail' };
    },
    { action: 'triaged', detail: 'alice' },
  );
  return store.current;
}

describe('case file round trip', () => {
  it('reopens a populated case exactly as it was saved', () => {
    const path = join(scratchDirectory(), 'case.json');
    const saved = populate(path);
    const reopened = openCase(path).current;
    expect(reopened).toEqual(saved);
    expect(serializeCase(reopened)).toBe(readFileSync(path, 'utf8'));
    expect(reopened.pinned).toHaveLength(2);
    expect(reopened.steps['contain-keys']?.evidence).toEqual(['e-1']);
  });

  it('writes pretty JSON with the schema first', () => {
    const path = join(scratchDirectory(), 'case.json');
    populate(path);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith(`{\n  "schema": ${CASE_SCHEMA_VERSION},\n  "id": `)).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('appends an audit entry per change with UTC time and user, and bumps updatedAt', () => {
    const path = join(scratchDirectory(), 'case.json');
    const store = createCase(path, { title: 't', sources: [] }, { user: 'analyst' });
    const before = store.current;
    const after = store.update((draft) => void (draft.title = 'renamed'), {
      action: 'renamed case',
      detail: 'renamed',
    });
    expect(after.audit).toHaveLength(2);
    expect(after.audit[0]).toEqual(before.audit[0]);
    const entry = after.audit[1];
    expect(entry).toMatchObject({ by: 'analyst', action: 'renamed case', detail: 'renamed' });
    expect(entry?.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(after.updatedAt).toBe(entry?.at);
    expect(Date.parse(after.updatedAt)).toBeGreaterThanOrEqual(Date.parse(before.updatedAt));
    expect(openCase(path).current.audit).toEqual(after.audit);
  });

  it('takes the OS user when none is given', () => {
    const path = join(scratchDirectory(), 'case.json');
    const store = createCase(path, { title: 't', sources: [] });
    expect(store.current.audit[0]?.by).toMatch(/.+/);
    expect(store.current.audit[0]?.by).not.toBe('');
  });

  it('saves a change without an audit note but still bumps updatedAt', () => {
    const path = join(scratchDirectory(), 'case.json');
    const store = createCase(
      path,
      { title: 't', sources: [] },
      { clock: ticking('2026-01-01T00:00:00Z') },
    );
    const after = store.update((draft) => void (draft.view.filter = 'ip:1.2.3.4'));
    expect(after.audit).toHaveLength(1);
    expect(after.updatedAt).not.toBe(after.createdAt);
    expect(openCase(path).current.view.filter).toBe('ip:1.2.3.4');
  });

  it('keeps the audit log append-only whatever a change does', () => {
    const path = join(scratchDirectory(), 'case.json');
    const store = createCase(path, { title: 't', sources: [] });
    const original = store.current.audit;
    // The draft type has no audit field; a change that reaches for it anyway has no effect.
    store.update((draft) => void Reflect.set(draft, 'audit', []), { action: 'noted', detail: '' });
    expect(store.current.audit.slice(0, 1)).toEqual(original);
    expect(store.current.audit).toHaveLength(2);
    expect(() => store.current.audit.pop()).toThrow(TypeError);
  });

  it('hands out a frozen case: mutation outside update fails loudly', () => {
    const path = join(scratchDirectory(), 'case.json');
    const store = createCase(path, { title: 't', sources: [] });
    pinRecord(store, sampleRecord('e-1'), '');
    expect(() => {
      const pin = store.current.pinned[0];
      if (pin) pin.note = 'changed';
    }).toThrow(TypeError);
  });

  it('refuses a change that would damage the case, saving nothing', () => {
    const path = join(scratchDirectory(), 'case.json');
    const store = createCase(path, { title: 't', sources: [] });
    const before = readFileSync(path);
    expect(() => store.update((draft) => void Reflect.set(draft, 'suspects', 'none'))).toThrow(
      CaseChangeError,
    );
    expect(() => store.update((draft) => void Reflect.deleteProperty(draft.view, 'pane'))).toThrow(
      /view\.pane is missing/,
    );
    expect(readFileSync(path)).toEqual(before);
    expect(store.current.suspects).toEqual([]);
  });

  it('refuses an update started from inside another update', () => {
    const path = join(scratchDirectory(), 'case.json');
    const store = createCase(path, { title: 't', sources: [] });
    expect(() => store.update(() => void store.update(() => undefined))).toThrow(CaseChangeError);
    store.update((draft) => void (draft.title = 'still usable'));
    expect(openCase(path).current.title).toBe('still usable');
  });

  it('tells subscribers about each saved change', () => {
    const path = join(scratchDirectory(), 'case.json');
    const store = createCase(path, { title: 't', sources: [] });
    const seen: string[] = [];
    const stop = store.subscribe((current) => seen.push(current.title));
    store.update((draft) => void (draft.title = 'a'));
    stop();
    store.update((draft) => void (draft.title = 'b'));
    expect(seen).toEqual(['a']);
  });

  it('never creates over an existing file', () => {
    const path = join(scratchDirectory(), 'case.json');
    createCase(path, { title: 'first', sources: [] });
    const before = readFileSync(path);
    expect(() => createCase(path, { title: 'second', sources: [] })).toThrow(
      /cannot open case .*case\.json: a file is already there/,
    );
    expect(readFileSync(path)).toEqual(before);
  });
});

describe('pinning', () => {
  it('redacts secrets in pinned records, in memory and on disk', () => {
    const path = join(scratchDirectory(), 'case.json');
    const store = createCase(path, { title: 't', sources: [] });
    expect(pinRecord(store, sampleRecord('e-1'), 'note')).toBe(true);
    const pin = store.current.pinned[0];
    expect(pin).toMatchObject({ eventId: 'e-1', eventTime: '2026-03-01T10:00:00Z', note: 'note' });
    expect(JSON.stringify(pin?.record)).toContain(REDACTED);
    expect(readFileSync(path, 'utf8')).not.toContain('IQoJb3JpZ2luX2VjEXAMPLETOKEN');
    expect(store.current.audit.at(-1)).toMatchObject({
      action: 'pinned event',
      detail: 'AssumeRole e-1',
    });
  });

  it('redacts records pinned through a plain update too', () => {
    const path = join(scratchDirectory(), 'case.json');
    const store = createCase(path, { title: 't', sources: [] });
    store.update((draft, stamp) => {
      draft.pinned.push({
        eventId: 'raw',
        eventTime: '',
        record: { requestParameters: { password: 'hunter2' } },
        pinnedAt: stamp.at,
        note: '',
      });
    });
    expect(readFileSync(path, 'utf8')).not.toContain('hunter2');
  });

  it('does not pin the same event twice', () => {
    const path = join(scratchDirectory(), 'case.json');
    const store = createCase(path, { title: 't', sources: [] });
    pinRecord(store, sampleRecord('e-1'), '');
    const audit = store.current.audit.length;
    expect(pinRecord(store, sampleRecord('e-1'), 'again')).toBe(false);
    expect(store.current.pinned).toHaveLength(1);
    expect(store.current.audit).toHaveLength(audit);
  });

  it('does not alias the caller record', () => {
    const path = join(scratchDirectory(), 'case.json');
    const store = createCase(path, { title: 't', sources: [] });
    const record = sampleRecord('e-1');
    pinRecord(store, record, '');
    record.eventName = 'Changed';
    expect(store.current.pinned[0]?.record.eventName).toBe('AssumeRole');
  });

  it('keeps hostile characters out of the raw file but round-trips them exactly', () => {
    const path = join(scratchDirectory(), 'case.json');
    const store = createCase(path, { title: 't', sources: [] });
    const hostile = 'curl \u001b]0;owned\u0007 \u009b2J \u202egnp.exe \u200b\u2028 \u{e0041}';
    pinRecord(store, sampleRecord('e-1', { userAgent: hostile }), hostile);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200b\u202e]/);
    expect(text).not.toContain('\u{e0041}');
    const reopened = openCase(path).current;
    expect(reopened.pinned[0]?.record.userAgent).toBe(hostile);
    expect(reopened.pinned[0]?.note).toBe(hostile);
  });
});
