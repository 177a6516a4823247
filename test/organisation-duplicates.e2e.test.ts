// Possible duplicates of organisations through the gateway: a new organisation whose name, acronym or identifier
// matches an existing one is saved and shown what it may duplicate; deleted ones stay hidden; bad input is refused
// with nothing written.
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

const CREATE = `mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { id name version possibleDuplicates { organisation { id name acronym deletedAt } reasons } } }`;
const COUNT = '{ organisations(filter: { includeDeleted: true }) { totalCount } }';

interface Match {
  organisation: { id: string; name: string; acronym: string | null; deletedAt: string | null };
  reasons: string[];
}

async function totalCount() {
  const response = await stack.gql<{ organisations: { totalCount: number } }>(COUNT);
  return response.data?.organisations.totalCount ?? -1;
}

async function create(input: Record<string, unknown>) {
  const response = await stack.gql(CREATE, { input }, { key: stack.keys.curator });
  expect(response.errors).toBeUndefined();
  return response.data?.createOrganisation as { id: string; name: string; possibleDuplicates: Match[] };
}

describe('creating an organisation that may exist', () => {
  it('saves "smart hospital GmbH" and returns the seeded Smart Hospital as a possible duplicate', async () => {
    const before = await totalCount();
    const created = await create({ name: 'smart  hospital GmbH', kind: 'HEALTHCARE_PROVIDER' });
    expect(created.name).toBe('smart  hospital GmbH');
    expect(created.possibleDuplicates).toEqual([
      {
        organisation: { id: seedIds.smartHospital, name: 'Smart Hospital', acronym: null, deletedAt: null },
        reasons: ['same name'],
      },
    ]);
    expect(await totalCount()).toBe(before + 1);

    // Both ways: the seeded one now lists the new one.
    const seeded = await stack.gql(
      `query($id: UUID!) { organisation(id: $id) { possibleDuplicates { organisation { id } reasons } } }`,
      { id: seedIds.smartHospital },
    );
    expect(seeded.data?.organisation.possibleDuplicates).toEqual([
      { organisation: { id: created.id }, reasons: ['same name'] },
    ]);
  });

  it('folds accents, punctuation and legal forms such as "S.A." and "Ltd." on both sides', async () => {
    const first = await create({ name: 'Clínica Sâo Tomé, S.A.', kind: 'HEALTHCARE_PROVIDER' });
    expect(first.possibleDuplicates).toEqual([]);
    const second = await create({ name: 'CLINICA SAO TOME LTD.', kind: 'HEALTHCARE_PROVIDER' });
    expect(second.possibleDuplicates.map((match) => [match.organisation.id, match.reasons])).toEqual([
      [first.id, ['same name']],
    ]);
  });

  it('matches on the acronym, and a name that is another one\u2019s acronym', async () => {
    const sameAcronym = await create({ name: 'Digital Hospitals Syndicate', acronym: 'd.h.s.', kind: 'OTHER' });
    expect(sameAcronym.possibleDuplicates).toEqual([
      {
        organisation: {
          id: seedIds.digitalHealthSociety,
          name: 'Digital Health Society',
          acronym: 'DHS',
          deletedAt: null,
        },
        reasons: ['same acronym'],
      },
    ]);
    const nameIsAcronym = await create({ name: 'ECHAlliance', kind: 'ASSOCIATION_NETWORK' });
    expect(nameIsAcronym.possibleDuplicates.map((match) => [match.organisation.id, match.reasons])).toEqual([
      [seedIds.echAlliance, ['name is its acronym']],
    ]);
  });

  it('does not call a different name a duplicate, nor a name that is only a legal form', async () => {
    const other = await create({ name: 'Smart Hospital Foundation', kind: 'OTHER' });
    expect(other.possibleDuplicates).toEqual([]);
    const bare = await create({ name: 'GmbH', kind: 'OTHER' });
    const again = await create({ name: 'AG', kind: 'OTHER' });
    expect(bare.possibleDuplicates).toEqual([]);
    expect(again.possibleDuplicates).toEqual([]);
  });

  it('never shows a deleted organisation as a duplicate', async () => {
    const doomed = await create({ name: 'Hospital Vanished Oy', kind: 'HEALTHCARE_PROVIDER' });
    const deleted = await stack.gql(
      `mutation($id: UUID!) { deleteOrganisation(id: $id, version: 1) { deletedAt } }`,
      { id: doomed.id },
      { key: stack.keys.curator },
    );
    expect(deleted.errors).toBeUndefined();
    const created = await create({ name: 'Hospital Vanished', kind: 'HEALTHCARE_PROVIDER' });
    expect(created.possibleDuplicates).toEqual([]);
  });

  it('refuses an identifier another organisation already has, naming it, and writes nothing', async () => {
    const before = await totalCount();
    const response = await stack.gql(
      CREATE,
      {
        input: {
          name: 'Commission européenne',
          kind: 'FUNDING_BODY',
          identifiers: [{ scheme: 'WIKIDATA', value: 'Q8880' }],
        },
      },
      { key: stack.keys.curator },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toContain(seedIds.europeanCommission);
    expect(await totalCount()).toBe(before);
  });
});

describe('bad input and access', () => {
  it('refuses an empty name with BAD_USER_INPUT and writes nothing', async () => {
    const before = await totalCount();
    const response = await stack.gql(CREATE, { input: { name: '  ', kind: 'OTHER' } }, { key: stack.keys.curator });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.data?.createOrganisation ?? null).toBeNull();
    expect(await totalCount()).toBe(before);
  });

  it('refuses creation without a curator key, so nobody else learns of duplicates that way', async () => {
    const before = await totalCount();
    const editor = await stack.keys.editorOf(seedIds.smartHospital);
    for (const key of [undefined, editor]) {
      const response = await stack.gql(
        CREATE,
        { input: { name: 'Smart Hospital', kind: 'OTHER' } },
        key ? { key } : {},
      );
      expect(response.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
      expect(response.data?.createOrganisation ?? null).toBeNull();
    }
    expect(await totalCount()).toBe(before);
  });
});
