// JSON text with object keys sorted at every level, so two documents can be compared byte for byte.
import { isJsonObject } from './json-object.js';

/**
 * 2-space indented JSON with keys sorted. JavaScript always lists integer-like keys ("1", "20") first in numeric
 * order, so those come before the others; the result is still the same for equal values.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isJsonObject(v) ? sortKeys(v) : v), 2) ?? 'null';
}

function sortKeys(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .map((key) => [key, object[key]]),
  );
}
