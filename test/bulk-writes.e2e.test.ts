// Bulk writes and list lookups through the gateway over real HTTP and PostgreSQL: registerPractices and
// createOrganisations write each good record and refuse each bad one at its index with its field, all-or-nothing per
// record and with the rights and rules of the single mutations; practicesBySource and organisationsBySource answer
// in the keys' order.
import { DRY_RUN_HEADER, MAX_BULK_RECORDS, MAX_LOOKUPS } from '@radar/common';
import { csvRows, gatewayClient, runImport } from '@radar/gateway';
import { seedIds } from '@radar/organisations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const REGISTER = `mutation($records: [PracticeRegistrationInput!]!) { registerPractices(records: $records) { id title } }`;
const CREATE = `mutation($records: [OrganisationRegistrationInput!]!) {
  createOrganisations(records: $records) { id name memberships { id } } }`;

const practice = (title: string, ownerId: string = seedIds.smartHospital) => ({
  title,
  summary: `${title}, registered in bulk`,
  type: 'APP',
  maturity: 'PILOT',
  ownerId,
});

async function practiceBySource(sourceId: string) {
  const response = await stack.gql(
    `query($sourceId: String!) { practiceBySource(source: "bulk-test", sourceId: $sourceId) {
      id title history { action comment } } }`,
    { sourceId },
    { key: stack.keys.curator },
  );
  expect(response.errors).toBeUndefined();
  return response.data?.practiceBySource as Record<string, any> | null;
}

async function organisationBySource(sourceId: string) {
  const response = await stack.gql(
    `query($sourceId: String!) { organisationBySource(source: "bulk-test", sourceId: $sourceId) { id name } }`,
    { sourceId },
  );
  expect(response.errors).toBeUndefined();
  return response.data?.organisationBySource as Record<string, any> | null;
}

async function practiceCount() {
  const connection = stack.practices.db.orm.em.fork().getConnection();
  const [row] = (await connection.execute('select count(*)::int as count from practice', [], 'all')) as {
    count: number;
  }[];
  return row?.count;
}

const errorAt = (errors: any[] | undefined, field: string, index: number) =>
  errors?.find((error) => error.path?.[0] === field && error.path?.[1] === index);

