// Worker settings for a service's job tools, validated when the service starts.
export interface JobSettings {
  /** Jobs one instance runs at once. */
  concurrency: number;
  /** How long NATS waits for an ack before redelivering; the worker signals `working()` well inside it. */
  ackWaitMs: number;
  /** Deliveries before a job is given up and dead-lettered. */
  maxDeliver: number;
  /** Delay before retry n (the last value repeats). */
  backoffMs: number[];
}

export const DEFAULT_JOB_SETTINGS: JobSettings = {
  concurrency: 4,
  ackWaitMs: 30_000,
  maxDeliver: 5,
  backoffMs: [1_000, 5_000, 15_000, 60_000],
};

export function checkJobSettings(settings: JobSettings): JobSettings {
  const problems: string[] = [];
  if (!Number.isInteger(settings.concurrency) || settings.concurrency < 1)
    problems.push('concurrency must be ≥ 1');
  if (!Number.isInteger(settings.ackWaitMs) || settings.ackWaitMs < 1_000)
    problems.push('ackWaitMs must be ≥ 1000');
  if (!Number.isInteger(settings.maxDeliver) || settings.maxDeliver < 1)
    problems.push('maxDeliver must be ≥ 1');
  if (settings.backoffMs.length === 0 || settings.backoffMs.some((ms) => !(ms >= 0))) {
    problems.push('backoffMs needs at least one non-negative delay');
  }
  if (problems.length) throw new Error(`invalid job settings: ${problems.join('; ')}`);
  return settings;
}
