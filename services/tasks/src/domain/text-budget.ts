// Fits a header and ranked sections of lines into a token budget, dropping the least important first.
import { oneLine } from './plain-text.js';

/** Tokens are estimated as ceil(characters / 4). */
export const CHARS_PER_TOKEN = 4;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export interface TextSection {
  title: string;
  /** Most important first. */
  items: readonly string[];
}

/**
 * Header lines always come first (cut to fit if they must); then each section, in order, with as many items as fit
 * and "… and N more" for the rest. Once a section cannot be started, it and every later one are named in a final
 * "omitted" line (room for it is kept once a section is shown). The result never exceeds `tokenBudget`.
 */
export function fitToBudget(
  header: readonly string[],
  sections: readonly TextSection[],
  tokenBudget: number,
): string {
  const maxChars = Math.max(0, Math.floor(tokenBudget) * CHARS_PER_TOKEN);
  const lines: string[] = [];
  let used = 0;
  const cost = (line: string): number => line.length + (lines.length > 0 ? 1 : 0);
  const fits = (extra: number): boolean => used + extra <= maxChars;
  const push = (line: string): void => {
    used += cost(line);
    lines.push(line);
  };
  const more = (n: number): string => `  … and ${n} more`;

  for (const line of header) {
    if (fits(cost(line))) push(line);
    else {
      const room = maxChars - used - (lines.length > 0 ? 1 : 0);
      if (room > 0) push(oneLine(line, room));
      return lines.join('\n');
    }
  }
  const label = (section: TextSection): string => `${section.title.toLowerCase()} ${section.items.length}`;
  const omittedLine = (names: readonly string[]): string => `… omitted for space: ${names.join(', ')}`;
  const shown = sections.filter((section) => section.items.length > 0);
  // Room kept so that dropping every later section can still be said.
  const laterReserve = shown.map((_, j) =>
    j + 1 < shown.length ? 1 + omittedLine(shown.slice(j + 1).map(label)).length : 0,
  );
  let stoppedAt = shown.length;
  for (let j = 0; j < shown.length; j++) {
    const section = shown[j]!;
    const title = `${section.title} (${section.items.length}):`;
    if (!fits(cost(title) + 1 + more(section.items.length).length + laterReserve[j]!)) {
      stoppedAt = j;
      break;
    }
    push(title);
    for (let i = 0; i < section.items.length; i++) {
      const item = section.items[i]!;
      const left = section.items.length - i - 1;
      const reserve = (left > 0 ? 1 + more(left).length : 0) + laterReserve[j]!;
      if (!fits(cost(item) + reserve)) {
        push(more(section.items.length - i));
        break;
      }
      push(item);
    }
  }
  if (stoppedAt < shown.length) {
    const line = omittedLine(shown.slice(stoppedAt).map(label));
    if (fits(cost(line))) push(line);
    else if (fits(cost('…'))) push('…');
  }
  return lines.join('\n');
}
