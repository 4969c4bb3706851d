// The read tools: task_get, task_list, task_next_action, task_summary and task_dep_graph over a tag snapshot.
import type { taskDepGraph, taskList } from '@longhaul/schemas';
import type * as v from 'valibot';
import { blockedChains } from '../domain/blocked-chains.js';
import { criticalPath } from '../domain/critical-path.js';
import { findCycle, findMissingDependencies } from '../domain/dependency-graph.js';
import { renderMermaid } from '../domain/mermaid-graph.js';
import { findNextAction, type NextAction } from '../domain/next-action.js';
import { summarizeBacklog } from '../domain/summary.js';
import { indexTasks, isDone, type TaskIndex } from '../domain/task-index.js';
import type { Task } from '../domain/task-model.js';
import type { RecentChangeRow, TagSnapshot } from '../tag-store.js';
import { findTargets } from '../task-lookup.js';
import { compactRow, subtaskView, taskView } from '../task-views.js';

/** Most blocked chains a dependency graph answer lists. */
const MAX_BLOCKED = 50;

// A snapshot never changes (a write makes a new one), so what is derived from it is computed once per version.
const indexes = new WeakMap<TagSnapshot, TaskIndex>();
const nextActions = new WeakMap<TagSnapshot, NextAction>();

function indexOf(snapshot: TagSnapshot): TaskIndex {
  let index = indexes.get(snapshot);
  if (!index) {
    index = indexTasks(snapshot.tasks);
    indexes.set(snapshot, index);
  }
  return index;
}

export function getTasks(snapshot: TagSnapshot, ids: string) {
  return {
    tag: snapshot.tag,
    tasks: findTargets(snapshot.tasks, ids, snapshot.tag).map((t) =>
      t.subtask ? subtaskView(snapshot, t.task, t.subtask) : taskView(snapshot, t.task),
    ),
  };
}

const haystacks = new WeakMap<Task, string>();

function matchesText(task: Task, words: string[]): boolean {
  if (words.length === 0) return true;
  let haystack = haystacks.get(task);
  if (haystack === undefined) {
    haystack = `${task.title}\n${task.description ?? ''}\n${task.details ?? ''}`.toLowerCase();
    haystacks.set(task, haystack);
  }
  const text = haystack;
  return words.every((w) => text.includes(w));
}

export function listTasks(snapshot: TagSnapshot, input: v.InferOutput<typeof taskList.input>) {
  const statuses = input.status?.length ? new Set<string>(input.status) : undefined;
  const words = (input.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const index = input.ready ? indexOf(snapshot) : undefined;
  const ready = (task: Task) =>
    !index ||
    ((task.status === 'pending' || task.status === 'in-progress') &&
      (index.byKey.get(String(task.id))?.dependencies ?? []).every((d) => isDone(index, d.key)));
  const matching = snapshot.tasks
    .filter((t) => t.id > (input.cursor ?? 0))
    .filter((t) => (!statuses || statuses.has(t.status)) && matchesText(t, words) && ready(t))
    .sort((a, b) => a.id - b.id);
  const page = matching.slice(0, input.limit);
  const last = page.at(-1);
  return {
    tag: snapshot.tag,
    tasks: page.map((t) => (input.full ? taskView(snapshot, t) : compactRow(t))),
    ...(matching.length > page.length && last ? { cursor: last.id } : {}),
  };
}

export function nextAction(snapshot: TagSnapshot) {
  let next = nextActions.get(snapshot);
  if (!next) {
    next = findNextAction(snapshot.tasks, indexOf(snapshot));
    nextActions.set(snapshot, next);
  }
  if (next.kind === 'none') return { tag: snapshot.tag, next: null, reason: next.reason };
  const view = next.parent
    ? subtaskView(snapshot, next.parent, next.task)
    : taskView(snapshot, next.task as Task);
  return { tag: snapshot.tag, next: view, reason: next.reason };
}

export function summarize(snapshot: TagSnapshot, tokenBudget: number, recent: RecentChangeRow[]) {
  return {
    tag: snapshot.tag,
    summary: summarizeBacklog(snapshot.tasks, { tokenBudget, recentChanges: recent, tag: snapshot.tag }),
  };
}

export function dependencyGraph(snapshot: TagSnapshot, input: v.InferOutput<typeof taskDepGraph.input>) {
  const index = indexOf(snapshot);
  const blocked = blockedChains(snapshot.tasks);
  return {
    tag: snapshot.tag,
    missing: findMissingDependencies(snapshot.tasks, index),
    cycle: findCycle(snapshot.tasks, index),
    blocked: blocked.slice(0, MAX_BLOCKED),
    ...(blocked.length > MAX_BLOCKED ? { blockedOmitted: blocked.length - MAX_BLOCKED } : {}),
    criticalPath: criticalPath(snapshot.tasks, index),
    ...(input.format === 'mermaid'
      ? { mermaid: renderMermaid(snapshot.tasks, { includeSubtasks: input.includeSubtasks ?? false }) }
      : {}),
  };
}
