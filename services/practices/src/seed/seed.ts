// Loads the example practices into an empty database; a database that has any practice is left alone.
import type { EntityManager } from '@radar/common';
import { Adoption } from '../adoption/adoption.entity.js';
import { cdhiWithAncestors } from '../practice/practice.codes.js';
import { Contributor, Practice } from '../practice/practice.entity.js';
import { adoptionFixtures, practiceFixtures } from './practices.fixture.js';

export async function seedPractices(em: EntityManager): Promise<number> {
  return em.transactional(async (tx) => {
    if ((await tx.count(Practice, {})) > 0) return 0;
    for (const fixture of practiceFixtures) {
      const cdhiCodes = fixture.cdhiCodes ?? [];
      tx.create(Practice, {
        id: fixture.id,
        title: fixture.title,
        summary: fixture.summary,
        description: fixture.description ?? null,
        type: fixture.type,
        maturity: fixture.maturity,
        trl: fixture.trl ?? null,
        cdhiCodes,
        cdhiCodesExpanded: [...new Set(cdhiCodes.flatMap(cdhiWithAncestors))].sort(),
        topics: fixture.topics ?? [],
        targetGroups: fixture.targetGroups ?? [],
        careSettings: fixture.careSettings ?? [],
        languages: fixture.languages ?? [],
        countries: fixture.countries ?? [],
        nuts: fixture.nuts ?? [],
        standards: fixture.standards ?? [],
        landingPage: fixture.landingPage ?? null,
        contactEmail: fixture.contactEmail ?? null,
        licence: fixture.licence ?? null,
        certification: fixture.certification ?? null,
        ownerId: fixture.ownerId,
        status: 'PUBLISHED',
        createdAt: new Date(fixture.createdAt),
        updatedAt: new Date(fixture.publishedAt),
        publishedAt: new Date(fixture.publishedAt),
      });
    }
    await tx.flush();
    for (const fixture of practiceFixtures) {
      for (const { organisationId, role } of fixture.contributors ?? []) {
        tx.create(Contributor, { practice: fixture.id, organisationId, role });
      }
    }
    for (const fixture of adoptionFixtures) {
      tx.create(Adoption, {
        id: fixture.id,
        practice: fixture.practiceId,
        adopterId: fixture.adopterId,
        country: fixture.country,
        nuts: fixture.nuts ?? null,
        scale: fixture.scale,
        status: fixture.status,
        startDate: fixture.startDate ?? null,
        endDate: fixture.endDate ?? null,
        projectId: fixture.projectId ?? null,
        note: fixture.note ?? null,
        createdAt: new Date(`${fixture.endDate ?? '2024-01-01'}T12:00:00Z`),
        updatedAt: new Date(`${fixture.endDate ?? '2024-01-01'}T12:00:00Z`),
        deletedAt: null,
      });
    }
    await tx.flush();
    return practiceFixtures.length;
  });
}
