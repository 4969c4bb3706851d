// Contract of the `mesh` service: what an agent or operator can ask about the running mesh.
import * as v from 'valibot';
import { defineToolContract } from '../tool-contract.js';

export const MESH_SERVICE = 'mesh';

const ServiceSummary = v.object({
  service: v.string(),
  instances: v.number(),
  versions: v.array(v.string()),
  tools: v.array(v.string()),
});

const StreamSummary = v.object({
  stream: v.string(),
  messages: v.number(),
  bytes: v.number(),
  consumers: v.number(),
});

export const meshStatus = defineToolContract({
  name: 'mesh_status',
  service: MESH_SERVICE,
  title: 'Mesh status',
  description:
    'Services running in the Longhaul mesh with their instance counts, versions and tools, and JetStream queue depths. Pass {"service": "<name>"} to see one service.',
  input: v.strictObject({
    service: v.optional(
      v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,31}$/), v.description('Only report this service')),
    ),
  }),
  output: v.object({
    services: v.array(ServiceSummary),
    streams: v.array(StreamSummary),
    natsServerVersion: v.string(),
  }),
  scope: 'read',
  timeoutMs: 5_000,
});

export const echoContract = defineToolContract({
  name: 'mesh_echo',
  service: MESH_SERVICE,
  title: 'Echo',
  description:
    'Returns the text it is given, with the id of the instance that served it; use it to check the path from an agent to the mesh.',
  input: v.strictObject({
    text: v.pipe(
      v.string(),
      v.maxLength(10_000),
      v.description('Text to echo back (at most 10,000 characters)'),
    ),
  }),
  output: v.object({ text: v.string(), instance: v.string() }),
  scope: 'read',
  timeoutMs: 5_000,
});

export const MESH_TOOLS = [meshStatus, echoContract] as const;
