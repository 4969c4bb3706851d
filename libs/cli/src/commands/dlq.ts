// `longhaul dlq list|replay|drop`: inspect dead-lettered jobs, run one again as a new run, or discard it.
import { randomUUID } from 'node:crypto';
import {
  createRunEvents,
  createSigner,
  DEAD_LETTER_REASON_HEADER,
  openToolRegistry,
  SIGNATURE_HEADER,
  silentLogger,
  watchToolRegistry,
} from '@longhaul/mesh';
import type { Envelope, RunAccepted } from '@longhaul/schemas';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { type MeshTarget, withMesh } from '../mesh-session.js';

export interface DlqCommandOptions extends MeshTarget {
  print: (text: string) => void;
}

export const DEFAULT_REPLAY_DEADLINE_MS = 60 * 60_000;

export async function dlqList(options: DlqCommandOptions, limit: number): Promise<void> {
  await withMesh(options, async (nc, subjects) => {
    const jsm = await jetstreamManager(nc);
    const total = (await jsm.streams.info(subjects.streams.deadLetters)).state.messages;
    options.print('SEQ     SUBJECT                          RUN                                   REASON');
    if (total === 0) return;
    const consumer = await jetstream(nc).consumers.get(subjects.streams.deadLetters, {
      deliver_policy: DeliverPolicy.All,
    });
    let shown = 0;
    const messages = await consumer.consume();
    for await (const msg of messages) {
      const envelope = msg.json<Envelope>();
      const reason = JSON.parse(msg.headers?.get(DEAD_LETTER_REASON_HEADER) || '{}') as {
        code?: string;
        message?: string;
      };
      options.print(
        `${String(msg.seq).padEnd(8)}${msg.subject.padEnd(33)}${(envelope.runId ?? '').padEnd(38)}${reason.code ?? '?'}: ${reason.message ?? ''}`,
      );
      shown += 1;
      if (shown >= limit || msg.info.pending === 0) break;
    }
    await messages.close();
  });
}

/**
 * Enqueues a dead-lettered job again as a new run (same tool, arguments, workspace and caller), signed
 * with the edge key, then removes it from the dead-letter stream. Prints the new run id.
 */
export async function dlqReplay(options: DlqCommandOptions, seq: number, signingKey: string): Promise<void> {
  await withMesh(options, async (nc, subjects) => {
    const jsm = await jetstreamManager(nc);
    const stored = await jsm.streams.getMessage(subjects.streams.deadLetters, { seq }).catch(() => null);
    if (!stored) throw new Error(`no dead letter with sequence ${seq}; \`longhaul dlq list\` shows them`);
    const reason = JSON.parse(stored.header?.get(DEAD_LETTER_REASON_HEADER) || '{}') as { code?: string };
    if (reason.code === 'unauthenticated') {
      throw new Error(
        `dead letter ${seq} failed its signature check: it did not come from an edge, so it is not replayed; drop it`,
      );
    }
    const original = stored.json<Envelope>();
    const [, , service, tool] = stored.subject.split('.');
    if (!service || !tool) throw new Error(`dead letter ${seq} has an unexpected subject ${stored.subject}`);
    const registry = await watchToolRegistry({
      kv: await openToolRegistry(nc, subjects),
      logger: silentLogger,
    });
    await registry.ready;
    const timeoutMs = registry.tool(tool)?.timeoutMs ?? DEFAULT_REPLAY_DEADLINE_MS;
    await registry.close();
    const runId = randomUUID();
    const envelope: Envelope = {
      ...original,
      id: randomUUID(),
      runId,
      attempt: 1,
      deadline: Date.now() + timeoutMs,
    };
    const accepted: RunAccepted = {
      tool,
      service,
      workspace: envelope.workspace,
      principalId: envelope.principal.id,
      ...(original.runId ? { parentRunId: original.runId } : {}),
    };
    await (await createRunEvents(nc, subjects)).publish(runId, 'accepted', accepted);
    const body = new TextEncoder().encode(JSON.stringify(envelope));
    const h = headers();
    h.set(SIGNATURE_HEADER, createSigner(signingKey).sign(body));
    await jetstream(nc).publish(subjects.job(service, tool), body, { msgID: runId, headers: h });
    await jsm.streams.deleteMessage(subjects.streams.deadLetters, seq);
    options.print(runId);
  });
}

export async function dlqDrop(options: DlqCommandOptions, seq: number): Promise<void> {
  await withMesh(options, async (nc, subjects) => {
    const jsm = await jetstreamManager(nc);
    const deleted = await jsm.streams.deleteMessage(subjects.streams.deadLetters, seq).catch(() => false);
    if (!deleted) throw new Error(`no dead letter with sequence ${seq}; \`longhaul dlq list\` shows them`);
    options.print(`dropped dead letter ${seq}`);
  });
}
