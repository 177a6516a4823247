// Source keys: a record's id in a partner registry it was imported from (source + sourceId), kept beside the record
// so a re-import finds it again; unique per source. Each subgraph keeps its own table; the rules live here.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import { IsOptional, Matches } from 'class-validator';
import DataLoader from 'dataloader';
import { Directive, Field, InputType, ObjectType } from 'type-graphql';
import { isCurator } from './auth.js';
import type { EntityManager } from './database.js';
import { badUserInput, forbiddenOn, InputProblems } from './errors.js';
import type { Caller } from './identity.js';
import { groupBy } from './loaders.js';
import { DateTimeISO } from './scalars.js';
import { IsText } from './validation.js';

export const SOURCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

@InputType({ description: 'The registry a record comes from and its id there; a source key names one record.' })
export class SourceKeyInput {
  @Field({ description: 'The registry, e.g. eu-best-practice-portal: letters, digits, dots, dashes, underscores.' })
  @Matches(SOURCE_PATTERN, { message: 'is 1 to 100 letters, digits, dots, dashes or underscores' })
  source!: string;

  @Field({ description: 'The record’s id in that registry, up to 200 characters.' })
  @IsText(1, 200)
  sourceId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The import run that sends it, named in the audit trail with the source, up to 200 characters.',
  })
  @IsOptional()
  @IsText(1, 200)
  run?: string | null;
}

@InputType({ description: 'A source key to look a record up by: the registry and the record’s id there.' })
export class SourceKeyLookupInput {
  @Field()
  source!: string;

  @Field()
  sourceId!: string;
}

/** The most keys one list lookup takes. */
export const MAX_LOOKUPS = 500;

/** What the list lookups by source key (practicesBySource, …) say of themselves; `what` names the records. */
export const bySourcesDescription = (what: string) =>
  `The ${what} imported from each of up to ${MAX_LOOKUPS} source keys, in the keys' order; null where a key names none the caller may see.`;

/** Refuses a list lookup of more than MAX_LOOKUPS keys. */
export function checkLookupCount(keys: readonly unknown[]) {
  if (keys.length > MAX_LOOKUPS) {
    throw badUserInput('keys', `takes at most ${MAX_LOOKUPS} keys per request, not ${keys.length}`);
  }
}

@Directive('@shareable')
@ObjectType({ description: 'A registry the record was imported from, and its id there.' })
export class SourceKey {
  @Field()
  source!: string;

  @Field()
  sourceId!: string;
}

/** A row of a subgraph's source key table. */
export interface SourceKeyRow {
  record: string;
  source: string;
  sourceId: string;
}

/** How an audit trail names an import: "import <run> from <source> (<sourceId>)". */
export function importNote(key: SourceKeyInput): string {
  return `${key.run ? `import ${key.run}` : 'import'} from ${key.source} (${key.sourceId})`;
}

/**
 * The record a source key names now, if any. A bulk write's owner also learns the keys its records claim, so a
 * later record with the same key is refused as it would be after the first was written.
 */
export type SourceKeyOwner = ((key: { source: string; sourceId: string }) => Promise<string | null>) & {
  claim?: (key: { source: string; sourceId: string }, record: string) => void;
};

/** Reads the record a source key names from `entity`'s table, one key at a time. */
export function sourceKeyOwner<T extends SourceKeyRow>(tx: EntityManager, entity: EntityClass<T>): SourceKeyOwner {
  return async ({ source, sourceId }) =>
    (await tx.findOne(entity, { source, sourceId } as FilterQuery<T>))?.record ?? null;
}

/** Reads the records many source keys name in one query, for a bulk write; a key it was not given is read alone. */
export async function sourceKeyOwners<T extends SourceKeyRow>(
  tx: EntityManager,
  entity: EntityClass<T>,
  keys: readonly { source: string; sourceId: string }[],
): Promise<SourceKeyOwner> {
  const rows = keys.length > 0 ? await tx.find(entity, sourceKeysWhere<T>(keys)) : [];
  const owners = new Map(rows.map((row) => [keyOf(row.source, row.sourceId), row.record]));
  const asked = new Set(keys.map(({ source, sourceId }) => keyOf(source, sourceId)));
  const alone = sourceKeyOwner(tx, entity);
  const owner: SourceKeyOwner = (key) => {
    const at = keyOf(key.source, key.sourceId);
    return asked.has(at) ? Promise.resolve(owners.get(at) ?? null) : alone(key);
  };
  owner.claim = (key, record) => {
    const at = keyOf(key.source, key.sourceId);
    asked.add(at);
    owners.set(at, record);
  };
  return owner;
}

