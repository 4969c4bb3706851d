// Keeps one service instance's record fresh in the `lh_tools` registry until it stops.
import type { ServiceInstance, ToolDescriptor } from '@longhaul/schemas';
import type { KV } from '@nats-io/kv';
import { encodeJson } from '../codec.js';
import type { Logger } from '../logger.js';
import { registryKey } from '../subjects.js';

export const DEFAULT_ANNOUNCE_INTERVAL_MS = 2_000;

export interface AnnounceOptions {
  kv: KV;
  service: string;
  instance: string;
  version: string;
  tools: ToolDescriptor[];
  intervalMs?: number;
  logger: Logger;
}

export interface Announcement {
  /** Removes the record so edges drop the instance at once. */
  withdraw(): Promise<void>;
}

export async function announceInstance(options: AnnounceOptions): Promise<Announcement> {
  const key = registryKey(options.service, options.instance);
  const startedAt = Date.now();
  const put = () => {
    const record: ServiceInstance = {
      service: options.service,
      instance: options.instance,
      version: options.version,
      startedAt,
      heartbeatAt: Date.now(),
      tools: options.tools,
    };
    return options.kv.put(key, encodeJson(record));
  };
  await put();
  const timer = setInterval(() => {
    put().catch((error: unknown) =>
      options.logger.warn('registry heartbeat failed', { error: String(error) }),
    );
  }, options.intervalMs ?? DEFAULT_ANNOUNCE_INTERVAL_MS);
  timer.unref();
  return {
    async withdraw() {
      clearInterval(timer);
      await options.kv.delete(key);
    },
  };
}