describe('registerPractices', () => {
  it('writes the good records and refuses each bad one at its index with its field', async () => {
    const missingOwner = '00000000-0000-4000-8000-000000000404';
    const answer = await stack.gql(
      REGISTER,
      {
        records: [
          { input: practice('Bulk good one'), source: { source: 'bulk-test', sourceId: 'P-1', run: 'bulk-run' } },
          { input: { ...practice('Bulk bad title'), title: '   ' }, source: { source: 'bulk-test', sourceId: 'P-2' } },
          { input: practice('Bulk good two'), source: { source: 'bulk-test', sourceId: 'P-3' } },
          { input: practice('Bulk orphan', missingOwner), source: { source: 'bulk-test', sourceId: 'P-4' } },
        ],
      },
      { key: stack.keys.curator },
    );
    expect(answer.data?.registerPractices.map((row: any) => row?.title ?? null)).toEqual([
      'Bulk good one',
      null,
      'Bulk good two',
      null,
    ]);
    expect(answer.errors).toHaveLength(2);
    expect(errorAt(answer.errors, 'registerPractices', 1)?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'title',
    });
    expect(errorAt(answer.errors, 'registerPractices', 3)?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'ownerId',
    });
    const first = await practiceBySource('P-1');
    expect(first?.id).toBe(answer.data?.registerPractices[0].id);
    expect(first?.history).toEqual([
      expect.objectContaining({ action: 'REGISTERED', comment: 'import bulk-run from bulk-test (P-1)' }),
    ]);
    expect((await practiceBySource('P-3'))?.id).toBe(answer.data?.registerPractices[2].id);
    expect(await practiceBySource('P-2')).toBeNull();
    expect(await practiceBySource('P-4')).toBeNull();
  });

  it('a record the database refuses (two with one source key) is refused alone, the others written', async () => {
    const answer = await stack.gql(
      REGISTER,
      {
        records: [
          { input: practice('Shared key first'), source: { source: 'bulk-test', sourceId: 'SAME' } },
          { input: practice('Own key'), source: { source: 'bulk-test', sourceId: 'OWN' } },
          { input: practice('Shared key second'), source: { source: 'bulk-test', sourceId: 'SAME' } },
        ],
      },
      { key: stack.keys.curator },
    );
    expect(answer.data?.registerPractices.map((row: any) => row?.title ?? null)).toEqual([
      'Shared key first',
      'Own key',
      null,
    ]);
    expect(errorAt(answer.errors, 'registerPractices', 2)?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'source.sourceId',
    });
    expect((await practiceBySource('SAME'))?.title).toBe('Shared key first');
    expect((await practiceBySource('OWN'))?.title).toBe('Own key');
  });

  it('an editor registers for their own organisation only: the others are FORBIDDEN', async () => {
    const editor = await stack.keys.editorOf(seedIds.smartHospital);
    const answer = await stack.gql(
      REGISTER,
      {
        records: [
          { input: practice('Editor own'), source: { source: 'bulk-test', sourceId: 'ED-1' } },
          { input: practice('Editor other', seedIds.endotarget), source: { source: 'bulk-test', sourceId: 'ED-2' } },
        ],
      },
      { key: editor },
    );
    expect(answer.data?.registerPractices[0]?.title).toBe('Editor own');
    expect(answer.data?.registerPractices[1]).toBeNull();
    expect(errorAt(answer.errors, 'registerPractices', 1)?.extensions?.code).toBe('FORBIDDEN');
    expect(await practiceBySource('ED-2')).toBeNull();
  });

  it('a dry run checks every record and writes none', async () => {
    const answer = await stack.gql(
      REGISTER,
      {
        records: [
          { input: practice('Dry bulk'), source: { source: 'bulk-test', sourceId: 'DRY-1' } },
          {
            input: { ...practice('Dry bulk bad'), type: 'APP', trl: 12 },
            source: { source: 'bulk-test', sourceId: 'DRY-2' },
          },
        ],
      },
      { key: stack.keys.curator, headers: { [DRY_RUN_HEADER]: 'true' } },
    );
    expect(answer.data?.registerPractices[0]?.title).toBe('Dry bulk');
    expect(errorAt(answer.errors, 'registerPractices', 1)?.extensions).toMatchObject({ field: 'trl' });
    expect(await practiceBySource('DRY-1')).toBeNull();
  });

  it('takes each record to the status its state names through the workflow, with its audit events; a bad state refuses that record alone', async () => {
    const STATE = `query($sourceId: String!) { practiceBySource(source: "bulk-test", sourceId: $sourceId) {
      status publishedAt createdAt history { action } } }`;
    const stateOf = async (sourceId: string) =>
      (await stack.gql(STATE, { sourceId }, { key: stack.keys.curator })).data?.practiceBySource ?? null;
    const answer = await stack.gql(
      REGISTER,
      {
        records: [
          {
            input: practice('Bulk published'),
            source: { source: 'bulk-test', sourceId: 'ST-1' },
            state: { status: 'PUBLISHED' },
          },
          {
            input: practice('Bulk dated'),
            source: { source: 'bulk-test', sourceId: 'ST-2' },
            state: {
              status: 'PUBLISHED',
              createdAt: '2024-01-02T03:04:05.000Z',
              updatedAt: '2024-02-03T04:05:06.000Z',
              publishedAt: '2024-02-03T04:05:06.000Z',
            },
          },
          {
            input: practice('Bulk submitted, dated as published'),
            source: { source: 'bulk-test', sourceId: 'ST-3' },
            state: { status: 'SUBMITTED', publishedAt: '2024-02-03T04:05:06.000Z' },
          },
          { input: practice('Bulk draft'), source: { source: 'bulk-test', sourceId: 'ST-4' } },
          {
            input: practice('Bulk dated in the future'),
            source: { source: 'bulk-test', sourceId: 'ST-5' },
            state: { status: 'SUBMITTED', createdAt: '2999-01-01T00:00:00.000Z' },
          },
        ],
      },
      { key: stack.keys.curator },
    );
    expect(answer.data?.registerPractices.map((row: any) => row?.title ?? null)).toEqual([
      'Bulk published',
      'Bulk dated',
      null,
      'Bulk draft',
      null,
    ]);
    expect(answer.errors).toHaveLength(2);
    expect(errorAt(answer.errors, 'registerPractices', 2)?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'state.publishedAt',
    });
    expect(errorAt(answer.errors, 'registerPractices', 4)?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'state.createdAt',
    });
    const published = await stateOf('ST-1');
    expect(published?.status).toBe('PUBLISHED');
    expect(published?.publishedAt).toEqual(expect.any(String));
    expect(published?.history.map((event: { action: string }) => event.action).sort()).toEqual([
      'PUBLISHED',
      'REGISTERED',
      'SUBMITTED',
    ]);
    expect(await stateOf('ST-2')).toMatchObject({
      status: 'PUBLISHED',
      createdAt: '2024-01-02T03:04:05.000Z',
      publishedAt: '2024-02-03T04:05:06.000Z',
    });
    expect((await stateOf('ST-4'))?.status).toBe('DRAFT');
    expect(await stateOf('ST-3')).toBeNull();
    expect(await stateOf('ST-5')).toBeNull();

    // An editor may submit, not publish: only the record asking to be published is refused.
    const editor = await stack.keys.editorOf(seedIds.smartHospital);
    const edited = await stack.gql(
      REGISTER,
      {
        records: [
          {
            input: practice('Editor submitted'),
            source: { source: 'bulk-test', sourceId: 'ST-6' },
            state: { status: 'SUBMITTED' },
          },
          {
            input: practice('Editor published'),
            source: { source: 'bulk-test', sourceId: 'ST-7' },
            state: { status: 'PUBLISHED' },
          },
        ],
      },
      { key: editor },
    );
    expect(edited.data?.registerPractices[0]?.title).toBe('Editor submitted');
    expect(edited.data?.registerPractices[1]).toBeNull();
    expect(errorAt(edited.errors, 'registerPractices', 1)?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'state.status',
    });
    expect((await stateOf('ST-6'))?.status).toBe('SUBMITTED');
    expect(await stateOf('ST-7')).toBeNull();
  });

  it(`refuses more than ${MAX_BULK_RECORDS} records, and anyone signed out, writing nothing`, async () => {
    // Small records, so the request stays within the gateway's body limit and the count is what refuses it.
    const records = Array.from({ length: MAX_BULK_RECORDS + 1 }, (_, n) => ({
      input: { title: `M${n}`, summary: 'S', type: 'APP', maturity: 'PILOT', ownerId: seedIds.smartHospital },
    }));
    const before = await practiceCount();
    const many = await stack.gql(REGISTER, { records }, { key: stack.keys.curator });
    expect(many.data).toBeNull();
    expect(many.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'records' });
    expect(await practiceCount()).toBe(before);
    const anonymous = await stack.gql(REGISTER, {
      records: [{ input: practice('Anonymous'), source: { source: 'bulk-test', sourceId: 'ANON' } }],
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await practiceBySource('ANON')).toBeNull();
  });
});

