// Matching stays batched: a gateway query for 50 needs with their candidate practices, and those practices' matching
// needs, makes no more SQL statements in any subgraph than the same query for 5.
import { randomUUID } from 'node:crypto';
import { seedIds as organisations } from '@radar/organisations';
import { Need, Practice } from '@radar/practices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  // Rows are written straight to the practices database: this file is about reads, not about the write path.
  const em = stack.practices.db.orm.em.fork();
  const now = new Date();
  for (let index = 0; index < 20; index++) {
    em.create(Practice, {
      id: randomUUID(),
      title: `Batch telemonitoring ${String(index).padStart(3, '0')}`,
      summary: 'A practice made for counting statements.',
      type: 'APP',
      maturity: 'IMPLEMENTED',
      cdhiCodes: ['2.4.2'],
      cdhiCodesExpanded: ['2', '2.4', '2.4.2'],
      healthSystemChallenges: ['3.5'],
      serviceTypes: ['A9'],
      topics: [],
      targetGroups: ['PATIENTS_CITIZENS'],
      careSettings: ['HOME'],
      languages: ['en'],
      countries: ['RO'],
      nuts: [],
      standards: [],
      ownerId: organisations.smartHospital,
      status: 'PUBLISHED',
      createdAt: now,
      updatedAt: now,
      publishedAt: now,
    });
  }
  for (let index = 0; index < 60; index++) {
    em.create(Need, {
      id: randomUUID(),
      title: `Batch need ${String(index).padStart(3, '0')}`,
      description: 'A need made for counting statements.',
      language: 'en',
      cdhiCodes: ['2.4.2'],
      cdhiCodesExpanded: ['2', '2.4', '2.4.2'],
      healthSystemChallenges: ['3.5'],
      serviceTypes: [],
      targetGroups: ['PATIENTS_CITIZENS'],
      careSettings: ['HOME'],
      languages: [],
      country: 'RO',
      nuts: null,
      minMaturity: 'PILOT',
      startDate: null,
      endDate: null,
      ownerId: organisations.eitHealth,
      status: 'PUBLISHED',
      state: 'OPEN',
      matchedPracticeId: null,
      createdAt: now,
      updatedAt: now,
      publishedAt: now,
    });
  }
  await em.flush();
});
afterAll(async () => {
  await stack?.stop();
});

const QUERY = `query($first: Int) { needs(filter: { ownerId: "${organisations.eitHealth}" }, first: $first) { nodes {
  title owner { name } candidates(first: 3) { score reasons practice { title owner { name }
    matchingNeeds(first: 2) { score need { title owner { name } } } } } } } }`;

async function statementsFor(first: number) {
  const before = {
    practices: stack.practices.db.statements.total,
    organisations: stack.organisations.db.statements.total,
  };
  const response = await stack.gql(QUERY, { first });
  expect(response.errors).toBeUndefined();
  const nodes = response.data?.needs.nodes;
  expect(nodes).toHaveLength(first);
  expect(nodes[first - 1].owner.name).toBe('EIT Health');
  expect(nodes[first - 1].candidates).toHaveLength(3);
  expect(nodes[first - 1].candidates[0].practice.matchingNeeds).toHaveLength(2);
  return {
    practices: stack.practices.db.statements.total - before.practices,
    organisations: stack.organisations.db.statements.total - before.organisations,
  };
}

describe('batched matching', () => {
  it('runs no more statements per subgraph for 50 needs with their candidates than for 5', async () => {
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(five.practices).toBeGreaterThan(0);
    // A matching need that is already among the listed ones is not read again, so 50 may take one statement less.
    expect(fifty.practices).toBeLessThanOrEqual(five.practices);
    expect(fifty.organisations).toBe(five.organisations);
  });
});
