// Public surface of the runs service package.
export { foldRunEvent } from './fold-run-event.js';
export { readRunRecords } from './run-history.js';
export { createRunStore, type RunStore } from './run-store.js';
export { createRunsService, RUNS_SERVICE_VERSION } from './runs-service.js';
export { DEFAULT_AGENT_STALL_MS, markStalled } from './stall.js';
