// Subject, stream and bucket names of the mesh; the only place they are spelled.
export const DEFAULT_SUBJECT_PREFIX = 'lh';

/** Builds every subject, stream and bucket name of the mesh under one prefix (`lh` → `LH_JOBS`, `lh_tools`). */
export function createSubjects(prefix: string = DEFAULT_SUBJECT_PREFIX) {
  if (!/^[a-z][a-z0-9]{0,15}$/.test(prefix)) {
    throw new Error(
      `subject prefix "${prefix}" must be 1-16 lowercase letters or digits, starting with a letter`,
    );
  }
  const upper = prefix.toUpperCase();
  const lower = prefix;
  return {
    prefix,
    streams: {
      jobs: `${upper}_JOBS`,
      runs: `${upper}_RUNS`,
      audit: `${upper}_AUDIT`,
      deadLetters: `${upper}_DLQ`,
      /** Max-deliveries advisories of the job stream, kept so none is lost while no runs service is up. */
      advisories: `${upper}_ADVISORIES`,
    },
    buckets: {
      tools: `${lower}_tools`,
      runs: `${lower}_runs`,
      idempotency: `${lower}_idem`,
      sessions: `${lower}_sessions`,
      artifacts: `${lower}_artifacts`,
    },
    call: (service: string, tool: string) => `${prefix}.call.${service}.${tool}`,
    job: (service: string, tool: string) => `${prefix}.job.${service}.${tool}`,
    jobsOf: (service: string) => `${prefix}.job.${service}.>`,
    allJobs: () => `${prefix}.job.>`,
    runEvent: (runId: string, kind: string) => `${prefix}.run.${runId}.${kind}`,
    runEvents: (runId: string) => `${prefix}.run.${runId}.>`,
    allRunEvents: () => `${prefix}.run.>`,
    cancel: (runId: string) => `${prefix}.cancel.${runId}`,
    event: (service: string, workspace: string, kind: string) =>
      `${prefix}.event.${service}.${workspace}.${kind}`,
    audit: (service: string, tool: string) => `${prefix}.audit.${service}.${tool}`,
    allAudit: () => `${prefix}.audit.>`,
    deadLetter: (service: string, tool: string) => `${prefix}.dlq.${service}.${tool}`,
    allDeadLetters: () => `${prefix}.dlq.>`,
    /** What the server announces when a job reached its max deliveries (one subject per consumer). */
    maxDeliveriesAdvisories: () => `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${upper}_JOBS.*`,
  };
}

export type Subjects = ReturnType<typeof createSubjects>;

/** The NATS micro service name of a Longhaul service (so `nats micro ls` lists it). */
export function microServiceName(service: string): string {
  return `longhaul-${service}`;
}

/** The queue group all instances of one service share. */
export function serviceQueueGroup(service: string): string {
  return `svc-${service}`;
}

/** Registry key of one service instance in the `lh_tools` bucket. */
export function registryKey(service: string, instance: string): string {
  return `svc.${service}.${instance}`;
}
