// bench:jobs — enqueue→result latency of a no-op job, jobs/s with 1, 2 and 4 worker processes on sleep-bound
// jobs, and the same work as a call, measured in one run against a real nats-server.
import { randomUUID } from 'node:crypto';
import {
  callTool,
  connectMesh,
  createSigner,
  createSubjects,
  generateSigningKey,
  openJobClient,
  provisionMesh,
  startJob,
} from '@longhaul/mesh';
import { startNatsServer } from '@longhaul/runtime';
import { describeTool, type Envelope } from '@longhaul/schemas';
import { probeRead, probeSteps } from '@longhaul/testing/probe';
import {
  makeTempDir,
  PROBE_SERVICE_ENTRY,
  spawnProcess,
  type TestProcess,
} from '@longhaul/testing/processes';

const LATENCY_SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const THROUGHPUT_JOBS = Number(process.env.BENCH_JOBS ?? 400);
const SLEEP_MS = 50;
const WORKER_CONCURRENCY = 8;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const dir = makeTempDir('bench-jobs');
const nats = await startNatsServer({ storeDir: dir.path, searchPath: process.env.PATH ?? '' });
const key = generateSigningKey();
const workerEnv = {
  NATS_URL: nats.url,
  LONGHAUL_EDGE_PUBLIC_KEYS: key.publicKey,
  LONGHAUL_JOB_CONCURRENCY: String(WORKER_CONCURRENCY),
};
const workers: TestProcess[] = [];
const nc = await connectMesh({ url: nats.url, name: 'longhaul-bench' });
try {
  const subjects = createSubjects();
  await provisionMesh(nc, subjects);
  const deps = await openJobClient(nc, subjects, createSigner(key.privateKey));
  const jobTool = describeTool(probeSteps);
  const callDescriptor = describeTool(probeRead);
  const envelope = (tool: string, args: unknown): Envelope => ({
    id: randomUUID(),
    tool,
    args,
    workspace: 'bench',
    principal: { id: 'bench', roles: ['admin'] },
    deadline: Date.now() + 60_000,
    attempt: 1,
  });
  const job = async (args: unknown) => {
    const outcome = await startJob(
      deps,
      jobTool,
      { ...envelope(jobTool.name, args), runId: randomUUID() },
      { waitMs: 30_000 },
    );
    if (!outcome.ended) throw new Error('a benchmark job did not finish within 30 s');
  };
  const addWorker = async () => {
    workers.push(
      await spawnProcess({
        entry: PROBE_SERVICE_ENTRY,
        name: 'probe',
        env: workerEnv,
        readyPattern: /service started/,
      }),
    );
  };
  await addWorker();

  // Latency: one at a time, no-op job vs. the same no-op as a call.
  const measure = async (fn: () => Promise<unknown>) => {
    for (let i = 0; i < 20; i += 1) await fn();
    const samples: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i += 1) {
      const t0 = performance.now();
      await fn();
      samples.push(performance.now() - t0);
    }
    return samples.sort((a, b) => a - b);
  };
  const jobLatency = await measure(() => job({ steps: 0 }));
  const callLatency = await measure(() =>
    callTool(deps, callDescriptor, envelope(callDescriptor.name, { id: 'x' })),
  );

  // Throughput: sleep-bound jobs (1 step of 50 ms, with its progress and checkpoint) with 1, 2 and 4 workers.
  const throughput: Array<{ workers: number; rate: number }> = [];
  for (const count of [1, 2, 4]) {
    while (workers.length < count) await addWorker();
    await Promise.all(Array.from({ length: 16 }, () => job({ steps: 1, stepMs: SLEEP_MS })));
    const t0 = performance.now();
    await Promise.all(Array.from({ length: THROUGHPUT_JOBS }, () => job({ steps: 1, stepMs: SLEEP_MS })));
    throughput.push({ workers: count, rate: THROUGHPUT_JOBS / ((performance.now() - t0) / 1000) });
  }

  console.log(`\nbench:jobs, node ${process.version}, ${new Date().toISOString()}`);
  console.log(
    `no-op job enqueue→result: p50 ${percentile(jobLatency, 50).toFixed(2)} ms, p99 ${percentile(jobLatency, 99).toFixed(2)} ms (${LATENCY_SAMPLES} sequential)`,
  );
  console.log(
    `same no-op as a call:     p50 ${percentile(callLatency, 50).toFixed(2)} ms, p99 ${percentile(callLatency, 99).toFixed(2)} ms`,
  );
  console.log(
    `sleep-bound jobs (${SLEEP_MS} ms, ${WORKER_CONCURRENCY} concurrent per worker process, ${THROUGHPUT_JOBS} jobs):`,
  );
  for (const t of throughput) console.log(`  ${t.workers} worker process(es): ${t.rate.toFixed(0)} jobs/s`);
  console.log(`goal no-op job p50 ≤ 2 ms: ${percentile(jobLatency, 50) <= 2 ? 'met' : 'NOT met'}`);
} finally {
  await nc.close();
  for (const w of workers) await w.kill('SIGTERM');
  await nats.stop();
  dir.remove();
}
