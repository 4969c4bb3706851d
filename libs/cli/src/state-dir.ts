// The `.longhaul/` directory: where `longhaul up` keeps its data, keys, logs and the addresses it chose.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DEFAULT_STATE_DIR = '.longhaul';

export interface UpState {
  natsUrl: string;
  databaseUrl: string;
  edgeUrl: string;
  pid: number;
}

export function statePaths(dir: string) {
  const root = resolve(dir);
  return {
    root,
    nats: join(root, 'nats'),
    postgres: join(root, 'postgres'),
    logs: join(root, 'logs'),
    signingKey: join(root, 'edge-signing.key'),
    devToken: join(root, 'dev-token'),
    natsToken: join(root, 'nats-token'),
    natsConfig: join(root, 'nats-embedded.conf'),
    postgresPassword: join(root, 'postgres-password'),
    state: join(root, 'state.json'),
  };
}

export type StatePaths = ReturnType<typeof statePaths>;

export function ensureStateDir(paths: StatePaths): void {
  // The root stays traversable (not listable) so the embedded Postgres, which runs as its own user, reaches its folder.
  mkdirSync(paths.root, { recursive: true, mode: 0o711 });
  chmodSync(paths.root, 0o711);
  mkdirSync(paths.logs, { recursive: true, mode: 0o700 });
}

export function writeUpState(paths: StatePaths, state: UpState): void {
  writeFileSync(paths.state, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

export function readUpState(paths: StatePaths): UpState | undefined {
  if (!existsSync(paths.state)) return undefined;
  return JSON.parse(readFileSync(paths.state, 'utf8')) as UpState;
}
