// Edge process entry: parse config, start, stop cleanly on SIGINT/SIGTERM.
import { createJsonLogger } from '@longhaul/mesh';
import { parseEdgeConfig } from './config.js';
import { startEdge } from './edge.js';

const logger = createJsonLogger(process.stderr, 'edge');
try {
  const edge = await startEdge(parseEdgeConfig(process.env), logger);
  const shutdown = async () => {
    await edge.stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  logger.error('edge failed to start', { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
