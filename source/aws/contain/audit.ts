/** One AWS call (or a verification) as the audit log keeps it. Never carries a secret. */
export interface AwsAuditEntry {
  /** UTC ISO time. */
  at: string;
  /** The caller's ARN (GetCallerIdentity). */
  by: string;
  /** `iam:UpdateAccessKey`, or `verify` for a read-back. */
  call: string;
  params: object;
  outcome: 'ok' | 'error';
  /** One line: the scrubbed result, or the error from describeAwsError. */
  detail: string;
}

export type AuditSink = (entry: AwsAuditEntry) => void;
