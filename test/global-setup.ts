import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds dist/ once before any test file runs: the CLI tests run the real `trailhound` binary
 * and the worker tests need the compiled worker thread file.
 */
export default function setup(): void {
  // Unit tests of one folder need no dist/; skipping the build lets them run while another
  // folder is half-written.
  if (process.env.TRAILHOUND_SKIP_BUILD === '1') return;
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(
    process.execPath,
    [
      fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)),
      '-p',
      'tsconfig.build.json',
    ],
    {
      cwd: root,
      stdio: 'inherit',
      timeout: 180_000,
    },
  );
}
