// The registry view on a real nats-server: readiness, stale entries left by dead instances, withdrawal.
import type { ServiceInstance } from '@longhaul/schemas';
import { startTestNats } from '@longhaul/testing';
import { connect } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { encodeJson } from '../codec.js';
import { silentLogger } from '../logger.js';
import { openToolRegistry } from '../provision.js';
import { createSubjects, registryKey } from '../subjects.js';
import { watchToolRegistry } from './tool-registry.js';

const record = (service: string, instance: string): ServiceInstance => ({
  service,
  instance,
  version: '1.0.0',
  startedAt: Date.now(),
  heartbeatAt: Date.now(),
  tools: [
    {
      name: `${service}_ping`,
      service,
      title: 'Ping',
      description: 'ping',
      inputSchema: { type: 'object' },
      mode: 'call',
      scope: 'read',
      timeoutMs: 1000,
    },
  ],
});

describe('tool registry', () => {
  it('is ready on an empty bucket and sees instances come and go', async () => {
    await using nats = await startTestNats();
    const nc = await connect({ servers: nats.url });
    const kv = await openToolRegistry(nc, createSubjects());
    const registry = await watchToolRegistry({ kv, logger: silentLogger });
    await registry.ready;
    expect(registry.tools()).toEqual([]);
    let changes = 0;
    registry.onToolsChanged(() => {
      changes += 1;
    });
    await kv.put(registryKey('alpha', 'i1'), encodeJson(record('alpha', 'i1')));
    for (let i = 0; i < 50 && !registry.tool('alpha_ping'); i += 1)
      await new Promise((r) => setTimeout(r, 20));
    expect(registry.tool('alpha_ping')?.service).toBe('alpha');
    await kv.delete(registryKey('alpha', 'i1'));
    for (let i = 0; i < 50 && registry.tool('alpha_ping'); i += 1)
      await new Promise((r) => setTimeout(r, 20));
    expect(registry.tool('alpha_ping')).toBeUndefined();
    expect(changes).toBe(2);
    await registry.close();
    await nc.close();
  });

  it('treats entries older than the liveness window as dead when it starts', async () => {
    await using nats = await startTestNats();
    const nc = await connect({ servers: nats.url });
    const kv = await openToolRegistry(nc, createSubjects());
    await kv.put(registryKey('ghost', 'i1'), encodeJson(record('ghost', 'i1')));
    await kv.put(registryKey('live', 'i2'), encodeJson(record('live', 'i2')));
    // A clock 10 s ahead makes both entries look 10 s old, beyond the 6 s liveness window.
    const late = await watchToolRegistry({
      kv,
      logger: silentLogger,
      now: () => Date.now() + 10_000,
      sweepIntervalMs: 20,
    });
    await late.ready;
    await new Promise((r) => setTimeout(r, 100));
    expect(late.tools()).toEqual([]);
    const onTime = await watchToolRegistry({ kv, logger: silentLogger, sweepIntervalMs: 20 });
    await onTime.ready;
    await new Promise((r) => setTimeout(r, 100));
    expect(
      onTime
        .tools()
        .map((t) => t.name)
        .sort(),
    ).toEqual(['ghost_ping', 'live_ping']);
    await late.close();
    await onTime.close();
    await nc.close();
  });
});
