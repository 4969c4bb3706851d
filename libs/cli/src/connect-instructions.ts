// What `longhaul up` prints so a user can connect Claude Code and Codex in one paste.
/** The token itself is never printed: commands read it from its 0600 file. */
export function connectInstructions(endpoint: string, tokenFile: string): string {
  return [
    '',
    `Longhaul MCP endpoint: ${endpoint}`,
    `Development token (workspace "default", role admin): ${tokenFile}`,
    '',
    'Claude Code:',
    `  claude mcp add --transport http longhaul ${endpoint} --header "Authorization: Bearer $(cat '${tokenFile}')"`,
    '',
    'Codex (~/.codex/config.toml), with LONGHAUL_TOKEN exported in the shell that starts codex:',
    `  export LONGHAUL_TOKEN="$(cat '${tokenFile}')"`,
    '  [mcp_servers.longhaul]',
    `  url = "${endpoint}"`,
    '  bearer_token_env_var = "LONGHAUL_TOKEN"',
    '',
    'Press Ctrl-C to stop everything.',
    '',
  ].join('\n');
}
