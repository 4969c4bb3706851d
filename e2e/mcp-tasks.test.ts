// MCP tasks through the edge: a task-augmented job call, polling, its result, cancelling, and visibility
// limited to the principal that created the task.
import {
  connectMcpClient,
  PROBE_SERVICE_ENTRY,
  RUNS_SERVICE_ENTRY,
  startTestMesh,
  type TestMcpClient,
  type TestMesh,
} from '@longhaul/testing';
import {
  CallToolResultSchema,
  CancelTaskResultSchema,
  CreateTaskResultSchema,
  GetTaskResultSchema,
  ListTasksResultSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('MCP tasks', () => {
  let mesh: TestMesh;
  let owner: string;
  let stranger: string;

  beforeAll(async () => {
    mesh = await startTestMesh({
      services: [
        { entry: RUNS_SERVICE_ENTRY, name: 'runs' },
        { entry: PROBE_SERVICE_ENTRY, name: 'probe' },
      ],
    });
    owner = await mesh.createToken('default', ['admin']);
    stranger = await mesh.createToken('default', ['admin']);
  });
  afterAll(async () => {
    await mesh?.[Symbol.asyncDispose]();
  });

  const createTask = (mcp: TestMcpClient, name: string, args: Record<string, unknown>) =>
    mcp.client.request(
      { method: 'tools/call', params: { name, arguments: args, task: { ttl: 60_000 } } },
      CreateTaskResultSchema,
    );
  const getTask = (mcp: TestMcpClient, taskId: string) =>
    mcp.client.request({ method: 'tasks/get', params: { taskId } }, GetTaskResultSchema);

  async function pollUntilEnded(mcp: TestMcpClient, taskId: string) {
    for (let i = 0; i < 100; i += 1) {
      const task = await getTask(mcp, taskId);
      if (task.status !== 'working') return task;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`task ${taskId} did not end`);
  }

  it('announces task support: job tools optional, call tools forbidden', async () => {
    await using mcp = await connectMcpClient(mesh.url, owner);
    expect(mcp.client.getServerCapabilities()?.tasks?.requests?.tools?.call).toEqual({});
    const { tools } = await mcp.client.listTools();
    expect(tools.find((t) => t.name === 'probe_steps')?.execution?.taskSupport).toBe('optional');
    expect(tools.find((t) => t.name === 'probe_read')?.execution?.taskSupport).toBe('forbidden');
  });

  it('creates a task, polls it, reads its result and lists it', async () => {
    await using mcp = await connectMcpClient(mesh.url, owner);
    const { task } = await createTask(mcp, 'probe_steps', { steps: 3, stepMs: 50 });
    expect(task.status).toBe('working');
    expect(task.taskId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);

    const ended = await pollUntilEnded(mcp, task.taskId);
    expect(ended.status).toBe('completed');

    const result = await mcp.client.request(
      { method: 'tasks/result', params: { taskId: task.taskId } },
      CallToolResultSchema,
    );
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ steps: 3, attempt: 1 });
    expect(result._meta?.['io.modelcontextprotocol/related-task']).toEqual({ taskId: task.taskId });

    const { tasks } = await mcp.client.request({ method: 'tasks/list', params: {} }, ListTasksResultSchema);
    expect(tasks.map((t) => t.taskId)).toContain(task.taskId);
  });

  it('tasks/result waits for a task still working', async () => {
    await using mcp = await connectMcpClient(mesh.url, owner);
    const { task } = await createTask(mcp, 'probe_steps', { steps: 5, stepMs: 200 });
    const result = await mcp.client.request(
      { method: 'tasks/result', params: { taskId: task.taskId } },
      CallToolResultSchema,
    );
    expect(result.structuredContent).toMatchObject({ steps: 5 });
    // The stored state follows the result event a moment later.
    expect((await pollUntilEnded(mcp, task.taskId)).status).toBe('completed');
  });

  it('reports a failed task with its error code', async () => {
    await using mcp = await connectMcpClient(mesh.url, owner);
    const { task } = await createTask(mcp, 'probe_steps', { steps: 1, failWith: 'invalid_argument' });
    const ended = await pollUntilEnded(mcp, task.taskId);
    expect(ended.status).toBe('failed');
    expect(ended.statusMessage).toContain('invalid_argument');
    const result = await mcp.client.request(
      { method: 'tasks/result', params: { taskId: task.taskId } },
      CallToolResultSchema,
    );
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('invalid_argument');
  });

  it('cancels a working task; the run ends cancelled and cannot be cancelled twice', async () => {
    await using mcp = await connectMcpClient(mesh.url, owner);
    const { task } = await createTask(mcp, 'probe_steps', { steps: 100, stepMs: 100 });
    const cancelled = await mcp.client.request(
      { method: 'tasks/cancel', params: { taskId: task.taskId } },
      CancelTaskResultSchema,
    );
    expect(cancelled.status).toBe('cancelled');
    expect((await pollUntilEnded(mcp, task.taskId)).status).toBe('cancelled');
    const run = await mcp.client.callTool({ name: 'run_status', arguments: { runId: task.taskId } });
    expect(run.structuredContent).toMatchObject({ status: 'cancelled' });
    await expect(
      mcp.client.request({ method: 'tasks/cancel', params: { taskId: task.taskId } }, CancelTaskResultSchema),
    ).rejects.toThrow(/already ended \(cancelled\)/);
  });

  it('hides a task from every other principal', async () => {
    await using mine = await connectMcpClient(mesh.url, owner);
    await using theirs = await connectMcpClient(mesh.url, stranger);
    const { task } = await createTask(mine, 'probe_steps', { steps: 20, stepMs: 100 });
    await expect(getTask(theirs, task.taskId)).rejects.toThrow(/Task not found/);
    await expect(
      theirs.client.request(
        { method: 'tasks/result', params: { taskId: task.taskId } },
        CallToolResultSchema,
      ),
    ).rejects.toThrow(/Task not found/);
    await expect(
      theirs.client.request(
        { method: 'tasks/cancel', params: { taskId: task.taskId } },
        CancelTaskResultSchema,
      ),
    ).rejects.toThrow(/Task not found/);
    const { tasks } = await theirs.client.request(
      { method: 'tasks/list', params: {} },
      ListTasksResultSchema,
    );
    expect(tasks.map((t) => t.taskId)).not.toContain(task.taskId);
    // The owner still sees it working: the stranger's attempts changed nothing.
    expect((await getTask(mine, task.taskId)).status).toBe('working');
  });

  it('refuses bad task requests with errors that say what to send', async () => {
    await using mcp = await connectMcpClient(mesh.url, owner);
    await expect(createTask(mcp, 'probe_read', { id: 'x' })).rejects.toThrow(/call it without params.task/);
    await expect(createTask(mcp, 'probe_steps', { steps: 'many' })).rejects.toThrow(
      /invalid_argument: invalid arguments for probe_steps/,
    );
    await expect(getTask(mcp, 'not a task id')).rejects.toThrow(/Task not found/);
  });
});
