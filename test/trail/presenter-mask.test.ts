import { afterEach, describe, expect, it } from 'vitest';
import {
  PresenterMask,
  presenterMode,
  setPresenterMode,
} from '../../source/trail/presenter-mask.js';
import { safeJsonStringify } from '../../source/trail/safe-json.js';
import { sanitizeText } from '../../source/trail/sanitize.js';

afterEach(() => setPresenterMode(false));

describe('presenter mode', () => {
  it('masks account ids, access key ids and the middle of addresses, the same way each time', () => {
    const mask = new PresenterMask();
    const line =
      'arn:aws:iam::111122223333:user/KeyHunter AKIAX9W2MV4TQEXAMPLE from 102.88.109.159 and 2a01:4f8:10a:1::7';
    const masked = mask.mask(line);
    expect(masked).toBe(
      'arn:aws:iam::account-0001:user/KeyHunter AKIA-key-0001 from 102.x.x.159 and 2a01:…:7',
    );
    expect(mask.mask('999988887777 then 111122223333')).toBe('account-0002 then account-0001');
    expect(mask.mask('ASIAUT55ACOGFEXAMPLE AKIAX9W2MV4TQEXAMPLE')).toBe(
      'ASIA-key-0002 AKIA-key-0001',
    );
  });

  it('leaves times, dates, Lambda version suffixes and counts alone', () => {
    const mask = new PresenterMask();
    const text = '2025-03-13 14:02:38 UpdateFunctionCode20150331v2 3,313 events 1741874558000';
    expect(mask.mask(text)).toBe(text);
  });

  it('applies to every sanitized string and every JSON export while it is on', () => {
    expect(presenterMode()).toBe(false);
    expect(sanitizeText('111122223333')).toBe('111122223333');
    setPresenterMode(true);
    expect(sanitizeText('account 111122223333\x1b[31m')).toBe('account account-0001\\x1b[31m');
    expect(safeJsonStringify({ account: '111122223333', key: 'AKIAX9W2MV4TQEXAMPLE' })).toBe(
      '{"account":"account-0001","key":"AKIA-key-0001"}',
    );
    setPresenterMode(false);
    expect(sanitizeText('111122223333')).toBe('111122223333');
  });
});
