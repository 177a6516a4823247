// `pnpm migrate`: applies pending migrations to every service database and exits (the services also do it on start).
import { commonEnvSchema, createLogger, parseEnv, runCommand } from '@radar/common';
import { loadConfig as loadIdentityConfig, openIdentityDatabase } from '@radar/identity';
import { loadConfig as loadOrganisationsConfig, openOrganisationsDatabase } from '@radar/organisations';
import { loadConfig as loadPracticesConfig, openPracticesDatabase } from '@radar/practices';
import { loadConfig as loadProjectsConfig, openProjectsDatabase } from '@radar/projects';

await runCommand('migrate', async () => {
  const log = createLogger('migrate', parseEnv(commonEnvSchema).LOG_LEVEL);
  for (const open of [
    () => openOrganisationsDatabase(loadOrganisationsConfig(), log),
    () => openPracticesDatabase(loadPracticesConfig(), log),
    () => openProjectsDatabase(loadProjectsConfig(), log),
    () => openIdentityDatabase(loadIdentityConfig(), log),
  ]) {
    const db = await open();
    log.info({ database: db.location }, 'database is migrated');
    await db.close();
  }
  return 0;
});