/**
 * Whether `key` is still to be kept on `record`: false when it already names it; a key that names another record is
 * refused (BAD_USER_INPUT on `source.sourceId`).
 */
export async function isNewSourceKey(
  owner: SourceKeyOwner,
  what: string,
  record: string,
  key: SourceKeyInput,
): Promise<boolean> {
  const taken = await owner(key);
  if (taken && taken !== record) {
    throw badUserInput('source.sourceId', `${key.source} ${key.sourceId} already names ${what} ${taken}`);
  }
  return !taken;
}

/**
 * Keeps `key` on `record` inside the write's transaction: a key that already names another record is refused
 * (BAD_USER_INPUT on `source.sourceId`), one it already names is left as it is.
 */
export async function keepSourceKey<T extends SourceKeyRow>(
  tx: EntityManager,
  entity: EntityClass<T>,
  what: string,
  record: string,
  key: SourceKeyInput | null | undefined,
  owner: SourceKeyOwner = sourceKeyOwner(tx, entity),
): Promise<void> {
  if (key && (await isNewSourceKey(owner, what, record, key))) {
    tx.create(entity, { record, source: key.source, sourceId: key.sourceId } as never);
  }
}

const keyOf = (source: string, sourceId: string) => `${source}\u0000${sourceId}`;

/** The rows of many source keys: one `sourceId in (…)` per source, which the primary key's index answers. */
function sourceKeysWhere<T>(keys: readonly { source: string; sourceId: string }[]): FilterQuery<T> {
  const bySource = new Map<string, string[]>();
  for (const { source, sourceId } of keys) bySource.set(source, [...(bySource.get(source) ?? []), sourceId]);
  return {
    $or: [...bySource].map(([source, sourceIds]) => ({ source, sourceId: { $in: sourceIds } })),
  } as FilterQuery<T>;
}

/** Per-request loaders: the record a source key names, and the source keys of a record. */
export function sourceKeyLoaders<T extends SourceKeyRow>(em: EntityManager, entity: EntityClass<T>) {
  const recordOf = new DataLoader<{ source: string; sourceId: string }, string | null, string>(
    async (keys) => {
      const rows = await em.find(entity, sourceKeysWhere<T>(keys));
      const found = new Map(rows.map((row) => [keyOf(row.source, row.sourceId), row.record]));
      return keys.map(({ source, sourceId }) => found.get(keyOf(source, sourceId)) ?? null);
    },
    { cacheKeyFn: ({ source, sourceId }) => keyOf(source, sourceId) },
  );
  const keysOf = new DataLoader<string, SourceKey[]>(async (records) => {
    const rows = await em.find(entity, { record: { $in: [...records] } } as FilterQuery<T>, {
      orderBy: { source: 'asc', sourceId: 'asc' } as never,
    });
    return groupBy(records, rows, (row) => row.record).map((group) =>
      group.map(({ source, sourceId }) => ({ source, sourceId })),
    );
  });
  return { recordOf, keysOf };
}

/** A request with this header set to `true` runs every rule of its mutations and writes nothing. */
export const DRY_RUN_HEADER = 'x-radar-dry-run';
/** How the gateway tells a subgraph, in the signed request body, that a request is a dry run. */
export const DRY_RUN_EXTENSION = 'radarDryRun';

/** Whether a subgraph request body asks for a dry run. */
export function isDryRun(body: unknown): boolean {
  return extensionOf(body, DRY_RUN_EXTENSION) === true;
}

/**
 * A request with this header is part of an import and names it (URI-encoded, as `import <run> from <file>`): the
 * audit entries of its writes carry it, where a write's own source key does not name the import already.
 */
export const IMPORT_HEADER = 'x-radar-import';
/** How the gateway tells a subgraph, in the signed request body, which import a request is part of. */
export const IMPORT_EXTENSION = 'radarImport';

/** An import's note as a request gives it: one line of at most 300 characters, else none. */
export function importNoteFrom(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const note = value.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a note is one line of text, so control characters are refused
  return note.length > 0 && note.length <= 300 && !/[\u0000-\u001f\u007f]/.test(note) ? note : undefined;
}

