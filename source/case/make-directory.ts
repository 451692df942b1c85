import { dirname, resolve } from 'node:path';
import { errorCode, FileWriteError } from './errors.js';
import { nodeFileSystem, type CaseFileSystem } from './file-system.js';

/**
 * Creates the folder `path` and its missing parents (owner-only by default), in a bounded number
 * of steps: one look per path component to find the nearest folder that exists, then one mkdir
 * per missing folder, each answer final. Node's own `mkdir({ recursive: true })` retries forever
 * where mkdir says ENOENT with the parent present (/proc/nope); here that is one clear error.
 * Throws a FileWriteError naming the folder that could not be made and the reason (EACCES,
 * EROFS, ENOTDIR, …).
 */
export function makeDirectory(
  path: string,
  mode = 0o700,
  fs: CaseFileSystem = nodeFileSystem,
): void {
  const target = resolve(path);
  const missing: string[] = [];
  for (let at = target; ;) {
    let isFolder: boolean;
    try {
      isFolder = fs.statSync(at).isDirectory();
    } catch (error) {
      const parent = dirname(at);
      // ENOTDIR: a file further up is in the way; the walk finds it and names it below.
      if (!['ENOENT', 'ENOTDIR'].includes(errorCode(error) ?? '') || parent === at)
        throw new FileWriteError(at, error, 'folder');
      missing.push(at);
      at = parent;
      continue;
    }
    if (!isFolder) throw new FileWriteError(missing.at(-1) ?? at, notAFolder(at), 'folder');
    break;
  }
  for (const folder of missing.reverse()) {
    try {
      fs.mkdirSync(folder, { recursive: false, mode });
    } catch (error) {
      // Another process made it in between: fine, as long as it is a folder.
      if (errorCode(error) === 'EEXIST' && isFolder(fs, folder)) continue;
      // Named: the folder that could not be made, not the deepest one asked for.
      throw new FileWriteError(folder, error, 'folder');
    }
  }
}

function isFolder(fs: CaseFileSystem, path: string): boolean {
  try {
    return fs.statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function notAFolder(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${path} is not a folder`), { code: 'ENOTDIR' });
}
