// Public surface of the contracts package.
export { meshStatus, echoContract, MESH_SERVICE, MESH_TOOLS } from './capabilities/mesh.js';
export { EnvelopeSchema, PrincipalSchema, type Envelope, type Principal } from './envelope.js';
export {
  ERROR_CODES,
  LonghaulError,
  toLonghaulError,
  WireErrorSchema,
  type ErrorCode,
  type LonghaulErrorOptions,
  type WireError,
} from './errors.js';
export { CallReplySchema, type CallReply } from './reply.js';
export { RUN_EVENT_KINDS, RunEventSchema, type RunEvent, type RunEventKind } from './run-events.js';
export {
  DEFAULT_CALL_TIMEOUT_MS,
  defineToolContract,
  describeTool,
  toToolJsonSchema,
  type ToolContract,
  type ToolContractOptions,
} from './tool-contract.js';
export {
  RetryPolicySchema,
  ServiceInstanceSchema,
  TOOL_MODES,
  TOOL_SCOPES,
  ToolDescriptorSchema,
  type ServiceInstance,
  type ToolDescriptor,
  type ToolMode,
  type ToolScope,
} from './tool-descriptor.js';
export { SERVICE_NAME_PATTERN, TOOL_NAME_PATTERN, toolNameProblem } from './tool-name.js';
