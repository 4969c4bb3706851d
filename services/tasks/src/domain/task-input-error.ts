// The error thrown for input an agent or a file got wrong: each problem says where, what, and what to send instead.

/** One thing wrong with the input. `path` is a JSON path like `tags.master.tasks[3].status`, or `$` for the whole. */
export interface TaskProblem {
  path: string;
  message: string;
}

export class TaskInputError extends Error {
  readonly problems: readonly TaskProblem[];
  /** Problems found beyond the ones listed (collection stops at a limit). */
  readonly omitted: number;

  constructor(problems: readonly TaskProblem[], omitted = 0) {
    super(describeProblems(problems, omitted));
    this.name = 'TaskInputError';
    this.problems = problems;
    this.omitted = omitted;
  }
}

/** `path: message` per line, with a count first when there are several. */
export function describeProblems(problems: readonly TaskProblem[], omitted = 0): string {
  const lines = problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
  if (lines.length === 1 && omitted === 0) return lines[0]!;
  if (lines.length === 0) return 'invalid input';
  const more = omitted > 0 ? [`… and ${omitted} more problems`] : [];
  return [`${lines.length + omitted} problems:`, ...lines.map((l) => `- ${l}`), ...more].join('\n');
}
