// Organisations through the gateway over real HTTP: reads, writes, every access rule and every bad input.
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

const FIELDS = `id name acronym kind country nuts city website email description version deletedAt
  identifiers { scheme value iri } memberships { id name } members { id name }`;

const CREATE = `mutation Create($input: CreateOrganisationInput!) { createOrganisation(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation Update($id: UUID!, $version: Int!, $input: UpdateOrganisationInput!) {
  updateOrganisation(id: $id, version: $version, input: $input) { ${FIELDS} } }`;
const DELETE = `mutation Delete($id: UUID!, $version: Int!) { deleteOrganisation(id: $id, version: $version) { id version deletedAt } }`;
const COUNT = '{ organisations(filter: { includeDeleted: true }) { totalCount } }';

async function totalCount() {
  const response = await stack.gql<{ organisations: { totalCount: number } }>(COUNT);
  return response.data?.organisations.totalCount ?? -1;
}

async function create(input: Record<string, unknown>) {
  const response = await stack.gql(CREATE, { input }, { key: stack.keys.curator });
  expect(response.errors).toBeUndefined();
  return response.data?.createOrganisation as Record<string, any>;
}

describe('reading seeded organisations', () => {
  it('lists the real organisations of the seed pages, ordered by name, with totalCount', async () => {
    const response = await stack.gql('{ organisations(first: 100) { totalCount nodes { name kind country } } }');
    expect(response.errors).toBeUndefined();
    const names = response.data?.organisations.nodes.map((node: { name: string }) => node.name);
    expect(names).toContain('DIGITALEUROPE');
    expect(names).toContain('Digital Innovation Zone Association');
    expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(response.data?.organisations.totalCount).toBe(names.length);
  });

  it('resolves memberships and members both ways', async () => {
    const response = await stack.gql(
      `query($id: UUID!) { organisation(id: $id) { name nuts memberships { name members { name } } } }`,
      {
        id: seedIds.digitalInnovationZone,
      },
    );
    expect(response.data?.organisation).toEqual({
      name: 'Digital Innovation Zone Association',
      nuts: 'RO21',
      memberships: [{ name: 'Smart Hospital', members: [{ name: 'Digital Innovation Zone Association' }] }],
    });
  });

  it('finds an organisation by an external identifier and links it to the identifier IRI', async () => {
    const response = await stack.gql(
      `{ organisationByIdentifier(scheme: WIKIDATA, value: "Q8880") { name identifiers { scheme value iri } } }`,
    );
    expect(response.data?.organisationByIdentifier).toEqual({
      name: 'European Commission',
      identifiers: [{ scheme: 'WIKIDATA', value: 'Q8880', iri: 'http://www.wikidata.org/entity/Q8880' }],
    });
    const unknown = await stack.gql(`{ organisationByIdentifier(scheme: ROR, value: "05a28rw58") { name } }`);
    expect(unknown.data?.organisationByIdentifier).toBeNull();
    const malformed = await stack.gql(`{ organisationByIdentifier(scheme: ROR, value: "not-a-ror") { name } }`);
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
  });

  it('filters by kind, country, membership and accent-insensitive text', async () => {
    await create({
      name: 'Clínica Universitária de Lisboa',
      kind: 'HEALTHCARE_PROVIDER',
      country: 'PT',
      nuts: 'PT170',
    });
    const byText = await stack.gql(`{ organisations(filter: { text: "CLINICA universitaria" }) { nodes { name } } }`);
    expect(byText.data?.organisations.nodes).toEqual([{ name: 'Clínica Universitária de Lisboa' }]);
    const byAcronym = await stack.gql(`{ organisations(filter: { text: "diz edih" }) { nodes { name } } }`);
    expect(byAcronym.data?.organisations.nodes).toEqual([{ name: 'Digital Innovation Zone Association' }]);
    const wildcard = await stack.gql(`{ organisations(filter: { text: "%" }) { totalCount } }`);
    expect(wildcard.data?.organisations.totalCount).toBe(0);
    const byKind = await stack.gql(
      `{ organisations(filter: { kinds: [FUNDING_BODY], countries: ["BE"] }) { nodes { name } } }`,
    );
    expect(byKind.data?.organisations.nodes).toEqual([{ name: 'European Commission' }]);
    const byNetwork = await stack.gql(
      `query($id: UUID!) { organisations(filter: { memberOf: $id }) { nodes { name } } }`,
      {
        id: seedIds.echAlliance,
      },
    );
    expect(byNetwork.data?.organisations.nodes).toEqual([{ name: 'Digital Health Society' }]);
  });

  it('pages with cursors: every record once, in order, and refuses a forged cursor', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const page: any = await stack.gql(
        `query($after: String) { organisations(first: 3, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      total = page.data.organisations.totalCount;
      seen.push(...page.data.organisations.edges.map((edge: any) => edge.node.id));
      after = page.data.organisations.pageInfo.hasNextPage ? page.data.organisations.pageInfo.endCursor : null;
    } while (after);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);

    const forged = await stack.gql(`{ organisations(after: "bm90IGEgY3Vyc29y") { totalCount } }`);
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    for (const first of [0, 101, -1]) {
      const bad = await stack.gql(`query($first: Int) { organisations(first: $first) { totalCount } }`, { first });
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    }
  });
});

describe('writing organisations', () => {
  it('creates an organisation with identifiers and memberships with a curator key', async () => {
    const created = await create({
      name: 'Iași Regional Hospital',
      acronym: 'IRH',
      kind: 'HEALTHCARE_PROVIDER',
      country: 'RO',
      nuts: 'RO213',
      city: 'Iași',
      website: 'https://example.org/irh',
      email: 'contact@example.org',
      description: 'A *regional* hospital.',
      identifiers: [
        { scheme: 'ROR', value: '03xq7w797' },
        { scheme: 'PIC', value: '912345678' },
        { scheme: 'VAT', value: 'RO12345678' },
      ],
      memberships: [seedIds.digitalInnovationZone],
    });
    expect(created).toMatchObject({
      name: 'Iași Regional Hospital',
      version: 1,
      deletedAt: null,
      memberships: [{ id: seedIds.digitalInnovationZone }],
    });
    expect(created.identifiers).toContainEqual({ scheme: 'ROR', value: '03xq7w797', iri: 'https://ror.org/03xq7w797' });
    const read = await stack.gql(`query($id: UUID!) { organisation(id: $id) { name } }`, { id: created.id });
    expect(read.data?.organisation).toEqual({ name: 'Iași Regional Hospital' });
  });

  const badInputs: [string, Record<string, unknown>, string][] = [
    ['missing name', { kind: 'COMPANY' }, 'input'],
    ['too short name', { name: 'A', kind: 'COMPANY' }, 'name'],
    ['over-long name', { name: 'x'.repeat(301), kind: 'COMPANY' }, 'name'],
    ['over-long description', { name: 'Acme', kind: 'COMPANY', description: 'x'.repeat(5001) }, 'description'],
    ['unknown kind', { name: 'Acme', kind: 'PIRATE' }, 'input'],
    ['unknown country', { name: 'Acme', kind: 'COMPANY', country: 'XX' }, 'country'],
    ['lower-case country', { name: 'Acme', kind: 'COMPANY', country: 'ro' }, 'country'],
    ['malformed NUTS', { name: 'Acme', kind: 'COMPANY', country: 'RO', nuts: 'RO-21' }, 'nuts'],
    ['NUTS outside the country', { name: 'Acme', kind: 'COMPANY', country: 'PT', nuts: 'RO21' }, 'nuts'],
    ['NUTS without a country', { name: 'Acme', kind: 'COMPANY', nuts: 'RO21' }, 'nuts'],
    ['bad URL', { name: 'Acme', kind: 'COMPANY', website: 'not a url' }, 'website'],
    ['non-http URL', { name: 'Acme', kind: 'COMPANY', website: 'ftp://example.org' }, 'website'],
    ['bad email', { name: 'Acme', kind: 'COMPANY', email: 'nobody-at-example.org' }, 'email'],
    [
      'malformed ROR',
      { name: 'Acme', kind: 'COMPANY', identifiers: [{ scheme: 'ROR', value: 'https://ror.org/x' }] },
      'identifiers[0].value',
    ],
    [
      'malformed Wikidata id',
      { name: 'Acme', kind: 'COMPANY', identifiers: [{ scheme: 'WIKIDATA', value: 'P31' }] },
      'identifiers[0].value',
    ],
    [
      'malformed PIC',
      { name: 'Acme', kind: 'COMPANY', identifiers: [{ scheme: 'PIC', value: '12345' }] },
      'identifiers[0].value',
    ],
    [
      'malformed VAT',
      { name: 'Acme', kind: 'COMPANY', identifiers: [{ scheme: 'VAT', value: 'US123456' }] },
      'identifiers[0].value',
    ],
    [
      'two identifiers of one scheme',
      {
        name: 'Acme',
        kind: 'COMPANY',
        identifiers: [
          { scheme: 'PIC', value: '111111111' },
          { scheme: 'PIC', value: '222222222' },
        ],
      },
      'identifiers',
    ],
    [
      'identifier used by another organisation',
      { name: 'Acme', kind: 'COMPANY', identifiers: [{ scheme: 'WIKIDATA', value: 'Q8880' }] },
      'identifiers[0].value',
    ],
    [
      'unknown network',
      { name: 'Acme', kind: 'COMPANY', memberships: ['00000000-0000-4000-8000-000000000000'] },
      'memberships[0]',
    ],
    ['malformed network id', { name: 'Acme', kind: 'COMPANY', memberships: ['nope'] }, 'input'],
  ];

  it.each(badInputs)('refuses %s with a field error and writes nothing', async (_case, input, field) => {
    const before = await totalCount();
    const response = await stack.gql(CREATE, { input }, { key: stack.keys.curator });
    expect(response.data?.createOrganisation ?? null).toBeNull();
    const error = response.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    if (field !== 'input') expect(error?.extensions?.field).toBe(field);
    else expect(error?.message).toMatch(/input/);
    expect(await totalCount()).toBe(before);
  });

  it('updates with the version read, and refuses a stale version with CONFLICT', async () => {
    const created = await create({ name: 'Versioned Org', kind: 'COMPANY', country: 'RO' });
    const updated = await stack.gql(
      UPDATE,
      { id: created.id, version: 1, input: { city: 'Cluj', nuts: 'RO11' } },
      { key: stack.keys.curator },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updateOrganisation).toMatchObject({ city: 'Cluj', nuts: 'RO11', version: 2 });

    const stale = await stack.gql(
      UPDATE,
      { id: created.id, version: 1, input: { city: 'Lost update' } },
      { key: stack.keys.curator },
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'version', currentVersion: 2 });
    const read = await stack.gql(`query($id: UUID!) { organisation(id: $id) { city version } }`, { id: created.id });
    expect(read.data?.organisation).toEqual({ city: 'Cluj', version: 2 });
  });

  it('refuses an update that would leave the NUTS region outside the country, and clears fields with null', async () => {
    const created = await create({ name: 'Regional Org', kind: 'COMPANY', country: 'RO', nuts: 'RO21' });
    const moved = await stack.gql(
      UPDATE,
      { id: created.id, version: 1, input: { country: 'PT' } },
      { key: stack.keys.curator },
    );
    expect(moved.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'country' });
    const cleared = await stack.gql(
      UPDATE,
      { id: created.id, version: 1, input: { country: 'PT', nuts: null } },
      { key: stack.keys.curator },
    );
    expect(cleared.data?.updateOrganisation).toMatchObject({ country: 'PT', nuts: null, version: 2 });
    const noName = await stack.gql(
      UPDATE,
      { id: created.id, version: 2, input: { name: null } },
      { key: stack.keys.curator },
    );
    expect(noName.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
  });

  it('replaces identifiers and memberships all or nothing', async () => {
    const created = await create({
      name: 'Replacing Org',
      kind: 'COMPANY',
      identifiers: [{ scheme: 'PIC', value: '333333333' }],
    });
    const failed = await stack.gql(
      UPDATE,
      {
        id: created.id,
        version: 1,
        input: { name: 'Renamed', identifiers: [{ scheme: 'PIC', value: '444444444' }], memberships: [created.id] },
      },
      { key: stack.keys.curator },
    );
    expect(failed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberships[0]' });
    const unchanged = await stack.gql(
      `query($id: UUID!) { organisation(id: $id) { name version identifiers { value } } }`,
      { id: created.id },
    );
    expect(unchanged.data?.organisation).toEqual({
      name: 'Replacing Org',
      version: 1,
      identifiers: [{ value: '333333333' }],
    });

    const replaced = await stack.gql(
      UPDATE,
      {
        id: created.id,
        version: 1,
        input: { identifiers: [{ scheme: 'WIKIDATA', value: 'Q42' }], memberships: [seedIds.eitHealth] },
      },
      { key: stack.keys.curator },
    );
    expect(replaced.data?.updateOrganisation).toMatchObject({
      version: 2,
      identifiers: [{ scheme: 'WIKIDATA', value: 'Q42', iri: 'http://www.wikidata.org/entity/Q42' }],
      memberships: [{ id: seedIds.eitHealth }],
    });
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    const response = await stack.gql(
      UPDATE,
      { id: '00000000-0000-4000-8000-000000000000', version: 1, input: { city: 'Nowhere' } },
      { key: stack.keys.curator },
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const malformed = await stack.gql(`{ organisation(id: "42") { name } }`);
    expect(malformed.errors?.[0]?.extensions?.code).toMatch(/GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT/);
  });

  it('deletes softly: the tombstone is hidden by default and still readable on request', async () => {
    const created = await create({ name: 'Short-lived Org', kind: 'OTHER' });
    const stale = await stack.gql(DELETE, { id: created.id, version: 7 }, { key: stack.keys.curator });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const deleted = await stack.gql(DELETE, { id: created.id, version: 1 }, { key: stack.keys.curator });
    expect(deleted.data?.deleteOrganisation.deletedAt).toEqual(expect.any(String));
    const hidden = await stack.gql(`query($id: UUID!) { organisation(id: $id) { name } }`, { id: created.id });
    expect(hidden.data?.organisation).toBeNull();
    const listed = await stack.gql(`{ organisations(filter: { text: "Short-lived" }) { totalCount } }`);
    expect(listed.data?.organisations.totalCount).toBe(0);
    const tombstone = await stack.gql(
      `query($id: UUID!) { organisation(id: $id, includeDeleted: true) { name deletedAt } }`,
      { id: created.id },
    );
    expect(tombstone.data?.organisation.name).toBe('Short-lived Org');
    const again = await stack.gql(DELETE, { id: created.id, version: 2 }, { key: stack.keys.curator });
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('access rules through the gateway', () => {
  it('lets anyone read without a key', async () => {
    const response = await stack.gql('{ organisations { totalCount } }');
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
  });

  it('refuses a mutation without a key with UNAUTHENTICATED and writes nothing', async () => {
    const before = await totalCount();
    const response = await stack.gql(CREATE, { input: { name: 'Anonymous Org', kind: 'OTHER' } });
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const update = await stack.gql(UPDATE, { id: seedIds.smartHospital, version: 1, input: { city: 'X' } });
    expect(update.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await totalCount()).toBe(before);
  });

  it('refuses malformed and unknown keys with UNAUTHENTICATED, even for reads', async () => {
    for (const authorization of ['Basic abc', 'Bearer nonsense', `Bearer radar_0123456789abcdef_${'a'.repeat(43)}`]) {
      const response = await stack.gql('{ organisations { totalCount } }', {}, { headers: { authorization } });
      expect(response.status).toBe(401);
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('lets an editor change only their own organisation and never create or delete', async () => {
    const editor = await stack.keys.editorOf(seedIds.smartHospital);
    const own = await stack.gql(
      UPDATE,
      { id: seedIds.smartHospital, version: 1, input: { website: 'https://smart-hospital.example' } },
      { key: editor },
    );
    expect(own.errors).toBeUndefined();
    expect(own.data?.updateOrganisation.website).toBe('https://smart-hospital.example');

    const other = await stack.gql(
      UPDATE,
      { id: seedIds.digitalEurope, version: 1, input: { city: 'Elsewhere' } },
      { key: editor },
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const created = await stack.gql(CREATE, { input: { name: 'Editor Org', kind: 'OTHER' } }, { key: editor });
    expect(created.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const deleted = await stack.gql(DELETE, { id: seedIds.smartHospital, version: 2 }, { key: editor });
    expect(deleted.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const read = await stack.gql(`query($id: UUID!) { organisation(id: $id) { city deletedAt } }`, {
      id: seedIds.digitalEurope,
    });
    expect(read.data?.organisation).toEqual({ city: 'Brussels', deletedAt: null });
  });

  it('stops accepting a revoked key at once, without a restart', async () => {
    const { localOperator, revokeKey } = await import('@radar/identity');
    const { token, id } = await stack.keys.mint({ role: 'curator', label: 'soon revoked' });
    const before = await stack.gql(CREATE, { input: { name: 'Before Revocation', kind: 'OTHER' } }, { key: token });
    expect(before.errors).toBeUndefined();
    await revokeKey(stack.identity.db.orm.em.fork(), localOperator, id);
    const after = await stack.gql(CREATE, { input: { name: 'After Revocation', kind: 'OTHER' } }, { key: token });
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(after.errors?.[0]?.message).toMatch(/revoked/);
  });
});
