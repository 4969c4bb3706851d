// Job tools through the edge: inline results with progress, run handles and run_wait, crash recovery
// from checkpoints, retries and dead letters, cancellation and workspace isolation.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  connectMcpClient,
  instanceIdOf,
  PROBE_SERVICE_ENTRY,
  PROBE_STEP_SUBJECT,
  RUNS_SERVICE_ENTRY,
  startTestMesh,
  type TestMesh,
} from '@longhaul/testing';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { jetstreamManager } from '@nats-io/jetstream';
import { Objm } from '@nats-io/obj';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const JOB_ENV = {
  LONGHAUL_JOB_ACK_WAIT_MS: '2000',
  LONGHAUL_JOB_BACKOFF_MS: '100',
  LONGHAUL_JOB_MAX_DELIVER: '3',
};

interface Step {
  runId: string;
  step: number;
  attempt: number;
  instance: string;
}

describe('job tools', () => {
  let mesh: TestMesh;
  let token: string;
  let nc: NatsConnection;
  const steps: Step[] = [];

  beforeAll(async () => {
    mesh = await startTestMesh({
      services: [
        { entry: RUNS_SERVICE_ENTRY, name: 'runs' },
        { entry: PROBE_SERVICE_ENTRY, name: 'probe-1', env: JOB_ENV },
        { entry: PROBE_SERVICE_ENTRY, name: 'probe-2', env: JOB_ENV },
      ],
      edgeEnv: { LONGHAUL_JOB_WAIT_MS: '3000' },
    });
    token = await mesh.createToken('default', ['admin']);
    nc = await connect({ servers: mesh.nats.url });
    nc.subscribe(PROBE_STEP_SUBJECT, { callback: (_e, m) => void steps.push(m.json<Step>()) });
    await nc.flush();
  });
  afterAll(async () => {
    await nc?.close();
    await mesh?.[Symbol.asyncDispose]();
  });

  async function waitForEnd(mcp: Awaited<ReturnType<typeof connectMcpClient>>, runId: string) {
    for (let i = 0; i < 10; i += 1) {
      const result = await mcp.client.callTool({ name: 'run_wait', arguments: { runId, seconds: 10 } });
      const record = result.structuredContent as { status: string };
      if (!['accepted', 'running'].includes(record.status)) return record as Record<string, unknown>;
    }
    throw new Error(`run ${runId} did not end`);
  }

  it('answers a short job inline and forwards its progress', async () => {
    await using mcp = await connectMcpClient(mesh.url, token);
    const progress: number[] = [];
    const result = await mcp.client.callTool(
      { name: 'probe_steps', arguments: { steps: 4 } },
      CallToolResultSchema,
      { onprogress: (p) => void progress.push(p.progress) },
    );
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ steps: 4, attempt: 1, resumedFrom: 0 });
    expect(progress).toEqual([1, 2, 3, 4]);
  });

  it('returns a run handle when the job outlives the wait, and run_wait gets the result', async () => {
    await using mcp = await connectMcpClient(mesh.url, token);
    // Listing first makes the SDK client check results against output schemas: a job lists none,
    // because it may answer with a handle.
    const listed = (await mcp.client.listTools()).tools.find((t) => t.name === 'probe_steps');
    expect(listed?.outputSchema).toBeUndefined();
    const handle = await mcp.client.callTool({ name: 'probe_steps', arguments: { steps: 10, stepMs: 500 } });
    const { runId, status, message } = handle.structuredContent as {
      runId: string;
      status: string;
      message: string;
    };
    expect(status).toBe('running');
    expect(message).toContain(`run_wait {"runId": "${runId}"}`);
    const record = await waitForEnd(mcp, runId);
    expect(record).toMatchObject({ status: 'succeeded', result: { steps: 10 }, tool: 'probe_steps' });
  });

  it('resumes a job from its last checkpoint after SIGKILL of its worker and completes it once', async () => {
    await using mcp = await connectMcpClient(mesh.url, token);
    const handle = await mcp.client.callTool({ name: 'probe_steps', arguments: { steps: 20, stepMs: 150 } });
    const { runId } = handle.structuredContent as { runId: string };
    for (let i = 0; i < 100 && !steps.some((s) => s.runId === runId && s.step >= 5); i += 1) await sleep(50);
    const victim = steps.find((s) => s.runId === runId)?.instance;
    const probe = mesh.services.find((s) => instanceIdOf(s.process) === victim);
    expect(probe).toBeDefined();
    await probe?.process.kill('SIGKILL');
    const killedAfter = Math.max(...steps.filter((s) => s.runId === runId).map((s) => s.step));

    const record = await waitForEnd(mcp, runId);
    expect(record.status).toBe('succeeded');
    const result = record.result as { attempt: number; resumedFrom: number };
    expect(result.attempt).toBe(2);
    expect(result.resumedFrom).toBeGreaterThanOrEqual(killedAfter);
    const mine = steps.filter((s) => s.runId === runId);
    for (let step = 0; step < 20; step += 1) {
      const times = mine.filter((s) => s.step === step).length;
      // Only the step in flight at the kill may run twice; none before the checkpoint repeats.
      if (step < result.resumedFrom) expect(times, `step ${step}`).toBe(1);
      else expect(times, `step ${step}`).toBeGreaterThanOrEqual(1);
    }
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info('LH_RUNS', { subjects_filter: `lh.run.${runId}.result` });
    expect(info.state.subjects?.[`lh.run.${runId}.result`]).toBe(1);
  });

  it('dead-letters a job that fails for good, with the reason, and retries a retryable one first', async () => {
    await using mcp = await connectMcpClient(mesh.url, token);
    const failed = await mcp.client.callTool({
      name: 'probe_steps',
      arguments: { steps: 1, failWith: 'internal' },
    });
    expect((failed.content as Array<{ text: string }>)[0]?.text).toMatch(
      /^internal: probe_steps failed with internal/,
    );

    const retried = await mcp.client.callTool({
      name: 'probe_steps',
      arguments: { steps: 1, failWith: 'unavailable' },
    });
    const handle = retried.structuredContent as { runId?: string } | undefined;
    if (handle?.runId) {
      const record = await waitForEnd(mcp, handle.runId);
      expect(record).toMatchObject({
        status: 'failed',
        attempt: 3,
        error: { code: 'unavailable', retryable: true },
      });
    } else {
      expect((retried.content as Array<{ text: string }>)[0]?.text).toMatch(
        /^unavailable \(retryable\): probe_steps failed/,
      );
    }
    const jsm = await jetstreamManager(nc);
    const dlq = await jsm.streams.info('LH_DLQ', { subjects_filter: 'lh.dlq.probe.probe_steps' });
    expect(dlq.state.subjects?.['lh.dlq.probe.probe_steps']).toBe(2);
    const last = await jsm.streams.getMessage('LH_DLQ', { last_by_subj: 'lh.dlq.probe.probe_steps' });
    expect(JSON.parse(last?.header.get('Lh-Dlq-Reason') ?? '{}')).toMatchObject({ code: 'unavailable' });
    // The worker acks right after it records the failure, which the caller may hear first.
    let queued = -1;
    for (let i = 0; i < 50 && queued !== 0; i += 1) {
      queued = (await jsm.streams.info('LH_JOBS')).state.messages;
      if (queued !== 0) await sleep(50);
    }
    expect(queued).toBe(0);
  });

  it('cancels a running job: the run ends cancelled and its handler stops', async () => {
    await using mcp = await connectMcpClient(mesh.url, token);
    const handle = await mcp.client.callTool({ name: 'probe_steps', arguments: { steps: 400, stepMs: 100 } });
    const { runId } = handle.structuredContent as { runId: string };
    // A long run_wait on a run that keeps going answers with its state when the wait is over.
    const waited = await mcp.client.callTool({ name: 'run_wait', arguments: { runId, seconds: 14 } });
    expect(waited.structuredContent).toMatchObject({ status: 'running' });
    const cancelled = await mcp.client.callTool({ name: 'run_cancel', arguments: { runId, reason: 'test' } });
    expect(cancelled.structuredContent).toMatchObject({
      status: 'cancelled',
      error: { code: 'cancelled', message: 'test' },
    });
    await sleep(1_000);
    const before = steps.filter((s) => s.runId === runId).length;
    await sleep(1_000);
    expect(steps.filter((s) => s.runId === runId).length).toBe(before);
    const status = await mcp.client.callTool({ name: 'run_status', arguments: { runId } });
    expect(status.structuredContent).toMatchObject({ status: 'cancelled' });
  });

  it('stops an attempt at its attempt limit and retries it from its checkpoint within the overall deadline', async () => {
    await using mcp = await connectMcpClient(mesh.url, token);
    const result = await mcp.client.callTool({ name: 'probe_slow', arguments: { steps: 5, stepMs: 250 } });
    expect(result.isError).toBeFalsy();
    const outcome = result.structuredContent as { steps: number; attempt: number; resumedFrom: number };
    expect(outcome.attempt).toBe(2);
    expect(outcome.resumedFrom).toBeGreaterThanOrEqual(3);
    const runSteps = steps.filter((s) => s.attempt <= 2).slice(-5);
    expect(runSteps.map((s) => s.step)).toEqual([0, 1, 2, 3, 4]);
    const runId = runSteps[0]?.runId ?? '';
    expect(new Set(runSteps.map((s) => s.runId))).toEqual(new Set([runId]));
    const events = await mcp.client.callTool({ name: 'run_events', arguments: { runId, limit: 100 } });
    expect(JSON.stringify(events.structuredContent)).toContain('ran past its 1000 ms attempt limit');
  });

  it('stores a job artifact in the object store and records it as a run event', async () => {
    await using mcp = await connectMcpClient(mesh.url, token);
    const handle = await mcp.client.callTool({
      name: 'probe_steps',
      arguments: { steps: 1, artifact: 'the report body' },
    });
    expect(handle.isError).toBeFalsy();
    const runId = steps.at(-1)?.runId ?? '';
    const events = await mcp.client.callTool({ name: 'run_events', arguments: { runId } });
    const artifact = (
      events.structuredContent as { events: Array<{ kind: string; data?: { key?: string; bytes?: number } }> }
    ).events.find((e) => e.kind === 'artifact');
    expect(artifact?.data).toMatchObject({
      key: `${runId}/report.txt`,
      bytes: 15,
      contentType: 'text/plain',
    });
    const store = await new Objm(nc).open('lh_artifacts');
    const body = await store.getBlob(`${runId}/report.txt`);
    expect(new TextDecoder().decode(body ?? new Uint8Array())).toBe('the report body');
  });

  it('keeps runs inside their workspace and explains bad run ids', async () => {
    await using mcp = await connectMcpClient(mesh.url, token);
    const handle = await mcp.client.callTool({ name: 'probe_steps', arguments: { steps: 1 } });
    expect(handle.isError).toBeFalsy();
    const done = await mcp.client.callTool({ name: 'probe_steps', arguments: { steps: 30, stepMs: 200 } });
    const { runId } = done.structuredContent as { runId: string };
    const stranger = await mesh.createToken('elsewhere', ['admin']);
    await using other = await connectMcpClient(mesh.url, stranger);
    const hidden = await other.client.callTool({ name: 'run_status', arguments: { runId } });
    expect((hidden.content as Array<{ text: string }>)[0]?.text).toMatch(
      /^not_found: no run ".*" in workspace "elsewhere"/,
    );
    const cancel = await other.client.callTool({ name: 'run_cancel', arguments: { runId } });
    expect(cancel.isError).toBe(true);
    const unknown = await mcp.client.callTool({ name: 'run_status', arguments: { runId: 'aaaaaaaa-0000' } });
    expect((unknown.content as Array<{ text: string }>)[0]?.text).toMatch(/^not_found/);
    const malformed = await mcp.client.callTool({ name: 'run_wait', arguments: { runId: 'x y' } });
    expect((malformed.content as Array<{ text: string }>)[0]?.text).toMatch(/^invalid_argument[\s\S]*runId/);
    await mcp.client.callTool({ name: 'run_cancel', arguments: { runId } });
  });

  it('runs 10 concurrent calls with one idempotency key once, and refuses the key for other arguments', async () => {
    await using mcp = await connectMcpClient(mesh.url, token);
    const meta = { 'longhaul/idempotencyKey': 'deploy-42' };
    const start = steps.length;
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        mcp.client.callTool({ name: 'probe_steps', arguments: { steps: 3, stepMs: 100 }, _meta: meta }),
      ),
    );
    const bodies = results.map((r) => JSON.stringify(r.structuredContent));
    expect(new Set(bodies).size).toBe(1);
    expect(results[0]?.structuredContent).toMatchObject({ steps: 3, attempt: 1 });
    const started = steps.slice(start).filter((s) => s.step === 0);
    expect(started).toHaveLength(1);
    expect(steps.slice(start).filter((s) => s.runId === started[0]?.runId)).toHaveLength(3);
    // A repeat after the run ended gets the stored result without running again.
    const before = steps.length;
    const again = await mcp.client.callTool({
      name: 'probe_steps',
      arguments: { steps: 3, stepMs: 100 },
      _meta: meta,
    });
    expect(JSON.stringify(again.structuredContent)).toBe(bodies[0]);
    expect(steps.length).toBe(before);
    const other = await mcp.client.callTool({ name: 'probe_steps', arguments: { steps: 4 }, _meta: meta });
    expect((other.content as Array<{ text: string }>)[0]?.text).toMatch(
      /^conflict: idempotency key "deploy-42" was already used for probe_steps with other arguments/,
    );
    const bad = await mcp.client.callTool({
      name: 'probe_steps',
      arguments: { steps: 1 },
      _meta: { 'longhaul/idempotencyKey': 'has space' },
    });
    expect((bad.content as Array<{ text: string }>)[0]?.text).toMatch(
      /^invalid_argument: idempotency key "has space"/,
    );
  });

  it('cancels the run when the client cancels its request (notifications/cancelled)', async () => {
    await using mcp = await connectMcpClient(mesh.url, token);
    const start = steps.length;
    const controller = new AbortController();
    const call = mcp.client
      .callTool({ name: 'probe_steps', arguments: { steps: 200, stepMs: 100 } }, CallToolResultSchema, {
        signal: controller.signal,
      })
      .catch((error: Error) => error);
    for (let i = 0; i < 100 && steps.length === start; i += 1) await sleep(20);
    const runId = steps[start]?.runId ?? '';
    controller.abort('user pressed Esc');
    expect(String(await call)).toMatch(/user pressed Esc/);
    let status = '';
    for (let i = 0; i < 40 && status !== 'cancelled'; i += 1) {
      await sleep(50);
      const state = await mcp.client.callTool({ name: 'run_status', arguments: { runId } });
      status = String((state.structuredContent as { status?: string } | undefined)?.status);
    }
    expect(status).toBe('cancelled');
    await sleep(500);
    const count = steps.filter((s) => s.runId === runId).length;
    await sleep(700);
    expect(steps.filter((s) => s.runId === runId).length).toBe(count);
  });
});
