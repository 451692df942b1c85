import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The shared real-log fixtures live beside the project, never inside it. */
export const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));

export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}
