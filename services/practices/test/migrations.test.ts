// A fresh database migrates to exactly the schema the entities describe, with nothing left to change.
import { createLogger, databaseName, dropServerDatabase } from '@radar/common';
import { afterAll, describe, it } from 'vitest';
import { expectMigrationsMatchEntities } from '../../../test/support/migrations.js';
import { testEnvironment } from '../../../test/support/stack.js';
import { openPracticesDatabase } from '../src/app.js';
import { loadConfig } from '../src/config.js';

const environment = testEnvironment();
const config = loadConfig(environment);

afterAll(async () => {
  if (environment.DATABASE_URL) await dropServerDatabase(environment.DATABASE_URL, databaseName(config, 'practices'));
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
        'Migration20261201060000_adoption_uptake',
      ]);
    } finally {
      await db.close();
    }
  });
});
