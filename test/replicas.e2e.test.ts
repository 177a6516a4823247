// Replicas of a service start at the same moment on one fresh database: they migrate it one after the other, and
// both answer. docker-compose.yml runs the gateway, which keeps no database, as two replicas; any subgraph may be
// scaled the same way.
import { databaseName, dropServerDatabase, generateSigningKey, type RunningService } from '@radar/common';
import { loadConfig, startOrganisations } from '@radar/organisations';
import { afterAll, describe, expect, it } from 'vitest';
import { testEnvironment } from './support/stack.js';

const environment = testEnvironment({ RADAR_SIGNING_KEYS: JSON.stringify({ keys: [generateSigningKey()] }) });
const replicas: RunningService[] = [];

afterAll(async () => {
  for (const replica of replicas) await replica.stop();
  if (environment.DATABASE_URL) {
    await dropServerDatabase(
      environment.DATABASE_URL,
      databaseName({ DATABASE_PREFIX: environment.DATABASE_PREFIX as string }, 'organisations'),
    );
  }
});

describe('subgraph replicas', () => {
  it('start together on one new database and both become ready', async () => {
    const embedded = environment.DATABASE_URL ? {} : { embeddedDataDir: 'memory://' };
    const started = await Promise.allSettled(
      [1, 2].map(() => startOrganisations(loadConfig(environment), { seed: false, ...embedded })),
    );
    for (const result of started) if (result.status === 'fulfilled') replicas.push(result.value);
    expect(started.map((result) => (result.status === 'rejected' ? String(result.reason) : 'started'))).toEqual([
      'started',
      'started',
    ]);
    for (const replica of replicas) {
      const ready = await fetch(`${replica.server.url}/ready`);
      expect(ready.status).toBe(200);
    }
    // On the embedded database each has its own in memory; the race is for a database on one server.
  }, 120_000);
});
