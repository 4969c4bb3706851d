// Finding the tasks and subtasks an id string names, with errors that say which ids exist.
import { LonghaulError } from '@longhaul/schemas';
import { parseTaskRefs, type TaskRef } from './domain/task-ids.js';
import type { Subtask, Task } from './domain/task-model.js';

export interface Target {
  ref: TaskRef;
  task: Task;
  subtask?: Subtask;
}

function rangeOf(tasks: readonly Task[]): string {
  if (tasks.length === 0) return 'the tag has no tasks';
  const ids = tasks.map((t) => t.id);
  return `task ids run ${Math.min(...ids)}-${Math.max(...ids)}`;
}

export function findTargets(tasks: readonly Task[], ids: string, tag: string): Target[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  return parseTaskRefs(ids).map((ref) => {
    const task = byId.get(ref.taskId);
    if (!task) {
      throw new LonghaulError(
        'not_found',
        `no task ${ref.taskId} in tag "${tag}" (${rangeOf(tasks)}); find ids with task_list`,
      );
    }
    if (ref.subtaskId === undefined) return { ref, task };
    const subtask = task.subtasks?.find((s) => s.id === ref.subtaskId);
    if (!subtask) {
      const known = (task.subtasks ?? []).map((s) => `${task.id}.${s.id}`);
      throw new LonghaulError(
        'not_found',
        `no subtask ${ref.taskId}.${ref.subtaskId} in tag "${tag}"; task ${task.id} has ${known.length ? known.join(', ') : 'no subtasks'}`,
      );
    }
    return { ref, task, subtask };
  });
}
