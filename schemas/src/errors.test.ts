// The error type survives its wire form and rebuilds from the code alone.
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, LonghaulError, toLonghaulError } from './errors.js';

describe('LonghaulError', () => {
  it.each(ERROR_CODES)('round-trips %s through JSON', (code) => {
    const original = new LonghaulError(code, `something about ${code}`, { data: { n: 1 } });
    const rebuilt = LonghaulError.fromWire(JSON.parse(JSON.stringify(original.toWire())));
    expect(rebuilt).toBeInstanceOf(LonghaulError);
    expect(rebuilt.code).toBe(code);
    expect(rebuilt.message).toBe(original.message);
    expect(rebuilt.retryable).toBe(original.retryable);
    expect(rebuilt.data).toEqual({ n: 1 });
  });

  it('marks transient codes retryable by default and lets callers override', () => {
    expect(new LonghaulError('unavailable', 'x').retryable).toBe(true);
    expect(new LonghaulError('invalid_argument', 'x').retryable).toBe(false);
    expect(new LonghaulError('internal', 'x', { retryable: true }).retryable).toBe(true);
  });

  it('turns an unknown wire shape into internal instead of trusting it', () => {
    const rebuilt = LonghaulError.fromWire({ code: 'teapot', message: 1 });
    expect(rebuilt.code).toBe('internal');
  });

  it('hides the detail of unexpected exceptions', () => {
    const wrapped = toLonghaulError(new TypeError('secret path /etc/x'));
    expect(wrapped.code).toBe('internal');
    expect(wrapped.message).not.toMatch(/secret/);
  });
});
