// Public surface of the mesh library: connection, subjects, provisioning, signing, service kit, registry.

export {
  type ArtifactStore,
  MAX_ARTIFACT_BYTES,
  openArtifactStore,
  type StoredArtifact,
} from './artifacts.js';
export { type CallToolDeps, callTool, checkEnvelopeSize, MIN_READ_ATTEMPT_MS } from './call-tool.js';
export { type CancelRunDeps, cancelRun } from './cancel-run.js';
export { decodeJson, encodeJson } from './codec.js';
export { connectMesh, DEFAULT_RECONNECT_WAIT_MS, type MeshConnectionOptions } from './connect.js';
export {
  consumeDurably,
  type DurableConsumerSpec,
  type DurableLoop,
  type DurableLoopOptions,
  openDurableConsumer,
} from './durable-consumer.js';
export { databaseUrlEnvEntry, parseEnvironment } from './env-schema.js';
export {
  type ClaimOutcome,
  createIdempotency,
  IDEMPOTENCY_META_KEY,
  type Idempotency,
  idempotencyKeyOf,
} from './idempotency.js';
export { openJobClient } from './job-client.js';
export {
  type DefinedService,
  defineService,
  type RunningService,
  type ServiceDefinition,
  type ServiceStartDeps,
} from './kit/define-service.js';
export { implementJob, type JobContext, type JobImplementation } from './kit/job-implementation.js';
export { checkJobSettings, DEFAULT_JOB_SETTINGS, type JobSettings } from './kit/job-settings.js';
export { DEAD_LETTER_REASON_HEADER } from './kit/job-worker.js';
export { runService, type ServiceProcess } from './kit/run-service.js';
export { parseServiceConfig, type ServiceConfig } from './kit/service-config.js';
export { stopOnSignals } from './kit/stop-on-signals.js';
export {
  type CallContext,
  implement,
  type ToolHandler,
  type ToolImplementation,
} from './kit/tool-implementation.js';
export { createJsonLogger, type LineSink, type Logger, silentLogger } from './logger.js';
export { nanos } from './nanos.js';
export { NatsEnvEntries, type NatsSettings, natsSettingsFrom, SubjectPrefixEnvEntry } from './nats-env.js';
export {
  DEFAULT_IDEMPOTENCY_TTL_MS,
  DEFAULT_REGISTRY_MAX_AGE_MS,
  DEFAULT_RUN_EVENTS_MAX_AGE_MS,
  type MeshBuckets,
  openRunsBucket,
  openToolRegistry,
  provisionBuckets,
  provisionMesh,
  provisionStreams,
} from './provision.js';
export { type Announcement, announceInstance, DEFAULT_ANNOUNCE_INTERVAL_MS } from './registry/announce.js';
export {
  DEFAULT_LIVENESS_MS,
  type ToolRegistry,
  type ToolRegistryOptions,
  watchToolRegistry,
} from './registry/tool-registry.js';
export { openRunEventFeed, type RunEventFeed, type SequencedRunEvent } from './run-event-feed.js';
export { createRunEvents, type RunEvents } from './run-events.js';
export {
  createSigner,
  createVerifier,
  type EnvelopeSigner,
  type EnvelopeVerifier,
  generateSigningKey,
  SIGNATURE_HEADER,
} from './signing.js';
export {
  DEFAULT_JOB_WAIT_MS,
  followRun,
  type JobOutcome,
  type PublishJobOptions,
  publishJob,
  readRun,
  runHandle,
  type StartJobDeps,
  type StartJobOptions,
  startJob,
} from './start-job.js';
export { listStreamDepths, type StreamDepth } from './stream-depths.js';
export {
  createSubjects,
  DEFAULT_SUBJECT_PREFIX,
  microServiceName,
  registryKey,
  type Subjects,
  serviceQueueGroup,
} from './subjects.js';
export { type ArgumentProblem, describeIssues, parseArguments } from './validation.js';
