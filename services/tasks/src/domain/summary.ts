// A compact progress digest of one tag for an agent's context: counts, next, in progress, ready, blocked, recent.
import { blockedChains } from './blocked-chains.js';
import { findNextAction, listReadyActions } from './next-action.js';
import { oneLine } from './plain-text.js';
import { type IndexedItem, indexTasks } from './task-index.js';
import { TaskInputError } from './task-input-error.js';
import { PRIORITY_RANK, TASK_STATUSES, type Task } from './task-model.js';
import { fitToBudget } from './text-budget.js';

/** Enough for the digest of a mid-sized backlog. */
export const DEFAULT_SUMMARY_TOKEN_BUDGET = 800;
/** Titles in item lines are cut to this many characters. */
export const DEFAULT_SUMMARY_TITLE_LENGTH = 60;
/** A blocked line names at most this many ids per list. */
export const DEFAULT_LIST_IDS = 5;

export interface RecentChange {
  /** `"15"` or `"15.2"`. */
  id: string;
  /** What happened, e.g. `status → done`, `created`. */
  kind: string;
  /** ISO time or epoch milliseconds. */
  at: string | number;
}

export interface SummaryOptions {
  tokenBudget?: number;
  recentChanges?: readonly RecentChange[];
  /** Named in the first line. */
  tag?: string;
}

/**
 * Plain text that never exceeds `tokenBudget` (tokens ≈ ceil(chars / 4)). Sections, most important first: status
 * counts, the next action, in progress, ready to start, blocked and by what, recent changes. When space runs out the
 * least important sections and items go first, with "… and N more".
 */
export function summarizeBacklog(tasks: readonly Task[], options: SummaryOptions = {}): string {
  const budget = options.tokenBudget ?? DEFAULT_SUMMARY_TOKEN_BUDGET;
  if (!Number.isFinite(budget) || budget < 1) {
    throw new TaskInputError([
      {
        path: 'tokenBudget',
        message: `expected a number of tokens from 1 up, like ${DEFAULT_SUMMARY_TOKEN_BUDGET}`,
      },
    ]);
  }
  const index = indexTasks(tasks);
  const next = findNextAction(tasks, index);
  const nextLine =
    next.kind === 'none'
      ? `Next: none — ${next.reason}`
      : `Next: ${next.id} ${title(next.task.title)} — ${next.reason.slice(next.id.length + 2)}`;
  const byImportance = (a: IndexedItem, b: IndexedItem): number =>
    PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority];
  const line = (item: IndexedItem, suffix = ''): string =>
    `- ${item.key} [${item.priority}] ${title(item.title)}${suffix}`;

  const inProgress = index.items.filter((i) => i.status === 'in-progress').sort(byImportance);
  // In-progress items are listed above; this section is what could be started next.
  const ready = listReadyActions(tasks, index)
    .slice(1)
    .map((a) => index.byKey.get(a.id)!)
    .filter((item) => item.status !== 'in-progress');
  const chains = new Map(blockedChains(tasks, {}, index).map((c) => [c.id, c]));
  const blocked = index.items
    .filter(
      (i) =>
        i.status === 'blocked' ||
        (chains.has(i.key) && ['pending', 'in-progress', 'review'].includes(i.status)),
    )
    .sort(byImportance)
    .map((item) => {
      const chain = chains.get(item.key);
      if (!chain) return line(item, ' — marked blocked');
      const waits = listSome(
        chain.waitsOn.map((k) => (chain.missing.includes(k) ? `${k} (missing)` : k)),
        chain.waitsOn.length,
      );
      const roots = chain.rootBlockers.filter((r) => !chain.waitsOn.includes(r));
      const rootPart = roots.length
        ? `; root ${listSome(roots, chain.truncated ? roots.length + 1 : roots.length)}`
        : '';
      return line(item, ` — waits on ${waits}${rootPart}`);
    });
  const recent = [...(options.recentChanges ?? [])]
    .sort((a, b) => compareNewestFirst(time(a.at), time(b.at)))
    .map((c) => `- ${c.id} ${oneLine(c.kind, DEFAULT_SUMMARY_TITLE_LENGTH)} (${formatTime(c.at)})`);

  return fitToBudget(
    [countsLine(index.items, options.tag), nextLine],
    [
      { title: 'In progress', items: inProgress.map((i) => line(i)) },
      { title: 'Ready to start', items: ready.map((i) => line(i)) },
      { title: 'Blocked', items: blocked },
      { title: 'Recent changes', items: recent },
    ],
    budget,
  );
}

function countsLine(items: readonly IndexedItem[], tag: string | undefined): string {
  const tasks = items.filter((i) => i.kind === 'task');
  const subtasks = items.filter((i) => i.kind === 'subtask');
  const counts = TASK_STATUSES.map((s) => [s, tasks.filter((t) => t.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${s} ${n}`);
  const done = tasks.filter((t) => t.status === 'done').length;
  const percent = tasks.length ? ` (${Math.round((done / tasks.length) * 100)}% done)` : '';
  const subtaskPart = subtasks.length
    ? `; subtasks ${subtasks.filter((s) => s.status === 'done').length}/${subtasks.length} done`
    : '';
  const name = tag === undefined ? 'Backlog' : `Tag ${tag}`;
  return `${name}: ${tasks.length} tasks${counts.length ? ` — ${counts.join(', ')}` : ''}${percent}${subtaskPart}`;
}

function title(text: string): string {
  return oneLine(text, DEFAULT_SUMMARY_TITLE_LENGTH);
}

/** Up to `DEFAULT_LIST_IDS` ids, then `+N` (`… ` when the total is unknown beyond the list). */
function listSome(ids: readonly string[], total: number): string {
  const shown = ids.slice(0, DEFAULT_LIST_IDS).join(', ');
  if (total > ids.length) return `${shown} …`;
  return ids.length > DEFAULT_LIST_IDS ? `${shown} +${ids.length - DEFAULT_LIST_IDS}` : shown;
}

function compareNewestFirst(a: number, b: number): number {
  return a === b ? 0 : b > a ? 1 : -1;
}

function time(at: string | number): number {
  const t = typeof at === 'number' ? at : Date.parse(at);
  return Number.isFinite(t) ? t : Number.NEGATIVE_INFINITY;
}

function formatTime(at: string | number): string {
  return typeof at === 'number' && Number.isFinite(at) ? new Date(at).toISOString() : String(at);
}