describe('createOrganisations', () => {
  it('creates the good records, refuses the bad one on its field, and lets a record join a network made before it', async () => {
    const answer = await stack.gql(
      CREATE,
      {
        records: [
          {
            input: { name: 'Bulk Network', kind: 'ASSOCIATION_NETWORK' },
            source: { source: 'bulk-test', sourceId: 'O-1' },
          },
          {
            input: { name: 'Bulk Misplaced', kind: 'COMPANY', country: 'RO', nuts: 'FR10' },
            source: { source: 'bulk-test', sourceId: 'O-2' },
          },
          {
            input: { name: 'Bulk Clinic', kind: 'HEALTHCARE_PROVIDER' },
            source: { source: 'bulk-test', sourceId: 'O-3' },
          },
        ],
      },
      { key: stack.keys.curator },
    );
    expect(answer.errors).toHaveLength(1);
    expect(errorAt(answer.errors, 'createOrganisations', 1)?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'nuts',
    });
    const network = answer.data?.createOrganisations[0];
    expect(network?.name).toBe('Bulk Network');
    expect(answer.data?.createOrganisations[1]).toBeNull();
    expect(await organisationBySource('O-2')).toBeNull();
    expect((await organisationBySource('O-3'))?.id).toBe(answer.data?.createOrganisations[2].id);

    const hub = '0b0c0d0e-0000-4000-8000-00000000b0b1';
    const joined = await stack.gql(
      CREATE,
      {
        records: [
          {
            input: { id: hub, name: 'Bulk Hub', kind: 'ASSOCIATION_NETWORK' },
            source: { source: 'bulk-test', sourceId: 'O-4' },
          },
          {
            input: { name: 'Bulk Member', kind: 'COMPANY', memberships: [network.id, hub] },
            source: { source: 'bulk-test', sourceId: 'O-5' },
          },
          { input: { name: 'Bulk After Member', kind: 'COMPANY' }, source: { source: 'bulk-test', sourceId: 'O-6' } },
        ],
      },
      { key: stack.keys.curator },
    );
    expect(joined.errors).toBeUndefined();
    expect(joined.data?.createOrganisations.map((row: any) => row.name)).toEqual([
      'Bulk Hub',
      'Bulk Member',
      'Bulk After Member',
    ]);
    expect(joined.data?.createOrganisations[1].memberships).toEqual(
      expect.arrayContaining([{ id: network.id }, { id: hub }]),
    );
    for (const sourceId of ['O-4', 'O-5', 'O-6']) expect(await organisationBySource(sourceId)).not.toBeNull();
  });

  it('carries the times each record’s state gives; a record with times out of order is refused alone', async () => {
    const answer = await stack.gql(
      `mutation($records: [OrganisationRegistrationInput!]!) { createOrganisations(records: $records) {
        id createdAt updatedAt } }`,
      {
        records: [
          {
            input: { name: 'Bulk Dated', kind: 'COMPANY' },
            source: { source: 'bulk-test', sourceId: 'OT-1' },
            state: { createdAt: '2023-05-06T07:08:09.000Z', updatedAt: '2024-05-06T07:08:09.000Z' },
          },
          {
            input: { name: 'Bulk Out Of Order', kind: 'COMPANY' },
            source: { source: 'bulk-test', sourceId: 'OT-2' },
            state: { createdAt: '2024-05-06T07:08:09.000Z', updatedAt: '2023-05-06T07:08:09.000Z' },
          },
          { input: { name: 'Bulk Undated', kind: 'COMPANY' }, source: { source: 'bulk-test', sourceId: 'OT-3' } },
        ],
      },
      { key: stack.keys.curator },
    );
    expect(answer.errors).toHaveLength(1);
    expect(errorAt(answer.errors, 'createOrganisations', 1)?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'state.updatedAt',
    });
    expect(answer.data?.createOrganisations[0]).toMatchObject({
      createdAt: '2023-05-06T07:08:09.000Z',
      updatedAt: '2024-05-06T07:08:09.000Z',
    });
    expect(answer.data?.createOrganisations[1]).toBeNull();
    expect(Date.parse(answer.data?.createOrganisations[2].createdAt)).toBeGreaterThan(Date.parse('2025-01-01'));
    expect(await organisationBySource('OT-2')).toBeNull();
  });

  it('is for curators: an editor is refused every record and nothing is written', async () => {
    const editor = await stack.keys.editorOf(seedIds.smartHospital);
    const answer = await stack.gql(
      CREATE,
      {
        records: [
          { input: { name: 'Editor Made', kind: 'COMPANY' }, source: { source: 'bulk-test', sourceId: 'O-ED' } },
        ],
      },
      { key: editor },
    );
    expect(answer.data).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await organisationBySource('O-ED')).toBeNull();
  });
});

