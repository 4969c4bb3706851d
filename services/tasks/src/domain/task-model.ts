// The Task Master backlog model: statuses, priorities, tasks, subtasks, tags, and the unknown fields they carry.

import { TASK_PRIORITY_VALUES, TASK_STATUS_VALUES } from '@longhaul/schemas';

/** Every status Task Master accepts, in the order its docs list them (the tool contract's list). */
export const TASK_STATUSES = TASK_STATUS_VALUES;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Every priority Task Master accepts, most urgent first. */
export const TASK_PRIORITIES = TASK_PRIORITY_VALUES;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/** Higher ranks first, as in Task Master's `findNextTask` (`critical: 4 … low: 1`). */
export const PRIORITY_RANK: Readonly<Record<TaskPriority, number>> = {
  critical: 4,
  high: 3,
  medium: 2,
  low: 1,
};

/** Priority of a task that has none (Task Master's `DEFAULT_TASK_PRIORITY`). */
export const DEFAULT_TASK_PRIORITY: TaskPriority = 'medium';

/** Status of a subtask written without one (Task Master reads `st.status || 'pending'`). */
export const DEFAULT_SUBTASK_STATUS: TaskStatus = 'pending';

/** The tag a legacy `{ "tasks": [...] }` file is read into. */
export const DEFAULT_TAG = 'master';

/** A dependency exactly as written: `3`, `"3"` or `"3.1"` (kept as written so the file round-trips). */
export type DependencyValue = number | string;

/** Fields shared by tasks and subtasks. `extra` holds every field this model does not know, verbatim. */
export interface WorkItemFields {
  title: string;
  description?: string;
  priority?: TaskPriority;
  dependencies?: DependencyValue[];
  details?: string;
  testStrategy?: string;
  complexity?: number | string;
  recommendedSubtasks?: number;
  expansionPrompt?: string;
  acceptanceCriteria?: string | string[];
  relevantFiles?: unknown[];
  assignee?: string;
  createdAt?: string;
  updatedAt?: string;
  metadata?: Record<string, unknown>;
  /** Set when the id was written as a string (`"7"`, as newer Task Master versions do). */
  idStyle?: 'string';
  /** Unknown fields and known fields of an unexpected type, written back unchanged. */
  extra?: Record<string, unknown>;
}

export interface Subtask extends WorkItemFields {
  /** Unique within the parent; addressed as `"<parent>.<id>"`. */
  id: number;
  /** Missing means `pending`. */
  status?: TaskStatus;
}

export interface Task extends WorkItemFields {
  /** Unique within the tag. */
  id: number;
  status: TaskStatus;
  subtasks?: Subtask[];
}

/** One tag: its tasks, its `metadata` object (`created`, `updated`, `description`, …) and unknown fields. */
export interface TagData {
  tasks: Task[];
  metadata?: Record<string, unknown>;
  extra?: Record<string, unknown>;
}

/** A whole `tasks.json`: tags in file order, plus unknown top-level fields. */
export interface Backlog {
  /** `tagged`: `{ "<tag>": { tasks, metadata } }`; `legacy`: `{ tasks, metadata }` read as tag `master`. */
  format: 'tagged' | 'legacy';
  tags: Map<string, TagData>;
  extra?: Record<string, unknown>;
}
