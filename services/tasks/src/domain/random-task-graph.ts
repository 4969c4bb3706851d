// Test helper: a seeded PRNG and random raw Task Master task lists, for property tests and timing checks.
import { TASK_PRIORITIES, TASK_STATUSES } from './task-model.js';

export type Random = () => number;

/** mulberry32: a tiny, fast, seeded PRNG returning numbers in [0, 1). */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Fisher–Yates, in place. */
export function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** A subtask as written in tasks.json (unknown fields allowed). */
export interface RawSubtask {
  id: number;
  title: string;
  status?: string;
  priority?: string;
  dependencies?: Array<number | string>;
  [key: string]: unknown;
}

/** A task as written in tasks.json (unknown fields allowed). */
export interface RawTask {
  id: number;
  title: string;
  status: string;
  priority?: string;
  dependencies?: Array<number | string>;
  subtasks?: RawSubtask[];
  [key: string]: unknown;
}

export interface RandomTasksOptions {
  tasks: number;
  maxSubtasks: number;
  maxDependencies: number;
  /** Chance that a status is `done`, to get graphs where something is ready. */
  doneBias: number;
}

/** Raw task objects as they appear in tasks.json, with every dependency spelling Task Master produces. */
export function randomRawTasks(random: Random, options: RandomTasksOptions): RawTask[] {
  const ids = shuffle(
    random,
    Array.from({ length: options.tasks }, (_, i) => i + 1),
  );
  const status = (): string => (random() < options.doneBias ? 'done' : pick(random, TASK_STATUSES));
  const maxId = options.tasks + 2;
  return ids.map((id) => {
    const task: RawTask = { id, title: `Task ${id}`, status: status() };
    if (random() < 0.8) task.priority = pick(random, TASK_PRIORITIES);
    if (random() < 0.9) {
      task.dependencies = Array.from({ length: randomInt(random, 0, options.maxDependencies) }, () => {
        const target = randomInt(random, 1, maxId);
        const form = random();
        if (form < 0.6) return target;
        if (form < 0.8) return String(target);
        return `${target}.${randomInt(random, 1, 3)}`;
      });
    }
    const subtaskCount = randomInt(random, 0, options.maxSubtasks);
    if (subtaskCount > 0 || random() < 0.3) {
      task.subtasks = Array.from({ length: subtaskCount }, (_, i) => {
        const subtask: RawSubtask = { id: i + 1, title: `Subtask ${id}.${i + 1}` };
        if (random() < 0.9) subtask.status = status();
        if (random() < 0.4) subtask.priority = pick(random, TASK_PRIORITIES);
        subtask.dependencies = Array.from(
          { length: randomInt(random, 0, Math.min(2, options.maxDependencies)) },
          () => {
            const form = random();
            if (form < 0.6) return randomInt(random, 1, subtaskCount + 1);
            if (form < 0.7) return String(randomInt(random, 1, subtaskCount + 1));
            return `${randomInt(random, 1, maxId)}.${randomInt(random, 1, 3)}`;
          },
        );
        return subtask;
      });
    }
    return task;
  });
}
