// Edge process entry: parse config, start, stop cleanly on SIGINT/SIGTERM.
import { createJsonLogger, stopOnSignals } from '@longhaul/mesh';
import { parseEdgeConfig } from './config.js';
import { startEdge } from './edge.js';

const logger = createJsonLogger(process.stderr, 'edge');
try {
  const edge = await startEdge(parseEdgeConfig(process.env), logger);
  stopOnSignals([() => edge.stop()]);
} catch (error) {
  logger.error('edge failed to start', { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
