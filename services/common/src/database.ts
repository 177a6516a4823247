// Database bootstrap: MikroORM on a PostgreSQL server (DATABASE_URL) or on embedded PGlite, migrated on open.
import { AsyncLocalStorage } from 'node:async_hooks';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { EntitySchema, MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM as PgliteMikroORM } from '@mikro-orm/pglite';
import { MikroORM as PostgreSqlMikroORM } from '@mikro-orm/postgresql';
import type { AbstractSqlDriver, MikroORM, SqlEntityManager } from '@mikro-orm/sql';
import pg from 'pg';
import type { CommonConfig } from './config.js';
import type { Logger } from './logger.js';

export type Orm = MikroORM<AbstractSqlDriver>;
export type EntityManager = SqlEntityManager;

/** Marks the statements of work a service does beside its requests (see `inBackground`). */
const backgroundWork = new AsyncLocalStorage<true>();

/** Runs work that no request asked for (draining a queue); its statements are counted apart from the requests'. */
export function inBackground<T>(work: () => Promise<T>): Promise<T> {
  return backgroundWork.run(true, work);
}

/**
 * Counts every SQL statement the ORM sends, so tests can show that batching holds: `total` for requests (and
 * everything else), `background` for work run `inBackground`, which would otherwise count at random moments.
 */
export class StatementCounter {
  total = 0;
  background = 0;
  /** Runs `work` and returns how many statements were sent meanwhile. */
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
    const before = this.total;
    const result = await work();
    return { result, statements: this.total - before };
  }
}

export interface DatabaseOptions {
  /** The owning service; names its database (`<prefix>_<service>`) and its embedded data folder. */
  service: string;
  entities: EntitySchema[];
  migrations: MigrationObject[];
  config: Pick<CommonConfig, 'DATABASE_URL' | 'DATABASE_PREFIX' | 'RADAR_DATA_DIR'>;
  log: Logger;
  /** `memory://` keeps an embedded database in memory (tests). */
  embeddedDataDir?: string;
  poolSize?: number;
}

export interface Database {
  orm: Orm;
  statements: StatementCounter;
  /** Where the data lives, for logs: a database name on a server or an embedded folder. */
  location: string;
  /** The service database's own URL on a PostgreSQL server; unset on the embedded database. */
  serverUrl?: string;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * SQL a migration runs before creating text-search indexes: unaccent, trigrams and radar_fold(), an immutable
 * case- and accent-folding function that expression indexes can use.
 */
export const TEXT_SEARCH_PRELUDE_SQL = [
  'create extension if not exists unaccent;',
  'create extension if not exists pg_trgm;',
  "create or replace function radar_fold(value text) returns text language sql immutable parallel safe strict as $$ select lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;",
];

/**
 * SQL a migration runs before indexing translated texts: radar_translations(), the texts of one field of a jsonb
 * list of translations (`[{ "language": "fr", "title": … }]`) joined by spaces, immutable so a generated column can
 * use it.
 */
export const TRANSLATIONS_TEXT_SQL =
  "create or replace function radar_translations(translations jsonb, field text) returns text language sql immutable parallel safe strict as $$ select coalesce(string_agg(t.value ->> field, ' '), '') from jsonb_array_elements(translations) as t(value) $$;";

/** A text[] literal; raw SQL parameters are inlined by the ORM, which has no array form of its own. */
export function textArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, (char) => `\\${char}`)}"`).join(',')}}`;
}

/** How long a query waits for a pooled connection (or to open one) before the request is refused. */
const CONNECT_TIMEOUT_MS = 10_000;

export function databaseName(config: Pick<CommonConfig, 'DATABASE_PREFIX'>, service: string) {
  return `${config.DATABASE_PREFIX}_${service}`;
}

