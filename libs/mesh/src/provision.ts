// Idempotent creation of the streams and KV buckets the mesh relies on.
import {
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { nanos } from './nanos.js';
import type { Subjects } from './subjects.js';

const DAY_MS = 86_400_000;

export const DEFAULT_RUN_EVENTS_MAX_AGE_MS = 7 * DAY_MS;
export const DEFAULT_IDEMPOTENCY_TTL_MS = DAY_MS;
/** How long a registry entry lives without a heartbeat before JetStream drops it from storage. */
export const DEFAULT_REGISTRY_MAX_AGE_MS = 60_000;

async function ensureStream(
  jsm: JetStreamManager,
  name: string,
  config: Record<string, unknown>,
  update: boolean,
): Promise<void> {
  try {
    await jsm.streams.info(name);
    if (update) await jsm.streams.update(name, config);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound)) throw error;
    await jsm.streams.add({ name, ...config });
  }
}

export interface ProvisionOptions {
  /**
   * Bring existing streams to the current configuration (the edge and the runs service do); without it,
   * only missing streams are created, which is all a job service's NATS user may do.
   */
  update?: boolean;
}

/** Creates missing streams and, with `update`, updates existing ones; safe from every process at start-up. */
export async function provisionStreams(
  nc: NatsConnection,
  subjects: Subjects,
  options: ProvisionOptions = { update: true },
): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const update = options.update ?? true;
  const kept = (ms: number) => ({
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(ms),
  });
  const streams: Array<[string, Record<string, unknown>]> = [
    [
      subjects.streams.jobs,
      {
        subjects: [subjects.allJobs()],
        retention: RetentionPolicy.Workqueue,
        storage: StorageType.File,
        duplicate_window: nanos(2 * 60_000),
      },
    ],
    [subjects.streams.runs, { subjects: [subjects.allRunEvents()], ...kept(DEFAULT_RUN_EVENTS_MAX_AGE_MS) }],
    [subjects.streams.audit, { subjects: [subjects.allAudit()], ...kept(0) }],
    [
      subjects.streams.advisories,
      { subjects: [subjects.maxDeliveriesAdvisories()], ...kept(DEFAULT_RUN_EVENTS_MAX_AGE_MS) },
    ],
    [subjects.streams.deadLetters, { subjects: [subjects.allDeadLetters()], ...kept(0) }],
  ];
  await Promise.all(streams.map(([name, config]) => ensureStream(jsm, name, config, update)));
}

export interface MeshBuckets {
  tools: KV;
  runs: KV;
  idempotency: KV;
  sessions: KV;
}

/** Opens (creating if needed) every KV bucket. */
export async function provisionBuckets(nc: NatsConnection, subjects: Subjects): Promise<MeshBuckets> {
  const kvm = new Kvm(nc);
  const names = subjects.buckets;
  const [tools, runs, idempotency, sessions] = await Promise.all([
    kvm.create(names.tools, { history: 1, ttl: DEFAULT_REGISTRY_MAX_AGE_MS }),
    openRunsBucket(nc, subjects),
    kvm.create(names.idempotency, { history: 1, ttl: DEFAULT_IDEMPOTENCY_TTL_MS }),
    kvm.create(names.sessions, { history: 1, ttl: DAY_MS }),
  ]);
  return { tools, runs, idempotency, sessions };
}

/** Streams and buckets in one call. */
export async function provisionMesh(nc: NatsConnection, subjects: Subjects): Promise<MeshBuckets> {
  await provisionStreams(nc, subjects);
  return provisionBuckets(nc, subjects);
}

/** Opens (creating if needed) just the tool registry, for services that need nothing else. */
export async function openToolRegistry(nc: NatsConnection, subjects: Subjects): Promise<KV> {
  return new Kvm(nc).create(subjects.buckets.tools, { history: 1, ttl: DEFAULT_REGISTRY_MAX_AGE_MS });
}

/** Opens (creating if needed) the run state bucket. */
export async function openRunsBucket(nc: NatsConnection, subjects: Subjects): Promise<KV> {
  return new Kvm(nc).create(subjects.buckets.runs, { history: 5 });
}
