// Tool contracts: a tool's name, schemas and policy, declared once and shared by edge, service and tests.
import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import type { ToolDescriptor, ToolMode, ToolScope } from './tool-descriptor.js';
import { toolNameProblem } from './tool-name.js';

export const DEFAULT_CALL_TIMEOUT_MS = 10_000;

type AnySchema = v.GenericSchema;

export interface ToolContract<Input extends AnySchema = AnySchema, Output extends AnySchema = AnySchema> {
  readonly name: string;
  readonly service: string;
  readonly title: string;
  readonly description: string;
  readonly input: Input;
  readonly output: Output;
  readonly mode: ToolMode;
  readonly scope: ToolScope;
  readonly timeoutMs: number;
  /** Jobs only: longest one attempt may run; past it the attempt is stopped and retried from its checkpoint. */
  readonly attemptTimeoutMs?: number;
}

export interface ToolContractOptions<Input extends AnySchema, Output extends AnySchema> {
  name: string;
  service: string;
  title: string;
  description: string;
  input: Input;
  output: Output;
  mode?: ToolMode;
  scope: ToolScope;
  /** Overall deadline of the call or job, all attempts included. */
  timeoutMs?: number;
  /** Jobs only: longest one attempt may run (a hung attempt is stopped and retried); at most `timeoutMs`. */
  attemptTimeoutMs?: number;
}

/** Declares a tool; throws at import time if its name breaks the naming rule. */
export function defineToolContract<Input extends AnySchema, Output extends AnySchema>(
  options: ToolContractOptions<Input, Output>,
): ToolContract<Input, Output> {
  const problem = toolNameProblem(options.name);
  if (problem) throw new Error(problem);
  if (options.attemptTimeoutMs !== undefined && options.mode !== 'job') {
    throw new Error(`${options.name}: attemptTimeoutMs applies to job tools only`);
  }
  return {
    ...options,
    mode: options.mode ?? 'call',
    timeoutMs: options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
  };
}

/** JSON Schema (draft-07) for a valibot schema; throws when a part cannot be expressed. */
export function toToolJsonSchema(schema: AnySchema): Record<string, unknown> {
  const json = toJsonSchema(schema, { errorMode: 'throw' }) as Record<string, unknown>;
  const { $schema: _dialect, ...rest } = json;
  return rest;
}

/** The registry form of a contract, as published by the owning service. */
export function describeTool(contract: ToolContract): ToolDescriptor {
  return {
    name: contract.name,
    service: contract.service,
    title: contract.title,
    description: contract.description,
    inputSchema: toToolJsonSchema(contract.input),
    outputSchema: toToolJsonSchema(contract.output),
    mode: contract.mode,
    scope: contract.scope,
    timeoutMs: contract.timeoutMs,
    ...(contract.attemptTimeoutMs === undefined ? {} : { attemptTimeoutMs: contract.attemptTimeoutMs }),
  };
}
