import { asObject, asText } from '../../trail/fields.js';
import { NAMED } from '../../trail/normalize.js';

/** The request parameters that name what a call acted on: the same names the stream uses. */
const NAMED_PARAMETERS: ReadonlySet<string> = NAMED;

/**
 * The resources one record names, each whole. The stream's normalised `resources` field joins
 * them with a line break, and an S3 key may contain one: splitting that field again would turn
 * one hostile key into several rows, some shaped like whatever the attacker wrote. Evidence in a
 * report is read from the record itself instead.
 */
export function resourcesOfRecord(record: Record<string, unknown>): string[] {
  const found: string[] = [];
  const add = (value: unknown): void => {
    if (typeof value === 'string' && value !== '' && !found.includes(value)) found.push(value);
  };
  if (Array.isArray(record.resources))
    for (const resource of record.resources) add(asObject(resource)?.ARN);
  const params = asObject(record.requestParameters);
  if (params) {
    const bucket = asText(params.bucketName);
    const key = asText(params.key);
    if (bucket) add(key ? `${bucket}/${key}` : bucket);
    for (const name of Object.keys(params)) if (NAMED_PARAMETERS.has(name)) add(params[name]);
  }
  return found;
}
