import { copyJson } from '../../trail/deep-json.js';

/**
 * Presenter mode masks account ids, key ids and addresses. Rather than trust each section to
 * mask the right fields, the finished report has every string passed through the mask: an
 * account id inside a free-text note, an audit detail or a source path is caught as surely as
 * one in an ARN. Indicators are gathered and located before masking, so masking changes only
 * what is shown, not what was counted.
 */
export function redactStrings<T>(value: T, redact: (text: string) => string): T {
  // copyJson walks with its own stack: the report carries case values read from a file.
  return copyJson(value, {
    scalar: (item) => (typeof item === 'string' ? redact(item) : item),
  });
}
