// Reading and writing organisations: search with keyset paging, and all-or-nothing create, update and delete.

import { randomUUID } from 'node:crypto';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  badUserInput,
  type Caller,
  type ConnectionShape,
  conflict,
  decodeCursor,
  type EntityManager,
  notFound,
  nutsCountryProblem,
  pageSize,
  requireActingFor,
  requireCurator,
  requireKey,
  toConnection,
} from '@radar/common';
import { Membership, Organisation, OrganisationIdentifier, SEARCH_TEXT_SQL } from './organisation.entity.js';
import type {
  CreateOrganisationInput,
  IdentifierInput,
  OrganisationFilter,
  UpdateOrganisationInput,
} from './organisation.inputs.js';

function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export async function searchOrganisations(
  em: EntityManager,
  filter: OrganisationFilter = {},
  first?: number | null,
  after?: string | null,
): Promise<ConnectionShape<Organisation>> {
  const size = pageSize(first);
  const qb = em.createQueryBuilder(Organisation, 'o');
  if (!filter.includeDeleted) qb.andWhere({ deletedAt: null });
  if (filter.kinds?.length) qb.andWhere({ kind: { $in: filter.kinds } });
  if (filter.countries?.length) qb.andWhere({ country: { $in: filter.countries } });
  if (filter.memberOf) {
    qb.andWhere('o.id in (select m.member_id from organisation_membership m where m.network_id = ?)', [
      filter.memberOf,
    ]);
  }
  if (filter.text?.trim()) {
    qb.andWhere(`${SEARCH_TEXT_SQL} like '%' || radar_fold(?) || '%'`, [escapeLike(filter.text.trim())]);
  }
  const totalCount = await qb.clone().getCount();
  if (after) {
    const [name, id] = decodeCursor(after, 2);
    if (typeof name !== 'string' || typeof id !== 'string')
      throw badUserInput('after', 'is not a cursor returned by this API');
    qb.andWhere('(o.name, o.id) > (?, ?::uuid)', [name, id]);
  }
  const rows = await qb
    .orderBy({ name: 'asc', id: 'asc' })
    .limit(size + 1)
    .getResultList();
  return toConnection(rows, size, totalCount, (row) => [row.name, row.id], Boolean(after));
}

async function checkIdentifiers(em: EntityManager, identifiers: IdentifierInput[], self?: string) {
  if (identifiers.length === 0) return;
  const taken = await em.find(OrganisationIdentifier, {
    $or: identifiers.map(({ scheme, value }) => ({ scheme, value })),
  });
  for (const row of taken) {
    if (row.organisation === self) continue;
    const index = identifiers.findIndex(({ scheme, value }) => scheme === row.scheme && value === row.value);
    throw badUserInput(
      `identifiers[${index}].value`,
      `${row.scheme} ${row.value} already identifies organisation ${row.organisation}`,
    );
  }
}

async function checkNetworks(em: EntityManager, networkIds: string[], self?: string) {
  if (networkIds.length === 0) return;
  const found = new Set(
    (await em.find(Organisation, { id: { $in: networkIds }, deletedAt: null }, { fields: ['id'] })).map(
      (row) => row.id,
    ),
  );
  for (const [index, id] of networkIds.entries()) {
    if (id === self) throw badUserInput(`memberships[${index}]`, 'an organisation cannot be a member of itself');
    if (!found.has(id)) throw badUserInput(`memberships[${index}]`, `organisation ${id} does not exist`);
  }
}

function replaceChildren(
  em: EntityManager,
  organisation: string,
  input: CreateOrganisationInput | UpdateOrganisationInput,
) {
  if (input.identifiers) {
    for (const { scheme, value } of input.identifiers) {
      em.create(OrganisationIdentifier, { organisation, scheme, value });
    }
  }
  if (input.memberships) {
    for (const network of input.memberships) em.create(Membership, { member: organisation, network });
  }
}

