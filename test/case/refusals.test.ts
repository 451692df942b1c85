import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CaseOpenError,
  createCase,
  openCase,
  readCase,
  serializeCase,
  type CaseRefusal,
} from '../../source/case/index.js';
import { bytesOf, fileSystemWith, filesIn, scratchDirectory } from './helpers.js';

/** Opens `path` expecting a refusal; checks the message is one line naming the file. */
function refusal(path: string): CaseOpenError {
  try {
    openCase(path);
  } catch (error) {
    expect(error).toBeInstanceOf(CaseOpenError);
    const refused = error as CaseOpenError;
    expect(refused.message).not.toContain('\n');
    expect(refused.message).toContain(path.replaceAll('\u001b', '\\x1b'));
    return refused;
  }
  throw new Error(`${path} was opened`);
}

function validCaseText(): string {
  const directory = scratchDirectory();
  const store = createCase(join(directory, 'case.json'), { title: 't', sources: [] });
  return serializeCase(store.current);
}

const refusedContents: [string, string, CaseRefusal, RegExp][] = [
  ['garbage', 'this is not json {', 'not-json', /it is not valid JSON$/],
  ['cut off mid-write', validCaseText().slice(0, 120), 'not-json', /ends early/],
  ['empty', '', 'not-json', /the file is empty/],
  ['a CloudTrail log', '{"Records":[{"eventID":"x"}]}', 'not-a-case', /not a trailhound case/],
  ['a JSON list', '[1,2,3]', 'not-a-case', /not a trailhound case \(it holds a JSON list\)/],
  ['schema but nothing else', '{"schema":1,"name":"x"}', 'not-a-case', /lacks the case fields/],
  [
    'a newer schema',
    validCaseText().replace('"schema": 1', '"schema": 2'),
    'newer-version',
    /newer trailhound \(case schema 2; this version reads up to 1\): upgrade/,
  ],
  [
    'a damaged field',
    validCaseText().replace('"pinned": []', '"pinned": [{"eventId": 7}]'),
    'damaged',
    /it is damaged: pinned\[0\]\.eventId should be text/,
  ],
  [
    'no schema on a case',
    validCaseText().replace('"schema": 1,', ''),
    'damaged',
    /schema should be a whole number/,
  ],
];

describe('refusing files that are not good cases', () => {
  it.each(refusedContents)('refuses %s and leaves it untouched', (_label, text, reason, why) => {
    const directory = scratchDirectory();
    const path = join(directory, 'case.json');
    writeFileSync(path, text);
    const before = bytesOf(path);
    const modified = statSync(path).mtimeMs;
    const error = refusal(path);
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(new RegExp(`^cannot open case ${path}: `));
    expect(error.message).toMatch(why);
    expect(error.backup).toBeNull();
    expect(bytesOf(path)).toEqual(before);
    expect(statSync(path).mtimeMs).toBe(modified);
    expect(filesIn(directory)).toEqual(['case.json']);
  });

  it('never quotes the file content in the message', () => {
    const path = join(scratchDirectory(), 'case.json');
    writeFileSync(path, '{"schema": \u001b[2J oops');
    expect(refusal(path).message).not.toContain('\u001b');
  });

  it('says when there is no file', () => {
    const path = join(scratchDirectory(), 'nothing.json');
    expect(refusal(path)).toMatchObject({ reason: 'missing' });
  });

  it('refuses a directory', () => {
    const directory = scratchDirectory();
    expect(refusal(directory)).toMatchObject({ reason: 'unreadable' });
  });

  it('refuses a file far too large to be a case without reading it', () => {
    const path = join(scratchDirectory(), 'case.json');
    writeFileSync(path, validCaseText());
    const huge = fileSystemWith({
      statSync: (file) => Object.assign(statSync(file), { size: 4 * 1024 ** 3 }),
      readFileSync: () => {
        throw new Error('read a huge file');
      },
    });
    expect(() => openCase(path, { fileSystem: huge })).toThrow(/far too large/);
  });

  it('escapes control characters in the file name it prints', () => {
    const path = join(scratchDirectory(), 'evil\u001b[2J.json');
    const message = refusal(path).message;
    expect(message).not.toContain('\u001b');
    expect(message).toContain('evil\\x1b[2J.json');
  });

  it('readCase refuses the same way, read-only', () => {
    const path = join(scratchDirectory(), 'case.json');
    writeFileSync(path, '{');
    expect(() => readCase(path)).toThrow(CaseOpenError);
  });
});
