import { asObject, asText } from './fields.js';
import type { RawRecord } from './event.js';

/**
 * Console sign-in facts. A failed ConsoleLogin carries `errorMessage` but no `errorCode`; its
 * outcome is `responseElements.ConsoleLogin`. `MFAUsed` appears as `Yes`, `YES` or `No`.
 */
export function consoleLoginOutcome(raw: RawRecord): 'Success' | 'Failure' | undefined {
  const outcome = asText(asObject(raw.responseElements)?.ConsoleLogin).toLowerCase();
  if (outcome === 'success') return 'Success';
  if (outcome === 'failure') return 'Failure';
  return undefined;
}

export function mfaUsed(raw: RawRecord): boolean | undefined {
  const value = asText(asObject(raw.additionalEventData)?.MFAUsed).toLowerCase();
  if (value === 'yes') return true;
  if (value === 'no') return false;
  return undefined;
}