/** Turns the database's own last-line checks into the API's errors. */
async function mapWriteErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof OptimisticLockError) {
      throw conflict('The organisation was changed by someone else since you read it; read it again and retry.');
    }
    if (error instanceof UniqueConstraintViolationException) {
      throw badUserInput('identifiers', 'an identifier is already used by another organisation');
    }
    throw error;
  }
}

export async function createOrganisation(em: EntityManager, caller: Caller, input: CreateOrganisationInput) {
  requireCurator(caller);
  return mapWriteErrors(() =>
    em.transactional(async (tx) => {
      await checkIdentifiers(tx, input.identifiers ?? []);
      await checkNetworks(tx, input.memberships ?? []);
      const now = new Date();
      const organisation = tx.create(Organisation, {
        id: randomUUID(),
        name: input.name,
        acronym: input.acronym ?? null,
        kind: input.kind,
        country: input.country ?? null,
        nuts: input.nuts ?? null,
        city: input.city ?? null,
        website: input.website ?? null,
        email: input.email ?? null,
        description: input.description ?? null,
        createdAt: now,
        updatedAt: now,
      });
      replaceChildren(tx, organisation.id, input);
      await tx.flush();
      return organisation;
    }),
  );
}

async function loadForWrite(em: EntityManager, id: string) {
  const organisation = await em.findOne(Organisation, { id, deletedAt: null });
  if (!organisation) throw notFound('Organisation', id);
  return organisation;
}

function checkVersion(organisation: Organisation, version: number) {
  if (organisation.version !== version) {
    throw conflict(
      `You sent version ${version} but organisation ${organisation.id} is at version ${organisation.version}; read it again and retry.`,
      'version',
      { currentVersion: organisation.version },
    );
  }
}

export async function updateOrganisation(
  em: EntityManager,
  caller: Caller,
  id: string,
  version: number,
  input: UpdateOrganisationInput,
) {
  requireKey(caller);
  return mapWriteErrors(() =>
    em.transactional(async (tx) => {
      const organisation = await loadForWrite(tx, id);
      requireActingFor(caller, id);
      checkVersion(organisation, version);
      const country = input.country === undefined ? organisation.country : input.country;
      const nuts = input.nuts === undefined ? organisation.nuts : input.nuts;
      // The input class checks a NUTS code against a country sent with it; this checks it against the stored one.
      const problem = nutsCountryProblem(country, nuts);
      if (problem) throw badUserInput(input.nuts === undefined ? 'country' : 'nuts', problem);
      if (input.identifiers) await checkIdentifiers(tx, input.identifiers, id);
      if (input.memberships) await checkNetworks(tx, input.memberships, id);

      const scalar = ['name', 'acronym', 'kind', 'country', 'nuts', 'city', 'website', 'email', 'description'] as const;
      const changes: Record<string, unknown> = {};
      for (const field of scalar) {
        const value = input[field];
        if (value === undefined) continue;
        if (value === null && (field === 'name' || field === 'kind')) throw badUserInput(field, 'cannot be cleared');
        changes[field] = value;
      }
      tx.assign(organisation, changes);
      if (input.identifiers) await tx.nativeDelete(OrganisationIdentifier, { organisation: id });
      if (input.memberships) await tx.nativeDelete(Membership, { member: id });
      replaceChildren(tx, id, input);
      // Children-only changes still make a new version, so other writers see the change.
      organisation.updatedAt = new Date();
      await tx.flush();
      return organisation;
    }),
  );
}

export async function deleteOrganisation(em: EntityManager, caller: Caller, id: string, version: number) {
  requireCurator(caller);
  return mapWriteErrors(() =>
    em.transactional(async (tx) => {
      const organisation = await loadForWrite(tx, id);
      checkVersion(organisation, version);
      organisation.deletedAt = new Date();
      organisation.updatedAt = organisation.deletedAt;
      await tx.flush();
      return organisation;
    }),
  );
}
