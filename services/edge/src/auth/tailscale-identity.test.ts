// Tailscale identity headers count only from a trusted proxy and only for mapped logins.
import { describe, expect, it } from 'vitest';
import { createTailscaleResolver } from './tailscale-identity.js';

describe('tailscale identity', () => {
  const resolver = createTailscaleResolver(['127.0.0.1'], {
    'alice@example.com': { workspace: 'alpha', roles: ['admin'] },
    '*@example.com': { workspace: 'shared', roles: ['reader'] },
  });
  const headers = (login?: string) => new Headers(login ? { 'Tailscale-User-Login': login } : {});

  it('maps a login from the trusted proxy, exact match before domain wildcard', () => {
    expect(resolver.resolve('127.0.0.1', headers('Alice@Example.com'))?.grant.workspace).toBe('alpha');
    expect(resolver.resolve('::ffff:127.0.0.1', headers('bob@example.com'))?.grant).toEqual({
      workspace: 'shared',
      roles: ['reader'],
    });
  });

  it('ignores headers from any other peer, absent headers and unmapped logins', () => {
    expect(resolver.resolve('10.1.2.3', headers('alice@example.com'))).toBeUndefined();
    expect(resolver.resolve(undefined, headers('alice@example.com'))).toBeUndefined();
    expect(resolver.resolve('127.0.0.1', headers())).toBeUndefined();
    expect(resolver.resolve('127.0.0.1', headers('eve@elsewhere.org'))).toBeUndefined();
  });
});
