// Reading and writing organisations: search with keyset paging, and all-or-nothing create, update and delete.

import { randomUUID } from 'node:crypto';
import {
  badUserInput,
  type Caller,
  type CarriedTimes,
  type ConnectionShape,
  carriedTimes,
  checkExist,
  checkVersion,
  decodeCursor,
  diff,
  type EntityManager,
  type FieldProblem,
  InputProblems,
  importNote,
  invalidInput,
  isNewSourceKey,
  keepCarriedTimes,
  keepSourceKey,
  loadForWrite,
  mapWriteErrors,
  newRecordId,
  normaliseIdentifier,
  nutsCountryProblem,
  pageSize,
  type RecordStateInput,
  requireActingFor,
  requireCurator,
  requireSignedIn,
  type SourceKeyInput,
  type SourceKeyOwner,
  sourceKeyOwner,
  sourceKeyOwners,
  toConnection,
  type WriteErrors,
  writeStaged,
} from '@radar/common';
import { leaveAllOnDeletion, replaceMemberships } from '../membership/membership.service.js';
import { childrenOf, fieldsOf, ORGANISATION_FIELDS, recordOrganisationEvent } from './organisation.audit.js';
import { Organisation, OrganisationIdentifier, OrganisationSource, SEARCH_TEXT_SQL } from './organisation.entity.js';
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
  // Own rows stay out of the identity map: an update deletes and re-creates them, kept or not.
  const taken = await em.find(OrganisationIdentifier, {
    $or: identifiers.map(({ scheme, value }) => ({ scheme, value })),
    ...(self ? { organisation: { $ne: self } } : {}),
  });
  const problems: FieldProblem[] = taken
    .filter((row) => row.organisation !== self)
    .map((row) => ({
      field: `identifiers[${identifiers.findIndex(({ scheme, value }) => scheme === row.scheme && value === row.value)}].value`,
      message: `${row.scheme} ${row.value} already identifies organisation ${row.organisation}`,
    }));
  if (problems.length > 0) throw invalidInput(problems);
}

/** The "organisation exists" check, here against this subgraph's own table. */
async function checkNetworks(em: EntityManager, networkIds: string[], self?: string) {
  const own = networkIds.flatMap((id, index) => (id === self ? [index] : []));
  if (own.length > 0) {
    throw invalidInput(
      own.map((index) => ({ field: `memberships[${index}]`, message: 'an organisation cannot be a member of itself' })),
    );
  }
  await checkExist(
    'organisation',
    networkIds.map((id, index) => ({ field: `memberships[${index}]`, id })),
    async (ids) => {
      const found = await em.find(Organisation, { id: { $in: ids }, deletedAt: null }, { fields: ['id'] });
      const live = new Set(found.map((row) => row.id));
      return new Set(ids.filter((id) => !live.has(id)));
    },
  );
}

function canonicalIdentifier({ scheme, value }: IdentifierInput): IdentifierInput {
  const result = normaliseIdentifier(scheme, value);
  return { scheme, value: result.ok ? result.value : value };
}

/** Checks what a create or update names in the database, reporting every problem at once. */
async function checkNamed(
  em: EntityManager,
  input: CreateOrganisationInput | UpdateOrganisationInput,
  problems: InputProblems,
  self?: string,
) {
  // The input class accepted every spelling; the stored one is canonical.
  if (input.identifiers) input.identifiers = input.identifiers.map(canonicalIdentifier);
  if (input.identifiers) await problems.collect(() => checkIdentifiers(em, input.identifiers ?? [], self));
  if (input.memberships) await problems.collect(() => checkNetworks(em, input.memberships ?? [], self));
  problems.throwIfAny();
}

async function replaceChildren(
  em: EntityManager,
  caller: Caller,
  organisation: string,
  input: { identifiers?: IdentifierInput[] | null; memberships?: string[] | null },
  times: CarriedTimes = {},
  note: string | null = null,
) {
  if (input.identifiers) {
    for (const { scheme, value } of input.identifiers) {
      em.create(OrganisationIdentifier, { organisation, scheme, value });
    }
  }
  // Times carried from RADAR's own linked data are each record's own: the networks joined keep theirs.
  if (input.memberships) {
    await replaceMemberships(em, caller, organisation, input.memberships, { touch: !times.updatedAt, note });
  }
}

/** The identifiers and networks a write gives, as the history shows them (see childrenOf). */
function given(input: { identifiers?: IdentifierInput[] | null; memberships?: string[] | null }) {
  return {
    ...(input.identifiers
      ? { identifiers: input.identifiers.map(({ scheme, value }) => `${scheme} ${value}`).sort() }
      : {}),
    ...(input.memberships ? { memberships: [...new Set(input.memberships)].sort() } : {}),
  };
}

/** Errors of organisation writes; a refused unique constraint is an identifier that raced past checkIdentifiers. */
const organisationWrites: WriteErrors = {
  what: 'organisation',
  onUnique: () => badUserInput('identifiers', 'an identifier is already used by another organisation'),
};

/**
 * Creates an organisation with its identifiers and source key in `tx`, for the caller to flush; what can refuse it
 * (an identifier or network in use or missing, a reused id, a source key naming another) is checked first.
 */
