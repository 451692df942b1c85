import { accountSuffixLength, loadedAccounts, type IndexView } from '../index/index.js';

/**
 * The stream's account column: 0 while one account is loaded (no column, the stream as it always
 * was); else how many trailing digits tell the loaded accounts apart (at least 4).
 */
export function accountDigits(index: IndexView): number {
  const accounts = loadedAccounts(index);
  return accounts.length > 1 ? accountSuffixLength(accounts) : 0;
}
