// Establishes the principal of an HTTP request: bearer token first, then trusted Tailscale headers.
import type { EdgePrincipal } from './principal.js';
import type { TailscaleResolver } from './tailscale-identity.js';
import type { TokenStore } from './token-store.js';

export type AuthOutcome = { ok: true; principal: EdgePrincipal } | { ok: false; reason: string };

export interface Authenticator {
  authenticate(headers: Headers, peerAddress: string | undefined): Promise<AuthOutcome>;
}

export function createAuthenticator(tokens: TokenStore, tailscale: TailscaleResolver): Authenticator {
  return {
    async authenticate(headers, peerAddress) {
      const authorization = headers.get('authorization');
      if (authorization !== null) {
        const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
        if (!match?.[1]) {
          return { ok: false, reason: 'the Authorization header must be "Bearer <token>"' };
        }
        const grant = await tokens.verify(match[1]);
        if (!grant) {
          return {
            ok: false,
            reason:
              'the bearer token is unknown, revoked or expired; create one with `longhaul token create`',
          };
        }
        return {
          ok: true,
          principal: {
            id: `token:${grant.tokenId}`,
            workspace: grant.workspace,
            roles: grant.roles,
            via: 'token',
          },
        };
      }
      const identity = tailscale.resolve(peerAddress, headers);
      if (identity) {
        return {
          ok: true,
          principal: {
            id: `tailscale:${identity.login}`,
            workspace: identity.grant.workspace,
            roles: identity.grant.roles,
            via: 'tailscale',
          },
        };
      }
      return {
        ok: false,
        reason:
          'no credentials: send "Authorization: Bearer <token>" (see .longhaul/dev-token or `longhaul token create`)',
      };
    },
  };
}
