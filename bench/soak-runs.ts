// soak:runs — SIGKILL the worker of a running job at a random step, SOAK_ITERATIONS times (default 100);
// prints lost and duplicated counts, which must both be 0.
import { chmodSync } from 'node:fs';
import { startEmbeddedPostgres } from '@longhaul/runtime';
import { makeTempDir, runSoak } from '@longhaul/testing/processes';

const iterations = Number(process.env.SOAK_ITERATIONS ?? 100);
const dir = makeTempDir('soak-pg');
// The embedded server runs as its own user, which must reach its data directory.
chmodSync(dir.path, 0o711);
const postgres = await startEmbeddedPostgres({ dataDir: `${dir.path}/pg`, persistent: false });
const result = await runSoak(iterations, postgres.adminUrl, (line) => console.log(line)).finally(() =>
  postgres.stop().finally(() => dir.remove()),
);
for (const problem of result.problems) console.log(`problem: ${problem}`);
console.log(`\n${result.iterations} iterations: lost ${result.lost}, duplicated ${result.duplicated}`);
process.exit(result.lost === 0 && result.duplicated === 0 ? 0 : 1);
