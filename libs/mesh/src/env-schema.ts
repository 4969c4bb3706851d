// Parsing a process's environment with a valibot schema, once, with every problem named; shared env entries.
import * as v from 'valibot';

/** The environment as `schema` reads it, or an error listing each variable that is wrong and why. */
export function parseEnvironment<S extends v.GenericSchema>(
  schema: S,
  env: Record<string, string | undefined>,
  component: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, env);
  if (!result.success) {
    const lines = result.issues.map((i) => `${v.getDotPath(i) ?? '?'}: ${i.message}`);
    throw new Error(`invalid ${component} configuration:\n${lines.join('\n')}`);
  }
  return result.output;
}

/** `DATABASE_URL`, required; `purpose` says what the process keeps there. */
export function databaseUrlEnvEntry(purpose?: string) {
  return {
    DATABASE_URL: v.pipe(
      v.optional(v.string(), ''),
      v.minLength(1, `DATABASE_URL is required${purpose ? `: ${purpose}` : ''} (postgres://user@host/db)`),
    ),
  };
}
