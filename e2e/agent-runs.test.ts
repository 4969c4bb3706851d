// An agent's own session as a durable run: start, heartbeat, checkpoint, child jobs, and a fresh session resuming it.
import { connectMcpClient, PROBE_SERVICE_ENTRY, RUNS_SERVICE_ENTRY, startTestMesh } from '@longhaul/testing';
import { describe, expect, it } from 'vitest';

const text = (result: object) => (result as { content?: Array<{ text?: string }> }).content?.[0]?.text ?? '';

describe('agent runs', () => {
  it('lets a new session pick up where a previous one checkpointed, with its child jobs', async () => {
    await using mesh = await startTestMesh({
      services: [
        { entry: RUNS_SERVICE_ENTRY, name: 'runs', env: { LONGHAUL_AGENT_STALL_MS: '1500' } },
        { entry: PROBE_SERVICE_ENTRY, name: 'probe' },
      ],
    });
    const token = await mesh.createToken('default', ['admin']);
    let runId = '';
    let jobRunId = '';
    {
      await using first = await connectMcpClient(mesh.url, token, 'session-1');
      const started = await first.client.callTool({
        name: 'run_start',
        arguments: { title: 'Fix flaky login test', taskId: '15.2', repo: 'acme/web', branch: 'fix/login' },
      });
      runId = (started.structuredContent as { runId: string }).runId;
      const beat = await first.client.callTool({
        name: 'run_heartbeat',
        arguments: { runId, note: 'reading tests' },
      });
      expect(beat.structuredContent).toMatchObject({ runId, status: 'running' });
      const saved = await first.client.callTool({
        name: 'run_checkpoint',
        arguments: {
          runId,
          summary: 'Race in the session fixture; fix drafted, not yet run',
          nextSteps: ['run the e2e suite', 'open the PR'],
          filesTouched: ['tests/login.spec.ts'],
          state: { attempts: 2 },
        },
      });
      expect(saved.structuredContent).toMatchObject({ runId, bytes: expect.any(Number) });
      const job = await first.client.callTool({
        name: 'probe_steps',
        arguments: { steps: 2 },
        _meta: { 'longhaul/parentRunId': runId },
      });
      expect(job.isError).toBeFalsy();
      // The session "crashes" here: the client goes away without ending anything.
    }

    await using second = await connectMcpClient(mesh.url, token, 'session-2');
    let resume: Record<string, unknown> = {};
    for (let i = 0; i < 20; i += 1) {
      resume = (await second.client.callTool({ name: 'run_resume', arguments: { runId } }))
        .structuredContent as Record<string, unknown>;
      // The job answered inline; its run record follows as soon as the runs service folds the result.
      const kids = resume.children as Array<{ status: string }> | undefined;
      if (kids?.length && kids.every((k) => k.status === 'succeeded')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(resume.run).toMatchObject({
      runId,
      status: 'running',
      agent: { title: 'Fix flaky login test', taskId: '15.2' },
    });
    expect(resume.lastCheckpoint).toMatchObject({
      nextSteps: ['run the e2e suite', 'open the PR'],
      state: { attempts: 2 },
    });
    const children = resume.children as Array<{ runId: string; tool: string; status: string }>;
    expect(children).toEqual([expect.objectContaining({ tool: 'probe_steps', status: 'succeeded' })]);
    jobRunId = children[0]?.runId ?? '';
    expect(String(resume.briefing)).toContain('Race in the session fixture');
    expect(String(resume.briefing)).toContain('next steps: run the e2e suite; open the PR');
    expect(String(resume.briefing)).toContain('probe_steps succeeded');

    // Events page by page, in order, without overlap.
    const page1 = (await second.client.callTool({ name: 'run_events', arguments: { runId, limit: 2 } }))
      .structuredContent as { events: Array<{ seq: number; kind: string }>; next?: number };
    expect(page1.events.map((e) => e.kind)).toEqual(['accepted', 'started']);
    expect(page1.next).toBe(page1.events[1]?.seq);
    const page2 = (
      await second.client.callTool({ name: 'run_events', arguments: { runId, after: page1.next, limit: 10 } })
    ).structuredContent as { events: Array<{ seq: number; kind: string }>; next?: number };
    expect(page2.events.map((e) => e.kind)).toEqual(['heartbeat', 'checkpoint']);
    expect(page2.next).toBeUndefined();

    const listed = (await second.client.callTool({ name: 'run_list', arguments: { status: 'running' } }))
      .structuredContent as { runs: Array<{ runId: string; title?: string }> };
    expect(listed.runs).toEqual([expect.objectContaining({ runId, title: 'Fix flaky login test' })]);

    // Silent past the stall limit, the run is reported stalled; a heartbeat clears it.
    await new Promise((r) => setTimeout(r, 1_700));
    const silent = await second.client.callTool({ name: 'run_status', arguments: { runId } });
    expect(silent.structuredContent).toMatchObject({ status: 'running', stalled: true });
    await second.client.callTool({ name: 'run_heartbeat', arguments: { runId } });
    let revived: Record<string, unknown> = { stalled: true };
    for (let i = 0; i < 20 && revived.stalled; i += 1) {
      await new Promise((r) => setTimeout(r, 50));
      revived = (await second.client.callTool({ name: 'run_status', arguments: { runId } }))
        .structuredContent as Record<string, unknown>;
    }
    expect(revived.stalled).toBeUndefined();

    // Bad input gets errors that say what to send instead.
    expect(
      text(
        await second.client.callTool({ name: 'run_finish', arguments: { runId: jobRunId, summary: 'x' } }),
      ),
    ).toMatch(/^failed_precondition: run ".*" is a probe_steps job/);
    expect(
      text(await second.client.callTool({ name: 'run_resume', arguments: { runId: 'aaaaaaaa-9999' } })),
    ).toMatch(/^not_found: no run "aaaaaaaa-9999"/);
    expect(text(await second.client.callTool({ name: 'run_checkpoint', arguments: { runId } }))).toMatch(
      /^invalid_argument[\s\S]*- summary: is required/,
    );
    const huge = await second.client.callTool({
      name: 'run_checkpoint',
      arguments: { runId, summary: 'big', state: { blob: 'x'.repeat(70_000) } },
    });
    expect(text(huge)).toMatch(/^invalid_argument: the checkpoint is \d+ bytes; the limit is 65536/);
    expect(
      text(await second.client.callTool({ name: 'run_heartbeat', arguments: { runId: jobRunId } })),
    ).toMatch(/^failed_precondition: run ".*" is a probe_steps job/);
    const badParent = await second.client.callTool({
      name: 'probe_steps',
      arguments: { steps: 1 },
      _meta: { 'longhaul/parentRunId': 'not a run' },
    });
    expect(text(badParent)).toMatch(/^invalid_argument: _meta\["longhaul\/parentRunId"\] must be a run id/);

    // The session ends its run; an ended run takes no more checkpoints.
    const finished = await second.client.callTool({
      name: 'run_finish',
      arguments: { runId, summary: 'PR #12 open' },
    });
    expect(finished.structuredContent).toMatchObject({
      status: 'succeeded',
      result: { summary: 'PR #12 open' },
    });
    expect(finished.structuredContent).not.toHaveProperty('stalled');
    const late = await second.client.callTool({
      name: 'run_checkpoint',
      arguments: { runId, summary: 'more' },
    });
    expect(text(late)).toMatch(/^failed_precondition: run ".*" has ended \(succeeded\)/);
  });
});
