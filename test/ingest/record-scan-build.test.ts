import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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
});
