/**
 * Presenter mode: on a shared screen, account ids, access key ids and the middle of IP
 * addresses are masked. Masks are consistent (the same key always gets the same mask, numbered
 * in the order first seen), so a walkthrough can still say "this key, then that one".
 */
const ACCOUNT = /(?<![\d])\d{12}(?![\d])/g;
const ACCESS_KEY = /\b(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g;
const IPV4 = /\b(\d{1,3})\.\d{1,3}\.\d{1,3}\.(\d{1,3})\b/g;
/** Four groups at least, so a clock time (14:02:38) is never taken for an address. */
const IPV6 = /\b([0-9a-fA-F]{1,4})(?::[0-9a-fA-F]{0,4}){2,6}:([0-9a-fA-F]{1,4})\b/g;

export class PresenterMask {
  private readonly accounts = new Map<string, string>();
  private readonly keys = new Map<string, string>();

  mask(text: string): string {
    if (!/\d/.test(text)) return text;
    return text
      .replace(ACCESS_KEY, (key, prefix: string) => this.numbered(this.keys, key, `${prefix}-key-`))
      .replace(ACCOUNT, (account) => this.numbered(this.accounts, account, 'account-'))
      .replace(IPV4, (_ip, first: string, last: string) => `${first}.x.x.${last}`)
      .replace(IPV6, (_ip, first: string, last: string) => `${first}:…:${last}`);
  }

  private numbered(seen: Map<string, string>, value: string, label: string): string {
    let masked = seen.get(value);
    if (!masked) seen.set(value, (masked = `${label}${String(seen.size + 1).padStart(4, '0')}`));
    return masked;
  }
}

let active: PresenterMask | undefined;

/** Turns presenter mode on (with a fresh numbering) or off, for everything drawn or exported. */
export function setPresenterMode(on: boolean): void {
  active = on ? (active ?? new PresenterMask()) : undefined;
}

export function presenterMode(): boolean {
  return active !== undefined;
}

/** The text as the screen or an export may show it. */
export function presented(text: string): string {
  return active ? active.mask(text) : text;
}
