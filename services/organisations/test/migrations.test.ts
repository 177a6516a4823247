// A fresh database migrates to exactly the schema the entities describe, with nothing left to change.
import { createLogger, databaseName, dropServerDatabase } from '@radar/common';
import { afterAll, describe, it } from 'vitest';
import { expectMigrationsMatchEntities } from '../../../test/support/migrations.js';
import { testEnvironment } from '../../../test/support/stack.js';
import { openOrganisationsDatabase } from '../src/app.js';
import { loadConfig } from '../src/config.js';

const environment = testEnvironment();
const config = loadConfig(environment);

afterAll(async () => {
  if (environment.DATABASE_URL)
    await dropServerDatabase(environment.DATABASE_URL, databaseName(config, 'organisations'));
});

describe('organisations migrations', () => {
  it('bring a fresh database to the entities schema, and a second run applies nothing', async () => {
    const db = await openOrganisationsDatabase(
      config,
      createLogger('test', 'silent'),
      environment.DATABASE_URL ? undefined : 'memory://',
    );
    try {
      await expectMigrationsMatchEntities(db, [
        'Migration20261122000000_organisations',
        'Migration20261201020000_membership_proposals',
        'Migration20261202040000_source_keys',
        'Migration20261204010000_organisation_events',
      ]);
    } finally {
      await db.close();
    }
  });
});
