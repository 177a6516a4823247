// The change feed harvesters walk: every public record and every tombstone, ordered by (updatedAt, id), a page at a
// time in either direction. A record changed during a walk moves to the end, so a harvester that keeps the latest
// version of each id ends with every surviving record once and every deletion as a tombstone.
import { type ClassType, Field, InputType, Int, ObjectType } from 'type-graphql';
import type { EntityManager } from './database.js';
import { badUserInput } from './errors.js';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, PageInfo, TombstoneReason } from './pagination.js';

@InputType({ description: 'Which page of changes to read.' })
export class ChangesInput {
  @Field(() => Date, { nullable: true, description: 'Only records changed at or after this time.' })
  since?: Date;

  @Field(() => String, { nullable: true })
  after?: string;

  @Field(() => String, { nullable: true })
  before?: string;

  @Field(() => Int, { nullable: true, description: '1 to 100; 100 when omitted.' })
  first?: number;

  @Field({
    nullable: true,
    defaultValue: true,
    description: 'Count the whole feed (totalCount, lastModified); a full walk needs it once.',
  })
  count?: boolean;
}

export interface ChangeRow {
  id: string;
  /** updated_at to the microsecond, so a cursor never repeats or skips a row. */
  key: string;
  updatedAt: Date;
  /** Set when the record is no longer public: deleted, or (for practices) unpublished or archived. */
  deletedAt: Date | null;
  /** Set with deletedAt: which of those happened. */
  reason: TombstoneReason | null;
  /** Set on a tombstone of a record merged into another: the id of the one that replaces it. */
  replacedBy: string | null;
}

export interface ChangesPage {
  rows: ChangeRow[];
  totalCount: number | null;
  /** When the newest change in the whole feed happened. */
  lastModified: Date | null;
  pageInfo: PageInfo;
}

/**
 * Reads one page of a change feed from `table` (alias `p`). `publicSql` selects records that are public now,
 * `tombstoneSql` records that were public once and are not any more, `reasonSql` says why (DELETED when omitted).
 */
export async function changesPage(
  em: EntityManager,
  options: {
    table: string;
    publicSql: string;
    tombstoneSql: string;
    deletedAtSql: string;
    reasonSql?: string;
    replacedBySql?: string;
  },
  input: ChangesInput = {},
): Promise<ChangesPage> {
  const size = input.first ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
    throw badUserInput('first', `must be between 1 and ${MAX_PAGE_SIZE}`);
  if (input.after && input.before) throw badUserInput('before', 'give after or before, not both');
  const where = [`((${options.publicSql}) or (${options.tombstoneSql}))`];
  const params: unknown[] = [];
  if (input.since) {
    if (Number.isNaN(input.since.getTime())) throw badUserInput('since', 'is not a date and time');
    where.push('p.updated_at >= ?::timestamptz');
    params.push(input.since.toISOString());
  }
  const base = where.join(' and ');
  const baseParams = [...params];
  const cursor = input.after ?? input.before;
  if (cursor) {
    const [updatedAt, id] = decodeCursor(cursor, 2, input.after ? 'after' : 'before');
    if (
      typeof updatedAt !== 'string' ||
      Number.isNaN(Date.parse(updatedAt)) ||
      typeof id !== 'string' ||
      !/^[0-9a-f-]{36}$/.test(id)
    ) {
      throw badUserInput(input.after ? 'after' : 'before', 'is not a cursor returned by this API');
    }
    where.push(`(p.updated_at, p.id) ${input.after ? '>' : '<'} (?::timestamptz, ?::uuid)`);
    params.push(updatedAt, id);
  }
  const direction = input.before ? 'desc' : 'asc';
  const connection = em.getConnection();
  const [counted] =
    input.count === false
      ? []
      : ((await connection.execute(
          `select count(*)::int as count, max(p.updated_at) as last_modified from ${options.table} p where ${base}`,
          baseParams,
          'all',
        )) as { count: number; last_modified: Date | string | null }[]);
  const fetched = (await connection.execute(
    `select p.id, p.updated_at, to_char(p.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as key, case when (${options.publicSql}) then null else ${options.deletedAtSql} end as deleted_at,
       case when (${options.publicSql}) then null else ${options.reasonSql ?? "'DELETED'"} end as reason,
       case when (${options.publicSql}) then null else ${options.replacedBySql ?? 'null::uuid'} end as replaced_by
     from ${options.table} p where ${where.join(' and ')} order by p.updated_at ${direction}, p.id ${direction} limit ${size + 1}`,
    params,
    'all',
  )) as {
    id: string;
    updated_at: Date | string;
    key: string;
    deleted_at: Date | string | null;
    reason: TombstoneReason | null;
    replaced_by: string | null;
  }[];
  const more = fetched.length > size;
  const page = fetched.slice(0, size);
  if (input.before) page.reverse();
  const rows = page.map((row) => ({
    id: row.id,
    key: row.key,
    updatedAt: new Date(row.updated_at),
    deletedAt: row.deleted_at ? new Date(row.deleted_at) : null,
    reason: row.deleted_at ? row.reason : null,
    replacedBy: row.deleted_at ? row.replaced_by : null,
  }));
  const cursorOf = (row: ChangeRow) => encodeCursor([row.key, row.id]);
  return {
    rows,
    totalCount: counted ? counted.count : null,
    lastModified: counted?.last_modified ? new Date(counted.last_modified) : null,
    pageInfo: {
      hasNextPage: input.before ? true : more,
      hasPreviousPage: input.before ? more : Boolean(input.after),
      startCursor: rows[0] ? cursorOf(rows[0]) : null,
      endCursor: rows.at(-1) ? cursorOf(rows.at(-1) as ChangeRow) : null,
    },
  };
}

