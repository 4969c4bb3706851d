// Folds one run event into a run's state; a terminal state never changes again, whatever arrives late.
import {
  type RunAccepted,
  type RunEvent,
  type RunRecord,
  type RunStatus,
  TERMINAL_RUN_STATUSES,
  type WireError,
} from '@longhaul/schemas';

function blank(event: RunEvent): RunRecord {
  return {
    runId: event.runId,
    tool: '',
    service: '',
    workspace: '',
    principalId: '',
    status: 'accepted',
    attempt: 0,
    createdAt: event.at,
    updatedAt: event.at,
  };
}

function statusOfFailure(error: WireError | undefined): RunStatus {
  return error?.code === 'deadline_exceeded' ? 'timed_out' : 'failed';
}

/** The next state of a run, or the same object when the event changes nothing. */
export function foldRunEvent(current: RunRecord | undefined, event: RunEvent): RunRecord {
  const record = current ?? blank(event);
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (event.kind === 'accepted') {
    const accepted = data as unknown as RunAccepted;
    return {
      ...record,
      tool: accepted.tool,
      service: accepted.service,
      workspace: accepted.workspace,
      principalId: accepted.principalId,
      ...(accepted.parentRunId ? { parentRunId: accepted.parentRunId } : {}),
      ...(accepted.agent ? { agent: accepted.agent as RunRecord['agent'] } : {}),
      createdAt: Math.min(record.createdAt, event.at),
    };
  }
  if (TERMINAL_RUN_STATUSES.has(record.status)) return record;
  const touched = {
    ...record,
    updatedAt: Math.max(record.updatedAt, event.at),
    attempt: event.attempt ?? record.attempt,
  };
  switch (event.kind) {
    case 'started':
    case 'checkpoint':
      return { ...touched, status: 'running' };
    case 'heartbeat':
      return { ...touched, status: 'running', lastHeartbeatAt: event.at };
    case 'progress':
      return {
        ...touched,
        status: 'running',
        progress: {
          progress: Number(data.progress ?? 0),
          ...(typeof data.total === 'number' ? { total: data.total } : {}),
          ...(typeof data.message === 'string' ? { message: data.message } : {}),
        },
      };
    case 'result':
      return { ...touched, status: 'succeeded', result: data.result };
    case 'failed': {
      const error = data.error as WireError | undefined;
      return { ...touched, status: statusOfFailure(error), ...(error ? { error } : {}) };
    }
    case 'cancelled':
      return {
        ...touched,
        status: 'cancelled',
        error: {
          code: 'cancelled',
          message: String(data.reason ?? 'cancelled on request'),
          retryable: false,
        },
      };
    default:
      return touched;
  }
}
