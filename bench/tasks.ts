// bench:tasks — with 10,000 tasks across 5 tags in a real (embedded) Postgres: p50/p95 of task_next_action, a
// filtered task_list page, task_dep_graph, task_summary and a task_update inside the service, import of the whole
// file, and the token size of the everyday tools' schemas. Baseline in the same run: Task Master's way of answering
// "next task" (read and parse tasks.json, then pick), on the same file.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrateSchema, openDatabase } from '@longhaul/db';
import { toMcpTool } from '@longhaul/edge';
import { startEmbeddedPostgres } from '@longhaul/runtime';
import { describeTool, EVERYDAY_TASK_TOOLS, TASKS_TOOLS, type ToolContract } from '@longhaul/schemas';
import {
  createTagStore,
  dependencyGraph,
  findNextAction,
  importBacklog,
  listTasks,
  nextAction,
  parseTasksFile,
  planUpdate,
  summarize,
  TASKS_MIGRATIONS,
  TASKS_SCHEMA,
  type TasksDatabase,
} from '@longhaul/service-tasks';
import { makeTempDir } from '@longhaul/testing/processes';
import { countTokens } from 'gpt-tokenizer';
import type { Kysely } from 'kysely';

const TAGS = 5;
const TASKS_PER_TAG = 2_000;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const IMPORTS = Number(process.env.BENCH_IMPORTS ?? 3);
const WORKSPACE = 'bench';
const STATUSES = [
  'pending',
  'pending',
  'pending',
  'in-progress',
  'done',
  'done',
  'review',
  'deferred',
  'blocked',
];
const PRIORITIES = ['critical', 'high', 'medium', 'medium', 'low'];

