// Loads the example practices and needs, and the names of the regions they lie in, into an empty database; a
// database that has any practice is left alone.
import type { EntityManager } from '@radar/common';
import { createAdoption } from '../adoption/adoption.service.js';
import { createNeedRecord } from '../need/need.service.js';
import { Practice } from '../practice/practice.entity.js';
import { refreshSimilar } from '../practice/practice.neighbours.js';
import { createPractice } from '../practice/practice.service.js';
import { RegionName } from '../region/region.entity.js';
import { regionNames } from '../region/region.service.js';
import { needFixtures } from './needs.fixture.js';
import { adoptionFixtures, practiceFixtures } from './practices.fixture.js';
import { regionNameFixtures } from './regions.fixture.js';

export async function seedPractices(em: EntityManager): Promise<number> {
  return em.transactional(async (tx) => {
    if ((await tx.count(Practice, {})) > 0) return 0;
    for (const { id, createdAt, publishedAt, ...input } of practiceFixtures) {
      const published = new Date(publishedAt);
      createPractice(tx, input, {
        id,
        status: 'PUBLISHED',
        createdAt: new Date(createdAt),
        updatedAt: published,
        publishedAt: published,
      });
    }
    for (const { id, ...input } of adoptionFixtures) {
      const recorded = new Date(`${input.endDate ?? input.startDate ?? '2024-01-01'}T12:00:00Z`);
      createAdoption(tx, input, { id, createdAt: recorded, updatedAt: recorded });
    }
    const now = new Date();
    const named = await regionNames(
      tx,
      regionNameFixtures.map((region) => region.code),
    );
    for (const { code, name } of regionNameFixtures) {
      if (!named.has(code)) tx.create(RegionName, { code, name, createdAt: now, updatedAt: now });
    }
    for (const { id, createdAt, publishedAt, ...input } of needFixtures) {
      const published = new Date(publishedAt);
      createNeedRecord(tx, input, {
        id,
        status: 'PUBLISHED',
        createdAt: new Date(createdAt),
        updatedAt: published,
        publishedAt: published,
      });
    }
    await tx.flush();
    await refreshSimilar(
      tx,
      practiceFixtures.map((practice) => practice.id),
    );
    return practiceFixtures.length;
  });
}
