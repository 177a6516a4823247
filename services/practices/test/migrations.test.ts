// A fresh database migrates to exactly the schema the entities describe, with nothing left to change; a database
// with practices in it keeps them through the later migrations.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, databaseName, dropServerDatabase, openDatabase, rows } from '@radar/common';
import { afterAll, describe, expect, it } from 'vitest';
import { expectMigrationsMatchEntities } from '../../../test/support/migrations.js';
import { testEnvironment } from '../../../test/support/stack.js';
import { openPracticesDatabase } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { practiceEntities } from '../src/entities.js';
import { practiceMigrations } from '../src/migrations/index.js';
import { Migration20261201060000_adoption_uptake } from '../src/migrations/Migration20261201060000_adoption_uptake.js';

const environment = testEnvironment();
const config = loadConfig(environment);

const upgraded = loadConfig({ ...environment, DATABASE_PREFIX: `${environment.DATABASE_PREFIX}_upgrade` });
const log = createLogger('test', 'silent');

afterAll(async () => {
  if (environment.DATABASE_URL) {
    await dropServerDatabase(environment.DATABASE_URL, databaseName(config, 'practices'));
    await dropServerDatabase(environment.DATABASE_URL, databaseName(upgraded, 'practices'));
  }
});

describe('practices migrations', () => {
  it('bring a fresh database to the entities schema, and a second run applies nothing', async () => {
    const db = await openPracticesDatabase(
      config,
      createLogger('test', 'silent'),
      environment.DATABASE_URL ? undefined : 'memory://',
    );
    try {
      await expectMigrationsMatchEntities(db, [
        'Migration20261122010000_practices',
        'Migration20261201010000_practice_moderation',
        'Migration20261201030000_contribution_proposals',
        'Migration20261201040000_practice_languages',
        'Migration20261201060000_adoption_uptake',
        'Migration20261201070000_not_duplicates',
        'Migration20261202010000_needs',
        'Migration20261202020000_assessments',
        'Migration20261202030000_practice_titles',
        'Migration20261202040000_source_keys',
        'Migration20261202050000_region_names',
        'Migration20261203010000_similar_lists',
        'Migration20261203020000_practice_match_index',
        'Migration20261203030000_adoption_source_keys',
        'Migration20261203030100_need_source_keys',
      ]);
    } finally {
      await db.close();
    }
  });

  it('give practices registered before texts had languages English, no translations and their search words', async () => {
    const dataDir = environment.DATABASE_URL ? undefined : await mkdtemp(join(tmpdir(), 'radar-practices-'));
    const before = practiceMigrations.findIndex(({ name }) => name === 'Migration20261201040000_practice_languages');
    const open = (migrations: typeof practiceMigrations) =>
      openDatabase({
        service: 'practices',
        entities: practiceEntities,
        migrations,
        config: upgraded,
        log,
        ...(dataDir ? { embeddedDataDir: dataDir } : {}),
      });
    try {
      const old = await open(practiceMigrations.slice(0, before));
      try {
        await old.orm.em.getConnection().execute(
          `insert into practice (id, title, summary, type, maturity, cdhi_codes, cdhi_codes_expanded, topics,
             target_groups, care_settings, languages, countries, nuts, standards, owner_id, status, created_at,
             updated_at) values ('5e1d3c0a-8b1f-4c4e-9d3a-1a0b2c3d0f01', 'Older telemonitoring', 'Registered before translations.',
             'APP', 'PILOT', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '7b0f1c52-3f4e-4b53-9a51-2f6f0a1c0001',
             'PUBLISHED', now(), now())`,
        );
      } finally {
        await old.close();
      }
      const db = await open(practiceMigrations);
      try {
        const [row] = await rows<{ language: string; translations: unknown; found: boolean }>(
          db.orm.em.fork(),
          `select language, translations, search_vector @@ to_tsquery('simple', 'telemon:*') as found from practice`,
          [],
        );
        expect(row).toEqual({ language: 'en', translations: [], found: true });
      } finally {
        await db.close();
      }
    } finally {
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('resolve adoptions recorded twice before the rule: the first one stays, the others become tombstones', async () => {
    const db = await openPracticesDatabase(
      config,
      createLogger('test', 'silent'),
      environment.DATABASE_URL ? undefined : 'memory://',
    );
    try {
      const connection = db.orm.em.fork().getConnection();
      const sql = (statement: string, params: unknown[] = []) => connection.execute(statement, params, 'all');
      // The database as it was before the migration: no exclusion constraint.
      await sql('alter table adoption drop constraint adoption_no_overlap');
      const practice = randomUUID();
      const adopter = randomUUID();
      await sql(
        `insert into practice (id, title, summary, type, maturity, cdhi_codes, cdhi_codes_expanded, topics,
          target_groups, care_settings, languages, countries, nuts, standards, owner_id, status, created_at, updated_at)
        values (?, 'Twice recorded', 'A practice.', 'APP', 'PILOT', '{}', '{}', '{}', '{}', '{}', '{}', '{DE}', '{DE21}',
          '{}', ?, 'PUBLISHED', now(), now())`,
        [practice, randomUUID()],
      );
      const adoption = async (id: string, nuts: string | null, start: string | null, end: string | null, at: string) =>
        sql(
          `insert into adoption (id, practice_id, adopter_id, country, nuts, scale, status, start_date, end_date,
            created_at, updated_at, version) values (?, ?, ?, 'DE', ?, 'LOCAL', 'ONGOING', ?, ?, ?, ?, 1)`,
          [id, practice, adopter, nuts, start, end, at, at],
        );
      const [first, twice, thrice, later, elsewhere] = [
        randomUUID(),
        randomUUID(),
        randomUUID(),
        randomUUID(),
        randomUUID(),
      ];
      await adoption(first, 'DE21', '2024-01-01', null, '2024-01-01T00:00:00Z');
      await adoption(twice, 'DE21', '2024-06-01', '2024-12-31', '2024-02-01T00:00:00Z');
      await adoption(thrice, 'DE21', null, null, '2024-03-01T00:00:00Z');
      await adoption(later, 'DE21', '2020-01-01', '2020-12-31', '2024-04-01T00:00:00Z');
      await adoption(elsewhere, null, '2024-01-01', null, '2024-05-01T00:00:00Z');

      const migration = new Migration20261201060000_adoption_uptake(
        db.orm.em.getDriver() as never,
        db.orm.config as never,
      );
      await migration.up();
      for (const query of migration.getQueries()) await sql(query as string);

      const live = await sql(
        'select id from adoption where practice_id = ? and deleted_at is null order by created_at',
        [practice],
      );
      expect(live.map((row) => row.id)).toEqual([first, later, elsewhere]);
      const events = await sql(
        "select comment from practice_event where practice_id = ? and action = 'ADOPTION_REMOVED' order by comment",
        [practice],
      );
      expect(events).toHaveLength(2);
      for (const event of events) expect(event.comment).toContain(first);
      // From now on the database itself refuses a duplicate.
      await expect(adoption(randomUUID(), 'DE21', '2025-01-01', null, '2025-01-01T00:00:00Z')).rejects.toThrow(
        /adoption_no_overlap/,
      );
    } finally {
      await db.close();
    }
  });
});
