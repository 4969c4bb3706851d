// Runs a defined service as a process: connect, start, and stop cleanly when asked.
import type { NatsConnection } from '@nats-io/transport-node';
import { connectMesh } from '../connect.js';
import type { Logger } from '../logger.js';
import { createVerifier } from '../signing.js';
import { createSubjects, type Subjects } from '../subjects.js';
import type { DefinedService, RunningService } from './define-service.js';
import type { ServiceConfig } from './service-config.js';

export interface ServiceProcess {
  readonly nc: NatsConnection;
  readonly subjects: Subjects;
  readonly service: RunningService;
  stop(): Promise<void>;
}

/** Connects as `longhaul-<serviceName>` with `config` and starts the service built by `build` (which may use the connection). */
export async function runService(
  serviceName: string,
  config: ServiceConfig,
  logger: Logger,
  build: (nc: NatsConnection, subjects: Subjects) => Promise<DefinedService> | DefinedService,
): Promise<ServiceProcess> {
  const nc = await connectMesh({ ...config.nats, name: `longhaul-${serviceName}` });
  const subjects = createSubjects(config.subjectPrefix);
  const defined = await build(nc, subjects);
  const service = await defined.start({
    nc,
    subjects,
    verifier: createVerifier(config.edgePublicKeys),
    logger,
    jobSettings: config.jobSettings,
  });
  return {
    nc,
    subjects,
    service,
    async stop() {
      await service.stop();
      await nc.drain();
    },
  };
}
