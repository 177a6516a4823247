// The key command as an operator runs it: mint shows the key once, list never shows it, revoke takes effect. With RADAR
// stopped it opens the identity database itself; while RADAR runs on the embedded database (which only one process may
// open) it asks the running identity service, signed as the local operator with the data folder's signing keys.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createLogger, databaseName, dropServerDatabase, localSigningKeys } from '@radar/common';
import {
  authenticateKey,
  type IdentityService,
  loadConfig,
  openIdentityDatabase,
  startIdentity,
} from '@radar/identity';
import {
  loadConfig as loadOrganisationsConfig,
  type OrganisationsService,
  seedIds,
  startOrganisations,
} from '@radar/organisations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnvironment } from './support/stack.js';

const run = promisify(execFile);
const cli = new URL('../gateway/dist/keys.cli.js', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'radar-keys-'));
const signingKeys = localSigningKeys(dataDir);
const base = testEnvironment({ RADAR_DATA_DIR: dataDir, RADAR_SIGNING_KEYS: signingKeys });
const MISSING = '7b0f1c52-3f4e-4b53-9a51-2f6f0a1cffff';
const KEY = /radar_([a-f0-9]{16})_[A-Za-z0-9_-]{43}/;

let organisations: OrganisationsService;
let environment: NodeJS.ProcessEnv;

// The database exists before the first command, as after `pnpm migrate` or a first start, so each call below only
// opens it; the organisations subgraph answers whether an editor key's organisation exists.
beforeAll(async () => {
  organisations = await startOrganisations(
    loadOrganisationsConfig(base),
    base.DATABASE_URL ? {} : { embeddedDataDir: 'memory://' },
  );
  environment = { ...process.env, ...base, ORGANISATIONS_URL: `${organisations.server.url}/graphql` };
  const db = await openIdentityDatabase(loadConfig(environment), createLogger('keys-test', 'silent'));
  await db.close();
}, 60_000);

afterAll(async () => {
  await organisations?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  if (base.DATABASE_URL) {
    for (const service of ['identity', 'organisations']) {
      await dropServerDatabase(
        base.DATABASE_URL,
        databaseName({ DATABASE_PREFIX: base.DATABASE_PREFIX as string }, service),
      );
    }
  }
});

async function keysWith(env: NodeJS.ProcessEnv, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Mints, lists, revokes, and refuses an editor key for a missing organisation, through `env`. */
async function manageKeys(env: NodeJS.ProcessEnv) {
  const minted = await keysWith(env, 'mint', '--role', 'curator', '--label', 'Test curator');
  expect(minted.code, minted.stderr).toBe(0);
  const token = minted.stdout.match(KEY);
  expect(token).not.toBeNull();
  const id = token?.[1] as string;

  const editor = await keysWith(
    env,
    'mint',
    ...['--role', 'editor', '--organisation', seedIds.smartHospital, '--label', 'Importer', '--expires', '2099-01-01'],
  );
  expect(editor.code, editor.stderr).toBe(0);
  expect(editor.stdout).toMatch(
    /^Minted editor key [a-f0-9]{16} for organisation .*, valid until 2099-01-01T00:00:00\.000Z\./,
  );
  const ghost = await keysWith(env, 'mint', '--role', 'editor', '--organisation', MISSING, '--label', 'Ghost');
  expect(ghost.code).toBe(2);
  expect(ghost.stderr).toMatch(new RegExp(`organisation ${MISSING} does not exist`));

  const listed = await keysWith(env, 'list');
  expect(listed.stdout).toContain(id);
  expect(listed.stdout).not.toContain(token?.[0]);
  expect(listed.stdout).toMatch(new RegExp(`${id}\\tcurator\\t-\\tactive\\tTest curator`));
  expect(listed.stdout).toMatch(
    /\teditor\t7b0f1c52-3f4e-4b53-9a51-2f6f0a1c0003\tactive until 2099-01-01T00:00:00\.000Z\tImporter/,
  );
  expect(listed.stdout).not.toContain('Ghost');

  const revoked = await keysWith(env, 'revoke', id);
  expect(revoked.code).toBe(0);
  expect((await keysWith(env, 'list')).stdout).toMatch(new RegExp(`${id}\\tcurator\\t-\\trevoked `));
  return token?.[0] as string;
}

describe('pnpm keys', () => {
  // Each of these runs seven commands, each a Node.js process of its own.
  it('mints a curator key once, lists it without the secret, and revokes it, with RADAR stopped', {
    timeout: 90_000,
  }, async () => {
    await manageKeys(environment);
  });

  it('does the same through the running identity service while RADAR holds the embedded database', {
    timeout: 90_000,
  }, async () => {
    const embedded = { ...environment, DATABASE_URL: '', IDENTITY_PORT: '0' };
    const identity: IdentityService = await startIdentity(loadConfig(embedded));
    try {
      const token = await manageKeys({ ...embedded, IDENTITY_URL: `${identity.server.url}/graphql` });
      // The service wrote it: its own store refuses the revoked key.
      await expect(authenticateKey(identity.db.orm.em.fork(), token)).rejects.toThrow(/revoked/);
      const { AuditEntry } = await import('@radar/identity/entities');
      const audit = await identity.db.orm.em.fork().find(AuditEntry, { actorLabel: 'local operator (pnpm keys)' });
      expect(audit.map((entry) => entry.action).sort()).toEqual([
        'KEY_MINTED',
        'KEY_MINTED',
        'KEY_REVOKED',
        'ROLE_GRANTED',
        'ROLE_GRANTED',
      ]);
    } finally {
      await identity.stop();
    }
  });

  it('refuses bad requests with a clear message and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['mint', '--role', 'admin', '--label', 'x'], /role must be/],
      [['mint', '--role', 'editor', '--label', 'x'], /belongs to one organisation/],
      [['mint', '--role', 'editor', '--label', 'x', '--organisation', 'acme'], /UUID/],
      [['mint', '--role', 'curator', '--label', ''], /label/],
      [['mint', '--role', 'curator', '--label', 'x', '--expires', 'soon'], /--expires must be a date/],
      [
        ['mint', '--role', 'curator', '--label', 'x', '--expires', '2001-01-01'],
        /expiresAt must be a moment in the future/,
      ],
      [['revoke', '0000000000000000'], /no key has id/],
      [['explode'], /unknown command/],
    ];
    for (const [args, message] of cases) {
      const result = await keysWith(environment, ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('refuses in one line, without a stack trace, when the store cannot be reached', async () => {
    const busyDir = mkdtempSync(join(tmpdir(), 'radar-keys-busy-'));
    try {
      // The lock a running RADAR holds on its embedded identity database (a live process's id), with no service.
      writeFileSync(join(busyDir, 'identity.lock'), String(process.pid));
      localSigningKeys(busyDir);
      const busy = await keysWith(
        {
          ...environment,
          DATABASE_URL: '',
          RADAR_DATA_DIR: busyDir,
          RADAR_SIGNING_KEYS: '',
          IDENTITY_URL: 'http://127.0.0.1:9/graphql',
        },
        'list',
      );
      const down = await keysWith({ ...environment, DATABASE_URL: 'postgres://postgres@127.0.0.1:9/postgres' }, 'list');
      for (const [result, message] of [
        [
          busy,
          /^keys: RADAR holds the embedded identity database, but its identity service at http:\/\/127\.0\.0\.1:9\/graphql could not be reached/,
        ],
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
