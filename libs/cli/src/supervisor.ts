// Runs child processes, restarting one that dies (with backoff) until told to stop.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { ProcessSpec } from './service-catalog.js';

export const RESTART_BACKOFF_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000];
/** A child that stayed up this long has its backoff reset. */
export const HEALTHY_RUN_MS = 30_000;
const STOP_GRACE_MS = 10_000;
/** tsx resolved from this package, so children start from any working directory. */
const TSX_LOADER = import.meta.resolve('tsx');

export interface SupervisedProcess {
  readonly spec: ProcessSpec;
  pid(): number | undefined;
}

export interface Supervisor {
  start(spec: ProcessSpec, env: NodeJS.ProcessEnv): SupervisedProcess;
  stopAll(): Promise<void>;
}

export interface SupervisorOptions {
  logDir: string;
  onEvent: (message: string) => void;
}

export function createSupervisor(options: SupervisorOptions): Supervisor {
  const children = new Map<string, ChildProcess>();
  let stopping = false;

  function launch(spec: ProcessSpec, env: NodeJS.ProcessEnv, failures: number): void {
    const log = createWriteStream(join(options.logDir, `${spec.name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, ['--import', TSX_LOADER, spec.entry], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    children.set(spec.name, child);
    const startedAt = Date.now();
    child.once('exit', (code, signal) => {
      log.end();
      if (children.get(spec.name) === child) children.delete(spec.name);
      if (stopping) return;
      const healthy = Date.now() - startedAt > HEALTHY_RUN_MS;
      const nextFailures = healthy ? 0 : failures + 1;
      const delay = RESTART_BACKOFF_MS[Math.min(nextFailures, RESTART_BACKOFF_MS.length - 1)] ?? 30_000;
      options.onEvent(
        `${spec.name} exited (${signal ?? `code ${code}`}); restarting in ${delay} ms — log: ${join(options.logDir, `${spec.name}.log`)}`,
      );
      setTimeout(() => {
        if (!stopping) launch(spec, env, nextFailures);
      }, delay).unref();
    });
  }

  return {
    start(spec, env) {
      launch(spec, env, 0);
      return { spec, pid: () => children.get(spec.name)?.pid };
    },
    async stopAll() {
      stopping = true;
      await Promise.all(
        [...children.values()].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
              child.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
