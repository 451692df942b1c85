/**
 * Principals across accounts. A user `admin` in one account and `admin` in another are two
 * people: where a trail holds more than one account, a principal is named with its own
 * account first, `123456789012/admin` (a role's session `123456789012/role/session`).
 */

/** An AWS account id: exactly twelve digits. Anything else in a log is not trusted as one. */
export const ACCOUNT_ID = /^\d{12}$/;

const QUALIFIED = /^(\d{12})\/(.+)$/s;

export function isAccountId(text: string): boolean {
  return ACCOUNT_ID.test(text);
}

/** `ACCOUNT/name`; the bare name when the account is not an account id. */
export function qualifyName(account: string, name: string): string {
  return name !== '' && isAccountId(account) ? `${account}/${name}` : name;
}

/**
 * A principal's account and its name within it: `123456789012/KeyHunter` → that account and
 * `KeyHunter`; a bare name has account ''. (A role named with twelve digits would read as an
 * account: IAM allows it, nobody does it.)
 */
export function splitQualified(principal: string): { account: string; name: string } {
  const match = QUALIFIED.exec(principal);
  return match ? { account: match[1]!, name: match[2]! } : { account: '', name: principal };
}

/** The account an ARN names (`arn:aws:iam::123456789012:user/x` → `123456789012`), or ''. */
export function accountOfArn(arn: string): string {
  if (!arn.startsWith('arn:')) return '';
  const parts = arn.split(':', 5);
  const account = parts[4] ?? '';
  return isAccountId(account) ? account : '';
}
