// Per-workspace token buckets, driven by a controlled clock.
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.js';

describe('rate limiter', () => {
  it('allows a burst, then refills at the configured rate, per workspace', () => {
    let now = 0;
    const limiter = createRateLimiter({ perSecond: 10, burst: 3, now: () => now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(100);
    expect(limiter.take('b')).toBe(0);
    now = 100;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0);
    now = 10_000;
    expect(
      [limiter.take('a'), limiter.take('a'), limiter.take('a'), limiter.take('a')].filter((w) => w === 0),
    ).toHaveLength(3);
  });
});
