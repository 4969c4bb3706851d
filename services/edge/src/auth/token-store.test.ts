// Bearer tokens in a real Postgres database: issue, verify, expire, list, revoke.
import { migrateSchema, openDatabase } from '@longhaul/db';
import { createTestDatabase } from '@longhaul/testing';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { EDGE_MIGRATIONS, EDGE_SCHEMA, type EdgeDatabase } from '../migrations.js';
import { tokenId } from './token-format.js';
import { createTokenStore } from './token-store.js';

describe('token store', () => {
  it('issues, verifies, expires, lists and revokes tokens, storing only hashes', async () => {
    await using database = await createTestDatabase();
    const db = openDatabase<EdgeDatabase>({ url: database.url, applicationName: 'test' });
    await migrateSchema(db as Kysely<unknown>, EDGE_SCHEMA, EDGE_MIGRATIONS);
    await migrateSchema(db as Kysely<unknown>, EDGE_SCHEMA, EDGE_MIGRATIONS);
    let now = Date.now();
    const store = createTokenStore({ db, cacheMs: 0, now: () => now });

    const { token, record } = await store.create({
      workspace: 'alpha',
      roles: ['writer'],
      label: 'ci',
      ttlMs: 60_000,
    });
    expect(token).toMatch(/^lh_[A-Za-z0-9-]{12}_[A-Za-z0-9_-]{43}$/);
    expect(tokenId(token)).toBe(record.tokenId);
    const stored = await db.selectFrom('edge.tokens').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token.split('_').at(-1));

    expect(await store.verify(token)).toMatchObject({ workspace: 'alpha', roles: ['writer'], label: 'ci' });
    expect(await store.verify(`${token.slice(0, -1)}x`)).toBeUndefined();
    expect(await store.verify('lh_short')).toBeUndefined();

    now += 61_000;
    expect(await store.verify(token)).toBeUndefined();
    now -= 61_000;

    const second = await store.create({ workspace: 'beta', roles: ['reader'] });
    expect((await store.list()).map((r) => r.workspace)).toEqual(['alpha', 'beta']);
    expect((await store.list({ workspace: 'beta' })).map((r) => r.tokenId)).toEqual([second.record.tokenId]);
    expect(await store.revoke(second.record.tokenId)).toBe(true);
    expect(await store.revoke(second.record.tokenId)).toBe(false);
    expect(await store.verify(second.token)).toBeUndefined();
    expect(await store.list()).toHaveLength(1);
    expect(await store.list({ includeRevoked: true })).toHaveLength(2);
    await db.destroy();
  });

  it('rejects bad workspaces, roles, labels and ttls with the rule', async () => {
    await using database = await createTestDatabase();
    const db = openDatabase<EdgeDatabase>({ url: database.url, applicationName: 'test' });
    await migrateSchema(db as Kysely<unknown>, EDGE_SCHEMA, EDGE_MIGRATIONS);
    const store = createTokenStore({ db });
    await expect(store.create({ workspace: 'Has Space', roles: ['reader'] })).rejects.toThrow(
      /workspace "Has Space"/,
    );
    await expect(store.create({ workspace: 'w', roles: [] })).rejects.toThrow(/at least one role/);
    await expect(store.create({ workspace: 'w', roles: ['Admin!'] })).rejects.toThrow(/role "Admin!"/);
    await expect(store.create({ workspace: 'w', roles: ['reader'], label: 'x'.repeat(201) })).rejects.toThrow(
      /label/,
    );
    await expect(store.create({ workspace: 'w', roles: ['reader'], ttlMs: -5 })).rejects.toThrow(/ttl/);
    await db.destroy();
  });
});
