// Public surface of the contracts package.
export { echoContract, MESH_SERVICE, MESH_TOOLS, meshStatus } from './capabilities/mesh.js';
export {
  AGENT_RUN_TOOLS,
  MAX_CHECKPOINT_BYTES,
  MAX_RUN_WAIT_SECONDS,
  RUNS_SERVICE,
  RUNS_TOOLS,
  runCancel,
  runCheckpoint,
  runEvents,
  runFinish,
  runHeartbeat,
  runList,
  runResume,
  runStart,
  runStatus,
  runWait,
} from './capabilities/runs.js';
export {
  EVERYDAY_TASK_TOOLS,
  TASK_LIMITS,
  TASK_PRIORITY_VALUES,
  TASK_STATUS_VALUES,
  TASKS_SERVICE,
  TASKS_TOOLS,
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
} from './capabilities/tasks.js';
export { type Envelope, EnvelopeSchema, type Principal, PrincipalSchema } from './envelope.js';
export {
  ERROR_CODES,
  type ErrorCode,
  LonghaulError,
  type LonghaulErrorOptions,
  toLonghaulError,
  type WireError,
  WireErrorSchema,
} from './errors.js';
export { type CallReply, CallReplySchema } from './reply.js';
export { RUN_EVENT_KINDS, type RunEvent, type RunEventKind, RunEventSchema } from './run-events.js';
export {
  RUN_STATUSES,
  type RunAccepted,
  RunAcceptedSchema,
  type RunHandle,
  RunHandleSchema,
  type RunProgress,
  RunProgressSchema,
  type RunRecord,
  RunRecordSchema,
  type RunStatus,
  TERMINAL_RUN_STATUSES,
} from './run-state.js';
export {
  DEFAULT_CALL_TIMEOUT_MS,
  defineToolContract,
  describeTool,
  type ToolContract,
  type ToolContractOptions,
  toToolJsonSchema,
} from './tool-contract.js';
export {
  RetryPolicySchema,
  type ServiceInstance,
  ServiceInstanceSchema,
  TOOL_MODES,
  TOOL_SCOPES,
  type ToolDescriptor,
  ToolDescriptorSchema,
  type ToolMode,
  type ToolScope,
} from './tool-descriptor.js';
export { SERVICE_NAME_PATTERN, TOOL_NAME_PATTERN, toolNameProblem } from './tool-name.js';
