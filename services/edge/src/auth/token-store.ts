// Bearer tokens in Postgres: issue, verify (with a short cache), list and revoke.
import { LonghaulError } from '@longhaul/schemas';
import type { Kysely } from 'kysely';
import type { EdgeDatabase } from '../migrations.js';
import { hashesEqual, hashToken, issueToken, tokenId } from './token-format.js';

/** A verified token stays cached this long; revocation takes effect on every edge within it. */
export const DEFAULT_TOKEN_CACHE_MS = 5_000;
export const TOKEN_LABEL_MAX = 200;

export interface TokenGrant {
  tokenId: string;
  workspace: string;
  roles: string[];
  label: string;
  expiresAt: Date | null;
}

export interface TokenRecord extends TokenGrant {
  createdAt: Date;
  revokedAt: Date | null;
}

export interface CreateTokenInput {
  workspace: string;
  roles: string[];
  label?: string;
  ttlMs?: number;
}

export interface TokenStore {
  create(input: CreateTokenInput): Promise<{ token: string; record: TokenRecord }>;
  /** The grant of a valid token, or undefined for an unknown, revoked or expired one. */
  verify(token: string): Promise<TokenGrant | undefined>;
  list(options?: { workspace?: string; includeRevoked?: boolean }): Promise<TokenRecord[]>;
  /** Revokes by id; false when no such live token exists. */
  revoke(id: string): Promise<boolean>;
}

const WORKSPACE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const ROLE_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

function checkInput(input: CreateTokenInput): void {
  if (!WORKSPACE_PATTERN.test(input.workspace)) {
    throw new LonghaulError(
      'invalid_argument',
      `workspace "${input.workspace}" must be 1-63 characters of a-z, 0-9, "_" or "-", starting with a letter or digit`,
    );
  }
  if (input.roles.length === 0)
    throw new LonghaulError('invalid_argument', 'a token needs at least one role');
  const badRole = input.roles.find((r) => !ROLE_PATTERN.test(r));
  if (badRole !== undefined) {
    throw new LonghaulError('invalid_argument', `role "${badRole}" must match ${ROLE_PATTERN.source}`);
  }
  if ((input.label ?? '').length > TOKEN_LABEL_MAX) {
    throw new LonghaulError('invalid_argument', `label is longer than ${TOKEN_LABEL_MAX} characters`);
  }
  if (input.ttlMs !== undefined && !(input.ttlMs > 0)) {
    throw new LonghaulError('invalid_argument', 'ttl must be positive');
  }
}

function toRecord(row: {
  id: string;
  workspace: string;
  roles: string[];
  label: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
}): TokenRecord {
  return {
    tokenId: row.id,
    workspace: row.workspace,
    roles: row.roles,
    label: row.label,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

export interface TokenStoreOptions {
  db: Kysely<EdgeDatabase>;
  cacheMs?: number;
  now?: () => number;
}

export function createTokenStore(options: TokenStoreOptions): TokenStore {
  const { db } = options;
  const now = options.now ?? Date.now;
  const cacheMs = options.cacheMs ?? DEFAULT_TOKEN_CACHE_MS;
  const cache = new Map<string, { grant: TokenGrant | undefined; until: number }>();

  async function lookup(token: string): Promise<TokenGrant | undefined> {
    const id = tokenId(token);
    if (!id) return undefined;
    const row = await db.selectFrom('edge.tokens').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.revoked_at || !hashesEqual(row.hash, hashToken(token))) return undefined;
    return {
      tokenId: row.id,
      workspace: row.workspace,
      roles: row.roles,
      label: row.label,
      expiresAt: row.expires_at,
    };
  }

  return {
    async create(input) {
      checkInput(input);
      const issued = issueToken();
      const row = await db
        .insertInto('edge.tokens')
        .values({
          id: issued.id,
          hash: issued.hash,
          workspace: input.workspace,
          roles: input.roles,
          label: input.label ?? '',
          expires_at: input.ttlMs === undefined ? null : new Date(now() + input.ttlMs),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { token: issued.token, record: toRecord(row) };
    },

    async verify(token) {
      const at = now();
      let cached = cache.get(token);
      if (!cached || cached.until < at) {
        cached = { grant: await lookup(token), until: at + cacheMs };
        if (cache.size > 10_000) cache.clear();
        cache.set(token, cached);
      }
      const grant = cached.grant;
      if (grant?.expiresAt && grant.expiresAt.getTime() <= at) return undefined;
      return grant;
    },

    async list(filter = {}) {
      let query = db.selectFrom('edge.tokens').selectAll().orderBy('created_at');
      if (filter.workspace) query = query.where('workspace', '=', filter.workspace);
      if (!filter.includeRevoked) query = query.where('revoked_at', 'is', null);
      return (await query.execute()).map(toRecord);
    },

    async revoke(id) {
      const result = await db
        .updateTable('edge.tokens')
        .set({ revoked_at: new Date(now()) })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
