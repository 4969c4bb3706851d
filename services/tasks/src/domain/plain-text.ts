// Small text helpers for one-line messages: counts with the right plural, and titles cut to a length.

/** `1 dependency`, `3 dependencies`. */
export function formatCount(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Collapses whitespace to single spaces and cuts to `max` characters, ending with `…` when cut. */
export function oneLine(text: string, max = Number.POSITIVE_INFINITY): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  return max <= 1 ? '…'.slice(0, Math.max(0, max)) : `${flat.slice(0, max - 1).trimEnd()}…`;
}
