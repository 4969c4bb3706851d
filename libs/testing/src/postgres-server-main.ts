// Runs the test suite's embedded PostgreSQL in its own process, so its exit hooks never touch the runner's exit code.
import { startEmbeddedPostgres } from '@longhaul/runtime';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: postgres-server-main.ts <data directory>\n');
  process.exit(2);
}
const server = await startEmbeddedPostgres({ dataDir, persistent: false });
process.stdout.write(`POSTGRES_ADMIN_URL=${server.adminUrl}\n`);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.removeAllListeners('SIGTERM');
process.removeAllListeners('SIGINT');
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
