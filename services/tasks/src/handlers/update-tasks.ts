// task_update: field, status and dependency changes, new subtasks and removal, checked before anything is written.
import { LonghaulError, type taskUpdate } from '@longhaul/schemas';
import type * as v from 'valibot';
import { checkDependencyChange } from '../domain/dependency-check.js';
import { dependencyKey } from '../domain/dependency-keys.js';
import { applyStatusChanges, planStatusChange } from '../domain/status-rules.js';
import type { Subtask, Task, WorkItemFields } from '../domain/task-model.js';
import type { TagChange, TagSnapshot } from '../tag-store.js';
import { findTargets, type Target } from '../task-lookup.js';
import { versionOf } from '../task-views.js';
import { toDependencies } from './dependency-input.js';
import { checkMetadataSize } from './metadata-limit.js';

type UpdateInput = v.InferOutput<typeof taskUpdate.input>;

export interface UpdateResult {
  /** Ids (`"15"`, `"15.2"`) of the items the call named, to be shown after the write. */
  targets: string[];
  notes: string[];
}

const FIELD_NAMES = [
  'title',
  'description',
  'details',
  'appendDetails',
  'testStrategy',
  'priority',
  'dependencies',
  'metadata',
] as const;

function checkVersions(snapshot: TagSnapshot, targets: Target[], expected: number | undefined) {
  if (expected === undefined) return;
  for (const { task } of targets) {
    const current = versionOf(snapshot, task.id);
    if (current !== expected) {
      throw new LonghaulError(
        'conflict',
        `task ${task.id} is at version ${current}, not ${expected}: someone changed it since you read it; task_get it again, then resend your change with expectedVersion ${current}`,
        { data: { id: String(task.id), expectedVersion: expected, currentVersion: current } },
      );
    }
  }
}

/** Items whose dependencies name `key` (a task "7" or subtask "7.2"). */
function dependentsOf(tasks: readonly Task[], key: string): string[] {
  const found: string[] = [];
  for (const task of tasks) {
    if (task.dependencies?.some((d) => dependencyKey(d) === key)) found.push(String(task.id));
    for (const sub of task.subtasks ?? []) {
      if (sub.dependencies?.some((d) => dependencyKey(d, task.id) === key))
        found.push(`${task.id}.${sub.id}`);
    }
  }
  return found;
}

function withoutDependency<T extends WorkItemFields>(item: T, key: string, parentId?: number): T {
  const kept = item.dependencies?.filter((d) => dependencyKey(d, parentId) !== key);
  return kept && kept.length !== item.dependencies?.length ? { ...item, dependencies: kept } : item;
}

function planRemoval(
  tasks: Task[],
  targets: Target[],
  mode: NonNullable<UpdateInput['remove']>,
  notes: string[],
) {
  const keys = targets.map((t) => (t.subtask ? `${t.task.id}.${t.subtask.id}` : String(t.task.id)));
  // A task goes with its subtasks: what depends on one of them depends on the removal too.
  const gone = targets.flatMap((t) =>
    t.subtask
      ? [`${t.task.id}.${t.subtask.id}`]
      : [String(t.task.id), ...(t.task.subtasks ?? []).map((s) => `${t.task.id}.${s.id}`)],
  );
  const removing = new Set(gone);
  const dependents = gone.flatMap((key) =>
    dependentsOf(tasks, key)
      .filter((d) => !removing.has(d) && !removing.has(d.split('.')[0] ?? ''))
      .map((d) => `${d} → ${key}`),
  );
  if (dependents.length > 0 && mode === 'refuse_if_depended_on') {
    throw new LonghaulError(
      'failed_precondition',
      `not removed: other items depend on it (${dependents.join(', ')}); send remove "drop_dependencies" to remove it and those dependencies`,
      { data: { dependents } },
    );
  }
  let next = tasks;
  for (const key of gone) {
    next = next.map((task) => {
      let changed = withoutDependency(task, key);
      const subtasks = changed.subtasks?.map((s) => withoutDependency(s, key, task.id));
      if (subtasks?.some((s, i) => s !== changed.subtasks?.[i])) changed = { ...changed, subtasks };
      return changed;
    });
  }
  if (dependents.length > 0) notes.push(`dropped dependencies: ${dependents.join(', ')}`);
  const removedTasks = targets.filter((t) => !t.subtask).map((t) => t.task.id);
  next = next.map((task) => {
    const gone = targets.filter((t) => t.subtask && t.task.id === task.id).map((t) => t.subtask?.id);
    return gone.length ? { ...task, subtasks: task.subtasks?.filter((s) => !gone.includes(s.id)) } : task;
  });
  return { tasks: next, removed: removedTasks, keys };
}

