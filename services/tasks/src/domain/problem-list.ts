// Collects validation problems with their JSON paths, up to a limit, and throws them as one TaskInputError.
import { TaskInputError, type TaskProblem } from './task-input-error.js';

/** Validation keeps going after the first problem and reports at most this many. */
export const DEFAULT_MAX_PROBLEMS = 20;

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** `tags.master`, `tasks[3]`, `tags["my tag"]`. */
export function childPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (IDENTIFIER.test(key)) return base ? `${base}.${key}` : key;
  return `${base}[${JSON.stringify(key)}]`;
}

export class ProblemList {
  readonly problems: TaskProblem[] = [];
  omitted = 0;

  constructor(private readonly max = DEFAULT_MAX_PROBLEMS) {}

  add(path: string, message: string): void {
    if (this.problems.length < this.max) this.problems.push({ path: path || '$', message });
    else this.omitted++;
  }

  get empty(): boolean {
    return this.problems.length === 0;
  }

  throwIfAny(): void {
    if (!this.empty) throw new TaskInputError(this.problems, this.omitted);
  }
}
