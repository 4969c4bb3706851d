// The processes `longhaul up` runs: the edge and every capability service, by package entry point.
import { fileURLToPath } from 'node:url';

export interface ProcessSpec {
  name: string;
  /** Absolute path of the TypeScript entry file. */
  entry: string;
}

function entryOf(specifier: string): string {
  return fileURLToPath(import.meta.resolve(specifier));
}

export function edgeProcess(): ProcessSpec {
  return { name: 'edge', entry: entryOf('@longhaul/edge/main') };
}

export function serviceProcesses(): ProcessSpec[] {
  return [
    { name: 'mesh', entry: entryOf('@longhaul/service-mesh/main') },
    { name: 'runs', entry: entryOf('@longhaul/service-runs/main') },
    { name: 'tasks', entry: entryOf('@longhaul/service-tasks/main') },
  ];
}
