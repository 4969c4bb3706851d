// Process shutdown for mains: on SIGINT or SIGTERM run each stop step in order, then exit 0.
export function stopOnSignals(steps: ReadonlyArray<() => unknown>): void {
  const shutdown = async () => {
    for (const step of steps) await Promise.resolve(step()).catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
