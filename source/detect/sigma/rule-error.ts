/**
 * Why a rule cannot be used. Compilers throw it deep inside a rule; the loader catches it at the
 * document boundary and turns it into a reported problem, so callers never see an exception.
 */
export class SigmaRuleError extends Error {
  override name = 'SigmaRuleError';
}

export function fail(reason: string): never {
  throw new SigmaRuleError(reason);
}

/** The message of anything thrown, for a problem report. */
export function reasonOf(error: unknown): string {
  if (error instanceof SigmaRuleError) return error.message;
  if (error instanceof Error) return `internal error: ${error.message}`;
  return `internal error: ${String(error)}`;
}
