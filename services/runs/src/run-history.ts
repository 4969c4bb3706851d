// Reading runs back: a run's events a page at a time from LH_RUNS, and the runs of a workspace from lh_runs.
import type { Subjects } from '@longhaul/mesh';
import type { RunEvent, RunRecord } from '@longhaul/schemas';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';

export interface RunEventView {
  seq: number;
  kind: string;
  at: number;
  attempt?: number;
  data?: unknown;
}

/** Events of one run after sequence `after`, at most `limit`, and the sequence to continue from. */
export async function readRunEvents(
  nc: NatsConnection,
  subjects: Subjects,
  runId: string,
  after: number,
  limit: number,
): Promise<{ events: RunEventView[]; next?: number }> {
  const jsm = await jetstreamManager(nc);
  const filter = subjects.runEvents(runId);
  const info = await jsm.streams.info(subjects.streams.runs, { subjects_filter: filter });
  const stored = Object.values(info.state.subjects ?? {}).reduce((sum, n) => sum + n, 0);
  if (stored === 0 || after >= info.state.last_seq) return { events: [] };
  const consumer = await jetstream(nc).consumers.get(subjects.streams.runs, {
    filter_subjects: filter,
    deliver_policy: after > 0 ? DeliverPolicy.StartSequence : DeliverPolicy.All,
    ...(after > 0 ? { opt_start_seq: after + 1 } : {}),
  });
  const events: RunEventView[] = [];
  const batch = await consumer.fetch({ max_messages: limit + 1, expires: 1_000 });
  let more = false;
  for await (const msg of batch) {
    if (events.length === limit) {
      more = true;
      break;
    }
    const event = msg.json<RunEvent>();
    events.push({
      seq: msg.seq,
      kind: event.kind,
      at: event.at,
      ...(event.attempt === undefined ? {} : { attempt: event.attempt }),
      ...(event.data === undefined ? {} : { data: event.data }),
    });
    if (msg.info.pending === 0) break;
  }
  const last = events.at(-1)?.seq;
  return more && last !== undefined ? { events, next: last } : { events };
}

/**
 * Every run record in lh_runs, newest first (a scan: fine for thousands of runs, not millions). A watch of
 * current values works on nats-server 2.9, where key listing with filters does not.
 */
export async function readRunRecords(kv: KV): Promise<RunRecord[]> {
  // The watch may deliver a key again when it changes while the current values are read: keep the newest.
  const latest = new Map<string, { revision: number; record?: RunRecord }>();
  if ((await kv.status()).values > 0) {
    const watch = await kv.watch({ key: '>' });
    for await (const entry of watch) {
      const seen = latest.get(entry.key);
      if (!seen || entry.revision > seen.revision) {
        latest.set(entry.key, {
          revision: entry.revision,
          ...(entry.operation === 'PUT' ? { record: entry.json<RunRecord>() } : {}),
        });
      }
      if (entry.delta === 0) break;
    }
    watch.stop();
  }
  return [...latest.values()]
    .flatMap((v) => (v.record ? [v.record] : []))
    .sort((a, b) => b.updatedAt - a.updatedAt);
}

export function summarise(record: RunRecord) {
  return {
    runId: record.runId,
    tool: record.tool,
    status: record.status,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.agent?.title ? { title: record.agent.title } : {}),
    ...(record.stalled ? { stalled: true } : {}),
    ...(record.error ? { error: `${record.error.code}: ${record.error.message}` } : {}),
  };
}

const RECENT_SCAN_PAGES = 50;

/**
 * The last `keep` events of a run other than heartbeats, found by paging through its events (at most
 * 5,000; a longer run shows the latest of those).
 */
export async function recentRunEvents(
  nc: NatsConnection,
  subjects: Subjects,
  runId: string,
  keep: number,
): Promise<RunEventView[]> {
  let recent: RunEventView[] = [];
  let after = 0;
  for (let page = 0; page < RECENT_SCAN_PAGES; page += 1) {
    const { events, next } = await readRunEvents(nc, subjects, runId, after, 100);
    recent = [...recent, ...events.filter((e) => e.kind !== 'heartbeat')].slice(-keep);
    if (next === undefined) break;
    after = next;
  }
  return recent;
}
