// Identifier lookups and writes through the gateway over real HTTP: every common spelling finds the one stored,
// canonical value, and a ROR id with wrong check digits is refused with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const CREATE = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) {
  id version identifiers { scheme value iri } } }`;
const UPDATE = `mutation($id: UUID!, $version: Int!, $input: UpdateOrganisationInput!) {
  updateOrganisation(id: $id, version: $version, input: $input) { version identifiers { scheme value } } }`;
const BY = `query($scheme: IdentifierScheme!, $value: String!) { organisationByIdentifier(scheme: $scheme, value: $value) { id } }`;

async function lookUp(scheme: string, value: string) {
  const response = await stack.gql<{ organisationByIdentifier: { id: string } | null }>(BY, { scheme, value });
  expect(response.errors).toBeUndefined();
  return response.data?.organisationByIdentifier?.id ?? null;
}

describe('organisation identifiers', () => {
  let id = '';
  let version = 0;

  it('stores the canonical spelling of identifiers sent in any common spelling', async () => {
    const response = await stack.gql(
      CREATE,
      {
        input: {
          name: 'Université Babeș-Bolyai Test',
          kind: 'RESEARCH_ORGANISATION',
          country: 'RO',
          identifiers: [
            { scheme: 'ROR', value: 'https://ror.org/03HD30T45' },
            { scheme: 'WIKIDATA', value: 'https://www.wikidata.org/wiki/Q1361063' },
            { scheme: 'PIC', value: '999 880 657' },
            { scheme: 'VAT', value: 'RO 4305.849' },
          ],
        },
      },
      { key: stack.keys.curator },
    );
    expect(response.errors).toBeUndefined();
    const created = response.data?.createOrganisation;
    id = created.id;
    version = created.version;
    expect(created.identifiers).toEqual(
      expect.arrayContaining([
        { scheme: 'ROR', value: '03hd30t45', iri: 'https://ror.org/03hd30t45' },
        { scheme: 'WIKIDATA', value: 'Q1361063', iri: 'http://www.wikidata.org/entity/Q1361063' },
        { scheme: 'PIC', value: '999880657', iri: null },
        { scheme: 'VAT', value: 'RO4305849', iri: null },
      ]),
    );
  });

  it.each([
    ['ROR', '03hd30t45'],
    ['ROR', 'https://ror.org/03hd30t45'],
    ['ROR', 'ror.org/03hd30t45'],
    ['ROR', '03HD30T45'],
    ['WIKIDATA', 'Q1361063'],
    ['WIKIDATA', 'wd:Q1361063'],
    ['WIKIDATA', 'http://www.wikidata.org/entity/Q1361063'],
    ['WIKIDATA', 'https://www.wikidata.org/wiki/Q1361063'],
    ['PIC', '999 880 657'],
    ['VAT', 'RO 4305849'],
    ['VAT', 'RO4305849'],
    ['VAT', 'ro 4305.849'],
  ])('finds it by %s %j', async (scheme, value) => {
    expect(await lookUp(scheme, value)).toBe(id);
  });

  it('refuses a lookup by a ROR id with wrong check digits, saying which digits were expected', async () => {
    const response = await stack.gql(BY, { scheme: 'ROR', value: 'https://ror.org/03hd30t47' });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
    expect(response.errors?.[0]?.message).toContain('expected 45');
  });

  it('refuses a write with a wrong ROR checksum and writes nothing', async () => {
    const before = await stack.gql('{ organisations(filter: { includeDeleted: true }) { totalCount } }');
    const response = await stack.gql(
      CREATE,
      { input: { name: 'Bad checksum', kind: 'COMPANY', identifiers: [{ scheme: 'ROR', value: '03hd30t46' }] } },
      { key: stack.keys.curator },
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(response.errors?.[0]?.extensions)).toContain('expected 45');
    const after = await stack.gql('{ organisations(filter: { includeDeleted: true }) { totalCount } }');
    expect(after.data).toEqual(before.data);
  });

  it('treats another spelling of a stored identifier as the same identifier on update', async () => {
    const other = await stack.gql(
      CREATE,
      { input: { name: 'Another Test Organisation', kind: 'COMPANY' } },
      { key: stack.keys.curator },
    );
    const taken = await stack.gql(
      UPDATE,
      {
        id: other.data?.createOrganisation.id,
        version: other.data?.createOrganisation.version,
        input: { identifiers: [{ scheme: 'ROR', value: 'ror.org/03HD30T45' }] },
      },
      { key: stack.keys.curator },
    );
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const own = await stack.gql(
      UPDATE,
      { id, version, input: { identifiers: [{ scheme: 'WIKIDATA', value: 'wd:q1361063' }] } },
      { key: stack.keys.curator },
    );
    expect(own.errors).toBeUndefined();
    expect(own.data?.updateOrganisation.identifiers).toEqual([{ scheme: 'WIKIDATA', value: 'Q1361063' }]);
  });
});

describe('project identifiers', () => {
  it('finds a project by any spelling of its CORDIS id or grant number', async () => {
    const created = await stack.gql(
      `mutation($input: CreateProjectInput!) { createProject(input: $input) { id grantNumber cordisId } }`,
      {
        input: {
          acronym: 'IDNORM',
          title: 'Identifier normalisation',
          kind: 'RESEARCH_INNOVATION',
          programme: 'HORIZON_EUROPE',
          cordisId: '101057583',
          grantNumber: 'GA  101057583',
        },
      },
      { key: stack.keys.curator },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createProject).toMatchObject({ grantNumber: '101057583', cordisId: '101057583' });
    const response = await stack.gql(
      `{ a: projectByIdentifier(scheme: CORDIS, value: " https://cordis.europa.eu/project/id/101057583 ") { id }
         b: projectByIdentifier(scheme: GRANT, value: "GA 101057583") { id }
         c: projectByIdentifier(scheme: GRANT, value: " GA   101057583") { id }
         d: projectByIdentifier(scheme: GRANT, value: "101 057 583") { id }
         e: projectByIdentifier(scheme: GRANT, value: "101057583") { id }
         f: projectByIdentifier(scheme: CORDIS, value: "cordis.europa.eu/project/id/101057583/en") { id } }`,
    );
    const projectId = created.data?.createProject.id;
    const found = { id: projectId };
    expect(response.data).toEqual({ a: found, b: found, c: found, d: found, e: found, f: found });
  });

  const UPDATE_PROJECT = `mutation($id: UUID!, $version: Int!, $input: UpdateProjectInput!) {
    updateProject(id: $id, version: $version, input: $input) { version cordisId grantNumber } }`;

  it('a write takes a CORDIS page and stores its id; a grant number of another funder keeps its letters', async () => {
    const created = await stack.gql<{ createProject: { id: string; version: number } }>(
      `mutation($input: CreateProjectInput!) { createProject(input: $input) { id version } }`,
      {
        input: {
          acronym: 'IDPAGE',
          title: 'Identifier written as a page',
          kind: 'RESEARCH_INNOVATION',
          programme: 'HORIZON_EUROPE',
          grantNumber: 'NIH  R01 HL123456',
        },
      },
      { key: stack.keys.curator },
    );
    expect(created.errors).toBeUndefined();
    const { id, version } = created.data?.createProject ?? { id: '', version: 0 };
    const updated = await stack.gql(
      UPDATE_PROJECT,
      { id, version, input: { cordisId: 'https://cordis.europa.eu/project/id/101099998/en' } },
      { key: stack.keys.curator },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updateProject).toMatchObject({ cordisId: '101099998', grantNumber: 'NIH R01 HL123456' });
    const response = await stack.gql(
      `{ a: projectByIdentifier(scheme: GRANT, value: "NIH R01 HL123456") { id }
         b: projectByIdentifier(scheme: CORDIS, value: "101099998") { id } }`,
    );
    expect(response.data).toEqual({ a: { id }, b: { id } });
  });

  it('refuses a CORDIS record number (RCN) for what it is, on write and lookup, and writes nothing', async () => {
    const refused = await stack.gql(
      `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      {
        input: {
          acronym: 'IDRCN',
          title: 'Identifier given as a record number',
          kind: 'RESEARCH_INNOVATION',
          programme: 'HORIZON_EUROPE',
          cordisId: 'https://cordis.europa.eu/project/rcn/236123/en',
        },
      },
      { key: stack.keys.curator },
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cordisId' });
    expect(refused.errors?.[0]?.message).toContain('record number (RCN), not a project id');
    const lookup = await stack.gql(
      `{ projectByIdentifier(scheme: CORDIS, value: "https://cordis.europa.eu/project/rcn/236123") { id } }`,
    );
    expect(lookup.errors?.[0]?.message).toContain('record number (RCN)');
    const listed = await stack.gql<{ projects: { totalCount: number } }>(
      '{ projects(filter: { text: "Identifier given as a record number" }) { totalCount } }',
    );
    expect(listed.data?.projects.totalCount).toBe(0);
  });
});
