// Spawns a Longhaul TypeScript entry point as a real child process and waits until it says it is ready.
import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

// The repository root: children start there so `--import tsx` resolves from its node_modules.
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX_LOADER = 'tsx';
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface TestProcess extends AsyncDisposable {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves when a line matching `pattern` appears, or rejects after `timeoutMs` with the output so far. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface SpawnOptions {
  entry: string;
  env: Record<string, string>;
  args?: string[];
  /** Extra node flags, e.g. `--cpu-prof` for profiling a benchmark. */
  nodeArgs?: string[];
  name: string;
  /** Wait for this output line before returning. */
  readyPattern?: RegExp;
  timeoutMs?: number;
}

export async function spawnProcess(options: SpawnOptions): Promise<TestProcess> {
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', TSX_LOADER, options.entry, ...(options.args ?? [])],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  live.add(child);
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => live.delete(child));

  const waitForOutput = async (pattern: RegExp, timeoutMs = options.timeoutMs ?? 30_000) => {
    const until = Date.now() + timeoutMs;
    while (!pattern.test(output)) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${options.name} exited before printing ${pattern}:\n${output}`);
      }
      if (Date.now() > until)
        throw new Error(`${options.name} did not print ${pattern} in ${timeoutMs} ms:\n${output}`);
      await sleep(20);
    }
  };
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  };
  if (options.readyPattern) await waitForOutput(options.readyPattern);
  return {
    child,
    pid: child.pid ?? -1,
    output: () => output,
    waitForOutput,
    kill,
    [Symbol.asyncDispose]: () => kill('SIGKILL'),
  };
}

/** The instance id a Longhaul service process logged when it started (its NATS micro service id). */
export function instanceIdOf(service: TestProcess): string {
  const line = service
    .output()
    .split('\n')
    .find((l) => l.includes('service started'));
  return (JSON.parse(line ?? '{}') as { instance?: string }).instance ?? '';
}
