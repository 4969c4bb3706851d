// A short-lived NATS connection for one CLI command, with the subjects of the configured prefix.
import { connectMesh, createSubjects, type NatsSettings, type Subjects } from '@longhaul/mesh';
import type { NatsConnection } from '@nats-io/transport-node';

export interface MeshTarget {
  nats: NatsSettings;
  subjectPrefix?: string;
}

export async function withMesh<T>(
  target: MeshTarget,
  work: (nc: NatsConnection, subjects: Subjects) => Promise<T>,
) {
  const subjects = createSubjects(target.subjectPrefix);
  const nc = await connectMesh({ ...target.nats, name: 'longhaul-cli' }).catch((error: unknown) => {
    throw new Error(
      `cannot reach NATS at ${target.nats.url} (${String(error)}); is \`longhaul up\` running?`,
    );
  });
  try {
    return await work(nc, subjects);
  } finally {
    await nc.close();
  }
}
