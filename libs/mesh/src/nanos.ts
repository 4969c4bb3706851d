// JetStream durations are nanoseconds; the code thinks in milliseconds.
export function nanos(ms: number): number {
  return ms * 1_000_000;
}
