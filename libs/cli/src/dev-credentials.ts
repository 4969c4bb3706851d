// The signing key and development token that `longhaul up` keeps in `.longhaul/` (mode 0600).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { TokenStore } from '@longhaul/edge';
import { createSigner, generateSigningKey } from '@longhaul/mesh';
import type { StatePaths } from './state-dir.js';

export const DEV_WORKSPACE = 'default';
export const DEV_ROLES = ['admin'];

/** The edge's Ed25519 key: read, or created on first run. */
export function loadOrCreateSigningKey(paths: StatePaths): { privateKey: string; publicKey: string } {
  if (existsSync(paths.signingKey)) {
    const privateKey = readFileSync(paths.signingKey, 'utf8').trim();
    return { privateKey, publicKey: createSigner(privateKey).publicKey };
  }
  const key = generateSigningKey();
  writeFileSync(paths.signingKey, `${key.privateKey}\n`, { mode: 0o600 });
  return key;
}

/** The development token: the existing one while it is still valid, otherwise a new admin token. */
export async function ensureDevToken(paths: StatePaths, tokens: TokenStore): Promise<string> {
  if (existsSync(paths.devToken)) {
    const existing = readFileSync(paths.devToken, 'utf8').trim();
    if (await tokens.verify(existing)) return existing;
  }
  const { token } = await tokens.create({
    workspace: DEV_WORKSPACE,
    roles: DEV_ROLES,
    label: 'longhaul up dev token',
  });
  writeFileSync(paths.devToken, `${token}\n`, { mode: 0o600 });
  return token;
}
