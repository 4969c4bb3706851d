// `longhaul` command-line entry: parses arguments and dispatches to a command.
import { parseArgs } from 'node:util';
import { DEFAULT_EDGE_HOST, DEFAULT_EDGE_PORT } from '@longhaul/edge';
import { type NatsSettings, natsSettingsFrom } from '@longhaul/mesh';
import { dlqDrop, dlqList, dlqReplay } from './commands/dlq.js';
import { runsList, runsShow, runsTail } from './commands/runs.js';
import { status } from './commands/status.js';
import { tokenCreate, tokenList, tokenRevoke } from './commands/token.js';
import { up } from './commands/up.js';
import type { MeshTarget } from './mesh-session.js';
import { readSecret } from './secrets.js';
import { DEFAULT_STATE_DIR, readUpState, statePaths } from './state-dir.js';

const USAGE = `usage: longhaul <command> [options]

  up [--host H] [--port P] [--dir D]     start NATS, Postgres (embedded unless NATS_URL/DATABASE_URL),
                                         the edge and every service; Ctrl-C stops all
  token create --workspace W --roles R[,R] [--ttl 30d] [--label L]
  token list [--workspace W] [--all]
  token revoke <id>
  status [--json]                        services, instances, tools, versions, stream depths
  runs list [--limit N] | runs show <id> | runs tail <id>
                                         run state, and a run's events followed live until it ends
  dlq list [--limit N] | dlq replay <seq> | dlq drop <seq>
                                         dead-lettered jobs; replay enqueues one again as a new run

Options for every command: --dir D (state directory, default ${DEFAULT_STATE_DIR}).
DATABASE_URL overrides the database \`longhaul up\` recorded in the state directory; NATS_URL (with NATS_USER,
NATS_PASSWORD, NATS_TOKEN, NATS_CREDS, NATS_TLS_*) overrides its embedded NATS server.`;

const print = (text: string) => process.stdout.write(`${text}\n`);

function fail(message: string): never {
  process.stderr.write(`longhaul: ${message}\n`);
  process.exit(2);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        dir: { type: 'string' },
        workspace: { type: 'string' },
        roles: { type: 'string' },
        ttl: { type: 'string' },
        label: { type: 'string' },
        all: { type: 'boolean' },
        json: { type: 'boolean' },
        limit: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${USAGE}`);
  }
})();

const stateDir = values.dir ?? process.env.LONGHAUL_HOME ?? DEFAULT_STATE_DIR;

function notRunning(envName: string): never {
  return fail(`set ${envName}, or run this where \`longhaul up\` is running (state directory ${stateDir})`);
}

function databaseUrl(): string {
  return (
    process.env.DATABASE_URL || readUpState(statePaths(stateDir))?.databaseUrl || notRunning('DATABASE_URL')
  );
}

/** NATS_* variables when NATS_URL is set, else the embedded server `longhaul up` recorded, with its token. */
function natsSettings(): NatsSettings {
  const env = process.env;
  if (env.NATS_URL) {
    return natsSettingsFrom({
      NATS_URL: env.NATS_URL,
      NATS_CREDS: env.NATS_CREDS,
      NATS_USER: env.NATS_USER,
      NATS_PASSWORD: env.NATS_PASSWORD,
      NATS_TOKEN: env.NATS_TOKEN,
      NATS_TLS_CA: env.NATS_TLS_CA,
      NATS_TLS_CERT: env.NATS_TLS_CERT,
      NATS_TLS_KEY: env.NATS_TLS_KEY,
    });
  }
  const paths = statePaths(stateDir);
  const state = readUpState(paths);
  if (!state) return notRunning('NATS_URL');
  const token = readSecret(paths.natsToken);
  return { url: state.natsUrl, ...(token ? { token } : {}) };
}

function meshTarget(): MeshTarget {
  const prefix = process.env.LONGHAUL_SUBJECT_PREFIX;
  return { nats: natsSettings(), ...(prefix ? { subjectPrefix: prefix } : {}) };
}

