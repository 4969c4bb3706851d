// Validates tool arguments against the JSON Schema a service published, before anything is sent.
import type { ToolDescriptor } from '@longhaul/schemas';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

export interface ArgumentProblem {
  path: string;
  message: string;
}

export interface ArgumentValidator {
  /** Problems with `args`, empty when they conform. */
  problems(tool: ToolDescriptor, args: unknown): ArgumentProblem[];
}

function describe(error: ErrorObject): ArgumentProblem {
  const path = error.instancePath ? error.instancePath.slice(1).replaceAll('/', '.') : '(root)';
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty?: string }).additionalProperty;
    return { path, message: `unknown property "${extra}"; remove it` };
  }
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty?: string }).missingProperty;
    return { path: path === '(root)' ? String(missing) : `${path}.${missing}`, message: 'is required' };
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
    return { path, message: `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}` };
  }
  if (error.keyword === 'pattern') {
    // A bare regular expression helps an agent little: say what the field holds, and what was sent.
    const description = (error.parentSchema as { description?: unknown } | undefined)?.description;
    const got = JSON.stringify(error.data)?.slice(0, 80);
    const want =
      typeof description === 'string' ? `expected ${description}` : (error.message ?? 'is invalid');
    return { path, message: `${want} (got ${got})` };
  }
  return { path, message: error.message ?? 'is invalid' };
}

export function createArgumentValidator(): ArgumentValidator {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, verbose: true });
  // Keyed by the schema's text: registry heartbeats hand over fresh but equal descriptor objects.
  const compiled = new Map<string, ValidateFunction>();
  const bySchemaObject = new WeakMap<object, ValidateFunction>();
  const validatorFor = (schema: Record<string, unknown>) => {
    let validate = bySchemaObject.get(schema);
    if (validate) return validate;
    const key = JSON.stringify(schema);
    validate = compiled.get(key) ?? ajv.compile(schema);
    compiled.set(key, validate);
    bySchemaObject.set(schema, validate);
    return validate;
  };
  return {
    problems(tool, args) {
      const validate = validatorFor(tool.inputSchema);
      if (validate(args)) return [];
      return (validate.errors ?? []).map(describe);
    },
  };
}
