// Gateway replicas (docker-compose.yml runs two) start at the same moment on one fresh database: they migrate it one
// after the other, and both answer.
import { randomBytes } from 'node:crypto';
import { databaseName, dropServerDatabase } from '@radar/common';
import { type GatewayService, loadGatewayConfig, startGateway } from '@radar/gateway';
import { afterAll, describe, expect, it } from 'vitest';
import { testEnvironment } from './support/stack.js';

const environment = testEnvironment({ RADAR_GATEWAY_SECRET: randomBytes(32).toString('base64url') });
const replicas: GatewayService[] = [];

afterAll(async () => {
  for (const replica of replicas) await replica.stop();
  if (environment.DATABASE_URL) {
    await dropServerDatabase(
      environment.DATABASE_URL,
      databaseName({ DATABASE_PREFIX: environment.DATABASE_PREFIX as string }, 'gateway'),
    );
  }
});

describe('gateway replicas', () => {
  it('start together on one new database and both become ready', async () => {
    const embedded = environment.DATABASE_URL ? {} : { embeddedDataDir: 'memory://' };
    const started = await Promise.allSettled([1, 2].map(() => startGateway(loadGatewayConfig(environment), embedded)));
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
