// Finds where JSON text breaks (line, column, what was expected), since JSON.parse does not always say.

export interface JsonSyntaxProblem {
  /** Offset into the text, 0-based. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  /** What was wrong, e.g. `expected ',' or '}' after a property value`. */
  expected: string;
  /** The text around the error, on one line. */
  near: string;
}

const NEAR_CHARS = 24;
const NUMBER_PATTERN = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Scans `text` as JSON (without recursion) and returns the first syntax problem, or null when it is valid. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  let pos = 0;
  const stack: Array<'object' | 'array'> = [];
  const fail = (at: number, expected: string): JsonSyntaxProblem => locate(text, at, expected);
  const skipSpace = (): void => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos]!)) pos++;
  };
  const scanString = (): string | null => {
    pos++;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        pos++;
        return null;
      }
      if (c < 0x20) return 'control character inside a string: write newlines as \\n and tabs as \\t';
      if (c === 0x5c) {
        const e = text[pos + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6)))
            return 'expected 4 hex digits after \\u';
          pos += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e))
          return 'invalid escape: use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX';
        pos += 2;
        continue;
      }
      pos++;
    }
    return 'unterminated string: add the closing "';
  };

  // mode: 'value' expects a value; 'after' follows a complete value; 'key' expects a property name.
  let mode: 'value' | 'after' | 'key' = 'value';
  for (;;) {
    skipSpace();
    const c = text[pos];
    if (mode === 'value') {
      if (c === undefined) return fail(pos, 'unexpected end of text: expected a value');
      if (c === '{' || c === '[') {
        stack.push(c === '{' ? 'object' : 'array');
        pos++;
        skipSpace();
        const close = c === '{' ? '}' : ']';
        if (text[pos] === close) {
          stack.pop();
          pos++;
          mode = 'after';
        } else mode = c === '{' ? 'key' : 'value';
        continue;
      }
      if (c === '"') {
        const start = pos;
        const problem = scanString();
        if (problem) return fail(problem.startsWith('unterminated') ? start : pos, problem);
        mode = 'after';
        continue;
      }
      if (c === '-' || (c >= '0' && c <= '9')) {
        NUMBER_PATTERN.lastIndex = pos;
        const m = NUMBER_PATTERN.exec(text);
        if (!m) return fail(pos, 'invalid number');
        pos += m[0].length;
        mode = 'after';
        continue;
      }
      const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, pos));
      if (literal) {
        pos += literal.length;
        mode = 'after';
        continue;
      }
      if ((c === ']' || c === '}') && text.slice(0, pos).trimEnd().endsWith(',')) {
        return fail(pos, `expected a value before '${c}' (remove the trailing comma)`);
      }
      return fail(pos, 'expected a value: an object, array, "string", number, true, false or null');
    }
    if (mode === 'key') {
      if (c === '"') {
        const start = pos;
        const problem = scanString();
        if (problem) return fail(problem.startsWith('unterminated') ? start : pos, problem);
        skipSpace();
        if (text[pos] !== ':') return fail(pos, "expected ':' after a property name");
        pos++;
        mode = 'value';
        continue;
      }
      if (c === '}') return fail(pos, "expected a property name before '}' (remove the trailing comma)");
      return fail(pos, 'expected a double-quoted property name');
    }
    const top = stack[stack.length - 1];
    if (top === undefined)
      return c === undefined ? null : fail(pos, 'unexpected text after the end of the JSON value');
    const close = top === 'object' ? '}' : ']';
    if (c === ',') {
      pos++;
      mode = top === 'object' ? 'key' : 'value';
    } else if (c === close) {
      stack.pop();
      pos++;
    } else {
      const what = top === 'object' ? 'a property value' : 'an array element';
      return fail(
        pos,
        c === undefined
          ? `unexpected end of text: expected '${close}'`
          : `expected ',' or '${close}' after ${what}`,
      );
    }
  }
}

function locate(text: string, offset: number, expected: string): JsonSyntaxProblem {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const near = text
    .slice(Math.max(0, offset - NEAR_CHARS), offset + NEAR_CHARS)
    .replace(/\s+/g, ' ')
    .trim();
  return { offset, line, column: offset - lineStart + 1, expected, near };
}