/** The import note of a gateway request's header, decoded. */
export function importNoteOfHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    return importNoteFrom(decodeURIComponent(header));
  } catch {
    return undefined;
  }
}

/** The import note a subgraph request body carries. */
export function importNoteOf(body: unknown): string | undefined {
  return importNoteFrom(extensionOf(body, IMPORT_EXTENSION));
}

/** One of the extensions the gateway set in a subgraph request body. */
function extensionOf(body: unknown, name: string): unknown {
  return (body as { extensions?: Record<string, unknown> } | undefined)?.extensions?.[name];
}

const importNotes = new AsyncLocalStorage<string>();

/** Runs a request's work knowing the import it is part of, if any. */
export function withImportNote(note: string | undefined, work: () => void): void {
  if (note) importNotes.run(note, work);
  else work();
}

/** The note of the import the running request is part of. */
export function currentImportNote(): string | undefined {
  return importNotes.getStore();
}

/** The optional `source` argument of the create and update mutations of imported record types. */
export const SOURCE_ARGUMENT = {
  nullable: true,
  description:
    'The registry the record is imported from and its id there: kept on the record (a key that names another record is refused), and named in its audit trail.',
} as const;

@InputType({
  description:
    'When a record was registered and last changed, as RADAR’s own linked data says (dct:created, dct:modified): carried by a curator importing RADAR’s JSON-LD, so the record exports as it did. Omitted: the time of the write.',
})
export class RecordStateInput {
  @Field(() => DateTimeISO, { nullable: true, description: 'When it was registered; not after updatedAt.' })
  @IsOptional()
  createdAt?: Date | null;

  @Field(() => DateTimeISO, { nullable: true, description: 'When it was last changed; not in the future.' })
  @IsOptional()
  updatedAt?: Date | null;
}

/** The registration and change times a write carries, checked: curators only, in order, none in the future. */
export interface CarriedTimes {
  createdAt?: Date;
  updatedAt?: Date;
}

/**
 * The times a write was given, after the rules every subgraph shares: only a curator may date a record (a partner
 * cannot back-date one), createdAt is not after updatedAt, and neither lies in the future. `stored` is the record's
 * createdAt on update.
 */
export function carriedTimes(
  caller: Caller,
  state: { createdAt?: Date | null; updatedAt?: Date | null } | null | undefined,
  stored?: Date,
): CarriedTimes {
  const createdAt = state?.createdAt ?? undefined;
  const updatedAt = state?.updatedAt ?? undefined;
  if (!createdAt && !updatedAt) return {};
  if (!isCurator(caller)) {
    throw forbiddenOn(
      createdAt ? 'state.createdAt' : 'state.updatedAt',
      'Only a curator may date a record: it takes the time of the write.',
    );
  }
  const problems = new InputProblems();
  const now = Date.now() + 60_000;
  if (createdAt && createdAt.getTime() > now) problems.add('state.createdAt', 'lies in the future');
  if (updatedAt && updatedAt.getTime() > now) problems.add('state.updatedAt', 'lies in the future');
  const created = createdAt ?? stored;
  if (created && updatedAt && updatedAt < created) problems.add('state.updatedAt', 'is before createdAt');
  problems.throwIfAny();
  return { ...(createdAt ? { createdAt } : {}), ...(updatedAt ? { updatedAt } : {}) };
}

/**
 * Writes carried times over those a write's flush gave the record (the entity's onUpdate hook dates every change
 * now): a plain UPDATE inside the write's transaction, after its last flush, which leaves the version as it is; the
 * record is read again so the answer shows them and the transaction's closing flush has nothing left to write.
 */
export async function keepCarriedTimes<T extends { id: string }>(
  tx: EntityManager,
  record: T,
  times: CarriedTimes,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const values = { ...times, ...extra };
  if (Object.keys(values).length === 0) return;
  await tx.nativeUpdate(record.constructor as EntityClass<T>, { id: record.id } as never, values as never);
  await tx.refresh(record);
}

/** The optional `state` argument of imported record types' create and update mutations. */
export const STATE_ARGUMENT = {
  nullable: true,
  description:
    'Where the record stands once written, as an import carries it (e.g. RADAR’s own JSON-LD): its times (curators) and, where the type has one, its status.',
} as const;
