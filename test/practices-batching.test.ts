// A gateway query for 100 practices with owners, contributors, adoptions and adopters makes as many SQL statements
// in each subgraph as the same query for 10.
import { randomUUID } from 'node:crypto';
import { seedIds as organisations } from '@radar/organisations';
import { Adoption, Contributor, Practice } from '@radar/practices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  // Rows are written straight to the practices database: this file is about reads, not about the write path.
  const em = stack.practices.db.orm.em.fork();
  const networks = [organisations.eitHealth, organisations.echAlliance, organisations.digitalInnovationZone];
  for (let index = 0; index < 120; index++) {
    const id = randomUUID();
    const now = new Date();
    em.create(Practice, {
      id,
      title: `Batch practice ${String(index).padStart(3, '0')}`,
      summary: 'A practice made for counting statements.',
      type: 'APP',
      maturity: 'PILOT',
      cdhiCodes: [],
      cdhiCodesExpanded: [],
      topics: [],
      targetGroups: [],
      careSettings: [],
      languages: [],
      countries: ['RO'],
      nuts: [],
      standards: [],
      ownerId: organisations.smartHospital,
      status: 'PUBLISHED',
      createdAt: now,
      updatedAt: now,
      publishedAt: now,
    });
    await em.flush();
    for (const position of [0, 1]) {
      em.create(Contributor, {
        practice: id,
        organisationId: networks[(index + position) % 3] as string,
        role: 'PARTNER',
      });
      em.create(Adoption, {
        id: randomUUID(),
        practice: id,
        adopterId: networks[(index + position + 1) % 3] as string,
        country: 'RO',
        scale: 'LOCAL',
        status: 'ONGOING',
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  await em.flush();
});
afterAll(async () => {
  await stack?.stop();
});

const QUERY = `query($first: Int) { practices(filter: { text: "batch" }, orderBy: TITLE, first: $first) { nodes {
  title owner { name } contributors { role organisation { name } } adoptions { country adopter { name acronym } } } } }`;

async function statementsFor(first: number) {
  const before = {
    practices: stack.practices.db.statements.total,
    organisations: stack.organisations.db.statements.total,
  };
  const response = await stack.gql(QUERY, { first });
  expect(response.errors).toBeUndefined();
  expect(response.data?.practices.nodes).toHaveLength(first);
  const node = response.data?.practices.nodes[first - 1];
  expect(node.owner.name).toBe('Smart Hospital');
  expect(node.contributors).toHaveLength(2);
  expect(node.adoptions[0].adopter.name).toEqual(expect.any(String));
  return {
    practices: stack.practices.db.statements.total - before.practices,
    organisations: stack.organisations.db.statements.total - before.organisations,
  };
}

describe('batched loading across subgraphs', () => {
  it('runs the same statements per subgraph for 10 and for 100 practices', async () => {
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(ten.practices).toBeGreaterThan(0);
    expect(ten.organisations).toBeGreaterThan(0);
    expect(hundred).toEqual(ten);
  });

  it('walks organisation → practices → adoptions → adopters with constant statements', async () => {
    const walk = (first: number) =>
      `{ organisations(filter: { text: "smart hospital" }) { nodes { name practices(role: OWNER, first: ${first}) { totalCount nodes { title adoptions { adopter { name practices(first: 5) { totalCount } } } } } } } }`;
    const measure = async (first: number) => {
      const before = stack.practices.db.statements.total + stack.organisations.db.statements.total;
      const response = await stack.gql(walk(first));
      expect(response.errors).toBeUndefined();
      expect(response.data?.organisations.nodes[0].practices.nodes).toHaveLength(first);
      return stack.practices.db.statements.total + stack.organisations.db.statements.total - before;
    };
    expect(await measure(100)).toBe(await measure(10));
  });

  it('reads assessments, current ones and labels with constant statements', async () => {
    const listed = await stack.gql(
      `{ practices(filter: { text: "batch" }, orderBy: TITLE, first: 100) { nodes { id } } }`,
    );
    const ids = ((listed.data?.practices.nodes ?? []) as { id: string }[]).map((node) => node.id);
    const codes = await stack.gql<{ codeList: { code: string }[] }>('{ codeList(name: ASSESSMENT_CRITERIA) { code } }');
    for (const id of [ids[0], ids[50], ids[99]]) {
      const recorded = await stack.gql(
        `mutation($input: RecordAssessmentInput!) { recordAssessment(input: $input) { id } }`,
        {
          input: {
            practiceId: id,
            scores: codes.data?.codeList.map(({ code }) => ({ criterion: code, score: 3, note: 'Counted.' })),
          },
        },
        { key: stack.keys.curator },
      );
      expect(recorded.errors).toBeUndefined();
    }
    const measure = async (first: number) => {
      const before = stack.practices.db.statements.total;
      const response = await stack.gql(
        `{ practices(filter: { text: "batch" }, orderBy: TITLE, first: ${first}) { nodes {
          assessmentLabel assessment { label } assessments { scores { score } } } } }`,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data?.practices.nodes[0].assessmentLabel).toBe('BEST_PRACTICE');
      return stack.practices.db.statements.total - before;
    };
    expect(await measure(100)).toBe(await measure(10));
  });
});
