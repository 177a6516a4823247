// Per-request batch loaders: one SQL statement per kind of lookup, however many organisations a request touches.
import { type EntityManager, groupBy } from '@radar/common';
import DataLoader from 'dataloader';
import { identifierIri } from './organisation.codes.js';
import { type DuplicateMatch, possibleDuplicates } from './organisation.duplicates.js';
import { Membership, Organisation, OrganisationEvent, OrganisationIdentifier } from './organisation.entity.js';
import type { ExternalIdentifier } from './organisation.types.js';

export function createOrganisationLoaders(em: EntityManager) {
  const byId = new DataLoader<string, Organisation | null>(async (ids) => {
    const rows = await em.find(Organisation, { id: { $in: [...ids] } });
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });

  const identifiers = new DataLoader<string, ExternalIdentifier[]>(async (ids) => {
    const rows = await em.find(
      OrganisationIdentifier,
      { organisation: { $in: [...ids] } },
      { orderBy: { scheme: 'asc' } },
    );
    return groupBy(ids, rows, (row) => row.organisation).map((group) =>
      group.map((row) => ({ scheme: row.scheme, value: row.value, iri: identifierIri(row.scheme, row.value) })),
    );
  });

  const live = async (ids: string[]) =>
    (await byId.loadMany(ids)).filter(
      (organisation): organisation is Organisation => organisation instanceof Organisation && !organisation.deletedAt,
    );

  const networksOf = new DataLoader<string, Organisation[]>(async (memberIds) => {
    const rows = await em.find(Membership, { member: { $in: [...memberIds] } });
    const groups = groupBy(memberIds, rows, (row) => row.member);
    const networks = new Map((await live(rows.map((row) => row.network))).map((org) => [org.id, org]));
    return groups.map((group) => sortByName(group.flatMap((row) => networks.get(row.network) ?? [])));
  });

  const membersOf = new DataLoader<string, Organisation[]>(async (networkIds) => {
    const rows = await em.find(Membership, { network: { $in: [...networkIds] } });
    const groups = groupBy(networkIds, rows, (row) => row.network);
    const members = new Map((await live(rows.map((row) => row.member))).map((org) => [org.id, org]));
    return groups.map((group) => sortByName(group.flatMap((row) => members.get(row.member) ?? [])));
  });

  const duplicates = new DataLoader<string, DuplicateMatch[]>((ids) => possibleDuplicates(em, ids));

  const history = new DataLoader<string, OrganisationEvent[]>(async (ids) =>
    groupBy(
      ids,
      await em.find(OrganisationEvent, { organisation: { $in: [...ids] } }, { orderBy: { at: 'asc', id: 'asc' } }),
      (row) => row.organisation,
    ),
  );

  return { byId, identifiers, networksOf, membersOf, duplicates, history };
}

function sortByName(organisations: Organisation[]) {
  return organisations.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

export type OrganisationLoaders = ReturnType<typeof createOrganisationLoaders>;
