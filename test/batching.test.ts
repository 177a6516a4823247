// Statement counts do not grow with the number of organisations a request touches.
import { randomUUID } from 'node:crypto';
import { anonymous } from '@radar/common';
import { seedIds } from '@radar/organisations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

let stack: Stack;
const ids: string[] = [];

beforeAll(async () => {
  stack = await startStack();
  for (let index = 0; index < 100; index++) {
    const response = await stack.gql(
      `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
      {
        input: {
          name: `Batch Org ${String(index).padStart(3, '0')}`,
          kind: 'COMPANY',
          identifiers: [{ scheme: 'PIC', value: String(900000000 + index) }],
          memberships: [seedIds.smartHospital, seedIds.eitHealth],
        },
      },
      { key: stack.keys.curator },
    );
    ids.push(response.data?.createOrganisation.id);
  }
});
afterAll(async () => {
  await stack?.stop();
});

async function statementsFor(query: string, variables: Record<string, unknown>, direct = false, key?: string) {
  const { statements, result } = await stack.organisations.db.statements.measure(async () => {
    if (!direct) return stack.gql(query, variables, key ? { key } : {});
    return stack.gql(query, variables, { url: stack.organisationsUrl, signAs: anonymous });
  });
  expect(result.errors).toBeUndefined();
  return { statements, result };
}

describe('batched loading', () => {
  it('resolves 10 and 100 entity references with the same number of statements', async () => {
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Organisation { name identifiers { value } memberships { name } members { name } } } }`;
    const represent = (count: number) => ({
      representations: ids.slice(0, count).map((id) => ({ __typename: 'Organisation', id })),
    });
    const ten = await statementsFor(query, represent(10), true);
    const hundred = await statementsFor(query, represent(100), true);
    expect(hundred.result.data?._entities).toHaveLength(100);
    expect(hundred.result.data?._entities[99].memberships).toHaveLength(2);
    expect(ten.statements).toBeGreaterThan(0);
    expect(hundred.statements).toBe(ten.statements);
  });

  it('lists 10 and 100 organisations with their list fields with the same number of statements', async () => {
    const query = `query($first: Int) { organisations(first: $first, filter: { text: "Batch Org" }) {
      totalCount nodes { name identifiers { scheme value } memberships { name members { name } } members { name } } } }`;
    const ten = await statementsFor(query, { first: 10 });
    const hundred = await statementsFor(query, { first: 100 });
    expect(hundred.result.data?.organisations.nodes).toHaveLength(100);
    expect(hundred.statements).toBe(ten.statements);
  });

  it('reads the histories of 10 and 100 organisations with the same number of statements', async () => {
    const query = `query($first: Int) { organisations(first: $first, filter: { text: "Batch Org" }) {
      nodes { name history { action changes } } } }`;
    const ten = await statementsFor(query, { first: 10 }, false, stack.keys.curator);
    const hundred = await statementsFor(query, { first: 100 }, false, stack.keys.curator);
    expect(
      hundred.result.data?.organisations.nodes[99].history.map((event: { action: string }) => event.action),
    ).toEqual(['CREATED']);
    expect(hundred.statements).toBe(ten.statements);
  });
});
