// Bearer token format: `lh_<id>_<secret>`; only a SHA-256 of the whole token is ever stored.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_PATTERN = /^lh_([A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{43})$/;

export interface IssuedToken {
  id: string;
  token: string;
  hash: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function issueToken(): IssuedToken {
  // The id must not contain "_" so the token splits unambiguously.
  const id = randomBytes(9).toString('base64url').replaceAll('_', 'A');
  const token = `lh_${id}_${randomBytes(32).toString('base64url')}`;
  return { id, token, hash: hashToken(token) };
}

/** The token id, or undefined when the string is not shaped like a Longhaul token. */
export function tokenId(token: string): string | undefined {
  return TOKEN_PATTERN.exec(token)?.[1];
}

export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
