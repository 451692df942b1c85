import { userInfo } from 'node:os';

/**
 * The OS user for the audit log. os.userInfo() throws when the uid has no passwd entry (common in
 * containers started with an arbitrary uid); the log then says 'unknown' rather than failing.
 */
export function currentUser(): string {
  try {
    const name = userInfo().username;
    return name === '' ? 'unknown' : name;
  } catch {
    return 'unknown';
  }
}
