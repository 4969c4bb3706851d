// Entry points of the processes tests start, resolved from the repository root.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './process.js';

export const EDGE_ENTRY = join(REPO_ROOT, 'services/edge/src/main.ts');
export const MESH_SERVICE_ENTRY = join(REPO_ROOT, 'services/mesh/src/main.ts');
export const RUNS_SERVICE_ENTRY = join(REPO_ROOT, 'services/runs/src/main.ts');
export const TASKS_SERVICE_ENTRY = join(REPO_ROOT, 'services/tasks/src/main.ts');
export const PROBE_SERVICE_ENTRY = fileURLToPath(new URL('./fixtures/probe-main.ts', import.meta.url));
