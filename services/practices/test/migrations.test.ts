// A fresh database migrates to exactly the schema the entities describe, with nothing left to change; a database
// with practices in it keeps them through the later migrations.
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
});
