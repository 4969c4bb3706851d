// Everything a process needs to start and follow jobs: connection, subjects, the edge's signer, run events, run state.
import type { NatsConnection } from '@nats-io/transport-node';
import { openRunsBucket } from './provision.js';
import { createRunEvents } from './run-events.js';
import type { EnvelopeSigner } from './signing.js';
import type { StartJobDeps } from './start-job.js';
import type { Subjects } from './subjects.js';

export async function openJobClient(
  nc: NatsConnection,
  subjects: Subjects,
  signer: EnvelopeSigner,
): Promise<StartJobDeps> {
  return {
    nc,
    subjects,
    signer,
    runEvents: await createRunEvents(nc, subjects),
    runs: await openRunsBucket(nc, subjects),
  };
}
