// Tool descriptors: what a service publishes to the live registry and what the edge lists over MCP.
import * as v from 'valibot';
import { SERVICE_NAME_PATTERN, TOOL_NAME_PATTERN } from './tool-name.js';

export const TOOL_MODES = ['call', 'job'] as const;
export const TOOL_SCOPES = ['read', 'write', 'exec', 'admin'] as const;
export type ToolMode = (typeof TOOL_MODES)[number];
export type ToolScope = (typeof TOOL_SCOPES)[number];

export const RetryPolicySchema = v.object({
  maxAttempts: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
  backoffMs: v.array(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

const JsonSchemaObject = v.record(v.string(), v.unknown());

export const ToolDescriptorSchema = v.object({
  name: v.pipe(v.string(), v.regex(TOOL_NAME_PATTERN)),
  service: v.pipe(v.string(), v.regex(SERVICE_NAME_PATTERN)),
  title: v.string(),
  description: v.string(),
  inputSchema: JsonSchemaObject,
  outputSchema: v.optional(JsonSchemaObject),
  mode: v.picklist(TOOL_MODES),
  scope: v.picklist(TOOL_SCOPES),
  timeoutMs: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** Jobs only: longest one attempt may run before it is stopped and retried from its last checkpoint. */
  attemptTimeoutMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  retry: v.optional(RetryPolicySchema),
});

export type ToolDescriptor = v.InferOutput<typeof ToolDescriptorSchema>;

/** One running instance of a service, as kept in the `lh_tools` registry and refreshed as a heartbeat. */
export const ServiceInstanceSchema = v.object({
  service: v.pipe(v.string(), v.regex(SERVICE_NAME_PATTERN)),
  instance: v.string(),
  version: v.string(),
  startedAt: v.number(),
  heartbeatAt: v.number(),
  tools: v.array(ToolDescriptorSchema),
});

export type ServiceInstance = v.InferOutput<typeof ServiceInstanceSchema>;
