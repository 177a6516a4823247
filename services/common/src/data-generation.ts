// A subgraph database's data generation: a number that moves in the same transaction as any change to its tables,
// whoever makes it (GraphQL, another subgraph, a CLI, an import, plain SQL), so a cache can tell its answers are current.
import type { Database } from './database.js';

export const DATA_GENERATION_TABLE = 'radar_data_generation';
const TRIGGER = 'radar_data_generation';
const TRUNCATE_TRIGGER = 'radar_data_generation_truncate';
/** Serialises installs by several processes starting on one database. */
const INSTALL_LOCK = 7_311_529_001;

/**
 * The generation is bumped by a deferred constraint trigger, at commit, once per transaction: a writer holds the
 * generation row's lock only while it commits and asks for no other lock after it, so writers never deadlock on it.
 * The epoch changes when the table is made afresh (a new database), so a count that starts again never repeats one.
 */
const SETUP_SQL = [
  `create table if not exists ${DATA_GENERATION_TABLE} (
     singleton boolean primary key default true check (singleton),
     epoch uuid not null default gen_random_uuid(),
     generation bigint not null default 0)`,
  `insert into ${DATA_GENERATION_TABLE} default values on conflict do nothing`,
  `create or replace function radar_bump_data_generation() returns trigger language plpgsql as $$
   begin
     if current_setting('radar.data_generation_bumped', true) is distinct from 'yes' then
       update ${DATA_GENERATION_TABLE} set generation = generation + 1;
       perform set_config('radar.data_generation_bumped', 'yes', true);
     end if;
     return null;
   end $$`,
];

/**
 * Makes every table of the database (but the migrations' own and the `derived` ones) bump the generation; new tables
 * are added on the next start. A derived table holds what the service computes from its other tables beside its
 * requests (stored similar lists): it changes only after a change that bumped the generation already, and its own
 * writes would otherwise move the generation at moments no client caused.
 */
export async function installDataGeneration(db: Database, derived: readonly string[] = []): Promise<void> {
  const connection = db.orm.em.getConnection();
  await connection.transactional(async (tx) => {
    await connection.execute(`select pg_advisory_xact_lock(${INSTALL_LOCK})`, [], 'all', tx);
    for (const sql of SETUP_SQL) await connection.execute(sql, [], 'run', tx);
    for (const name of derived) {
      const table = `"${name.replace(/"/g, '""')}"`;
      await connection.execute(`drop trigger if exists ${TRIGGER} on ${table}`, [], 'run', tx);
      await connection.execute(`drop trigger if exists ${TRUNCATE_TRIGGER} on ${table}`, [], 'run', tx);
    }
    const tables = (await connection.execute(
      `select c.relname as name from pg_class c
         where c.relkind in ('r', 'p') and c.relnamespace = current_schema()::regnamespace
           and c.relname not in (?, 'mikro_orm_migrations') and c.relname <> all(?::text[])
           and not exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = ?)`,
      [DATA_GENERATION_TABLE, `{${derived.map((name) => `"${name}"`).join(',')}}`, TRIGGER],
      'all',
      tx,
    )) as { name: string }[];
    for (const { name } of tables) {
      const table = `"${name.replace(/"/g, '""')}"`;
      await connection.execute(
        `create constraint trigger ${TRIGGER} after insert or update or delete on ${table}
           deferrable initially deferred for each row execute function radar_bump_data_generation()`,
        [],
        'run',
        tx,
      );
      await connection.execute(
        `create trigger ${TRUNCATE_TRIGGER} after truncate on ${table}
           for each statement execute function radar_bump_data_generation()`,
        [],
        'run',
        tx,
      );
    }
  });
}

/** The current generation as `<epoch>:<count>`; two reads are equal only if no change committed between them. */
export async function readDataGeneration(db: Database): Promise<string> {
  const [row] = (await db.orm.em
    .getConnection()
    .execute(`select epoch, generation from ${DATA_GENERATION_TABLE}`, [], 'all')) as {
    epoch: string;
    generation: string | number;
  }[];
  if (!row) throw new Error(`${DATA_GENERATION_TABLE} is empty`);
  return `${row.epoch}:${row.generation}`;
}
