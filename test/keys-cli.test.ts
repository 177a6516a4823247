// The key command as an operator runs it: mint shows the key once, list never shows it, revoke takes effect.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { commonEnvSchema, createLogger, databaseName, dropServerDatabase, parseEnv } from '@radar/common';
import { openGatewayDatabase } from '@radar/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnvironment } from './support/stack.js';

const run = promisify(execFile);
const cli = new URL('../gateway/dist/keys.cli.js', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'radar-keys-'));
const environment = { ...process.env, ...testEnvironment({ RADAR_DATA_DIR: dataDir }) };

// The database exists before the first command, as after `pnpm migrate` or a first start, so each call below only opens it.
beforeAll(async () => {
  const db = await openGatewayDatabase(parseEnv(commonEnvSchema, environment), createLogger('keys-test', 'silent'));
  await db.close();
});

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  if (environment.DATABASE_URL) {
    await dropServerDatabase(
      environment.DATABASE_URL,
      databaseName({ DATABASE_PREFIX: environment.DATABASE_PREFIX as string }, 'gateway'),
    );
  }
});

async function keys(...args: string[]) {
  return keysWith(environment, ...args);
}

async function keysWith(env: NodeJS.ProcessEnv, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('pnpm keys', () => {
  it('mints a curator key once, lists it without the secret, and revokes it', async () => {
    const minted = await keys('mint', '--role', 'curator', '--label', 'Test curator');
    expect(minted.code).toBe(0);
    const token = minted.stdout.match(/radar_([a-f0-9]{16})_[A-Za-z0-9_-]{43}/);
    expect(token).not.toBeNull();
    const id = token?.[1] as string;

    const listed = await keys('list');
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).not.toContain(token?.[0]);
    expect(listed.stdout).toMatch(/active/);

    const revoked = await keys('revoke', id);
    expect(revoked.code).toBe(0);
    expect((await keys('list')).stdout).toMatch(/revoked/);
  });

  it('refuses bad requests with a clear message and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['mint', '--role', 'admin', '--label', 'x'], /role must be/],
      [['mint', '--role', 'editor', '--label', 'x'], /belongs to one organisation/],
      [['mint', '--role', 'editor', '--label', 'x', '--organisation', 'acme'], /UUID/],
      [['mint', '--role', 'curator', '--label', ''], /label/],
      [['revoke', '0000000000000000'], /no key has id/],
      [['explode'], /unknown command/],
    ];
    for (const [args, message] of cases) {
      const result = await keys(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('refuses in one line, without a stack trace, when the database cannot be used', async () => {
    const busyDir = mkdtempSync(join(tmpdir(), 'radar-keys-busy-'));
    try {
      // The lock a running RADAR holds on its embedded gateway database: a live process's id.
      writeFileSync(join(busyDir, 'gateway.lock'), String(process.pid));
      const busy = await keysWith({ ...environment, DATABASE_URL: '', RADAR_DATA_DIR: busyDir }, 'list');
      const down = await keysWith({ ...environment, DATABASE_URL: 'postgres://postgres@127.0.0.1:9/postgres' }, 'list');
      for (const [result, message] of [
        [busy, new RegExp(`^keys: The embedded gateway database at .* is in use by process ${process.pid}\\. Stop`)],
        [down, /^keys: cannot use the PostgreSQL server in DATABASE_URL: connect ECONNREFUSED 127\.0\.0\.1:9$/],
      ] as const) {
        expect(result.code).toBe(1);
        expect(result.stdout).toBe('');
        expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(result.stderr.trimEnd()).toMatch(message);
      }
    } finally {
      rmSync(busyDir, { recursive: true, force: true });
    }
  });
});
