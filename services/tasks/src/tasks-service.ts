// The `tasks` service: Task Master–compatible backlog tools over Postgres, with domain events after each change.
import { type CallContext, defineService, implement } from '@longhaul/mesh';
import {
  TASKS_SERVICE,
  taskCreate,
  taskDepGraph,
  taskExport,
  taskGet,
  taskImport,
  taskLink,
  taskList,
  taskNextAction,
  taskSummary,
  taskTags,
  taskUpdate,
} from '@longhaul/schemas';
import { planCreate } from './handlers/create-tasks.js';
import { planLink } from './handlers/link-task.js';
import { manageTags } from './handlers/manage-tags.js';
import { dependencyGraph, getTasks, listTasks, nextAction, summarize } from './handlers/read-tasks.js';
import { exportBacklog, importBacklog } from './handlers/transfer-backlog.js';
import { planUpdate } from './handlers/update-tasks.js';
import type { TagChange, TagSnapshot, TagStore } from './tag-store.js';
import { withTaskErrors } from './task-errors.js';
import type { TaskEventKind, TaskEvents } from './task-events.js';
import { findTargets } from './task-lookup.js';
import { subtaskView, taskView } from './task-views.js';

export const TASKS_SERVICE_VERSION = '0.1.0';
/** Recent changes a summary shows at most. */
const SUMMARY_RECENT_CHANGES = 10;

export interface TasksServiceDeps {
  store: TagStore;
  events: TaskEvents;
  now?: () => Date;
}

export function createTasksService(deps: TasksServiceDeps) {
  const now = () => (deps.now?.() ?? new Date()).toISOString();
  const tagOf = async (tag: string | undefined, ctx: CallContext) =>
    tag ?? (await deps.store.currentTag(ctx.workspace));
  const read = async (tag: string | undefined, ctx: CallContext) =>
    deps.store.read(ctx.workspace, await tagOf(tag, ctx));
  const views = (snapshot: TagSnapshot, ids: string[]) =>
    ids.flatMap((id) => {
      try {
        return findTargets(snapshot.tasks, id, snapshot.tag).map((t) =>
          t.subtask ? subtaskView(snapshot, t.task, t.subtask) : taskView(snapshot, t.task),
        );
      } catch {
        return [];
      }
    });
  const by = (ctx: CallContext) => ctx.principal.id;
  /** Runs a planned change on the named (or current) tag, then announces the items it names. */
  const write = async <T>(
    ctx: CallContext,
    tagName: string | undefined,
    kind: TaskEventKind,
    plan: (snapshot: TagSnapshot, now: string) => TagChange<T>,
    items: (result: T) => string[],
  ) => {
    const tag = await tagOf(tagName, ctx);
    const { result, snapshot } = await deps.store.mutate(ctx.workspace, tag, by(ctx), (s) => plan(s, now()));
    deps.events.publish(ctx.workspace, kind, { tag, items: items(result), by: by(ctx) });
    return { tag, result, snapshot };
  };

  return defineService({
    name: TASKS_SERVICE,
    version: TASKS_SERVICE_VERSION,
    description: 'Task Master–compatible backlog: tags, tasks, subtasks, dependencies, next action',
    tools: [
      implement(taskCreate, (args, ctx) =>
        withTaskErrors(async () => {
          const { tag, result, snapshot } = await write(
            ctx,
            args.tag,
            'created',
            (s, at) => planCreate(s, args, at),
            (r) => r.created,
          );
          return { tag, created: result.created, tasks: views(snapshot, result.created) };
        }),
      ),
      implement(taskUpdate, (args, ctx) =>
        withTaskErrors(async () => {
          const { tag, result, snapshot } = await write(
            ctx,
            args.tag,
            args.remove ? 'removed' : 'updated',
            (s, at) => planUpdate(s, args, at),
            (r) => (args.remove ? [args.id] : r.targets),
          );
          return { tag, updated: views(snapshot, result.targets), notes: result.notes };
        }),
      ),
      implement(taskGet, (args, ctx) =>
        withTaskErrors(async () => getTasks(await read(args.tag, ctx), args.id)),
      ),
      implement(taskList, (args, ctx) =>
        withTaskErrors(async () => listTasks(await read(args.tag, ctx), args)),
      ),
      implement(taskNextAction, (args, ctx) =>
        withTaskErrors(async () => nextAction(await read(args.tag, ctx))),
      ),
      implement(taskSummary, (args, ctx) =>
        withTaskErrors(async () => {
          const snapshot = await read(args.tag, ctx);
          const recent = await deps.store.recentChanges(ctx.workspace, snapshot.tag, SUMMARY_RECENT_CHANGES);
          return summarize(snapshot, args.tokenBudget, recent);
        }),
      ),
      implement(taskDepGraph, (args, ctx) =>
        withTaskErrors(async () => dependencyGraph(await read(args.tag, ctx), args)),
      ),
      implement(taskImport, (args, ctx) =>
        withTaskErrors(async () => {
          const outcome = await importBacklog(
            deps.store,
            ctx.workspace,
            by(ctx),
            args.tasksJson,
            args.onlyTag,
          );
          for (const { tag } of outcome.tags)
            deps.events.publish(ctx.workspace, 'imported', { tag, items: ['*'], by: by(ctx) });
          return { tags: outcome.tags };
        }),
      ),
      implement(taskExport, (args, ctx) =>
        withTaskErrors(async () => ({ tasksJson: await exportBacklog(deps.store, ctx.workspace, args.tag) })),
      ),
      implement(taskLink, (args, ctx) =>
        withTaskErrors(async () => {
          const { tag, result, snapshot } = await write(
            ctx,
            args.tag,
            'linked',
            (s, at) => planLink(s, args, at),
            (r) => r.targets,
          );
          return { tag, updated: views(snapshot, result.targets) };
        }),
      ),
      implement(taskTags, (args, ctx) =>
        withTaskErrors(async () => {
          const outcome = await manageTags(deps.store, ctx.workspace, args);
          if (outcome.changed) {
            deps.events.publish(ctx.workspace, 'tags', {
              tag: args.tag ?? '',
              items: [outcome.changed],
              by: by(ctx),
            });
          }
          const { changed: _changed, ...answer } = outcome;
          return answer;
        }),
      ),
    ],
  });
}
