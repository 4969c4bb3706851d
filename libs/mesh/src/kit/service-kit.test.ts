// The service kit against a real nats-server: micro registration, registry, validation, signatures, errors.
import { defineToolContract, type Envelope, LonghaulError, type ToolDescriptor } from '@longhaul/schemas';
import { startTestNats } from '@longhaul/testing';
import { Svcm } from '@nats-io/services';
import { connect, headers } from '@nats-io/transport-node';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { callTool } from '../call-tool.js';
import { decodeJson, encodeJson } from '../codec.js';
import { silentLogger } from '../logger.js';
import { provisionMesh } from '../provision.js';
import { watchToolRegistry } from '../registry/tool-registry.js';
import { createSigner, createVerifier, generateSigningKey } from '../signing.js';
import { createSubjects } from '../subjects.js';
import { defineService } from './define-service.js';
import { implement } from './tool-implementation.js';

const kitEcho = defineToolContract({
  name: 'kit_echo',
  service: 'kit',
  title: 'Echo',
  description: 'echo for tests',
  input: v.object({ text: v.string(), times: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 1) }),
  output: v.object({ text: v.string() }),
  scope: 'read',
});
const kitConflict = defineToolContract({
  name: 'kit_conflict',
  service: 'kit',
  title: 'Conflict',
  description: 'always conflicts',
  input: v.object({}),
  output: v.object({}),
  scope: 'write',
});
const kitCrash = defineToolContract({
  name: 'kit_crash',
  service: 'kit',
  title: 'Crash',
  description: 'throws a plain error',
  input: v.object({}),
  output: v.object({}),
  scope: 'write',
});

async function failure(promise: Promise<unknown>): Promise<LonghaulError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LonghaulError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

function envelopeFor(tool: string, args: unknown, deadlineMs = 5_000): Envelope {
  return {
    id: crypto.randomUUID(),
    tool,
    args,
    workspace: 'w',
    principal: { id: 'test', roles: ['admin'] },
    deadline: Date.now() + deadlineMs,
    attempt: 1,
  };
}

describe('service kit', () => {
  it('serves typed calls, reports problems with paths and keeps error codes across NATS', async () => {
    await using nats = await startTestNats();
    const nc = await connect({ servers: nats.url });
    const subjects = createSubjects();
    const buckets = await provisionMesh(nc, subjects);
    const key = generateSigningKey();
    const service = defineService({
      name: 'kit',
      version: '1.2.3',
      description: 'kit test service',
      tools: [
        implement(kitEcho, (args) => ({ text: args.text.repeat(args.times) })),
        implement(kitConflict, () => {
          throw new LonghaulError('conflict', 'version 3 is stale; re-read and retry', {
            data: { version: 3 },
          });
        }),
        implement(kitCrash, () => {
          throw new Error('database password is hunter2');
        }),
      ],
    });
    const registry = await watchToolRegistry({ kv: buckets.tools, logger: silentLogger });
    await registry.ready;
    const running = await service.start({
      nc,
      subjects,
      verifier: createVerifier([key.publicKey]),
      logger: silentLogger,
    });

    // Registered as a NATS micro service and announced in the registry.
    const pings = await new Svcm(nc).client().ping('longhaul-kit');
    const found = [];
    for await (const p of pings) found.push(p);
    expect(found.map((p) => p.id)).toEqual([running.instance]);
    for (let i = 0; i < 50 && !registry.tool('kit_echo'); i += 1) await new Promise((r) => setTimeout(r, 20));
    const echo = registry.tool('kit_echo') as ToolDescriptor;
    expect(echo).toMatchObject({ service: 'kit', scope: 'read', mode: 'call' });

    const deps = { nc, subjects, signer: createSigner(key.privateKey) };
    expect(await callTool(deps, echo, envelopeFor('kit_echo', { text: 'ab', times: 2 }))).toEqual({
      text: 'abab',
    });

    const invalid = await failure(callTool(deps, echo, envelopeFor('kit_echo', { text: 1, times: 0 })));
    expect(invalid).toBeInstanceOf(LonghaulError);
    expect(invalid.code).toBe('invalid_argument');
    expect(
      (invalid.data as { problems: Array<{ path: string }> }).problems.map((p) => p.path).sort(),
    ).toEqual(['text', 'times']);

    const conflictTool = registry.tool('kit_conflict') as ToolDescriptor;
    const conflict = await failure(callTool(deps, conflictTool, envelopeFor('kit_conflict', {})));
    expect(conflict.code).toBe('conflict');
    expect(conflict.data).toEqual({ version: 3 });

    const crash = await failure(
      callTool(deps, registry.tool('kit_crash') as ToolDescriptor, envelopeFor('kit_crash', {})),
    );
    expect(crash.code).toBe('internal');
    expect(crash.message).not.toMatch(/hunter2/);

    // Arguments beyond the server's message size are refused before sending, with the limit.
    const huge = await failure(
      callTool(deps, echo, envelopeFor('kit_echo', { text: 'x'.repeat(1_100_000) })),
    );
    expect(huge.code).toBe('invalid_argument');
    expect(huge.message).toMatch(/too large for the mesh .* NATS allows 1048576/);

    // A signature from another key is refused before the handler runs.
    const forged = { ...deps, signer: createSigner(generateSigningKey().privateKey) };
    const refused = await failure(callTool(forged, echo, envelopeFor('kit_echo', { text: 'x' })));
    expect(refused.code).toBe('unauthenticated');

    // An envelope whose deadline has passed is refused.
    const body = encodeJson(envelopeFor('kit_echo', { text: 'x' }, -1));
    const h = headers();
    h.set('Lh-Signature', deps.signer.sign(body));
    const late = decodeJson(
      (await nc.request(subjects.call('kit', 'kit_echo'), body, { headers: h, timeout: 2_000 })).data,
    );
    expect(late).toMatchObject({ ok: false, error: { code: 'deadline_exceeded' } });

    // Stopping withdraws the instance at once; a call then finds nobody.
    await running.stop();
    for (let i = 0; i < 50 && registry.tool('kit_echo'); i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(registry.tool('kit_echo')).toBeUndefined();
    const nobody = await failure(callTool(deps, echo, envelopeFor('kit_echo', { text: 'x' })));
    expect(nobody.code).toBe('unavailable');
    expect(nobody.message).toMatch(/no instance of service "kit"/);
    await registry.close();
    await nc.close();
  });

  it('refuses definitions with foreign tools or duplicates', () => {
    expect(() =>
      defineService({
        name: 'other',
        version: '1.0.0',
        description: '',
        tools: [implement(kitEcho, () => ({ text: '' }))],
      }),
    ).toThrow(/belongs to service "kit"/);
    const twice = implement(kitEcho, () => ({ text: '' }));
    expect(() =>
      defineService({ name: 'kit', version: '1.0.0', description: '', tools: [twice, twice] }),
    ).toThrow(/defined twice/);
    expect(() => defineService({ name: 'Bad Name', version: '1.0.0', description: '', tools: [] })).toThrow(
      /must match/,
    );
    expect(() => defineService({ name: 'kit', version: 'v1', description: '', tools: [] })).toThrow(
      /semantic/,
    );
  });
});
