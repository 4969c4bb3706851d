// Durable JetStream consumers shared by every instance of a process: opened (created if missing) with one
// configuration, and a loop that acks what its handler finished and naks what failed, for redelivery.
import {
  type Consumer,
  type ConsumerConfig,
  type ConsumerUpdateConfig,
  type JsMsg,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

export interface DurableConsumerSpec {
  stream: string;
  name: string;
  config: Partial<ConsumerConfig>;
  /** Set only when the consumer is created (nats-server 2.9 cannot change it). */
  filterSubject?: string;
  /** Bring an existing consumer to `config` (otherwise it is left as it is). */
  update?: boolean;
}

export async function openDurableConsumer(nc: NatsConnection, spec: DurableConsumerSpec): Promise<Consumer> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.consumers.info(spec.stream, spec.name);
    if (spec.update) {
      await jsm.consumers.update(spec.stream, spec.name, spec.config as Partial<ConsumerUpdateConfig>);
    }
  } catch {
    await jsm.consumers.add(spec.stream, {
      durable_name: spec.name,
      ...(spec.filterSubject ? { filter_subject: spec.filterSubject } : {}),
      ...spec.config,
    });
  }
  return jetstream(nc).consumers.get(spec.stream, spec.name);
}

export interface DurableLoopOptions {
  /** Messages pulled ahead of the handler. */
  batch: number;
  /** Finishing without throwing acks the message. */
  handle(msg: JsMsg): Promise<void>;
  /** Told about a failed message before it is nak'ed for redelivery after `retryMs`. */
  onFailure(msg: JsMsg, error: unknown): void;
  retryMs: number;
}

export interface DurableLoop {
  stop(): Promise<void>;
}

export async function consumeDurably(consumer: Consumer, options: DurableLoopOptions): Promise<DurableLoop> {
  const messages = await consumer.consume({ max_messages: options.batch });
  const done = (async () => {
    for await (const msg of messages) {
      try {
        await options.handle(msg);
        msg.ack();
      } catch (error) {
        options.onFailure(msg, error);
        msg.nak(options.retryMs);
      }
    }
  })();
  return {
    async stop() {
      await messages.close();
      await done;
    },
  };
}
