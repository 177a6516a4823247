// Input validation through the gateway over real HTTP: texts are trimmed and must not be blank, NUTS regions need
// their countries, every problem of an input comes back at once with its field, and nothing is written.
import { seedIds as organisations } from '@radar/organisations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLResponse, type Stack, startStack } from './support/stack.js';

let stack: Stack;
let editor: string;

beforeAll(async () => {
  stack = await startStack();
  editor = await stack.keys.editorOf(organisations.smartHospital);
});
afterAll(async () => {
  await stack?.stop();
});

const unknownA = '00000000-0000-4000-8000-00000000000a';
const unknownB = '00000000-0000-4000-8000-00000000000b';

const REGISTER = `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id version title summary nuts } }`;
const UPDATE = `mutation($id: UUID!, $version: Int!, $input: UpdatePracticeInput!) {
  updatePractice(id: $id, version: $version, input: $input) { id version title nuts } }`;
const CREATE_ORGANISATION = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id name acronym } }`;
const UPDATE_ORGANISATION = `mutation($id: UUID!, $version: Int!, $input: UpdateOrganisationInput!) {
  updateOrganisation(id: $id, version: $version, input: $input) { id version name } }`;
const CREATE_PROJECT = `mutation($input: CreateProjectInput!) { createProject(input: $input) { id acronym title } }`;

const practice = {
  title: 'Remote rehabilitation after stroke',
  summary: 'Physiotherapists guide patients at home through video sessions and wearable sensors.',
  type: 'DIGITAL_SERVICE',
  maturity: 'PILOT',
  ownerId: organisations.smartHospital,
  countries: ['RO'],
  nuts: ['RO21'],
};

async function counts() {
  const response = await stack.gql(
    `{ practices(filter: { statuses: [DRAFT, SUBMITTED, PUBLISHED, ARCHIVED] }) { totalCount }
       organisations { totalCount } projects { totalCount } }`,
    {},
    { key: stack.keys.curator },
  );
  expect(response.errors).toBeUndefined();
  return response.data;
}

/** The one BAD_USER_INPUT error of a refused write, with nothing returned. */
function refusal(response: GraphQLResponse, mutation: string) {
  expect(response.data?.[mutation] ?? null).toBeNull();
  expect(response.errors).toHaveLength(1);
  const [error] = response.errors ?? [];
  expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
  return error as { message: string; extensions: { field: string; problems: { field: string; message: string }[] } };
}

describe('texts', () => {
  it('refuses a whitespace-only title, name or acronym in every subgraph and writes nothing', async () => {
    const before = await counts();
    const practiceError = refusal(
      await stack.gql(REGISTER, { input: { ...practice, title: ' \t\n ' } }, { key: editor }),
      'registerPractice',
    );
    expect(practiceError.extensions.field).toBe('title');
    expect(practiceError.message).toBe('title: must not be empty or only white space');

    const organisationError = refusal(
      await stack.gql(CREATE_ORGANISATION, { input: { name: '   ', kind: 'COMPANY' } }, { key: stack.keys.curator }),
      'createOrganisation',
    );
    expect(organisationError.extensions.field).toBe('name');

    const projectError = refusal(
      await stack.gql(
        CREATE_PROJECT,
        { input: { acronym: '  ', title: '   ', kind: 'RESEARCH_INNOVATION', programme: 'HORIZON_EUROPE' } },
        { key: stack.keys.curator },
      ),
      'createProject',
    );
    expect(projectError.extensions.problems.map((problem) => problem.field)).toEqual(['acronym', 'title']);
    expect(await counts()).toEqual(before);
  });

  it('stores texts trimmed and counts their length without the white space around them', async () => {
    const registered = await stack.gql(
      REGISTER,
      { input: { ...practice, title: '  Stroke rehab at home \n', summary: `  ${practice.summary}  ` } },
      { key: editor },
    );
    expect(registered.errors).toBeUndefined();
    expect(registered.data?.registerPractice).toMatchObject({
      title: 'Stroke rehab at home',
      summary: practice.summary,
    });
    const short = refusal(
      await stack.gql(REGISTER, { input: { ...practice, title: '  ab  ' } }, { key: editor }),
      'registerPractice',
    );
    expect(short.message).toBe('title: must be 3 to 300 characters long');
  });

  it('refuses clearing a name that can only be changed, and a blank one on update', async () => {
    const created = await stack.gql(
      CREATE_ORGANISATION,
      { input: { name: ' Clinica Verde ', acronym: ' CV ', kind: 'HEALTHCARE_PROVIDER' } },
      { key: stack.keys.curator },
    );
    expect(created.data?.createOrganisation).toMatchObject({ name: 'Clinica Verde', acronym: 'CV' });
    const id = created.data?.createOrganisation.id;
    for (const [name, message] of [
      [null, 'cannot be cleared'],
      ['  ', 'must not be empty or only white space'],
    ]) {
      const error = refusal(
        await stack.gql(UPDATE_ORGANISATION, { id, version: 1, input: { name } }, { key: stack.keys.curator }),
        'updateOrganisation',
      );
      expect(error.extensions.problems).toEqual([{ field: 'name', message }]);
    }
    const stored = await stack.gql(`query($id: UUID!) { organisation(id: $id) { name version } }`, { id });
    expect(stored.data?.organisation).toEqual({ name: 'Clinica Verde', version: 1 });
  });
});

describe('NUTS regions', () => {
  it('refuses codes that are not NUTS codes', async () => {
    const before = await counts();
    for (const nuts of [['RO-21'], ['ro21'], ['R021']]) {
      const error = refusal(
        await stack.gql(REGISTER, { input: { ...practice, nuts } }, { key: editor }),
        'registerPractice',
      );
      expect(error.extensions.field, String(nuts)).toBe('nuts');
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses regions without countries on practices and organisations, and writes nothing', async () => {
    const before = await counts();
    const { countries: _countries, ...withoutCountries } = practice;
    const practiceError = refusal(
      await stack.gql(REGISTER, { input: withoutCountries }, { key: editor }),
      'registerPractice',
    );
    expect(practiceError.extensions.problems).toEqual([
      { field: 'nuts', message: 'NUTS region RO21 needs its country (RO) to be given as well' },
    ]);
    const emptyCountries = refusal(
      await stack.gql(REGISTER, { input: { ...practice, countries: [] } }, { key: editor }),
      'registerPractice',
    );
    expect(emptyCountries.extensions.field).toBe('nuts');

    const organisationError = refusal(
      await stack.gql(
        CREATE_ORGANISATION,
        { input: { name: 'Regional Health Agency', kind: 'PUBLIC_AUTHORITY', nuts: 'RO21' } },
        { key: stack.keys.curator },
      ),
      'createOrganisation',
    );
    expect(organisationError.extensions.field).toBe('nuts');
    expect(await counts()).toEqual(before);
  });

  it('refuses Greek regions written with GR instead of EL, and accepts EL', async () => {
    const greek = { ...practice, countries: ['GR'] };
    const wrong = refusal(
      await stack.gql(REGISTER, { input: { ...greek, nuts: ['GR30'] } }, { key: editor }),
      'registerPractice',
    );
    expect(wrong.extensions.problems).toEqual([
      { field: 'nuts', message: 'NUTS region GR30 is not in country GR (codes there start with EL)' },
    ]);
    const right = await stack.gql(REGISTER, { input: { ...greek, nuts: ['EL30'] } }, { key: editor });
    expect(right.errors).toBeUndefined();
    expect(right.data?.registerPractice.nuts).toEqual(['EL30']);
  });
});

describe('every problem at once', () => {
  it('lists each problem of a registration with its field, the first one readable in the message', async () => {
    const before = await counts();
    const error = refusal(
      await stack.gql(
        REGISTER,
        {
          input: {
            ...practice,
            title: '   ',
            summary: 'too short',
            countries: ['PT'],
            nuts: ['RO21'],
            landingPage: 'example.org',
          },
        },
        { key: editor },
      ),
      'registerPractice',
    );
    expect(error.message).toBe(
      'title: must not be empty or only white space (and 3 more problems: see extensions.problems)',
    );
    expect(error.extensions.field).toBe('title');
    expect(error.extensions.problems).toEqual([
      { field: 'title', message: 'must not be empty or only white space' },
      { field: 'summary', message: 'must be 10 to 1000 characters long' },
      { field: 'nuts', message: 'NUTS region RO21 is not in country PT (codes there start with PT)' },
      { field: 'landingPage', message: 'is not an http(s) URL' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('lists the problems found against stored data together: region outside the stored countries, unknown organisations', async () => {
    const registered = await stack.gql(REGISTER, { input: practice }, { key: editor });
    expect(registered.errors).toBeUndefined();
    const id: string = registered.data?.registerPractice.id;
    const error = refusal(
      await stack.gql(
        UPDATE,
        {
          id,
          version: 1,
          input: {
            nuts: ['PT17'],
            contributors: [
              { organisationId: unknownA, role: 'PARTNER' },
              { organisationId: organisations.eitHealth, role: 'FUNDER' },
              { organisationId: unknownB, role: 'PARTNER' },
            ],
          },
        },
        { key: editor },
      ),
      'updatePractice',
    );
    expect(error.extensions.problems).toEqual([
      { field: 'nuts', message: 'NUTS region PT17 is not in country RO (codes there start with RO)' },
      { field: 'contributors[0].organisationId', message: `organisation ${unknownA} does not exist` },
      { field: 'contributors[2].organisationId', message: `organisation ${unknownB} does not exist` },
    ]);
    const stored = await stack.gql(
      `query($id: UUID!) { practice(id: $id) { version nuts contributors { role } } }`,
      { id },
      { key: editor },
    );
    expect(stored.data?.practice).toEqual({ version: 1, nuts: ['RO21'], contributors: [] });
  });
});

describe('every problem at once, in the other subgraphs', () => {
  it('lists an unknown practice and an unknown adopter of an adoption together', async () => {
    const error = refusal(
      await stack.gql(
        `mutation($input: AddAdoptionInput!) { addAdoption(input: $input) { id } }`,
        { input: { practiceId: unknownA, adopterId: unknownB, country: 'RO', scale: 'LOCAL', status: 'ONGOING' } },
        { key: stack.keys.curator },
      ),
      'addAdoption',
    );
    expect(error.extensions.problems).toEqual([
      { field: 'practiceId', message: `practice ${unknownA} does not exist` },
      { field: 'adopterId', message: `organisation ${unknownB} does not exist` },
    ]);
  });

  it('lists an unknown funder and dates out of order of a project update together, and changes nothing', async () => {
    const created = await stack.gql(
      CREATE_PROJECT,
      {
        input: {
          acronym: 'REHAB',
          title: 'Rehabilitation at home',
          kind: 'DEPLOYMENT_PILOT',
          programme: 'EU4HEALTH',
          startDate: '2025-01-01',
          endDate: '2026-12-31',
        },
      },
      { key: stack.keys.curator },
    );
    expect(created.errors).toBeUndefined();
    const id: string = created.data?.createProject.id;
    const error = refusal(
      await stack.gql(
        `mutation($id: UUID!, $input: UpdateProjectInput!) { updateProject(id: $id, version: 1, input: $input) { id } }`,
        { id, input: { funderId: unknownA, endDate: '2024-06-30', title: '  ' } },
        { key: stack.keys.curator },
      ),
      'updateProject',
    );
    expect(error.extensions.problems).toEqual([{ field: 'title', message: 'must not be empty or only white space' }]);
    const stored = refusal(
      await stack.gql(
        `mutation($id: UUID!, $input: UpdateProjectInput!) { updateProject(id: $id, version: 1, input: $input) { id } }`,
        { id, input: { funderId: unknownA, endDate: '2024-06-30' } },
        { key: stack.keys.curator },
      ),
      'updateProject',
    );
    expect(stored.extensions.problems).toEqual([
      { field: 'funderId', message: `organisation ${unknownA} does not exist` },
      { field: 'endDate', message: 'endDate must not be before startDate' },
    ]);
    const project = await stack.gql(`query($id: UUID!) { project(id: $id) { version endDate funder { id } } }`, { id });
    expect(project.data?.project).toEqual({ version: 1, endDate: '2026-12-31', funder: null });
  });
});

describe('messages', () => {
  it('names statuses in plain words when a step is refused', async () => {
    const registered = await stack.gql(REGISTER, { input: practice }, { key: editor });
    const id: string = registered.data?.registerPractice.id;
    const step = (name: string, version: number) =>
      stack.gql(
        `mutation($id: UUID!, $v: Int!) { ${name}(id: $id, version: $v) { version } }`,
        { id, v: version },
        {
          key: editor,
        },
      );
    expect((await step('archivePractice', 1)).errors).toBeUndefined();
    const error = refusal(await step('archivePractice', 2), 'archivePractice');
    expect(error.message).toBe(
      'status: an archived practice cannot be archived; it must be a draft, submitted or published',
    );
  });
});
