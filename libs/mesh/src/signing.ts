// Ed25519 signatures on envelopes: the edge signs, services verify before acting.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';

/** Header carrying the base64url Ed25519 signature of the message body. */
export const SIGNATURE_HEADER = 'Lh-Signature';

export interface EnvelopeSigner {
  readonly publicKey: string;
  sign(body: Uint8Array): string;
}

export interface EnvelopeVerifier {
  verify(body: Uint8Array, signature: string | undefined): boolean;
}

/** A new key pair; the private key as a base64url PKCS#8 seed string, the public key as base64url SPKI. */
export function generateSigningKey(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url'),
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64url'),
  };
}

export function createSigner(privateKey: string): EnvelopeSigner {
  const key = createPrivateKey({ key: Buffer.from(privateKey, 'base64url'), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(key).export({ format: 'der', type: 'spki' }).toString('base64url');
  return { publicKey, sign: (body) => sign(null, body, key).toString('base64url') };
}

/** Verifies against any of the trusted public keys (several while keys rotate). */
export function createVerifier(publicKeys: readonly string[]): EnvelopeVerifier {
  if (publicKeys.length === 0) throw new Error('createVerifier needs at least one trusted edge public key');
  const keys: KeyObject[] = publicKeys.map((k) =>
    createPublicKey({ key: Buffer.from(k, 'base64url'), format: 'der', type: 'spki' }),
  );
  return {
    verify(body, signature) {
      if (!signature) return false;
      const bytes = Buffer.from(signature, 'base64url');
      return keys.some((key) => verify(null, body, key, bytes));
    },
  };
}
