// Mesh service process entry.
import {
  createJsonLogger,
  openToolRegistry,
  parseServiceConfig,
  runService,
  watchToolRegistry,
} from '@longhaul/mesh';
import { createMeshService } from './mesh-service.js';

const logger = createJsonLogger(process.stderr, 'mesh');
try {
  const config = parseServiceConfig(process.env);
  const running = await runService('mesh', config, logger, async (nc, subjects) => {
    const registry = await watchToolRegistry({ kv: await openToolRegistry(nc, subjects), logger });
    return createMeshService({ nc, registry });
  });
  const shutdown = async () => {
    await running.stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  logger.error('mesh service failed to start', {
    error: error instanceof Error ? error.message : String(error),
  });
  process.exit(1);
}
