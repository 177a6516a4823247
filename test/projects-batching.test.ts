// One gateway query walks project → twinning → practice → owner → the owner's other practices → their adoptions,
// across all three subgraphs, and its statements per subgraph do not grow with the number of projects.
import { randomUUID } from 'node:crypto';
import { seedIds as organisations } from '@radar/organisations';
import { practiceSeedIds as practices } from '@radar/practices';
import { Project, Twinning, TwinningAdopter } from '@radar/projects';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  // Written straight to the projects database: this file is about reads, not about the write path.
  const em = stack.projects.db.orm.em.fork();
  const owned = [practices.smartHospitalPlatform, practices.radarRegistry, practices.moonshot2027];
  for (let index = 0; index < 110; index++) {
    const id = randomUUID();
    const now = new Date();
    em.create(Project, {
      id,
      acronym: `BATCH-${String(index).padStart(3, '0')}`,
      title: 'Batch twinning',
      summary: null,
      kind: 'TWINNING',
      programme: 'OTHER',
      funderId: organisations.europeanCommission,
      grantNumber: null,
      cordisId: null,
      startDate: '2025-01-01',
      endDate: '2025-12-31',
      totalBudget: null,
      euContribution: null,
      website: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    });
    await em.flush();
    em.create(Twinning, {
      project: id,
      originatorId: organisations.smartHospital,
      practiceId: owned[index % 3] as string,
      type: 'ADAPTATION',
      outcome: null,
      completedAt: null,
    });
    em.create(TwinningAdopter, { twinning: id, organisationId: organisations.digitalInnovationZone, adoptionId: null });
  }
  await em.flush();
});
afterAll(async () => {
  await stack?.stop();
});

const WALK = `query($first: Int) { projects(filter: { kinds: [TWINNING], text: "batch" }, orderBy: TITLE, first: $first) { nodes {
  acronym funder { name }
  twinning { originator { name } adopters { organisation { name } }
    practice { title owner { name practices(first: 10) { totalCount nodes { title adoptions { country adopter { name } project { acronym } } } } } } } } } }`;

function totals() {
  return {
    organisations: stack.organisations.db.statements.total,
    practices: stack.practices.db.statements.total,
    projects: stack.projects.db.statements.total,
  };
}

async function statementsFor(first: number) {
  const before = totals();
  const response = await stack.gql(WALK, { first });
  expect(response.errors).toBeUndefined();
  const nodes = response.data?.projects.nodes;
  expect(nodes).toHaveLength(first);
  expect(nodes[first - 1].twinning.practice.owner.name).toEqual(expect.any(String));
  expect(nodes[first - 1].twinning.adopters[0].organisation.name).toBe('Digital Innovation Zone Association');
  const after = totals();
  return {
    organisations: after.organisations - before.organisations,
    practices: after.practices - before.practices,
    projects: after.projects - before.projects,
  };
}

describe('a walk across all three subgraphs', () => {
  it('runs the same statements per subgraph for 10 and for 100 projects', async () => {
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(ten.organisations).toBeGreaterThan(0);
    expect(ten.practices).toBeGreaterThan(0);
    expect(ten.projects).toBeGreaterThan(0);
    expect(hundred).toEqual(ten);
  });

  it('reads the histories of 10 and 100 projects with the same number of statements', async () => {
    const query = `query($first: Int) { projects(filter: { kinds: [TWINNING], text: "batch" }, orderBy: TITLE, first: $first) {
      nodes { acronym history { action } } } }`;
    const measure = async (first: number) => {
      const before = stack.projects.db.statements.total;
      const response = await stack.gql(query, { first }, { key: stack.keys.curator });
      expect(response.errors).toBeUndefined();
      expect(response.data?.projects.nodes).toHaveLength(first);
      // Written straight to the database, these projects have no history: the seed and direct writes record none.
      expect(response.data?.projects.nodes[first - 1].history).toEqual([]);
      return stack.projects.db.statements.total - before;
    };
    const ten = await measure(10);
    expect(await measure(100)).toBe(ten);
  });
});