/** Opens the service's database, creating it if needed, and applies pending migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const statements = new StatementCounter();
  const common = {
    entities: options.entities,
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    ensureDatabase: false,
    discovery: { warnWhenNoEntities: true },
    allowGlobalContext: false,
    onQuery: (sql: string) => {
      if (backgroundWork.getStore()) statements.background += 1;
      else statements.total += 1;
      return sql;
    },
  };

  let orm: Orm;
  let location: string;
  let serverUrl: string | undefined;
  let releaseLock = () => {};
  if (options.config.DATABASE_URL) {
    const name = databaseName(options.config, options.service);
    await ensureServerDatabase(options.config.DATABASE_URL, name);
    orm = (await PostgreSqlMikroORM.init({
      ...common,
      clientUrl: options.config.DATABASE_URL,
      dbName: name,
      pool: { min: 0, max: options.poolSize ?? 10 },
      // Without a bound, a request waits for ever for a connection to a server that is down or saturated;
      // with one it fails, and is answered 503 (see outage.ts). JIT compilation of a ranking statement (similar
      // practices) takes seconds, far longer than running it; RADAR's statements are short, so JIT is off.
      driverOptions: {
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
        onPoolCreated: releaseLostConnections,
        options: '-c jit=off',
      },
    })) as unknown as Orm;
    location = `postgresql database ${name}`;
    const url = new URL(options.config.DATABASE_URL);
    url.pathname = `/${name}`;
    serverUrl = url.href;
  } else {
    const dataDir = options.embeddedDataDir ?? resolve(options.config.RADAR_DATA_DIR, options.service);
    if (dataDir !== 'memory://') {
      mkdirSync(dirname(dataDir), { recursive: true });
      releaseLock = lockDataDir(dataDir, options.service);
    }
    try {
      orm = (await PgliteMikroORM.init({
        ...common,
        dbName: dataDir,
        driverOptions: { extensions: { unaccent, pg_trgm, btree_gist } },
        // PGlite runs one query at a time; a single connection avoids queueing inside a pool.
        pool: { min: 0, max: 1 },
      })) as unknown as Orm;
    } catch (error) {
      releaseLock();
      throw error;
    }
    location = dataDir === 'memory://' ? 'embedded PGlite in memory' : `embedded PGlite at ${dataDir}`;
  }

  try {
    const applied = await underMigrationLock(serverUrl, () => orm.migrator.up());
    if (applied.length > 0) {
      options.log.info({ migrations: applied.map((m) => m.name), location }, 'applied migrations');
    }
  } catch (error) {
    await orm.close(true);
    releaseLock();
    throw error;
  }

  return {
    orm,
    statements,
    location,
    ...(serverUrl ? { serverUrl } : {}),
    async ping() {
      try {
        await orm.em.fork().getConnection().execute('select 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await orm.close(true);
      releaseLock();
    },
  };
}

/**
 * Gives a pooled connection back when the server ends it while it is checked out. Kysely 0.29 keeps a connection
 * whose BEGIN, COMMIT or ROLLBACK failed checked out for ever (kysely-org/kysely#1990), so each write caught by a
 * database restart would shrink the pool by one until no request could get a connection.
 */
function releaseLostConnections(pool: pg.Pool) {
  const checkedOut = new Set<pg.PoolClient>();
  pool.on('acquire', (client) => checkedOut.add(client));
  pool.on('release', (_error, client) => checkedOut.delete(client));
  pool.on('connect', (client) => {
    client.once('end', () => {
      if (!checkedOut.has(client)) return;
      const release = client.release;
      // The holder's own release, if it ever comes, must not throw for a connection already given back.
      client.release = () => {};
      release(new Error('the database server closed this connection'));
    });
  });
}

/** The advisory lock (per database) that processes opening the same database take in turn to migrate it. */
const MIGRATION_LOCK = 0x52414441;

/**
 * Runs `work` holding the database's migration lock, so replicas that start at once (two gateways) migrate it one
 * after the other, the later ones finding nothing left to apply. The embedded database has one process anyway.
 */
async function underMigrationLock<T>(url: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!url) return work();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await work();
  } finally {
    // Ending the session releases the lock.
    await client.end();
  }
}

async function ensureServerDatabase(url: string, name: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`create database "${name}"`).catch((error: { code?: string }) => {
        // Another process created it between the check and the create.
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/** Drops a service database on the server; used by tests that create one database per file. */
export async function dropServerDatabase(url: string, name: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

/** The embedded database is open in another process, such as a running RADAR. */
export class DatabaseInUseError extends Error {
  override name = 'DatabaseInUseError';
}

/**
 * PGlite is single-process: two processes opening one data folder would corrupt it.
 * A lock file names the owner and turns that mistake into a clear error.
 */
function lockDataDir(dataDir: string, service: string): () => void {
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new DatabaseInUseError(
          `The embedded ${service} database at ${dataDir} is in use by process ${owner}. ` +
            'Stop that process first, or set DATABASE_URL to use a PostgreSQL server that several processes can share.',
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${lockPath}`);
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
