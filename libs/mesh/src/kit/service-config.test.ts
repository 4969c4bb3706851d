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

  it('reads job worker settings', () => {
    const config = parseServiceConfig({
      NATS_URL: 'nats://x',
      LONGHAUL_EDGE_PUBLIC_KEYS: 'k',
      LONGHAUL_JOB_ACK_WAIT_MS: '2000',
      LONGHAUL_JOB_BACKOFF_MS: '100, 200',
    });
    expect(config.jobSettings).toEqual({ ackWaitMs: 2000, backoffMs: [100, 200] });
    expect(() =>
      parseServiceConfig({ NATS_URL: 'n', LONGHAUL_EDGE_PUBLIC_KEYS: 'k', LONGHAUL_JOB_ACK_WAIT_MS: '10' }),
    ).toThrow(/LONGHAUL_JOB_ACK_WAIT_MS/);
  });

  it('splits the trusted keys and defaults the prefix', () => {
    expect(parseServiceConfig({ NATS_URL: 'nats://x', LONGHAUL_EDGE_PUBLIC_KEYS: 'a, b' })).toEqual({
      nats: { url: 'nats://x' },
      edgePublicKeys: ['a', 'b'],
      jobSettings: {},
      subjectPrefix: 'lh',
    });
  });
});