/** Declares `<Name>Change` and `<Name>Changes` for a record type; the record is null on tombstones. */
export function ChangeTypes<T extends object>(name: string, recordField: string, recordType: ClassType<T>) {
  @ObjectType(`${name}Change`, { description: `A ${name} as it is now, or its tombstone.` })
  class Change {
    @Field(() => String)
    id!: string;

    @Field()
    updatedAt!: Date;

    @Field(() => Date, { nullable: true, description: 'Set on a tombstone: the record is no longer public.' })
    deletedAt!: Date | null;

    @Field(() => TombstoneReason, { nullable: true, description: 'Set on a tombstone: why it is no longer public.' })
    reason!: TombstoneReason | null;

    @Field(() => String, {
      nullable: true,
      description: 'Set on the tombstone of a record merged into another: the id of the one that replaces it.',
    })
    replacedBy!: string | null;

    @Field(() => recordType, { nullable: true, name: recordField })
    record!: T | null;
  }

  @ObjectType(`${name}Changes`, { description: `A page of the ${name} change feed, oldest change first.` })
  class Changes {
    @Field(() => [Change])
    nodes!: Change[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, {
      nullable: true,
      description: 'Records and tombstones in the whole feed (since `since`); null unless counted.',
    })
    totalCount!: number | null;

    @Field(() => Date, { nullable: true, description: 'When the newest change in the feed happened.' })
    lastModified!: Date | null;
  }
  return { Change, Changes };
}

/** Fills each change row with its current record, loaded in one batch. */
export async function withRecords<T>(page: ChangesPage, load: (ids: string[]) => Promise<(T | null | Error)[]>) {
  const live = page.rows.filter((row) => !row.deletedAt).map((row) => row.id);
  const loaded = await load(live);
  const records = new Map(live.map((id, index) => [id, loaded[index]]));
  return {
    totalCount: page.totalCount,
    lastModified: page.lastModified,
    pageInfo: page.pageInfo,
    nodes: page.rows.map((row) => {
      const record = records.get(row.id);
      return { ...row, record: record && !(record instanceof Error) ? record : null };
    }),
  };
}
