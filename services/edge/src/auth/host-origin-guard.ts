// DNS-rebinding and cross-site protection: only allowlisted Host and Origin values reach the MCP endpoint.
export interface HostOriginPolicy {
  /** Host header values (`127.0.0.1:7700`, `box.tailnet.ts.net`); `*` allows any. */
  allowedHosts: readonly string[];
  /** Origin header values (`https://box.tailnet.ts.net`); requests with no Origin (CLI agents) are allowed. */
  allowedOrigins: readonly string[];
}

/** Why a request is refused, or undefined when it may pass. */
export function hostOriginProblem(
  policy: HostOriginPolicy,
  host: string | null,
  origin: string | null,
): string | undefined {
  if (!policy.allowedHosts.includes('*')) {
    const hostValue = (host ?? '').toLowerCase();
    if (!policy.allowedHosts.some((h) => h.toLowerCase() === hostValue)) {
      return `Host "${host ?? ''}" is not allowed; add it to LONGHAUL_ALLOWED_HOSTS`;
    }
  }
  if (origin !== null && !policy.allowedOrigins.includes('*')) {
    if (!policy.allowedOrigins.some((o) => o.toLowerCase() === origin.toLowerCase())) {
      return `Origin "${origin}" is not allowed; add it to LONGHAUL_ALLOWED_ORIGINS`;
    }
  }
  return undefined;
}
