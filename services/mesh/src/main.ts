// Mesh service process entry.
import {
  createJsonLogger,
  openToolRegistry,
  parseServiceConfig,
  runService,
  stopOnSignals,
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
  stopOnSignals([() => running.stop()]);
} catch (error) {
  logger.error('mesh service failed to start', {
    error: error instanceof Error ? error.message : String(error),
  });
  process.exit(1);
}
