// soak:runs — SIGKILL the worker of a running job at a random step, SOAK_ITERATIONS times (default 100);
// prints lost and duplicated counts, which must both be 0.
import { runSoak } from '@longhaul/testing/processes';

const iterations = Number(process.env.SOAK_ITERATIONS ?? 100);
const result = await runSoak(iterations, (line) => console.log(line));
for (const problem of result.problems) console.log(`problem: ${problem}`);
console.log(`\n${result.iterations} iterations: lost ${result.lost}, duplicated ${result.duplicated}`);
process.exit(result.lost === 0 && result.duplicated === 0 ? 0 : 1);
