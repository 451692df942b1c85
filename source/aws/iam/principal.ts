/**
 * What `trailhound contain PRINCIPAL` (or a profile) names: an IAM user, an IAM role or a Lambda
 * function, given as a bare name, `role/NAME`, `function/NAME`, or an ARN.
 */
export type TargetKind = 'user' | 'role' | 'function';

export interface Target {
  kind: TargetKind;
  name: string;
  /** For a function given by ARN, its region. */
  region?: string;
  /** The account named in its ARN: containment acts there (through a role when not the caller's). */
  account?: string;
}

export function parseTarget(text: string): Target | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  const arn = /^arn:[^:]+:(iam|lambda|sts):([^:]*):(\d*):(.+)$/.exec(value);
  if (arn) {
    const [, service, region, accountId = '', resource = ''] = arn;
    const account = /^\d{12}$/.test(accountId) ? { account: accountId } : {};
    if (service === 'iam') {
      const [type, ...rest] = resource.split('/');
      const name = rest.at(-1) ?? '';
      if ((type === 'user' || type === 'role') && name) return { kind: type, name, ...account };
      return undefined;
    }
    if (service === 'sts') {
      // An assumed-role session (`assumed-role/ROLE/SESSION`) is contained through its role.
      const [type, role] = resource.split('/');
      return type === 'assumed-role' && role ? { kind: 'role', name: role, ...account } : undefined;
    }
    const fn = /^function:([^:]+)/.exec(resource);
    return fn?.[1]
      ? { kind: 'function', name: fn[1], ...(region ? { region } : {}), ...account }
      : undefined;
  }
  const prefixed = /^(user|role|function)\/(.+)$/.exec(value);
  if (prefixed?.[1] && prefixed[2]) return { kind: prefixed[1] as TargetKind, name: prefixed[2] };
  if (value.includes('/') || value.includes(':')) return undefined;
  return { kind: 'user', name: value };
}
