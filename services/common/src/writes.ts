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
