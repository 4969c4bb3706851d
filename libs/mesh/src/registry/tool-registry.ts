// The live view of the `lh_tools` registry: which instances are alive and which tools they serve.
import { type ServiceInstance, ServiceInstanceSchema, type ToolDescriptor } from '@longhaul/schemas';
import type { KV } from '@nats-io/kv';
import * as v from 'valibot';
import type { Logger } from '../logger.js';

/** An instance silent for this long is treated as gone (it heartbeats every 2 s). */
export const DEFAULT_LIVENESS_MS = 6_000;
export const DEFAULT_SWEEP_INTERVAL_MS = 500;
export const DEFAULT_READY_FALLBACK_MS = 3_000;

export interface ToolRegistryOptions {
  kv: KV;
  logger: Logger;
  livenessMs?: number;
  sweepIntervalMs?: number;
  now?: () => number;
}

export interface ToolRegistry {
  /** Resolves once the registry's current contents have been read. */
  readonly ready: Promise<void>;
  isReady(): boolean;
  tools(): ToolDescriptor[];
  tool(name: string): ToolDescriptor | undefined;
  instances(): ServiceInstance[];
  /** Called whenever the set of tools or their descriptors change. */
  onToolsChanged(listener: () => void): () => void;
  close(): Promise<void>;
}

interface LiveInstance {
  record: ServiceInstance;
  seenAt: number;
}

function fingerprint(tools: Map<string, ToolDescriptor>): string {
  return JSON.stringify([...tools.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

export async function watchToolRegistry(options: ToolRegistryOptions): Promise<ToolRegistry> {
  const now = options.now ?? Date.now;
  const livenessMs = options.livenessMs ?? DEFAULT_LIVENESS_MS;
  const live = new Map<string, LiveInstance>();
  const listeners = new Set<() => void>();
  let tools = new Map<string, ToolDescriptor>();
  let lastFingerprint = fingerprint(tools);
  let ready = false;
  let markReady: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => {
    markReady = () => {
      if (!ready) {
        ready = true;
        recompute();
        resolve();
      }
    };
  });

  function recompute(): void {
    const next = new Map<string, ToolDescriptor>();
    const newestFirst = [...live.values()].sort((a, b) => b.record.startedAt - a.record.startedAt);
    for (const { record } of newestFirst) {
      for (const tool of record.tools) if (!next.has(tool.name)) next.set(tool.name, tool);
    }
    tools = next;
    const print = fingerprint(next);
    if (print !== lastFingerprint && ready) {
      lastFingerprint = print;
      for (const listener of listeners) listener();
    }
    lastFingerprint = print;
  }

  function sweep(): void {
    const cutoff = now() - livenessMs;
    let removed = false;
    for (const [key, entry] of live) {
      if (entry.seenAt < cutoff) {
        live.delete(key);
        removed = true;
        options.logger.info('service instance expired', {
          service: entry.record.service,
          instance: entry.record.instance,
        });
      }
    }
    if (removed) recompute();
  }

  const watchStartedAt = now();
  const watcher = await options.kv.watch({ key: 'svc.>' });
  if ((await options.kv.status()).values === 0) markReady();
  // Keys outside `svc.>` would keep the initial batch from ever reporting done: give up waiting after a while.
  const readyFallback = setTimeout(markReady, DEFAULT_READY_FALLBACK_MS);
  readyFallback.unref();
  void (async () => {
    for await (const entry of watcher) {
      if (entry.operation === 'PUT') {
        const parsed = v.safeParse(ServiceInstanceSchema, safeJson(entry));
        if (!parsed.success) {
          options.logger.warn('ignoring malformed registry entry', { key: entry.key });
        } else {
          // Entries written before the watch began may be stale: age them by their server timestamp.
          const created = entry.created.getTime();
          live.set(entry.key, { record: parsed.output, seenAt: created < watchStartedAt ? created : now() });
        }
      } else {
        live.delete(entry.key);
      }
      // `delta` is what the watch still has to deliver of the bucket's current contents.
      if (entry.delta === 0 || entry.isUpdate) markReady();
      if (ready) recompute();
    }
  })().catch((error: unknown) => options.logger.error('registry watch ended', { error: String(error) }));
  const sweeper = setInterval(sweep, options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
  sweeper.unref();

  return {
    ready: readyPromise,
    isReady: () => ready,
    tools: () => [...tools.values()],
    tool: (name) => tools.get(name),
    instances: () => [...live.values()].map((l) => l.record),
    onToolsChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      clearInterval(sweeper);
      clearTimeout(readyFallback);
      watcher.stop();
    },
  };
}

function safeJson(entry: { json<T>(): T }): unknown {
  try {
    return entry.json();
  } catch {
    return undefined;
  }
}
