// Loads the example projects into an empty database; a database that has any project is left alone.
import type { EntityManager } from '@radar/common';
import { reverseSynergy } from '../project/project.codes.js';
import { Project, Synergy } from '../project/project.entity.js';
import { createProject } from '../project/project.service.js';
import { Twinning, TwinningAdopter } from '../twinning/twinning.entity.js';
import { projectFixtures } from './projects.fixture.js';

export async function seedProjects(em: EntityManager): Promise<number> {
  return em.transactional(async (tx) => {
    if ((await tx.count(Project, {})) > 0) return 0;
    const recorded = new Date('2024-10-31T12:00:00Z');
    for (const { id, completion: _completion, synergies: _synergies, ...input } of projectFixtures) {
      createProject(tx, input, { id, createdAt: recorded, updatedAt: recorded });
    }
    await tx.flush();
    for (const fixture of projectFixtures) {
      for (const { otherId, kind } of fixture.synergies ?? []) {
        tx.create(Synergy, { project: fixture.id, other: otherId, kind });
        tx.create(Synergy, { project: otherId, other: fixture.id, kind: reverseSynergy[kind] });
      }
      if (fixture.completion) {
        const twinning = await tx.findOneOrFail(Twinning, { project: fixture.id });
        twinning.completedAt = new Date(fixture.completion.at);
        for (const [organisationId, adoptionId] of Object.entries(fixture.completion.adoptions)) {
          const adopter = await tx.findOneOrFail(TwinningAdopter, { twinning: fixture.id, organisationId });
          adopter.adoptionId = adoptionId;
        }
      }
    }
    await tx.flush();
    return projectFixtures.length;
  });
}
