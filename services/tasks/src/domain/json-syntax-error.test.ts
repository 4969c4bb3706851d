// Locating JSON syntax errors by line and column.
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxProblem } from './json-syntax-error.js';

const where = (text: string) => {
  const p = findJsonSyntaxProblem(text);
  return p && [p.line, p.column, p.expected];
};

describe('findJsonSyntaxProblem', () => {
  it('returns null for valid JSON of every kind', () => {
    for (const text of ['{}', '[]', ' 1 ', '"a\\u00e9\\n"', '{"a":[1,-2.5e3,true,false,null,{"b":"c"}]}']) {
      expect(findJsonSyntaxProblem(text), text).toBeNull();
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });

  it('points at the first problem', () => {
    expect(where('{"a": }')).toEqual([
      1,
      7,
      'expected a value: an object, array, "string", number, true, false or null',
    ]);
    expect(where('{"a":1,}')).toEqual([
      1,
      8,
      "expected a property name before '}' (remove the trailing comma)",
    ]);
    expect(where('[1 2]')).toEqual([1, 4, "expected ',' or ']' after an array element"]);
    expect(where('{\n  "a": 1\n  "b": 2\n}')).toEqual([3, 3, "expected ',' or '}' after a property value"]);
    expect(where('{"a":"x')).toEqual([1, 6, 'unterminated string: add the closing "']);
    expect(where('{a: 1}')).toEqual([1, 2, 'expected a double-quoted property name']);
    expect(where('{"a" 1}')).toEqual([1, 6, "expected ':' after a property name"]);
    expect(where('{"a": 1} x')).toEqual([1, 10, 'unexpected text after the end of the JSON value']);
    expect(where('[1, 2')).toEqual([1, 6, "unexpected end of text: expected ']'"]);
    expect(where('"\\q"')).toEqual([1, 2, 'invalid escape: use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX']);
    expect(where('"a\tb"')).toEqual([
      1,
      3,
      'control character inside a string: write newlines as \\n and tabs as \\t',
    ]);
    expect(where('[01]')).toEqual([1, 3, "expected ',' or ']' after an array element"]);
    expect(where('tru')).toEqual([
      1,
      1,
      'expected a value: an object, array, "string", number, true, false or null',
    ]);
    expect(where('')).toEqual([1, 1, 'unexpected end of text: expected a value']);
  });

  it('agrees with JSON.parse on random corruptions of a document', () => {
    const base = JSON.stringify(
      { master: { tasks: [{ id: 1, title: 'a "q" b', status: 'done', dependencies: [1, '2.1'] }] } },
      null,
      2,
    );
    for (let i = 0; i < base.length; i++) {
      for (const replacement of ['', ',', '}', '"', 'x']) {
        const text = base.slice(0, i) + replacement + base.slice(i + 1);
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonSyntaxProblem(text) === null, JSON.stringify(text)).toBe(valid);
      }
    }
  });

  it('survives deep nesting without recursion', () => {
    expect(findJsonSyntaxProblem('['.repeat(100_000) + ']'.repeat(100_000))).toBeNull();
  });
});
