// Queue depths of every JetStream stream on the server, sorted by name.
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

export interface StreamDepth {
  stream: string;
  messages: number;
  bytes: number;
  consumers: number;
}

export async function listStreamDepths(nc: NatsConnection): Promise<StreamDepth[]> {
  const jsm = await jetstreamManager(nc);
  const streams: StreamDepth[] = [];
  for await (const info of jsm.streams.list()) {
    streams.push({
      stream: info.config.name,
      messages: info.state.messages,
      bytes: info.state.bytes,
      consumers: info.state.consumer_count,
    });
  }
  return streams.sort((a, b) => a.stream.localeCompare(b.stream));
}
