// `longhaul status`: services, instances, tools, versions and stream depths, read from NATS.
import { listStreamDepths, openToolRegistry, silentLogger, watchToolRegistry } from '@longhaul/mesh';
import { type MeshTarget, withMesh } from '../mesh-session.js';

export interface StatusOptions extends MeshTarget {
  json: boolean;
  print: (text: string) => void;
}

export async function status(options: StatusOptions): Promise<void> {
  await withMesh(options, async (nc, subjects) => {
    const registry = await watchToolRegistry({
      kv: await openToolRegistry(nc, subjects),
      logger: silentLogger,
    });
    await registry.ready;
    const instances = registry.instances().sort((a, b) => a.service.localeCompare(b.service));
    const streams = await listStreamDepths(nc);
    await registry.close();
    if (options.json) {
      options.print(JSON.stringify({ nats: nc.info?.version, instances, streams }, null, 2));
      return;
    }
    options.print(`NATS ${options.nats.url} (server ${nc.info?.version ?? '?'})`);
    const services = new Map<string, typeof instances>();
    for (const i of instances) services.set(i.service, [...(services.get(i.service) ?? []), i]);
    if (services.size === 0) options.print('no services running');
    for (const [service, list] of services) {
      const versions = [...new Set(list.map((i) => i.version))].join(', ');
      const tools = [...new Set(list.flatMap((i) => i.tools.map((t) => t.name)))].sort();
      options.print(`\n${service}  ${list.length} instance(s)  version ${versions}`);
      for (const i of list) {
        const age = Math.round((Date.now() - i.heartbeatAt) / 1000);
        options.print(
          `  instance ${i.instance}  started ${new Date(i.startedAt).toISOString()}  heartbeat ${age}s ago`,
        );
      }
      options.print(`  tools: ${tools.join(', ')}`);
    }
    options.print('\nstreams:');
    for (const s of streams)
      options.print(`  ${s.stream.padEnd(12)} ${s.messages} messages, ${s.consumers} consumers`);
  });
}
