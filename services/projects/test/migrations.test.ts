// A fresh database migrates to exactly the schema the entities describe, with nothing left to change.
import { createLogger, databaseName, dropServerDatabase } from '@radar/common';
import { afterAll, describe, it } from 'vitest';
import { expectMigrationsMatchEntities } from '../../../test/support/migrations.js';
import { testEnvironment } from '../../../test/support/stack.js';
import { openProjectsDatabase } from '../src/app.js';
import { loadConfig } from '../src/config.js';

const environment = testEnvironment();
const config = loadConfig(environment);

afterAll(async () => {
  if (environment.DATABASE_URL) await dropServerDatabase(environment.DATABASE_URL, databaseName(config, 'projects'));
});

describe('projects migrations', () => {
  it('bring a fresh database to the entities schema, and a second run applies nothing', async () => {
    const db = await openProjectsDatabase(
      config,
      createLogger('test', 'silent'),
      environment.DATABASE_URL ? undefined : 'memory://',
    );
    try {
      await expectMigrationsMatchEntities(db, [
        'Migration20261122020000_projects',
        'Migration20261201000000_consent_and_claims',
        'Migration20261201040000_project_languages',
        'Migration20261203040000_source_keys',
        'Migration20261204020000_project_events',
      ]);
    } finally {
      await db.close();
    }
  });
});
