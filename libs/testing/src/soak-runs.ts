// Soak of the job path: kill the worker of a running job at a random step, many times; count lost and repeated work.
import {
  connectMesh,
  createSigner,
  createSubjects,
  decodeJson,
  generateSigningKey,
  openJobClient,
  provisionMesh,
  startJob,
} from '@longhaul/mesh';
import { startNatsServer } from '@longhaul/runtime';
import { describeTool, type RunRecord, TERMINAL_RUN_STATUSES } from '@longhaul/schemas';
import { jetstreamManager } from '@nats-io/jetstream';
import { PROBE_SERVICE_ENTRY, RUNS_SERVICE_ENTRY } from './entries.js';
import { PROBE_STEP_SUBJECT, probeSteps } from './fixtures/probe-service.js';
import { instanceIdOf, spawnProcess, type TestProcess } from './process.js';
import { makeTempDir } from './temp-dir.js';

export interface SoakResult {
  iterations: number;
  lost: number;
  duplicated: number;
  problems: string[];
}

interface Step {
  runId: string;
  step: number;
  instance: string;
}

const STEPS = 12;
const STEP_MS = 80;
const WORKER_ENV = { LONGHAUL_JOB_ACK_WAIT_MS: '1500', LONGHAUL_JOB_BACKOFF_MS: '100' };

/** `databaseUrl`: the Postgres database the runs service keeps its history in. */
export async function runSoak(
  iterations: number,
  databaseUrl: string,
  log: (line: string) => void = () => {},
): Promise<SoakResult> {
  const dir = makeTempDir('soak');
  const nats = await startNatsServer({ storeDir: dir.path, searchPath: process.env.PATH ?? '' });
  const key = generateSigningKey();
  const env = {
    NATS_URL: nats.url,
    DATABASE_URL: databaseUrl,
    LONGHAUL_EDGE_PUBLIC_KEYS: key.publicKey,
    ...WORKER_ENV,
  };
  const workers: TestProcess[] = [];
  const startWorker = async () => {
    const worker = await spawnProcess({
      entry: PROBE_SERVICE_ENTRY,
      name: 'probe',
      env,
      readyPattern: /service started/,
    });
    workers.push(worker);
    return worker;
  };
  const runs = await spawnProcess({
    entry: RUNS_SERVICE_ENTRY,
    name: 'runs',
    env,
    readyPattern: /service started/,
  });
  const nc = await connectMesh({ url: nats.url, name: 'longhaul-soak' });
  const result: SoakResult = { iterations, lost: 0, duplicated: 0, problems: [] };
  try {
    const subjects = createSubjects();
    await provisionMesh(nc, subjects);
    await startWorker();
    await startWorker();
    const deps = await openJobClient(nc, subjects, createSigner(key.privateKey));
    const steps: Step[] = [];
    nc.subscribe(PROBE_STEP_SUBJECT, { callback: (_e, m) => void steps.push(decodeJson(m.data) as Step) });
    const tool = describeTool(probeSteps);
    const jsm = await jetstreamManager(nc);

    for (let i = 0; i < iterations; i += 1) {
      const runId = crypto.randomUUID();
      const killAt = 1 + Math.floor(Math.random() * (STEPS - 2));
      await startJob(
        deps,
        tool,
        {
          id: crypto.randomUUID(),
          runId,
          tool: tool.name,
          args: { steps: STEPS, stepMs: STEP_MS },
          workspace: 'soak',
          principal: { id: 'soak', roles: ['admin'] },
          deadline: Date.now() + 60_000,
          attempt: 1,
        },
        { waitMs: 0 },
      );
      for (let t = 0; t < 200 && !steps.some((s) => s.runId === runId && s.step >= killAt); t += 1) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const victim = workers.find((w) => instanceIdOf(w) === steps.find((s) => s.runId === runId)?.instance);
      if (victim) {
        await victim.kill('SIGKILL');
        workers.splice(workers.indexOf(victim), 1);
        await startWorker();
      }
      let record: RunRecord | undefined;
      for (let t = 0; t < 300 && !(record && TERMINAL_RUN_STATUSES.has(record.status)); t += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const entry = await deps.runs.get(runId);
        record = entry?.operation === 'PUT' ? entry.json<RunRecord>() : undefined;
      }
      const resumedFrom = (record?.result as { resumedFrom?: number } | undefined)?.resumedFrom ?? 0;
      const mine = steps.filter((s) => s.runId === runId);
      const results =
        (
          await jsm.streams.info(subjects.streams.runs, {
            subjects_filter: subjects.runEvent(runId, 'result'),
          })
        ).state.subjects?.[subjects.runEvent(runId, 'result')] ?? 0;
      const repeated = Array.from({ length: resumedFrom }, (_, step) => step).filter(
        (step) => mine.filter((s) => s.step === step).length > 1,
      );
      const missing = Array.from({ length: STEPS }, (_, step) => step).filter(
        (step) => !mine.some((s) => s.step === step),
      );
      if (record?.status !== 'succeeded' || missing.length > 0) {
        result.lost += 1;
        result.problems.push(
          `run ${runId}: status ${record?.status ?? 'none'}, missing steps ${missing.join(',')}`,
        );
      }
      if (results > 1 || repeated.length > 0) {
        result.duplicated += 1;
        result.problems.push(`run ${runId}: ${results} results, repeated steps ${repeated.join(',')}`);
      }
      log(
        `iteration ${i + 1}/${iterations}: killed at step ${killAt}, resumed from ${resumedFrom}, ${record?.status}`,
      );
    }
  } finally {
    await nc.close();
    for (const worker of workers) await worker.kill('SIGKILL');
    await runs.kill('SIGKILL');
    await nats.stop();
    dir.remove();
  }
  return result;
}
