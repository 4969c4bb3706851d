// The tasks service through the edge with an MCP client: Task Master round trips, every tool, integrity,
// conflicting updates, workspace isolation and bad input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '@longhaul/service-tasks';
import {
  connectMcpClient,
  REPO_ROOT,
  startTestMesh,
  TASKS_SERVICE_ENTRY,
  type TestMcpClient,
  type TestMesh,
} from '@longhaul/testing';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const FIXTURES = join(REPO_ROOT, 'services/tasks/src/domain/fixtures');

type Answer = { isError?: boolean; text: string; data: Record<string, unknown> };

async function call(mcp: TestMcpClient, name: string, args: Record<string, unknown>): Promise<Answer> {
  const result = await mcp.client.callTool({ name, arguments: args });
  const text = (result.content as Array<{ text: string }>)[0]?.text ?? '';
  return {
    ...(result.isError ? { isError: true } : {}),
    text,
    data: (result.structuredContent ?? {}) as Record<string, unknown>,
  };
}

async function ok(mcp: TestMcpClient, name: string, args: Record<string, unknown>) {
  const answer = await call(mcp, name, args);
  if (answer.isError) throw new Error(`${name} failed: ${answer.text}`);
  return answer.data;
}

describe('tasks service', () => {
  let mesh: TestMesh;
  let nc: NatsConnection;
  let alpha: TestMcpClient;
  let alpha2: TestMcpClient;
  let beta: TestMcpClient;
  const events: string[] = [];

  beforeAll(async () => {
    mesh = await startTestMesh({ services: [{ entry: TASKS_SERVICE_ENTRY, name: 'tasks' }] });
    alpha = await connectMcpClient(mesh.url, await mesh.createToken('alpha', ['admin']));
    alpha2 = await connectMcpClient(mesh.url, await mesh.createToken('alpha', ['admin']));
    beta = await connectMcpClient(mesh.url, await mesh.createToken('beta', ['admin']));
    nc = await connect({ servers: mesh.nats.url });
    nc.subscribe('lh.event.tasks.>', { callback: (_e, m) => void events.push(m.subject) });
    await nc.flush();
  });
  afterAll(async () => {
    await nc?.close();
    for (const client of [alpha, alpha2, beta]) await client?.[Symbol.asyncDispose]();
    await mesh?.[Symbol.asyncDispose]();
  });

  it('imports a Task Master tasks.json and exports it back unchanged', async () => {
    const file = readFileSync(join(FIXTURES, 'tagged-tasks.json'), 'utf8');
    await using mcp = await connectMcpClient(mesh.url, await mesh.createToken('roundtrip', ['admin']));
    const imported = await ok(mcp, 'task_import', { tasksJson: file });
    expect((imported.tags as Array<{ tag: string }>).length).toBeGreaterThan(1);
    const exported = await ok(mcp, 'task_export', {});
    expect(canonicalJson(JSON.parse(String(exported.tasksJson)))).toBe(canonicalJson(JSON.parse(file)));
  });

  it('imports the legacy {"tasks": [...]} form into the master tag', async () => {
    const file = readFileSync(join(FIXTURES, 'legacy-tasks.json'), 'utf8');
    await using mcp = await connectMcpClient(mesh.url, await mesh.createToken('legacy', ['admin']));
    await ok(mcp, 'task_import', { tasksJson: file });
    const exported = JSON.parse(String((await ok(mcp, 'task_export', {})).tasksJson)) as Record<
      string,
      unknown
    >;
    const legacy = JSON.parse(file) as { tasks: unknown[] };
    expect(canonicalJson((exported.master as { tasks: unknown[] }).tasks)).toBe(canonicalJson(legacy.tasks));
  });

  it('creates, reads, lists, updates, links and summarizes tasks, and picks the next one', async () => {
    const created = await ok(alpha, 'task_create', {
      tasks: [
        { key: 'schema', title: 'Design the schema', priority: 'high' },
        {
          title: 'Write the API',
          dependencies: ['schema'],
          subtasks: [{ title: 'Routes' }, { title: 'Handlers', dependencies: ['1'] }],
        },
        { title: 'Write docs', priority: 'low', dependencies: ['schema'] },
      ],
    });
    expect(created.created).toEqual(['1', '2', '3']);

    const next = await ok(alpha, 'task_next_action', {});
    expect((next.next as { id: number }).id).toBe(1);
    expect(String(next.reason)).toMatch(/^1/);

    const started = await ok(alpha, 'task_update', { id: '1', status: 'done' });
    expect((started.updated as Array<{ status: string; version: number }>)[0]).toMatchObject({
      status: 'done',
      version: 2,
    });
    await ok(alpha, 'task_update', { id: '2', status: 'in-progress' });
    const subNext = await ok(alpha, 'task_next_action', {});
    expect((subNext.next as { id: string }).id).toBe('2.1');

    const got = await ok(alpha, 'task_get', { id: '2,2.2' });
    expect((got.tasks as Array<{ id: unknown }>).map((t) => t.id)).toEqual([2, '2.2']);

    const ready = await ok(alpha, 'task_list', { ready: true });
    expect((ready.tasks as Array<{ id: number }>).map((t) => t.id)).toEqual([2, 3]);
    const page = await ok(alpha, 'task_list', { limit: 2 });
    expect((page.tasks as Array<{ id: number }>).map((t) => t.id)).toEqual([1, 2]);
    const rest = await ok(alpha, 'task_list', { limit: 2, cursor: page.cursor });
    expect((rest.tasks as Array<{ id: number }>).map((t) => t.id)).toEqual([3]);
    const found = await ok(alpha, 'task_list', { text: 'docs', status: ['pending'] });
    expect((found.tasks as Array<{ id: number }>).map((t) => t.id)).toEqual([3]);

    const linked = await ok(alpha, 'task_link', {
      id: '2',
      branch: 'feat/api',
      commit: 'abc1234',
      ci: { status: 'passed', url: 'https://ci.example/1' },
    });
    const meta = (linked.updated as Array<{ metadata: { longhaul: { links: unknown[] } } }>)[0]?.metadata;
    expect(meta?.longhaul.links[0]).toMatchObject({ branch: 'feat/api', commit: 'abc1234' });

    const graph = await ok(alpha, 'task_dep_graph', { format: 'mermaid' });
    expect(graph.criticalPath).toEqual(['2.1', '2.2']);
    expect(String(graph.mermaid)).toMatch(/^graph TD/);

    const summary = await ok(alpha, 'task_summary', { tokenBudget: 200 });
    expect(String(summary.summary)).toMatch(/3 tasks/);
    expect(String(summary.summary).length).toBeLessThanOrEqual(800);

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events).toContain('lh.event.tasks.alpha.created');
    expect(events).toContain('lh.event.tasks.alpha.updated');
    expect(events).toContain('lh.event.tasks.alpha.linked');
  });

  it('refuses cycles and missing dependencies with the offending ids, changing nothing', async () => {
    const cycle = await call(alpha, 'task_update', { id: '1', dependencies: ['3'] });
    expect(cycle.isError).toBe(true);
    expect(cycle.text).toMatch(/^invalid_argument/);
    expect(cycle.text).toMatch(/cycle/i);
    expect(cycle.text).toMatch(/1.*3.*1/);
    const missing = await call(alpha, 'task_create', { tasks: [{ title: 'Orphan', dependencies: ['99'] }] });
    expect(missing.text).toMatch(/99/);
    const task1 = await ok(alpha, 'task_get', { id: '1' });
    expect((task1.tasks as Array<{ dependencies: unknown[] }>)[0]?.dependencies).toEqual([]);
    expect(((await ok(alpha, 'task_list', {})).tasks as unknown[]).length).toBe(3);
  });

  it('lets one of two conflicting updates win and tells the other how to retry', async () => {
    const before = (await ok(alpha, 'task_get', { id: '3' })).tasks as Array<{ version: number }>;
    const version = before[0]?.version ?? 0;
    const [a, b] = await Promise.all([
      call(alpha, 'task_update', { id: '3', expectedVersion: version, title: 'Docs by A' }),
      call(alpha2, 'task_update', { id: '3', expectedVersion: version, title: 'Docs by B' }),
    ]);
    const winners = [a, b].filter((r) => !r.isError);
    const losers = [a, b].filter((r) => r.isError);
    expect(winners).toHaveLength(1);
    expect(losers[0]?.text).toMatch(/^conflict: task 3 is at version \d+, not \d+/);
    expect(losers[0]?.text).toMatch(/expectedVersion/);
    // Unversioned updates of different fields at once: both land.
    await Promise.all([
      ok(alpha, 'task_update', { id: '3', details: 'from A' }),
      ok(alpha2, 'task_update', { id: '3', priority: 'critical' }),
    ]);
    const after = ((await ok(alpha, 'task_get', { id: '3' })).tasks as Array<Record<string, unknown>>)[0];
    expect(after).toMatchObject({ details: 'from A', priority: 'critical', version: version + 3 });
  });

  it('adds subtasks, cascades status, and removes tasks only as asked', async () => {
    await using mcp = await connectMcpClient(mesh.url, await mesh.createToken('removal', ['admin']));
    await ok(mcp, 'task_create', {
      tasks: [
        { key: 'base', title: 'Base' },
        { title: 'Uses base', dependencies: ['base'] },
        { title: 'Standalone', subtasks: [{ title: 'Only step' }] },
      ],
    });
    const added = await ok(mcp, 'task_update', { id: '1', addSubtasks: [{ title: 'A' }, { title: 'B' }] });
    expect((added.updated as Array<{ subtasks: unknown[] }>)[0]?.subtasks).toHaveLength(2);
    const closed = await ok(mcp, 'task_update', { id: '1', status: 'done' });
    expect((closed.notes as string[]).join(' ')).toMatch(/1\.1|subtask/);
    const parent = ((await ok(mcp, 'task_get', { id: '1.1' })).tasks as Array<{ status: string }>)[0];
    expect(parent?.status).toBe('done');

    const refused = await call(mcp, 'task_update', { id: '1', remove: 'refuse_if_depended_on' });
    expect(refused.text).toMatch(/^failed_precondition: not removed: other items depend on it \(2 → 1\)/);
    expect(((await ok(mcp, 'task_list', {})).tasks as unknown[]).length).toBe(3);
    const removed = await ok(mcp, 'task_update', { id: '1', remove: 'drop_dependencies' });
    expect((removed.notes as string[]).join(' ')).toMatch(/dropped dependencies: 2 → 1/);
    const left = (await ok(mcp, 'task_get', { id: '2' })).tasks as Array<{ dependencies: unknown[] }>;
    expect(left[0]?.dependencies).toEqual([]);
    expect((await call(mcp, 'task_get', { id: '1' })).text).toMatch(/^not_found/);
    // A task whose subtask something depends on is depended on too.
    await ok(mcp, 'task_update', { id: '2', dependencies: ['3.1'] });
    const viaSubtask = await call(mcp, 'task_update', { id: '3', remove: 'refuse_if_depended_on' });
    expect(viaSubtask.text).toMatch(
      /^failed_precondition: not removed: other items depend on it \(2 → 3\.1\)/,
    );
  });

  it('manages tags: add, use, copy, rename, delete, list', async () => {
    await ok(alpha, 'task_tags', { action: 'add', tag: 'feature-x', description: 'Feature X' });
    await ok(alpha, 'task_tags', { action: 'use', tag: 'feature-x' });
    await ok(alpha, 'task_create', { tasks: [{ title: 'Only in feature-x' }] });
    await ok(alpha, 'task_tags', { action: 'copy', tag: 'feature-x', to: 'feature-y' });
    await ok(alpha, 'task_tags', { action: 'rename', tag: 'feature-y', to: 'feature-z' });
    const listed = await ok(alpha, 'task_tags', {});
    expect(listed.current).toBe('feature-x');
    expect((listed.tags as Array<{ tag: string; tasks: number }>).map((t) => [t.tag, t.tasks])).toEqual([
      ['master', 3],
      ['feature-x', 1],
      ['feature-z', 1],
    ]);
    await ok(alpha, 'task_tags', { action: 'delete', tag: 'feature-x' });
    expect((await ok(alpha, 'task_tags', {})).current).toBe('master');
    const gone = await call(alpha, 'task_list', { tag: 'feature-x' });
    expect(gone.text).toMatch(/^not_found: tag "feature-x" does not exist/);
  });

  it('keeps workspaces apart', async () => {
    const other = await ok(beta, 'task_list', {});
    expect(other.tasks).toEqual([]);
    const hidden = await call(beta, 'task_get', { id: '1' });
    expect(hidden.text).toMatch(/^not_found: no task 1/);
    const exported = JSON.parse(String((await ok(beta, 'task_export', {})).tasksJson));
    expect(exported).toEqual({ master: { tasks: [] } });
  });

  it('answers bad input clearly and never half-imports', async () => {
    expect((await call(alpha, 'task_get', { id: '1.x' })).text).toMatch(/^invalid_argument[\s\S]*"15.2"/);
    expect((await call(alpha, 'task_get', { id: '77' })).text).toMatch(
      /^not_found: no task 77 .*task ids run 1-3/,
    );
    expect((await call(alpha, 'task_get', { id: '1.9' })).text).toMatch(/^not_found: no subtask 1.9/);
    expect((await call(alpha, 'task_update', { id: '1', status: 'finished' })).text).toMatch(
      /^invalid_argument[\s\S]*status/,
    );
    expect((await call(alpha, 'task_create', { tasks: [{ title: 'x'.repeat(201) }] })).text).toMatch(
      /^invalid_argument[\s\S]*title[\s\S]*200/,
    );
    expect((await call(alpha, 'task_update', { id: '1' })).text).toMatch(
      /^invalid_argument: nothing to change/,
    );
    const huge = await call(alpha, 'task_update', { id: '1', metadata: { blob: 'x'.repeat(20_000) } });
    expect(huge.text).toMatch(
      /^invalid_argument: 1\.metadata is \d+ bytes of JSON; the limit is 16384 bytes/,
    );

    const malformed = await call(alpha, 'task_import', { tasksJson: '{"master": {"tasks": [' });
    expect(malformed.text).toMatch(/^invalid_argument[\s\S]*line 1/);
    const badSecondTag = JSON.stringify({
      fresh: { tasks: [{ id: 1, title: 'ok', status: 'pending', dependencies: [] }] },
      broken: { tasks: [{ id: 1, title: 'bad', status: 'finished', dependencies: [] }] },
    });
    const refused = await call(alpha, 'task_import', { tasksJson: badSecondTag });
    expect(refused.text).toMatch(/^invalid_argument[\s\S]*broken[\s\S]*status/);
    const tags = (await ok(alpha, 'task_tags', {})).tags as Array<{ tag: string }>;
    expect(tags.map((t) => t.tag)).not.toContain('fresh');
  });
});