/** The edge's signing key: LONGHAUL_EDGE_SIGNING_KEY(_FILE), else the one `longhaul up` keeps. */
function signingKey(): string {
  const env = process.env;
  if (env.LONGHAUL_EDGE_SIGNING_KEY) return env.LONGHAUL_EDGE_SIGNING_KEY;
  const file = env.LONGHAUL_EDGE_SIGNING_KEY_FILE ?? statePaths(stateDir).signingKey;
  const key = readSecret(file);
  if (!key)
    return fail(
      `no edge signing key at ${file}; set LONGHAUL_EDGE_SIGNING_KEY or LONGHAUL_EDGE_SIGNING_KEY_FILE`,
    );
  return key;
}

const [command, sub, arg] = positionals;
try {
  if (values.help || !command) {
    print(USAGE);
  } else if (command === 'up') {
    const port = Number(values.port ?? process.env.LONGHAUL_EDGE_PORT ?? DEFAULT_EDGE_PORT);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      fail(`edge port "${values.port ?? process.env.LONGHAUL_EDGE_PORT}" is not a TCP port (1-65535)`);
    }
    await up({
      host: values.host ?? process.env.LONGHAUL_EDGE_HOST ?? DEFAULT_EDGE_HOST,
      port,
      stateDir,
      env: process.env,
      print,
    });
  } else if (command === 'token') {
    // Arguments are checked before anything connects, so a typo is reported as such.
    if (sub === 'create') {
      if (!values.workspace || !values.roles) fail('token create needs --workspace W and --roles R[,R]');
      const input = {
        workspace: values.workspace,
        roles: values.roles.split(',').map((r) => r.trim()),
        ...(values.label ? { label: values.label } : {}),
        ...(values.ttl ? { ttl: values.ttl } : {}),
      };
      await tokenCreate({ databaseUrl: databaseUrl(), print }, input);
    } else if (sub === 'list') {
      await tokenList(
        { databaseUrl: databaseUrl(), print },
        { ...(values.workspace ? { workspace: values.workspace } : {}), all: values.all ?? false },
      );
    } else if (sub === 'revoke') {
      if (!arg) fail('token revoke needs the token id (see `longhaul token list`)');
      await tokenRevoke({ databaseUrl: databaseUrl(), print }, arg);
    } else {
      fail(`unknown token command "${sub ?? ''}"; use create, list or revoke`);
    }
  } else if (command === 'runs' || command === 'dlq') {
    const limit = Number(values.limit ?? 50);
    if (!Number.isInteger(limit) || limit < 1) fail(`--limit "${values.limit}" must be a whole number ≥ 1`);
    const needsArg = sub === 'show' || sub === 'tail' || sub === 'replay' || sub === 'drop';
    if (needsArg && !arg)
      fail(`${command} ${sub} needs ${command === 'runs' ? 'a run id' : 'a sequence number'}`);
    const seq = Number(arg);
    if (command === 'dlq' && needsArg && (!Number.isInteger(seq) || seq < 1)) {
      fail(`"${arg}" is not a dead-letter sequence number (see \`longhaul dlq list\`)`);
    }
    const options = { ...meshTarget(), print };
    if (command === 'runs' && sub === 'list') await runsList(options, limit);
    else if (command === 'runs' && sub === 'show') await runsShow(options, arg as string);
    else if (command === 'runs' && sub === 'tail') await runsTail(options, arg as string);
    else if (command === 'dlq' && sub === 'list') await dlqList(options, limit);
    else if (command === 'dlq' && sub === 'replay') await dlqReplay(options, seq, signingKey());
    else if (command === 'dlq' && sub === 'drop') await dlqDrop(options, seq);
    else
      fail(
        `unknown ${command} command "${sub ?? ''}"; use ${command === 'runs' ? 'list, show or tail' : 'list, replay or drop'}`,
      );
  } else if (command === 'status') {
    await status({ ...meshTarget(), json: values.json ?? false, print });
  } else {
    fail(`unknown command "${command}"\n\n${USAGE}`);
  }
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
