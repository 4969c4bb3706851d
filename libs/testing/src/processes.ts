// The parts of the harness usable outside vitest (benchmarks, soak scripts): processes, entries, temp dirs.
export {
  EDGE_ENTRY,
  MESH_SERVICE_ENTRY,
  PROBE_SERVICE_ENTRY,
  RUNS_SERVICE_ENTRY,
  TASKS_SERVICE_ENTRY,
} from './entries.js';
export { instanceIdOf, REPO_ROOT, type SpawnOptions, spawnProcess, type TestProcess } from './process.js';
export { runSoak, type SoakResult } from './soak-runs.js';
export { makeTempDir } from './temp-dir.js';
