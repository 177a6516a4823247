// `pnpm migrate`: applies pending migrations to every service database and exits (the services also do it on start).
import { commonEnvSchema, createLogger, parseEnv, runCommand, subgraphs } from '@radar/common';
import { subgraphBindings } from './subgraphs.js';

await runCommand('migrate', async () => {
  const log = createLogger('migrate', parseEnv(commonEnvSchema).LOG_LEVEL);
  for (const open of [
    ...subgraphs.map(
      ({ name }) =>
        () =>
          subgraphBindings[name].openDatabase(process.env, log),
    ),
  ]) {
    const db = await open();
    log.info({ database: db.location }, 'database is migrated');
    await db.close();
  }
  return 0;
});
