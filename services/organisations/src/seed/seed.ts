// Loads the example organisations into an empty database; a database that has any organisation is left alone.
import type { EntityManager } from '@radar/common';
import { Membership, Organisation, OrganisationIdentifier } from '../organisation/organisation.entity.js';
import { organisationFixtures } from './organisations.fixture.js';

export async function seedOrganisations(em: EntityManager): Promise<number> {
  return em.transactional(async (tx) => {
    if ((await tx.count(Organisation, {})) > 0) return 0;
    const now = new Date();
    for (const fixture of organisationFixtures) {
      tx.create(Organisation, {
        id: fixture.id,
        name: fixture.name,
        acronym: fixture.acronym ?? null,
        kind: fixture.kind,
        country: fixture.country ?? null,
        nuts: fixture.nuts ?? null,
        city: fixture.city ?? null,
        website: null,
        email: null,
        description: fixture.description,
        createdAt: now,
        updatedAt: now,
      });
    }
    await tx.flush();
    for (const fixture of organisationFixtures) {
      for (const { scheme, value } of fixture.identifiers ?? []) {
        tx.create(OrganisationIdentifier, { organisation: fixture.id, scheme, value });
      }
      for (const network of fixture.memberships ?? []) tx.create(Membership, { member: fixture.id, network });
    }
    await tx.flush();
    return organisationFixtures.length;
  });
}
