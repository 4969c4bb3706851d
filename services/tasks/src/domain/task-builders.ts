// Tiny builders of tasks and subtasks for the domain tests: a pending item with a title from its id.
import type { Subtask, Task } from './task-model.js';

export const task = (id: number, over: Partial<Task> = {}): Task => ({
  id,
  title: `T${id}`,
  status: 'pending',
  ...over,
});

export const sub = (id: number, over: Partial<Subtask> = {}): Subtask => ({
  id,
  title: `S${id}`,
  status: 'pending',
  ...over,
});
