import { displayValue } from './display-text.js';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Any value as HTML text or a quoted attribute value: the five characters that can end text or
 * an attribute are entities, and control and bidi characters are shown as visible escapes. The
 * report puts no value in a URL attribute (it has no links at all), so no scheme can be smuggled.
 */
export function htmlText(value: string): string {
  return displayValue(value).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
