// Envelope signatures: what the edge signs, a service with its public key accepts, and nothing else.
import { describe, expect, it } from 'vitest';
import { createSigner, createVerifier, generateSigningKey } from './signing.js';

describe('envelope signing', () => {
  const body = new TextEncoder().encode('{"tool":"mesh_echo"}');

  it('verifies a signature from the trusted key', () => {
    const key = generateSigningKey();
    const signer = createSigner(key.privateKey);
    expect(signer.publicKey).toBe(key.publicKey);
    expect(createVerifier([key.publicKey]).verify(body, signer.sign(body))).toBe(true);
  });

  it('rejects a tampered body, a foreign key and a missing signature', () => {
    const key = generateSigningKey();
    const other = generateSigningKey();
    const signature = createSigner(key.privateKey).sign(body);
    const verifier = createVerifier([key.publicKey]);
    expect(verifier.verify(new TextEncoder().encode('{"tool":"mesh_status"}'), signature)).toBe(false);
    expect(verifier.verify(body, createSigner(other.privateKey).sign(body))).toBe(false);
    expect(verifier.verify(body, undefined)).toBe(false);
    expect(verifier.verify(body, 'not-a-signature')).toBe(false);
  });

  it('accepts any of several keys during rotation', () => {
    const oldKey = generateSigningKey();
    const newKey = generateSigningKey();
    const verifier = createVerifier([oldKey.publicKey, newKey.publicKey]);
    expect(verifier.verify(body, createSigner(oldKey.privateKey).sign(body))).toBe(true);
    expect(verifier.verify(body, createSigner(newKey.privateKey).sign(body))).toBe(true);
  });

  it('needs at least one trusted key', () => {
    expect(() => createVerifier([])).toThrow(/at least one/);
  });
});
