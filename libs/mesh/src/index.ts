// Public surface of the mesh library: connection, subjects, provisioning, signing, service kit, registry.
export { callTool, MIN_READ_ATTEMPT_MS, type CallToolDeps } from './call-tool.js';
export { decodeJson, encodeJson } from './codec.js';
export { connectMesh, DEFAULT_RECONNECT_WAIT_MS, type MeshConnectionOptions } from './connect.js';
export {
  defineService,
  type DefinedService,
  type RunningService,
  type ServiceDefinition,
  type ServiceStartDeps,
} from './kit/define-service.js';
export { runService, type ServiceProcess } from './kit/run-service.js';
export { parseServiceConfig, type ServiceConfig } from './kit/service-config.js';
export {
  implement,
  type CallContext,
  type ToolHandler,
  type ToolImplementation,
} from './kit/tool-implementation.js';
export { createJsonLogger, silentLogger, type LineSink, type Logger } from './logger.js';
export {
  DEFAULT_IDEMPOTENCY_TTL_MS,
  DEFAULT_REGISTRY_MAX_AGE_MS,
  DEFAULT_RUN_EVENTS_MAX_AGE_MS,
  openToolRegistry,
  provisionBuckets,
  provisionMesh,
  provisionStreams,
  type MeshBuckets,
} from './provision.js';
export { announceInstance, DEFAULT_ANNOUNCE_INTERVAL_MS, type Announcement } from './registry/announce.js';
export {
  DEFAULT_LIVENESS_MS,
  watchToolRegistry,
  type ToolRegistry,
  type ToolRegistryOptions,
} from './registry/tool-registry.js';
export {
  createSigner,
  createVerifier,
  generateSigningKey,
  SIGNATURE_HEADER,
  type EnvelopeSigner,
  type EnvelopeVerifier,
} from './signing.js';
export {
  BUCKETS,
  createSubjects,
  DEFAULT_SUBJECT_PREFIX,
  microServiceName,
  registryKey,
  serviceQueueGroup,
  STREAMS,
  type Subjects,
} from './subjects.js';
export { describeIssues, parseArguments, type ArgumentProblem } from './validation.js';
