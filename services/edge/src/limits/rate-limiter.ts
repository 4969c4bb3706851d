// Per-workspace token-bucket rate limit on tool calls.
export const DEFAULT_RATE_PER_SECOND = 200;
export const DEFAULT_RATE_BURST = 400;

export interface RateLimiter {
  /** Takes one unit; returns 0 when allowed, otherwise the milliseconds to wait before retrying. */
  take(key: string): number;
}

export interface RateLimiterOptions {
  perSecond: number;
  burst: number;
  now?: () => number;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const at = now();
      const bucket = buckets.get(key) ?? { tokens: options.burst, at };
      bucket.tokens = Math.min(options.burst, bucket.tokens + ((at - bucket.at) / 1000) * options.perSecond);
      bucket.at = at;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.ceil(((1 - bucket.tokens) / options.perSecond) * 1000);
    },
  };
}
