// Edge configuration: defaults, and a clear message naming each bad variable.
import { describe, expect, it } from 'vitest';
import { parseEdgeConfig } from './config.js';

const base = {
  NATS_URL: 'nats://127.0.0.1:4222',
  DATABASE_URL: 'postgres://x/y',
  LONGHAUL_EDGE_SIGNING_KEY: 'k',
};

describe('edge config', () => {
  it('fills defaults', () => {
    const config = parseEdgeConfig(base);
    expect(config).toMatchObject({ host: '127.0.0.1', port: 7700, subjectPrefix: 'lh', trustedProxies: [] });
    expect(config.allowedHosts).toContain('127.0.0.1:7700');
    expect(config.roles.admin).toEqual(['read', 'write', 'exec', 'admin']);
  });

  it('names every missing or malformed variable', () => {
    expect(() => parseEdgeConfig({})).toThrow(/NATS_URL is required[\s\S]*DATABASE_URL is required/);
    expect(() => parseEdgeConfig({ ...base, LONGHAUL_EDGE_PORT: 'eighty' })).toThrow(/LONGHAUL_EDGE_PORT/);
    expect(() => parseEdgeConfig({ ...base, LONGHAUL_ROLES: '{bad json' })).toThrow(
      /JSON value is malformed/,
    );
    expect(() => parseEdgeConfig({ ...base, LONGHAUL_EDGE_SIGNING_KEY: undefined })).toThrow(/SIGNING_KEY/);
  });

  it('reads lists and JSON maps', () => {
    const config = parseEdgeConfig({
      ...base,
      LONGHAUL_ALLOWED_HOSTS: 'a:1, b:2',
      LONGHAUL_TRUSTED_PROXIES: '127.0.0.1',
      LONGHAUL_TAILSCALE_IDENTITIES: '{"a@b.c":{"workspace":"w","roles":["reader"]}}',
    });
    expect(config.allowedHosts).toEqual(['a:1', 'b:2']);
    expect(config.tailscaleIdentities['a@b.c']?.workspace).toBe('w');
  });
});
