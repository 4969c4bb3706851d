// The tool-name rule shared by every contract: short, lowercase, underscore-separated.
export const TOOL_NAME_PATTERN = /^[a-z][a-z0-9_]{0,47}$/;

/** Why a tool name is rejected, or undefined when it is valid. */
export function toolNameProblem(name: string): string | undefined {
  if (TOOL_NAME_PATTERN.test(name)) return undefined;
  return `tool name "${name}" must match ${TOOL_NAME_PATTERN.source}: a lowercase letter, then up to 47 lowercase letters, digits or underscores`;
}

export const SERVICE_NAME_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;
