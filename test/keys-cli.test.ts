// The key command as an operator runs it: mint shows the key once, list never shows it, revoke takes effect.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { databaseName, dropServerDatabase } from '@radar/common';
import { afterAll, describe, expect, it } from 'vitest';
import { testEnvironment } from './support/stack.js';

const run = promisify(execFile);
const cli = new URL('../gateway/dist/keys.cli.js', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'radar-keys-'));
const environment = { ...process.env, ...testEnvironment({ RADAR_DATA_DIR: dataDir }) };

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
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env: environment });
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
});