async function stageOrganisation(
  tx: EntityManager,
  caller: Caller,
  input: CreateOrganisationInput,
  source: SourceKeyInput | undefined,
  owner: SourceKeyOwner,
  times: CarriedTimes = {},
) {
  await checkNamed(tx, input, new InputProblems());
  const id = await newRecordId(tx, Organisation, input.id, 'organisation');
  const keepKey = source ? await isNewSourceKey(owner, 'organisation', id, source) : false;
  const now = new Date();
  const organisation = tx.create(Organisation, {
    id,
    name: input.name,
    acronym: input.acronym ?? null,
    kind: input.kind,
    country: input.country ?? null,
    nuts: input.nuts ?? null,
    city: input.city ?? null,
    website: input.website ?? null,
    email: input.email ?? null,
    description: input.description ?? null,
    createdAt: times.createdAt ?? times.updatedAt ?? now,
    updatedAt: times.updatedAt ?? now,
  });
  await replaceChildren(tx, caller, organisation.id, { identifiers: input.identifiers }, times);
  recordOrganisationEvent(
    tx,
    id,
    requireSignedIn(caller),
    'CREATED',
    diff({}, { ...fieldsOf(organisation), ...given(input) }),
    source ? importNote(source) : null,
  );
  if (keepKey && source) {
    tx.create(OrganisationSource, { record: id, source: source.source, sourceId: source.sourceId });
    owner.claim?.(source, id);
  }
  return organisation;
}

export async function createOrganisation(
  em: EntityManager,
  caller: Caller,
  input: CreateOrganisationInput,
  source?: SourceKeyInput,
  state?: RecordStateInput,
) {
  requireCurator(caller);
  const times = carriedTimes(caller, state);
  return mapWriteErrors(organisationWrites, () =>
    em.transactional(async (tx) => {
      const organisation = await stageOrganisation(
        tx,
        caller,
        input,
        source,
        sourceKeyOwner(tx, OrganisationSource),
        times,
      );
      const note = source ? importNote(source) : null;
      await replaceChildren(tx, caller, organisation.id, { memberships: input.memberships }, times, note);
      await tx.flush();
      return organisation;
    }),
  );
}

/**
 * Creates many organisations in one transaction, each as createOrganisation would (with the times its `state` carries)
 * and all-or-nothing on its own:
 * their source keys are read in one query and the organisations written in one flush; one that joins networks is
 * written on its own, after those before it (it may name one of them). Answers each organisation, or its error.
 */
export function createOrganisations(
  em: EntityManager,
  caller: Caller,
  records: readonly {
    input: CreateOrganisationInput;
    source?: SourceKeyInput | null;
    state?: RecordStateInput | null;
  }[],
) {
  requireCurator(caller);
  const keys = records.flatMap(({ source }) => (source ? [source] : []));
  let owner: SourceKeyOwner | undefined;
  return writeStaged(
    em,
    records,
    async (tx, { input, source, state }) => {
      const times = carriedTimes(caller, state);
      owner ??= await sourceKeyOwners(tx, OrganisationSource, keys);
      return stageOrganisation(tx, caller, input, source ?? undefined, owner, times);
    },
    (tx, { input, source, state }) => createOrganisation(tx, caller, input, source ?? undefined, state ?? undefined),
    ({ input }) => (input.memberships ?? []).length === 0,
  );
}

export async function updateOrganisation(
  em: EntityManager,
  caller: Caller,
  id: string,
  version: number,
  input: UpdateOrganisationInput,
  source?: SourceKeyInput,
  state?: RecordStateInput,
) {
  requireSignedIn(caller);
  return mapWriteErrors(organisationWrites, () =>
    em.transactional(async (tx) => {
      const organisation = await loadForWrite(tx, Organisation, id);
      const actor = requireActingFor(caller, id);
      const times = carriedTimes(caller, state, organisation.createdAt);
      checkVersion('organisation', organisation, version);
      // The input class checks a NUTS code against a country sent with it; this checks it against the stored one.
      const problems = new InputProblems().add(
        input.nuts === undefined ? 'country' : 'nuts',
        nutsCountryProblem(
          input.country === undefined ? organisation.country : input.country,
          input.nuts === undefined ? organisation.nuts : input.nuts,
        ),
      );
      await checkNamed(tx, input, problems, id);

      // name and kind cannot be cleared: the input class refuses null for them.
      const changes: Record<string, unknown> = {};
      for (const field of ORGANISATION_FIELDS) {
        const value = input[field];
        if (value !== undefined) changes[field] = value;
      }
      const after: Record<string, unknown> = { ...changes, ...given(input) };
      const stored: Record<string, unknown> = { ...fieldsOf(organisation), ...(await childrenOf(tx, id)) };
      const before = Object.fromEntries(Object.keys(after).map((field) => [field, stored[field]]));
      tx.assign(organisation, changes);
      if (input.identifiers) await tx.nativeDelete(OrganisationIdentifier, { organisation: id });
      const note = source ? importNote(source) : null;
      await replaceChildren(tx, caller, id, input, times, note);
      await keepSourceKey(tx, OrganisationSource, 'organisation', id, source);
      recordOrganisationEvent(tx, id, actor, 'UPDATED', diff(before, after), note);
      // Children-only changes still make a new version, so other writers see the change.
      organisation.updatedAt = new Date();
      await tx.flush();
      await keepCarriedTimes(tx, organisation, times);
      return organisation;
    }),
  );
}

export async function deleteOrganisation(em: EntityManager, caller: Caller, id: string, version: number) {
  const actor = requireCurator(caller);
  return mapWriteErrors(organisationWrites, () =>
    em.transactional(async (tx) => {
      const organisation = await loadForWrite(tx, Organisation, id);
      checkVersion('organisation', organisation, version);
      organisation.deletedAt = new Date();
      organisation.updatedAt = organisation.deletedAt;
      recordOrganisationEvent(tx, id, actor, 'DELETED');
      await leaveAllOnDeletion(tx, actor, id);
      await tx.flush();
      return organisation;
    }),
  );
}
