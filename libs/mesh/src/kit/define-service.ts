// The service kit: declare a service's tools once, start it as a NATS micro service that announces itself.
import { describeTool, SERVICE_NAME_PATTERN } from '@longhaul/schemas';
import { Svcm } from '@nats-io/services';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../logger.js';
import { openToolRegistry } from '../provision.js';
import { announceInstance } from '../registry/announce.js';
import type { EnvelopeVerifier } from '../signing.js';
import { microServiceName, type Subjects, serviceQueueGroup } from '../subjects.js';
import { serveCall } from './serve-call.js';
import type { ToolImplementation } from './tool-implementation.js';

export interface ServiceDefinition {
  name: string;
  version: string;
  description: string;
  tools: readonly ToolImplementation[];
}

export interface ServiceStartDeps {
  nc: NatsConnection;
  subjects: Subjects;
  verifier: EnvelopeVerifier;
  logger: Logger;
  announceIntervalMs?: number;
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
  for (const { contract } of definition.tools) {
    if (contract.service !== definition.name) {
      throw new Error(
        `tool ${contract.name} belongs to service "${contract.service}", not "${definition.name}"`,
      );
    }
    if (contract.mode !== 'call') {
      throw new Error(`tool ${contract.name} is a ${contract.mode} tool; this kit serves call tools only`);
    }
    if (seen.has(contract.name)) throw new Error(`tool ${contract.name} is defined twice`);
    seen.add(contract.name);
  }
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
      for (const impl of definition.tools) {
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
        },
      };
    },
  };
}
