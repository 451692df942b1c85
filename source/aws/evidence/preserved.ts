import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readRegularFileSync } from '../../trail/regular-file.js';
import type { Target } from '../iam/principal.js';
import { readManifest } from './folder.js';
import { IAM_STATE, subjectOf } from './preserve-principal.js';

/**
 * Whether the evidence folder holds the target's state, intact (the file is there and its
 * SHA-256 still matches the manifest). The UI and the CLI ask this before deleting a principal,
 * and ask once more when the answer is no.
 */
export function isPreserved(evidenceDir: string, target: Pick<Target, 'kind' | 'name'>): boolean {
  const subject = subjectOf(target);
  const entries = readManifest(evidenceDir).filter(
    (entry) =>
      entry.subject === subject &&
      (target.kind === 'function'
        ? entry.path.endsWith('/configuration.json')
        : entry.what.startsWith(IAM_STATE)),
  );
  return entries.some((entry) => {
    try {
      const bytes = readRegularFileSync(join(evidenceDir, entry.path));
      return createHash('sha256').update(bytes).digest('hex') === entry.sha256;
    } catch {
      return false;
    }
  });
}
