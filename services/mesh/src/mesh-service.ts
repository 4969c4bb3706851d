// The `mesh` service: reports services, instances, tools and queue depths, and echoes for path checks.
import { defineService, implement, listStreamDepths, type ToolRegistry } from '@longhaul/mesh';
import { echoContract, MESH_SERVICE, meshStatus } from '@longhaul/schemas';
import type { NatsConnection } from '@nats-io/transport-node';

export const MESH_SERVICE_VERSION = '0.1.0';

export interface MeshServiceDeps {
  nc: NatsConnection;
  registry: ToolRegistry;
}

function summariseServices(registry: ToolRegistry, only?: string) {
  const byService = new Map<string, { instances: number; versions: Set<string>; tools: Set<string> }>();
  for (const instance of registry.instances()) {
    if (only && instance.service !== only) continue;
    const entry = byService.get(instance.service) ?? { instances: 0, versions: new Set(), tools: new Set() };
    entry.instances += 1;
    entry.versions.add(instance.version);
    for (const tool of instance.tools) entry.tools.add(tool.name);
    byService.set(instance.service, entry);
  }
  return [...byService.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, e]) => ({
      service,
      instances: e.instances,
      versions: [...e.versions].sort(),
      tools: [...e.tools].sort(),
    }));
}

export function createMeshService(deps: MeshServiceDeps) {
  return defineService({
    name: MESH_SERVICE,
    version: MESH_SERVICE_VERSION,
    description: 'Longhaul mesh status: services, instances, tools, queue depths',
    tools: [
      implement(meshStatus, async (args) => {
        return {
          services: summariseServices(deps.registry, args.service),
          streams: await listStreamDepths(deps.nc),
          natsServerVersion: deps.nc.info?.version ?? 'unknown',
        };
      }),
      implement(echoContract, (args, ctx) => ({ text: args.text, instance: ctx.instance })),
    ],
  });
}
