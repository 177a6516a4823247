// Shared check of a service's migrations: a fresh database ends up with exactly the entities' schema.
import type { Database } from '@radar/common';
import { expect } from 'vitest';

/**
 * radar_fold() and radar_translations() (the immutable functions behind the search indexes) and the exclusion
 * constraint that keeps adoptions from overlapping are created by the migrations and cannot be described by entity
 * metadata, so the comparator offers to drop them; everything else must match.
 */
const notDescribedByEntities = new Set([
  'drop function if exists "radar_fold"(text);',
  'drop function if exists "radar_translations"(jsonb, text);',
  'alter table "adoption" drop constraint "adoption_no_overlap";',
]);

export async function expectMigrationsMatchEntities(db: Database, migrations: string[]) {
  const executed = await db.orm.migrator.getExecuted();
  expect(executed.map((migration) => migration.name)).toEqual(migrations);
  const diff = await db.orm.schema.getUpdateSchemaSQL({ wrap: false });
  const statements = diff
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !notDescribedByEntities.has(line));
  expect(statements).toEqual([]);
  expect(await db.orm.migrator.getPending()).toEqual([]);
  expect(await db.orm.migrator.up()).toEqual([]);
}
