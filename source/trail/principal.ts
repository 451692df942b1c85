/**
 * Who acted: a readable principal name and type for every identity shape CloudTrail emits,
 * including the many that carry no `userName`.
 */

export interface Principal {
  /** Short readable name: the user, `role/session`, `root`, the service, or the anonymous marker. */
  name: string;
  /** The ARN when the record has one, else ''. */
  arn: string;
  /** userIdentity.type, or '' when the record has no identity (Insight events). */
  type: string;
}

const NO_IDENTITY: Principal = { name: '', arn: '', type: '' };

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The last path segment of an ARN's resource part (`.../user/path/Name` → `Name`). */
function arnTail(arn: string): string {
  const slash = arn.lastIndexOf('/');
  return slash >= 0 ? arn.slice(slash + 1) : '';
}

export function principalOf(userIdentity: unknown): Principal {
  const identity = record(userIdentity);
  if (!identity) return NO_IDENTITY;
  const type = text(identity.type);
  const arn = text(identity.arn);
  const userName = text(identity.userName);
  const sessionIssuer = record(record(identity.sessionContext)?.sessionIssuer);

  switch (type) {
    case 'IAMUser':
      return { name: userName || arnTail(arn) || text(identity.principalId), arn, type };
    case 'Root':
      return { name: 'root', arn, type };
    case 'AssumedRole': {
      // arn:aws:sts::ACCT:assumed-role/ROLE/SESSION: show both, the role is who, the session is
      // which. The name is cut from the ARN when it has that shape: a slice shares the ARN's
      // characters, where a concatenation would be copied again to be hashed for the index.
      const slash = arn.indexOf('/');
      const fromArn =
        slash > 0 && arn.indexOf('/', slash + 1) > slash + 1 ? arn.slice(slash + 1) : '';
      const role = text(sessionIssuer?.userName) || arn.split('/')[1] || '';
      if (fromArn && fromArn.startsWith(`${role}/`)) return { name: fromArn, arn, type };
      const session = arnTail(arn) || text(identity.principalId).split(':')[1] || '';
      return { name: session ? `${role}/${session}` : role, arn, type };
    }
    case 'FederatedUser':
      return { name: arnTail(arn) || text(identity.principalId).split(':')[1] || '', arn, type };
    case 'AWSService':
      return { name: text(identity.invokedBy) || 'aws-service', arn, type };
    case 'AWSAccount':
      // Anonymous S3 reads arrive as accountId ANONYMOUS_PRINCIPAL with an empty principalId.
      return {
        name: text(identity.principalId) || text(identity.accountId) || 'aws-account',
        arn,
        type,
      };
    case 'IdentityCenterUser': {
      const onBehalfOf = record(identity.onBehalfOf);
      return { name: userName || text(onBehalfOf?.userId) || 'identity-center-user', arn, type };
    }
    default:
      return {
        name: userName || arnTail(arn) || text(identity.principalId) || type || 'unknown',
        arn,
        type,
      };
  }
}
