// The service kit: declare a service's tools once, start it as a NATS micro service that announces itself.

import { describeTool, type RunStatus, SERVICE_NAME_PATTERN, TERMINAL_RUN_STATUSES } from '@longhaul/schemas';
import { Svcm } from '@nats-io/services';
import type { NatsConnection } from '@nats-io/transport-node';
import { openArtifactStore } from '../artifacts.js';
import type { Logger } from '../logger.js';
import { openRunsBucket, openToolRegistry, provisionStreams } from '../provision.js';
import { announceInstance } from '../registry/announce.js';
import { createRunEvents } from '../run-events.js';
import type { EnvelopeVerifier } from '../signing.js';
import { microServiceName, type Subjects, serviceQueueGroup } from '../subjects.js';
import type { JobImplementation } from './job-implementation.js';
import { checkJobSettings, DEFAULT_JOB_SETTINGS, type JobSettings } from './job-settings.js';
import { startJobWorker } from './job-worker.js';
import { serveCall } from './serve-call.js';
import type { ToolImplementation } from './tool-implementation.js';

export interface ServiceDefinition {
  name: string;
  version: string;
  description: string;
  tools: readonly (ToolImplementation | JobImplementation)[];
}

function isJob(impl: ToolImplementation | JobImplementation): impl is JobImplementation {
  return 'run' in impl;
}

export interface ServiceStartDeps {
  nc: NatsConnection;
  subjects: Subjects;
  verifier: EnvelopeVerifier;
  logger: Logger;
  announceIntervalMs?: number;
  /** Worker settings for job tools (defaults: DEFAULT_JOB_SETTINGS). */
  jobSettings?: Partial<JobSettings>;
}

export interface RunningService {
  readonly instance: string;
  /** Withdraws from the registry, stops taking calls and aborts in-flight handlers. */
  stop(): Promise<void>;
}

export interface DefinedService {
  readonly definition: ServiceDefinition;
  start(deps: ServiceStartDeps): Promise<RunningService>;
}

function checkDefinition(definition: ServiceDefinition): void {
  if (!SERVICE_NAME_PATTERN.test(definition.name)) {
    throw new Error(`service name "${definition.name}" must match ${SERVICE_NAME_PATTERN.source}`);
  }
  if (!/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/.test(definition.version)) {
    throw new Error(
      `service version "${definition.version}" must be semantic (1.2.3), as NATS micro requires`,
    );
  }
  const seen = new Set<string>();
  for (const impl of definition.tools) {
    const { contract } = impl;
    if (contract.service !== definition.name) {
      throw new Error(
        `tool ${contract.name} belongs to service "${contract.service}", not "${definition.name}"`,
      );
    }
    if (contract.mode !== (isJob(impl) ? 'job' : 'call')) {
      throw new Error(
        `tool ${contract.name} is a ${contract.mode} tool; use ${contract.mode === 'job' ? 'implementJob' : 'implement'}()`,
      );
    }
    if (seen.has(contract.name)) throw new Error(`tool ${contract.name} is defined twice`);
    seen.add(contract.name);
  }
}

async function startWorker(
  deps: ServiceStartDeps,
  service: string,
  instance: string,
  jobs: JobImplementation[],
) {
  await provisionStreams(deps.nc, deps.subjects, { update: false });
  const runs = await openRunsBucket(deps.nc, deps.subjects);
  return startJobWorker({
    nc: deps.nc,
    subjects: deps.subjects,
    service,
    instance,
    jobs,
    verifier: deps.verifier,
    runEvents: await createRunEvents(deps.nc, deps.subjects),
    artifacts: await openArtifactStore(deps.nc, deps.subjects),
    isRunEnded: async (runId) => {
      const entry = await runs.get(runId).catch(() => null);
      if (entry?.operation !== 'PUT') return false;
      const status = (entry.json() as { status?: RunStatus }).status;
      return status !== undefined && TERMINAL_RUN_STATUSES.has(status);
    },
    settings: checkJobSettings({ ...DEFAULT_JOB_SETTINGS, ...deps.jobSettings }),
    logger: deps.logger,
  });
}

export function defineService(definition: ServiceDefinition): DefinedService {
  checkDefinition(definition);
  const descriptors = definition.tools.map((t) => describeTool(t.contract));
  return {
    definition,
    async start(deps) {
      const stopping = new AbortController();
      const micro = await new Svcm(deps.nc).add({
        name: microServiceName(definition.name),
        version: definition.version,
        description: definition.description,
        queue: serviceQueueGroup(definition.name),
      });
      const instance = micro.info().id;
      const calls = definition.tools.filter((t): t is ToolImplementation => !isJob(t));
      const jobs = definition.tools.filter(isJob);
      for (const impl of calls) {
        const { contract } = impl;
        micro.addEndpoint(contract.name, {
          subject: deps.subjects.call(definition.name, contract.name),
          metadata: { scope: contract.scope, mode: contract.mode },
          handler: (error, msg) => {
            if (error) {
              deps.logger.error('endpoint subscription failed', {
                tool: contract.name,
                error: String(error),
              });
              return;
            }
            void serveCall(msg, impl, {
              verifier: deps.verifier,
              instance,
              logger: deps.logger,
              stopSignal: stopping.signal,
            });
          },
        });
      }
      const worker = jobs.length ? await startWorker(deps, definition.name, instance, jobs) : undefined;
      const announcement = await announceInstance({
        kv: await openToolRegistry(deps.nc, deps.subjects),
        service: definition.name,
        instance,
        version: definition.version,
        tools: descriptors,
        logger: deps.logger,
        ...(deps.announceIntervalMs ? { intervalMs: deps.announceIntervalMs } : {}),
      });
      deps.logger.info('service started', { service: definition.name, instance, tools: descriptors.length });
      return {
        instance,
        async stop() {
          await announcement.withdraw().catch(() => undefined);
          await micro.stop();
          stopping.abort(new Error('service stopping'));
          await worker?.stop();
        },
      };
    },
  };
}