function editItem<T extends WorkItemFields>(item: T, input: UpdateInput, path: string, parentId?: number): T {
  const next: T = { ...item };
  if (input.title !== undefined) next.title = input.title;
  if (input.description !== undefined) next.description = input.description;
  if (input.details !== undefined) next.details = input.details;
  if (input.appendDetails !== undefined) {
    next.details = next.details ? `${next.details}\n\n${input.appendDetails}` : input.appendDetails;
  }
  if (input.testStrategy !== undefined) next.testStrategy = input.testStrategy;
  if (input.priority !== undefined) next.priority = input.priority;
  if (input.dependencies !== undefined) {
    next.dependencies = toDependencies(
      input.dependencies,
      `${path}.dependencies`,
      new Map(),
      parentId !== undefined,
    );
  }
  if (input.metadata !== undefined) {
    const merged: Record<string, unknown> = { ...item.metadata };
    for (const [key, value] of Object.entries(input.metadata)) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    checkMetadataSize(merged, `${path}.metadata`);
    next.metadata = merged;
  }
  return next;
}

export function planUpdate(snapshot: TagSnapshot, input: UpdateInput, now: string): TagChange<UpdateResult> {
  const targets = findTargets(snapshot.tasks, input.id, snapshot.tag);
  checkVersions(snapshot, targets, input.expectedVersion);
  const notes: string[] = [];
  const log: Array<{ item: string; kind: string }> = [];
  const changed = new Set<number>();
  const ids = targets.map((t) => (t.subtask ? `${t.task.id}.${t.subtask.id}` : String(t.task.id)));

  if (input.remove) {
    const edits = FIELD_NAMES.filter((f) => input[f] !== undefined);
    if (edits.length || input.status || input.addSubtasks) {
      throw new LonghaulError(
        'invalid_argument',
        'remove cannot be combined with other changes; send them separately',
      );
    }
    const before = snapshot.tasks;
    const plan = planRemoval([...before], targets, input.remove, notes);
    plan.tasks.forEach((task, i) => {
      if (task !== before[i]) changed.add(task.id);
    });
    for (const id of plan.removed) changed.delete(id);
    return {
      tasks: plan.tasks,
      changed: [...changed],
      removed: plan.removed,
      log: plan.keys.map((item) => ({ item, kind: 'removed' })),
      result: { targets: [], notes },
    };
  }

  let tasks = [...snapshot.tasks];
  const position = new Map(tasks.map((t, i) => [t.id, i]));
  const replace = (task: Task) => {
    const at = position.get(task.id);
    if (at !== undefined) tasks[at] = { ...task, updatedAt: now };
    changed.add(task.id);
  };
  const touched = FIELD_NAMES.filter((f) => input[f] !== undefined);
  for (const target of targets) {
    const current = tasks[position.get(target.task.id) ?? -1] ?? target.task;
    const key = target.subtask ? `${current.id}.${target.subtask.id}` : String(current.id);
    if (touched.length) {
      if (target.subtask) {
        const subtasks = (current.subtasks ?? []).map((s) =>
          s.id === target.subtask?.id ? editItem<Subtask>(s, input, key, current.id) : s,
        );
        replace({ ...current, subtasks });
      } else {
        replace(editItem<Task>(current, input, key));
      }
      log.push({ item: key, kind: `updated ${touched.join(', ')}` });
    }
    if (input.addSubtasks?.length) {
      if (target.subtask) {
        throw new LonghaulError('invalid_argument', `addSubtasks needs a task id, not the subtask ${key}`);
      }
      const base = tasks[position.get(current.id) ?? -1] ?? current;
      let nextId = (base.subtasks ?? []).reduce((max, s) => Math.max(max, s.id), 0) + 1;
      const added: Subtask[] = input.addSubtasks.map((sub, j) => ({
        id: nextId++,
        title: sub.title,
        description: sub.description ?? '',
        details: sub.details ?? '',
        status: sub.status ?? 'pending',
        dependencies: toDependencies(sub.dependencies, `addSubtasks[${j}].dependencies`, new Map(), true),
      }));
      replace({ ...base, subtasks: [...(base.subtasks ?? []), ...added] });
      for (const sub of added) log.push({ item: `${base.id}.${sub.id}`, kind: 'created' });
    }
  }
  if (input.dependencies !== undefined || input.addSubtasks?.length) {
    const items = input.addSubtasks?.length
      ? tasks
          .filter((t) => changed.has(t.id))
          .flatMap((t) => [String(t.id), ...(t.subtasks ?? []).map((s) => `${t.id}.${s.id}`)])
      : ids;
    const check = checkDependencyChange(tasks, items);
    if (!check.ok) {
      throw new LonghaulError('invalid_argument', `not updated:\n- ${check.problems.join('\n- ')}`, {
        data: { missing: check.missing, cycle: check.cycle },
      });
    }
  }
  if (input.status !== undefined) {
    for (const key of ids) {
      const plan = planStatusChange(tasks, key, input.status);
      notes.push(...plan.notes);
      tasks = applyStatusChanges(tasks, plan.changes, now);
      for (const change of plan.changes) {
        changed.add(Number(change.id.split('.')[0]));
        log.push({ item: change.id, kind: `status ${change.from} → ${change.to}` });
      }
    }
  }
  if (changed.size === 0) {
    throw new LonghaulError(
      'invalid_argument',
      'nothing to change: send at least one of status, title, description, details, appendDetails, testStrategy, priority, dependencies, metadata, addSubtasks or remove',
    );
  }
  return { tasks, changed: [...changed], log, result: { targets: ids, notes } };
}
