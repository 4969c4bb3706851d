// Service configuration: required variables named in the error, lists split.
import { describe, expect, it } from 'vitest';
import { parseServiceConfig } from './service-config.js';

describe('service config', () => {
  it('names each missing variable', () => {
    expect(() => parseServiceConfig({})).toThrow(
      /NATS_URL is required[\s\S]*LONGHAUL_EDGE_PUBLIC_KEYS is required/,
    );
  });

  it('reads NATS credentials and TLS files', () => {
    const config = parseServiceConfig({
      NATS_URL: 'tls://x',
      NATS_USER: 'svc',
      NATS_PASSWORD: 'pw',
      NATS_TLS_CA: '/ca.pem',
      LONGHAUL_EDGE_PUBLIC_KEYS: 'k',
    });
    expect(config.nats).toEqual({ url: 'tls://x', user: 'svc', pass: 'pw', tls: { caFile: '/ca.pem' } });
  });

  it('splits the trusted keys and defaults the prefix', () => {
    expect(parseServiceConfig({ NATS_URL: 'nats://x', LONGHAUL_EDGE_PUBLIC_KEYS: 'a, b' })).toEqual({
      nats: { url: 'nats://x' },
      edgePublicKeys: ['a', 'b'],
      subjectPrefix: 'lh',
    });
  });
});
