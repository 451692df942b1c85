import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Slot, SLOTS } from '../../source/ingest/record-scan.js';
import { NAMED_PARAMETERS } from '../../source/trail/normalize.js';

const BUILD = fileURLToPath(new URL('../../wasm/build.mjs', import.meta.url));

function check(file?: string): { ok: boolean; stderr: string } {
  try {
    execFileSync(process.execPath, [BUILD, '--check', ...(file ? [file] : [])], { stdio: 'pipe' });
    return { ok: true, stderr: '' };
  } catch (error) {
    return { ok: false, stderr: String((error as { stderr?: Buffer }).stderr ?? '') };
  }
}

describe('the record scanner module', () => {
  it('is what its AssemblyScript source compiles to', () => {
    expect(check()).toEqual({ ok: true, stderr: '' });
  });

  it('the check notices a module that is not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'record-scan-check-'));
    try {
      const stale = join(dir, 'stale.ts');
      writeFileSync(stale, "export const RECORD_SCAN_WASM = 'AGFzbQEAAAA=';\n");
      const result = check(stale);
      expect(result.ok).toBe(false);
      expect(result.stderr).toMatch(/npm run build:wasm/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the request parameters normalize names, in the slots the reader expects', () => {
    // AssemblyScript cannot import the TypeScript list, so the scanner spells it again.
    const source = readFileSync(new URL('../../wasm/record-scan.ts', import.meta.url), 'utf8');
    const list = source.slice(source.indexOf('const KEYS: string[] = ['), source.indexOf('];'));
    const keys = [...list.matchAll(/'([^']+)'/g)].map((match) => match[1]);
    expect(keys).toHaveLength(SLOTS);
    expect(keys.slice(Slot.firstParameter)).toEqual(['bucketName', 'key', ...NAMED_PARAMETERS]);
    expect(keys[Slot.userIdentity]).toBe('userIdentity');
    expect(keys[Slot.issuerUserName]).toBe('userName');
  });
});
