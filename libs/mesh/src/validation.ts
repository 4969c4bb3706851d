// Turns valibot issues into the `invalid_argument` error an agent can act on: one line per problem, with its path.
import { LonghaulError } from '@longhaul/schemas';
import * as v from 'valibot';

export interface ArgumentProblem {
  path: string;
  message: string;
}

export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): ArgumentProblem[] {
  return issues.map((issue) => ({
    path: v.getDotPath(issue) ?? '(root)',
    message: issue.message,
  }));
}

/** Parses `value` against `schema` or throws `invalid_argument` listing every problem. */
export function parseArguments<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  tool: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const problems = describeIssues(result.issues);
  const lines = problems.map((p) => `- ${p.path}: ${p.message}`).join('\n');
  throw new LonghaulError('invalid_argument', `invalid arguments for ${tool}:\n${lines}`, {
    data: { problems },
  });
}
