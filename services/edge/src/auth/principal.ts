// Who is calling: the identity the edge established for one HTTP request.
export interface EdgePrincipal {
  /** `token:<id>` or `tailscale:<login>`. */
  id: string;
  workspace: string;
  roles: string[];
  via: 'token' | 'tailscale';
}
