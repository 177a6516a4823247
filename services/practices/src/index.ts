// Public surface of the practices subgraph package.

export { Adoption } from './adoption/adoption.entity.js';
export { type ProjectDirectory, SubgraphProjectDirectory } from './adoption/project.directory.js';
export * from './app.js';
export * from './config.js';
export { practiceEntities } from './entities.js';
export { practiceMigrations } from './migrations/index.js';
export { Need } from './need/need.entity.js';
export type { OrganisationDirectory } from './organisation/organisation.directory.js';
export { practiceCodeLists } from './practice/practice.codes.js';
export { Contributor, Practice } from './practice/practice.entity.js';
export {
  backfillSimilar,
  drainSimilar,
  rankSimilarTurn,
  refreshSimilar,
  SIMILAR_TABLES,
  type SimilarBackfill,
  similarListWorker,
} from './practice/practice.neighbours.js';
export { buildPracticesSchema } from './schema.js';
export { needFixtures, needSeedIds } from './seed/needs.fixture.js';
export { adoptionSeedIds, linkedProjectIds, practiceFixtures, practiceSeedIds } from './seed/practices.fixture.js';
export { seedPractices } from './seed/seed.js';
export { uptakeSeriesStatement } from './uptake/uptake.service.js';
export { UptakeLevel } from './uptake/uptake.types.js';
