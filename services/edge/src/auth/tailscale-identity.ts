// Identity from `tailscale serve` headers, trusted only when the TCP peer is a configured proxy.
import { isIP } from 'node:net';

export const TAILSCALE_LOGIN_HEADER = 'tailscale-user-login';
export const TAILSCALE_NAME_HEADER = 'tailscale-user-name';

export interface TailscaleGrant {
  workspace: string;
  roles: string[];
}

/** Login (`alice@example.com`) or domain wildcard (`*@example.com`) → grant. */
export type TailscaleIdentityMap = Record<string, TailscaleGrant>;

export interface TailscaleIdentity {
  login: string;
  grant: TailscaleGrant;
}

function normaliseAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

export interface TailscaleResolver {
  /** The mapped identity, or undefined when the peer is not trusted, the header is absent or unmapped. */
  resolve(peerAddress: string | undefined, headers: Headers): TailscaleIdentity | undefined;
  /** Whether the peer may speak for a tailnet user (headers are ignored from anyone else). */
  isTrustedProxy(peerAddress: string | undefined): boolean;
}

export function createTailscaleResolver(
  trustedProxies: readonly string[],
  map: TailscaleIdentityMap,
): TailscaleResolver {
  const trusted = new Set(trustedProxies.map(normaliseAddress));
  const isTrustedProxy = (peer: string | undefined) =>
    peer !== undefined && trusted.has(normaliseAddress(peer));
  return {
    isTrustedProxy,
    resolve(peer, headers) {
      if (!isTrustedProxy(peer)) return undefined;
      const login = headers.get(TAILSCALE_LOGIN_HEADER)?.trim().toLowerCase();
      if (!login) return undefined;
      const domain = login.includes('@') ? `*@${login.split('@')[1]}` : undefined;
      const grant = map[login] ?? (domain ? map[domain] : undefined);
      return grant ? { login, grant } : undefined;
    },
  };
}
