// A job whose worker dies on every delivery ends in LH_DLQ, leaves LH_JOBS, and its run fails with the reason.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import {
  connectMcpClient,
  instanceIdOf,
  PROBE_SERVICE_ENTRY,
  PROBE_STEP_SUBJECT,
  REPO_ROOT,
  RUNS_SERVICE_ENTRY,
  startTestMesh,
  type TestMcpClient,
  type TestMesh,
} from '@longhaul/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = join(REPO_ROOT, 'libs/cli/bin/longhaul.js');
const ONE_DELIVERY = { LONGHAUL_JOB_ACK_WAIT_MS: '1500', LONGHAUL_JOB_MAX_DELIVER: '1' };

/** A runs service and two probe workers that give a job one delivery; the edge answers with a handle at 1 s. */
function startOneDeliveryMesh(): Promise<TestMesh> {
  return startTestMesh({
    services: [
      { entry: RUNS_SERVICE_ENTRY, name: 'runs' },
      { entry: PROBE_SERVICE_ENTRY, name: 'probe-1', env: ONE_DELIVERY },
      { entry: PROBE_SERVICE_ENTRY, name: 'probe-2', env: ONE_DELIVERY },
    ],
    edgeEnv: { LONGHAUL_JOB_WAIT_MS: '1000' },
  });
}

/** Starts a long probe job, waits for its first step, SIGKILLs the worker running it; answers the run id. */
async function startJobAndKillItsWorker(
  mesh: TestMesh,
  nc: NatsConnection,
  mcp: TestMcpClient,
): Promise<string> {
  const seen: Array<{ runId: string; instance: string }> = [];
  nc.subscribe(PROBE_STEP_SUBJECT, { callback: (_e, m) => void seen.push(m.json()) });
  await nc.flush();
  const handle = await mcp.client.callTool({ name: 'probe_steps', arguments: { steps: 20, stepMs: 100 } });
  const { runId } = handle.structuredContent as { runId: string };
  for (let i = 0; i < 50 && !seen.some((s) => s.runId === runId); i += 1) await sleep(50);
  const worker = mesh.services.find((s) => instanceIdOf(s.process) === seen[0]?.instance);
  await worker?.process.kill('SIGKILL');
  return runId;
}

describe('dead letters after max deliveries', () => {
  it('moves a job that exhausted its deliveries and fails its run', async () => {
    await using mesh = await startOneDeliveryMesh();
    const nc = await connect({ servers: mesh.nats.url });
    await using mcp = await connectMcpClient(mesh.url, await mesh.createToken('default', ['admin']));
    const runId = await startJobAndKillItsWorker(mesh, nc, mcp);

    const waited = await mcp.client.callTool({ name: 'run_wait', arguments: { runId, seconds: 15 } });
    expect(waited.structuredContent).toMatchObject({
      status: 'failed',
      error: { code: 'failed_precondition', message: expect.stringMatching(/^gave up after 1 deliveries/) },
    });
    const jsm = await jetstreamManager(nc);
    expect((await jsm.streams.info('LH_JOBS')).state.messages).toBe(0);
    const dead = await jsm.streams.getMessage('LH_DLQ', { last_by_subj: 'lh.dlq.probe.probe_steps' });
    expect(dead?.json<{ runId: string }>().runId).toBe(runId);
    expect(dead?.header.get('Lh-Dlq-Reason')).toMatch(/gave up after 1 deliveries/);

    // The operator sees it, replays it as a new run that completes, and the dead letter is gone.
    const env = { ...process.env, NATS_URL: mesh.nats.url, LONGHAUL_EDGE_SIGNING_KEY: mesh.edgeSigningKey };
    const cli = (...args: string[]) => run(process.execPath, [CLI, ...args], { env });
    const listed = (await cli('dlq', 'list')).stdout;
    expect(listed).toContain(runId);
    expect(listed).toMatch(/lh\.dlq\.probe\.probe_steps .*failed_precondition: gave up after 1 deliveries/);
    const replayed = (await cli('dlq', 'replay', String(dead?.seq))).stdout.trim();
    expect(replayed).toMatch(/^[0-9a-f-]{36}$/);
    const tail = (await cli('runs', 'tail', replayed)).stdout;
    expect(tail).toMatch(/accepted[\s\S]*started[\s\S]*progress[\s\S]*result/);
    const shown = JSON.parse((await cli('runs', 'show', replayed)).stdout) as Record<string, unknown>;
    expect(shown).toMatchObject({
      status: 'succeeded',
      parentRunId: runId,
      result: { steps: 20, resumedFrom: 0 },
    });
    expect((await cli('runs', 'list')).stdout).toMatch(new RegExp(`${replayed}\\s+succeeded\\s+probe_steps`));
    expect((await cli('dlq', 'list')).stdout).not.toContain(runId);
    await expect(cli('dlq', 'drop', String(dead?.seq))).rejects.toThrow(/no dead letter with sequence/);
    await expect(cli('runs', 'show', 'nope-nope')).rejects.toThrow(/no run "nope-nope"/);
    await nc.close();
  });

  it('moves a job whose deliveries ran out while no runs service was up, once one starts', async () => {
    await using mesh = await startOneDeliveryMesh();
    const nc = await connect({ servers: mesh.nats.url });
    const jsm = await jetstreamManager(nc);
    await mesh.services.find((s) => s.name === 'runs')?.process.kill('SIGTERM');
    await using mcp = await connectMcpClient(mesh.url, await mesh.createToken('default', ['admin']));
    const runId = await startJobAndKillItsWorker(mesh, nc, mcp);
    // The advisory comes once the ack wait has passed; with no runs service it waits in LH_ADVISORIES.
    for (let i = 0; i < 60 && (await jsm.streams.info('LH_ADVISORIES')).state.messages === 0; i += 1) {
      await sleep(100);
    }
    expect((await jsm.streams.info('LH_ADVISORIES')).state.messages).toBe(1);
    expect((await jsm.streams.info('LH_JOBS')).state.messages).toBe(1);

    await mesh.startService(RUNS_SERVICE_ENTRY, 'runs-again');
    const waited = await mcp.client.callTool({ name: 'run_wait', arguments: { runId, seconds: 15 } });
    expect(waited.structuredContent).toMatchObject({
      status: 'failed',
      error: { code: 'failed_precondition', message: expect.stringMatching(/^gave up after 1 deliveries/) },
    });
    expect((await jsm.streams.info('LH_JOBS')).state.messages).toBe(0);
    const dead = await jsm.streams.getMessage('LH_DLQ', { last_by_subj: 'lh.dlq.probe.probe_steps' });
    expect(dead?.json<{ runId: string }>().runId).toBe(runId);
    await nc.close();
  });
});
