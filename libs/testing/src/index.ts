// Public surface of the test harness: real infrastructure per test file, processes, MCP clients.

export {
  EDGE_ENTRY,
  MESH_SERVICE_ENTRY,
  PROBE_SERVICE_ENTRY,
  RUNS_SERVICE_ENTRY,
  TASKS_SERVICE_ENTRY,
} from './entries.js';
export {
  createProbeService,
  PROBE_SERVICE,
  PROBE_STARTED_SUBJECT,
  PROBE_STEP_SUBJECT,
  probeExec,
  probeFail,
  probeRead,
  probeSteps,
} from './fixtures/probe-service.js';
export { connectMcpClient, type TestMcpClient } from './mcp-client.js';
export { startTestNats, type TestNats, type TestNatsOptions } from './nats.js';
export { createTestDatabase, type TestDatabase } from './postgres.js';
export { instanceIdOf, REPO_ROOT, type SpawnOptions, spawnProcess, type TestProcess } from './process.js';
export { makeTempDir } from './temp-dir.js';
export {
  startTestMesh,
  type TestEdge,
  type TestMesh,
  type TestMeshOptions,
} from './test-mesh.js';
