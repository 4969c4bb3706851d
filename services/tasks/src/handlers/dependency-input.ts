// Dependencies as agents send them ("3", "3.1", or the key of a task created in the same call) in Task Master form.
import { TaskInputError } from '../domain/task-input-error.js';
import type { DependencyValue } from '../domain/task-model.js';

/**
 * Task Master writes a task's dependencies as numbers and a subtask's as sibling numbers or "p.n" strings;
 * keys of new tasks become their ids. A subtask cannot name a key: its plain numbers mean siblings.
 */
export function toDependencies(
  values: readonly string[] | undefined,
  path: string,
  keys: ReadonlyMap<string, number>,
  forSubtask: boolean,
): DependencyValue[] {
  return (values ?? []).map((value, i) => {
    if (/^\d+$/.test(value)) return Number(value);
    if (/^\d+\.\d+$/.test(value)) return value;
    const id = keys.get(value);
    if (id === undefined || forSubtask) {
      throw new TaskInputError([
        {
          path: `${path}[${i}]`,
          message: forSubtask
            ? `"${value}" is not a subtask dependency: use a sibling's number ("2") or another subtask's id ("5.1")`
            : `"${value}" is not the key of a task in this call; use an existing id ("3", "3.1") or a key you gave`,
        },
      ]);
    }
    return id;
  });
}