function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** A tagged tasks.json: each task depends on up to 3 earlier ones and has 0-3 subtasks. */
function backlogFile(): string {
  const next = random(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  const file: Record<string, unknown> = {};
  for (let t = 0; t < TAGS; t += 1) {
    const tasks = Array.from({ length: TASKS_PER_TAG }, (_, i) => {
      const id = i + 1;
      const dependencies = Array.from(
        { length: Math.floor(next() * 4) },
        () => 1 + Math.floor(next() * i),
      ).filter((d, k, all) => d < id && all.indexOf(d) === k);
      return {
        id,
        title: `Task ${id} of tag ${t}: implement part ${id}`,
        description: `Work item ${id} with enough words to look like a real description of a task.`,
        status: pick(STATUSES),
        priority: pick(PRIORITIES),
        dependencies,
        details: `Details of ${id}. `.repeat(5),
        testStrategy: 'Unit tests and one e2e case.',
        subtasks: Array.from({ length: Math.floor(next() * 4) }, (_, s) => ({
          id: s + 1,
          title: `Step ${s + 1} of ${id}`,
          description: '',
          details: '',
          status: pick(['pending', 'done', 'in-progress']),
          dependencies: s > 0 ? [s] : [],
        })),
      };
    });
    file[`tag-${t}`] = { tasks, metadata: { created: '2026-11-01T00:00:00.000Z', description: `tag ${t}` } };
  }
  return JSON.stringify(file, null, 2);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function measure(
  label: string,
  samples: number,
  work: (i: number) => Promise<unknown> | unknown,
  setup?: (i: number) => Promise<unknown>,
) {
  for (let i = 0; i < 5; i += 1) await work(i);
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    await setup?.(i);
    const started = performance.now();
    await work(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  const p95 = percentile(times, 95);
  console.log(
    `${label.padEnd(44)} p50 ${p50.toFixed(2).padStart(8)} ms   p95 ${p95.toFixed(2).padStart(8)} ms`,
  );
  return { p50, p95 };
}

function schemaTokens(contracts: readonly ToolContract[]): number {
  return contracts.reduce((sum, c) => sum + countTokens(JSON.stringify(toMcpTool(describeTool(c)))), 0);
}

const dir = makeTempDir('bench-tasks');
chmodSync(dir.path, 0o711);
const postgres = await startEmbeddedPostgres({ dataDir: `${dir.path}/pg`, persistent: false });
const db = openDatabase<TasksDatabase>({ url: postgres.adminUrl, applicationName: 'bench-tasks' });
try {
  await migrateSchema(db as Kysely<unknown>, TASKS_SCHEMA, TASKS_MIGRATIONS);
  const store = createTagStore(db);
  const text = backlogFile();
  const filePath = join(dir.path, 'tasks.json');
  writeFileSync(filePath, text);
  console.log(
    `backlog: ${TAGS} tags × ${TASKS_PER_TAG} tasks, ${(text.length / 1e6).toFixed(1)} MB of tasks.json\n`,
  );

  const imports = await measure(`import the whole file (${IMPORTS}×)`, IMPORTS, () =>
    importBacklog(store, WORKSPACE, 'bench', text),
  );
  const tag = 'tag-2';
  const read = () => store.read(WORKSPACE, tag);
  console.log('');
  const baseline = await measure('baseline: Task Master next task (parse file)', 30, () => {
    const backlog = parseTasksFile(readFileSync(filePath, 'utf8'));
    return findNextAction(backlog.tags.get(tag)?.tasks ?? []);
  });
  const next = await measure('task_next_action', SAMPLES, async () => nextAction(await read()));
  const list = await measure('task_list (pending, ready, text, page of 50)', SAMPLES, async () =>
    listTasks(await read(), { status: ['pending'], ready: true, text: 'implement', limit: 50 }),
  );
  const touch = (i: number) =>
    store.mutate(WORKSPACE, tag, 'bench', (s) =>
      planUpdate(
        s,
        { id: String(1 + (i % TASKS_PER_TAG)), priority: i % 2 ? 'high' : 'low' },
        new Date().toISOString(),
      ),
    );
  const cold = await measure(
    'task_next_action right after a write',
    Math.min(SAMPLES, 100),
    async () => nextAction(await read()),
    touch,
  );
  const graph = await measure('task_dep_graph (json)', Math.min(SAMPLES, 50), async () =>
    dependencyGraph(await read(), { format: 'json' }),
  );
  const summary = await measure('task_summary (800 tokens)', Math.min(SAMPLES, 50), async () =>
    summarize(await read(), 800, await store.recentChanges(WORKSPACE, tag, 10)),
  );
  const update = await measure('task_update (priority, one task)', Math.min(SAMPLES, 100), touch);

  const everyday = schemaTokens(EVERYDAY_TASK_TOOLS);
  const all = schemaTokens(TASKS_TOOLS);
  console.log(
    `\neveryday tool schemas (${EVERYDAY_TASK_TOOLS.length} tools, tools/list JSON, o200k tokens): ${everyday}`,
  );
  console.log(`all task tool schemas (${TASKS_TOOLS.length} tools): ${all}`);

  console.log('\ngoals');
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log(`  next action p95 ≤ 10 ms: ${next.p95.toFixed(2)} ms — ${verdict(next.p95 <= 10)}`);
  console.log(
    `  next action right after a write p95 ≤ 10 ms: ${cold.p95.toFixed(2)} ms — ${verdict(cold.p95 <= 10)}`,
  );
  console.log(`  list page p95 ≤ 10 ms: ${list.p95.toFixed(2)} ms — ${verdict(list.p95 <= 10)}`);
  console.log(`  everyday schemas ≤ 3,000 tokens: ${everyday} — ${verdict(everyday <= 3_000)}`);
  console.log(
    `  next action vs baseline (parse tasks.json each time): ${(baseline.p50 / next.p50).toFixed(1)}× faster at p50`,
  );
  console.log(
    `  (import p50 ${imports.p50.toFixed(0)} ms; dep graph p95 ${graph.p95.toFixed(1)} ms; summary p95 ${summary.p95.toFixed(1)} ms; update p95 ${update.p95.toFixed(1)} ms)`,
  );
} finally {
  await db.destroy();
  await postgres.stop();
  dir.remove();
}
