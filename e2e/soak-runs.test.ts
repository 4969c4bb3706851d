// Ten rounds of the soak in CI (npm run soak:runs does a hundred): no job lost, none repeated before its checkpoint.
import { createTestDatabase } from '@longhaul/testing';
import { runSoak } from '@longhaul/testing/processes';
import { describe, expect, it } from 'vitest';

describe('soak: worker killed mid-job', () => {
  it('loses and duplicates nothing over 10 random kill points', async () => {
    await using database = await createTestDatabase();
    const result = await runSoak(10, database.url);
    expect(result.problems).toEqual([]);
    expect({ lost: result.lost, duplicated: result.duplicated }).toEqual({ lost: 0, duplicated: 0 });
  }, 180_000);
});
