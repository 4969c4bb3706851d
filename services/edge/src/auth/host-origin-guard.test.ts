// Host and Origin allowlists.
import { describe, expect, it } from 'vitest';
import { hostOriginProblem } from './host-origin-guard.js';

describe('host/origin guard', () => {
  const policy = {
    allowedHosts: ['127.0.0.1:7700', 'box.tail.ts.net'],
    allowedOrigins: ['https://box.tail.ts.net'],
  };

  it('passes allowlisted hosts, case-insensitively, and requests with no Origin', () => {
    expect(hostOriginProblem(policy, '127.0.0.1:7700', null)).toBeUndefined();
    expect(hostOriginProblem(policy, 'BOX.tail.ts.net', 'https://box.tail.ts.net')).toBeUndefined();
  });

  it('names the refused Host or Origin and the setting to change', () => {
    expect(hostOriginProblem(policy, 'evil.example', null)).toMatch(
      /Host "evil.example".*LONGHAUL_ALLOWED_HOSTS/,
    );
    expect(hostOriginProblem(policy, null, null)).toMatch(/Host ""/);
    expect(hostOriginProblem(policy, '127.0.0.1:7700', 'https://evil.example')).toMatch(
      /Origin "https:\/\/evil.example".*LONGHAUL_ALLOWED_ORIGINS/,
    );
    expect(hostOriginProblem(policy, '127.0.0.1:7700', 'null')).toMatch(/Origin "null"/);
  });

  it('allows anything with "*"', () => {
    expect(
      hostOriginProblem({ allowedHosts: ['*'], allowedOrigins: ['*'] }, 'x', 'https://y'),
    ).toBeUndefined();
  });
});