describe('lookups by lists of source keys', () => {
  it('answer in the keys’ order, with null where a key names nothing', async () => {
    await stack.gql(
      CREATE,
      {
        records: [{ input: { name: 'Listed One', kind: 'COMPANY' }, source: { source: 'bulk-test', sourceId: 'L-1' } }],
      },
      { key: stack.keys.curator },
    );
    const answer = await stack.gql(
      `query($keys: [SourceKeyLookupInput!]!) {
        organisationsBySource(keys: $keys) { name }
        practicesBySource(keys: $keys) { title } }`,
      {
        keys: [
          { source: 'bulk-test', sourceId: 'NONE' },
          { source: 'bulk-test', sourceId: 'L-1' },
          { source: 'bulk-test', sourceId: 'P-1' },
        ],
      },
      { key: stack.keys.curator },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.organisationsBySource).toEqual([null, { name: 'Listed One' }, null]);
    expect(answer.data?.practicesBySource).toEqual([null, null, { title: 'Bulk good one' }]);
  });

  it(`refuse more than ${MAX_LOOKUPS} keys`, async () => {
    const keys = Array.from({ length: MAX_LOOKUPS + 1 }, (_, n) => ({ source: 'bulk-test', sourceId: `K-${n}` }));
    const answer = await stack.gql(`query($keys: [SourceKeyLookupInput!]!) { practicesBySource(keys: $keys) { id } }`, {
      keys,
    });
    expect(answer.data).toBeNull();
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'keys' });
  });
});

describe('the import', () => {
  it('sends long records in bulk requests the gateway takes: every one is created', async () => {
    const description = 'A long description of a practice. '.repeat(100);
    const lines = Array.from(
      { length: 40 },
      (_, n) =>
        `LONG-${n},Long practice ${n},A practice with a long description,APP,PILOT,${seedIds.smartHospital},"${description}"`,
    );
    const csv = `sourceId,title,summary,type,maturity,owner,description\n${lines.join('\n')}\n`;
    const real = gatewayClient(stack.gatewayUrl, stack.keys.curator);
    const refused: string[] = [];
    const watched: typeof real = {
      async request(query, variables, options) {
        const answer = await real.request(query, variables, options);
        for (const error of answer.errors ?? []) refused.push(error.message);
        return answer;
      },
    } as typeof real;
    const summary = await runImport(csvRows('practices', csv), { client: watched, source: 'bulk-test' });
    expect(summary).toMatchObject({ total: 40, created: 40, rejected: 0 });
    expect(refused).toEqual([]);
    expect((await practiceBySource('LONG-39'))?.title).toBe('Long practice 39');
  });
});
