// `longhaul token create|list|revoke`: manage bearer tokens in the edge's Postgres table.
import { openTokenStore } from '../edge-database.js';

export interface TokenCommandOptions {
  databaseUrl: string;
  print: (text: string) => void;
}

const DURATION = /^(\d+)([smhdw])$/;
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `30d`, `12h`, `90m` → milliseconds. */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text.trim());
  if (!match)
    throw new Error(`--ttl "${text}" is not a duration; use a number and a unit: 90m, 12h, 30d, 2w`);
  return Number(match[1]) * (UNIT_MS[match[2] as string] ?? 0);
}

export async function tokenCreate(
  options: TokenCommandOptions,
  input: { workspace: string; roles: string[]; label?: string; ttl?: string },
): Promise<void> {
  const store = await openTokenStore(options.databaseUrl);
  try {
    const { token, record } = await store.tokens.create({
      workspace: input.workspace,
      roles: input.roles,
      ...(input.label ? { label: input.label } : {}),
      ...(input.ttl ? { ttlMs: parseDuration(input.ttl) } : {}),
    });
    options.print(token);
    const expiry = record.expiresAt ? `expires ${record.expiresAt.toISOString()}` : 'does not expire';
    process.stderr.write(
      `token ${record.tokenId} for workspace "${record.workspace}" (${record.roles.join(',')}) ${expiry}\n`,
    );
  } finally {
    await store.close();
  }
}

export async function tokenList(options: TokenCommandOptions, filter: { workspace?: string; all?: boolean }) {
  const store = await openTokenStore(options.databaseUrl);
  try {
    const records = await store.tokens.list({
      ...(filter.workspace ? { workspace: filter.workspace } : {}),
      includeRevoked: filter.all ?? false,
    });
    options.print(
      ['ID            WORKSPACE         ROLES              EXPIRES                   STATE    LABEL'].join(
        '',
      ),
    );
    for (const r of records) {
      const state = r.revokedAt
        ? 'revoked'
        : r.expiresAt && r.expiresAt.getTime() < Date.now()
          ? 'expired'
          : 'active';
      options.print(
        [
          r.tokenId.padEnd(14),
          r.workspace.padEnd(18),
          r.roles.join(',').padEnd(19),
          (r.expiresAt?.toISOString() ?? 'never').padEnd(26),
          state.padEnd(9),
          r.label,
        ].join(''),
      );
    }
  } finally {
    await store.close();
  }
}

export async function tokenRevoke(options: TokenCommandOptions, id: string): Promise<void> {
  const store = await openTokenStore(options.databaseUrl);
  try {
    if (!(await store.tokens.revoke(id))) {
      throw new Error(`no active token with id "${id}"; \`longhaul token list\` shows the ids`);
    }
    options.print(`revoked ${id}; edges stop accepting it within 5 s`);
  } finally {
    await store.close();
  }
}
