// task_create: new tasks (and their subtasks) appended with the next ids; dependencies checked before writing.
import { LonghaulError, type taskCreate } from '@longhaul/schemas';
import type * as v from 'valibot';
import { checkDependencyChange } from '../domain/dependency-check.js';
import type { Subtask, Task } from '../domain/task-model.js';
import type { TagChange, TagSnapshot } from '../tag-store.js';
import { toDependencies } from './dependency-input.js';
import { checkMetadataSize } from './metadata-limit.js';

type CreateInput = v.InferOutput<typeof taskCreate.input>;

export function planCreate(
  snapshot: TagSnapshot,
  input: CreateInput,
  now: string,
): TagChange<{ created: string[] }> {
  let nextId = snapshot.tasks.reduce((max, t) => Math.max(max, t.id), 0) + 1;
  const keys = new Map<string, number>();
  input.tasks.forEach((item, i) => {
    if (!item.key) return;
    if (keys.has(item.key)) {
      throw new LonghaulError(
        'invalid_argument',
        `tasks[${i}].key "${item.key}" is used twice; keys must be unique in a call`,
      );
    }
    keys.set(item.key, nextId + i);
  });
  const created: Task[] = input.tasks.map((item, i) => {
    checkMetadataSize(item.metadata, `tasks[${i}].metadata`);
    const id = nextId++;
    const subtasks: Subtask[] = (item.subtasks ?? []).map((sub, j) => ({
      id: j + 1,
      title: sub.title,
      description: sub.description ?? '',
      details: sub.details ?? '',
      status: sub.status ?? 'pending',
      dependencies: toDependencies(sub.dependencies, `tasks[${i}].subtasks[${j}].dependencies`, keys, true),
    }));
    return {
      id,
      title: item.title,
      description: item.description ?? '',
      details: item.details ?? '',
      testStrategy: item.testStrategy ?? '',
      status: item.status ?? 'pending',
      priority: item.priority ?? 'medium',
      dependencies: toDependencies(item.dependencies, `tasks[${i}].dependencies`, keys, false),
      subtasks,
      ...(item.metadata ? { metadata: item.metadata } : {}),
      createdAt: now,
      updatedAt: now,
    };
  });
  const tasks = [...snapshot.tasks, ...created];
  const changedItems = created.flatMap((t) => [
    String(t.id),
    ...(t.subtasks ?? []).map((s) => `${t.id}.${s.id}`),
  ]);
  const check = checkDependencyChange(tasks, changedItems);
  if (!check.ok) {
    throw new LonghaulError('invalid_argument', `tasks not created:\n- ${check.problems.join('\n- ')}`, {
      data: { missing: check.missing, cycle: check.cycle },
    });
  }
  const ids = created.map((t) => String(t.id));
  return {
    tasks,
    changed: created.map((t) => t.id),
    log: ids.map((item) => ({ item, kind: 'created' })),
    result: { created: ids },
  };
}
