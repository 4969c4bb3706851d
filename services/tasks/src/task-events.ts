// Domain events of the backlog: `lh.event.tasks.<workspace>.<kind>` after every committed change.
import { encodeJson, type Logger, type Subjects } from '@longhaul/mesh';
import { TASKS_SERVICE } from '@longhaul/schemas';
import type { NatsConnection } from '@nats-io/transport-node';

export type TaskEventKind = 'created' | 'updated' | 'removed' | 'imported' | 'linked' | 'tags';

export interface TaskEvents {
  publish(workspace: string, kind: TaskEventKind, data: { tag: string; items: string[]; by: string }): void;
}

export function createTaskEvents(nc: NatsConnection, subjects: Subjects, logger: Logger): TaskEvents {
  return {
    publish(workspace, kind, data) {
      try {
        nc.publish(subjects.event(TASKS_SERVICE, workspace, kind), encodeJson({ ...data, at: Date.now() }));
      } catch (error) {
        // The change is committed; a lost notification must not turn it into an error for the caller.
        logger.warn('task event not published', { workspace, kind, error: String(error) });
      }
    },
  };
}
