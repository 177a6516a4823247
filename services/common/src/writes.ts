// The steps every write takes in every subgraph: load the live record, check the version the caller read, check
// that the records it names exist, and turn the database's last-line refusals into the API's errors.

import { randomUUID } from 'node:crypto';
import {
  type EntityClass,
  type FilterQuery,
  OptimisticLockError,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import type { GraphQLError } from 'graphql';
import type { EntityManager } from './database.js';
import { badUserInput, conflict, type FieldProblem, invalidInput, notFound } from './errors.js';
import { validateInput } from './validation.js';

/** What a write changes, for its errors: the record's name and, if it has unique fields, which one was taken. */
export interface WriteErrors {
  what: string;
  onUnique?: (error: UniqueConstraintViolationException) => GraphQLError;
}

/**
 * Runs a write and turns a concurrent change of the record into CONFLICT, and a unique constraint the database
 * refused into the error `onUnique` gives (left as it is without one).
 */
export async function mapWriteErrors<T>(subject: string | WriteErrors, work: () => Promise<T>): Promise<T> {
  const { what, onUnique } = typeof subject === 'string' ? { what: subject, onUnique: undefined } : subject;
  try {
    return await work();
  } catch (error) {
    if (error instanceof OptimisticLockError) {
      throw conflict(`The ${what} was changed by someone else since you read it; read it again and retry.`);
    }
    if (onUnique && error instanceof UniqueConstraintViolationException) throw onUnique(error);
    throw error;
  }
}

/** The version the caller sent must be the one stored, else CONFLICT with the current version. */
export function checkVersion(what: string, current: { id: string; version: number }, version: number) {
  if (current.version !== version) {
    throw conflict(
      `You sent version ${version} but ${what} ${current.id} is at version ${current.version}; read it again and retry.`,
      'version',
      { currentVersion: current.version },
    );
  }
}

/** What the `id` of a create input says, in every subgraph's schema. */
export const KEPT_ID_DESCRIPTION =
  'The id to register it under, as when importing RADAR\u2019s own linked data; a new one when left out. An id that a record of this kind has or had is refused: ids are never reused.';

/**
 * The id a new record is registered under: a fresh UUID, or the one the caller gives (an import of RADAR's linked
 * data keeps its ids), refused when a record of the kind has or had it, deleted ones included.
 */
export async function newRecordId<T extends { id: string }>(
  em: EntityManager,
  entity: EntityClass<T>,
  requested: string | null | undefined,
  what: string,
): Promise<string> {
  if (!requested) return randomUUID();
  const id = requested.toLowerCase();
  if ((await em.count(entity, { id } as FilterQuery<T>)) > 0) {
    throw badUserInput('id', `${what} ${id} exists or existed: ids are never reused`);
  }
  return id;
}

/** Loads a record that is not deleted, for a change; NOT_FOUND (named after the entity) when there is none. */
export async function loadForWrite<T extends { id: string; deletedAt?: Date | null }>(
  em: EntityManager,
  entity: EntityClass<T>,
  id: string,
): Promise<T> {
  const record = await em.findOne(entity, { id, deletedAt: null } as FilterQuery<T>);
  if (!record) throw notFound(entity.name, id);
  return record;
}

/** Every id an input names in its `field` must name an existing `what`; all those that do not are reported at once. */
export async function checkExist(
  what: string,
  named: readonly { field: string; id: string }[],
  missing: (ids: string[]) => Promise<Set<string>>,
): Promise<void> {
  if (named.length === 0) return;
  const absent = await missing([...new Set(named.map(({ id }) => id))]);
  const problems: FieldProblem[] = named
    .filter(({ id }) => absent.has(id))
    .map(({ field, id }) => ({ field, message: `${what} ${id} does not exist` }));
  if (problems.length > 0) throw invalidInput(problems);
}

/** Answers which organisation ids name no live organisation (the organisations subgraph, asked by id). */
export interface OrganisationLookup {
  missing(ids: string[], requestId: string): Promise<Set<string>>;
}

/** Every organisation an input names must exist; all those that do not are reported at once. */
export function checkOrganisations(
  context: { organisations: OrganisationLookup; requestId: string },
  named: readonly { field: string; id: string }[],
): Promise<void> {
  return checkExist('organisation', named, (ids) => context.organisations.missing(ids, context.requestId));
}

/** The most records one bulk write (registerPractices, createOrganisations, …) takes. */
export const MAX_BULK_RECORDS = 500;

/**
 * A bulk write: `write` runs once per record, in the records' order, inside one transaction, and must make its
 * changes in a transaction of the manager it is given (which nests as a savepoint): each record is all-or-nothing,
 * and one the API refuses is answered with its error in its place (GraphQL reports it at that index) while the
 * others are written. Every record is validated with the rules declared on its input classes first.
 */
export async function writeEach<T extends object, R>(
  em: EntityManager,
  records: readonly T[],
  write: (em: EntityManager, record: T) => Promise<R>,
): Promise<(R | Error)[]> {
  checkBulkCount(records);
  return em.transactional(async (tx) => {
    const results: (R | Error)[] = [];
    for (const record of records) {
      results.push(await answerOf(() => validatedThen(record, () => write(tx, record))));
      // Each record's entities are written by its own flush; the next record starts from an empty identity map.
      tx.clear();
    }
    return results;
  });
}

/**
 * A bulk write that stages every record and writes them all in one flush: `stage` checks a record and, only once
 * every check has passed, creates its entities in the manager it is given (so a refused record leaves nothing
 * behind). A record `staged` says cannot be staged is written on its own with `write` (in a savepoint), after those
 * before it. Should the database refuse a flush, none of it stays and each record is written on its own with
 * `write`, as writeEach does, so only the record at fault is refused.
 */
export async function writeStaged<T extends object, R>(
  em: EntityManager,
  records: readonly T[],
  stage: (em: EntityManager, record: T) => Promise<R>,
  write: (em: EntityManager, record: T) => Promise<R>,
  staged: (record: T) => boolean = () => true,
): Promise<(R | Error)[]> {
  checkBulkCount(records);
  return em.transactional(async (outer) => {
    try {
      return await outer.transactional(async (tx) => {
        const results: (R | Error)[] = [];
        for (const record of records) {
          if (staged(record)) {
            results.push(await answerOf(() => validatedThen(record, () => stage(tx, record))));
          } else {
            await tx.flush();
            results.push(await answerOf(() => validatedThen(record, () => write(tx, record))));
          }
        }
        await tx.flush();
        return results;
      });
    } catch {
      outer.clear();
      return writeEach(outer, records, write);
    }
  });
}

function checkBulkCount(records: readonly unknown[]) {
  if (records.length > MAX_BULK_RECORDS) {
    throw badUserInput('records', `takes at most ${MAX_BULK_RECORDS} records per request, not ${records.length}`);
  }
}

async function validatedThen<R>(record: object, work: () => Promise<R>): Promise<R> {
  for (const input of Object.values(record)) if (input) await validateInput(input);
  return work();
}

async function answerOf<R>(work: () => Promise<R>): Promise<R | Error> {
  try {
    return await work();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * An organisation lookup for a bulk write: asks once which of the organisations its records name are missing, and
 * answers each record's check from that (an id it was not told of is asked for on its own).
 */
export async function prefetchedOrganisations(
  lookup: OrganisationLookup,
  ids: readonly string[],
  requestId: string,
): Promise<OrganisationLookup> {
  const known = new Set(ids);
  const absent = await lookup.missing([...known], requestId);
  return {
    async missing(wanted, id) {
      const unknown = wanted.filter((candidate) => !known.has(candidate));
      const more = unknown.length > 0 ? await lookup.missing(unknown, id) : new Set<string>();
      return new Set(wanted.filter((candidate) => absent.has(candidate) || more.has(candidate)));
    },
  };
}
