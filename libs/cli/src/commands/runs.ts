// `longhaul runs list|show|tail`: run state from `lh_runs`, and a run's events from LH_RUNS, live.
import { openRunsBucket } from '@longhaul/mesh';
import { type RunEvent, type RunRecord, TERMINAL_RUN_STATUSES } from '@longhaul/schemas';
import { readRunRecords } from '@longhaul/service-runs';
import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { type MeshTarget, withMesh } from '../mesh-session.js';

export interface RunsCommandOptions extends MeshTarget {
  print: (text: string) => void;
}

export async function runsList(options: RunsCommandOptions, limit: number): Promise<void> {
  await withMesh(options, async (nc, subjects) => {
    const kv = await openRunsBucket(nc, subjects);
    const records = await readRunRecords(kv);
    options.print(
      'RUN                                   STATUS     TOOL                 WORKSPACE        UPDATED',
    );
    for (const r of records.slice(0, limit)) {
      options.print(
        `${r.runId.padEnd(38)}${r.status.padEnd(11)}${r.tool.padEnd(21)}${r.workspace.padEnd(17)}${new Date(r.updatedAt).toISOString()}`,
      );
    }
  });
}

export async function runsShow(options: RunsCommandOptions, runId: string): Promise<void> {
  await withMesh(options, async (nc, subjects) => {
    const entry = await (await openRunsBucket(nc, subjects)).get(runId);
    if (entry?.operation !== 'PUT')
      throw new Error(`no run "${runId}"; \`longhaul runs list\` shows the ids`);
    options.print(JSON.stringify(entry.json(), null, 2));
  });
}

/** Prints a run's events from the first one, then follows it live until it ends. */
export async function runsTail(options: RunsCommandOptions, runId: string): Promise<void> {
  await withMesh(options, async (nc, subjects) => {
    const consumer = await jetstream(nc).consumers.get(subjects.streams.runs, {
      // A single filter as a string: nats-server 2.9 has no multi-filter consumers.
      filter_subjects: subjects.runEvents(runId),
      deliver_policy: DeliverPolicy.All,
    });
    const messages = await consumer.consume();
    for await (const msg of messages) {
      const event = msg.json<RunEvent>();
      const data = event.data === undefined ? '' : ` ${JSON.stringify(event.data)}`;
      options.print(
        `${new Date(event.at).toISOString()} ${event.kind.padEnd(10)} attempt ${event.attempt ?? '-'}${data}`,
      );
      if (['result', 'failed', 'cancelled'].includes(event.kind)) break;
    }
    await messages.close();
    const state = await (await openRunsBucket(nc, subjects)).get(runId);
    const status = state?.operation === 'PUT' ? state.json<RunRecord>().status : undefined;
    if (status && TERMINAL_RUN_STATUSES.has(status)) options.print(`run ${runId} ${status}`);
  });
}
