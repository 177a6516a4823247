// Reads across subgraphs when a referenced record leaves the caller's view (archived, draft, deleted): through the
// gateway, the reference reads null or drops out of its list, the rest of the answer stays, and whoever may still
// see the record still sees it. Also a field the caller may not read is refused alone.
import { seedIds as organisations } from '@radar/organisations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

let stack: Stack;
let ownerEditor: string;
let otherEditor: string;

beforeAll(async () => {
  stack = await startStack();
  ownerEditor = await stack.keys.editorOf(organisations.smartHospital);
  otherEditor = await stack.keys.editorOf(organisations.digitalEurope);
});
afterAll(async () => {
  await stack?.stop();
});

interface Body {
  data?: Record<string, any> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: { valueCompletion?: { message: string; path?: (string | number)[] }[] };
}

/** The whole answer, extensions included: the gateway reports a reference it could not resolve there. */
async function read(query: string, variables: Record<string, unknown> = {}, key?: string): Promise<Body> {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Body;
}

/** Asserts an answer with data and no errors, and that anything the gateway noted lies inside `hidden` paths. */
async function readClean(
  query: string,
  variables: Record<string, unknown>,
  key?: string,
  hidden: (string | number)[][] = [],
) {
  const body = await read(query, variables, key);
  expect(body.errors).toBeUndefined();
  expect(body.data).toBeTruthy();
  for (const entry of body.extensions?.valueCompletion ?? []) {
    expect(hidden.some((path) => path.every((part, index) => entry.path?.[index] === part))).toBe(true);
  }
  return body.data as Record<string, any>;
}

async function write<T = Record<string, any>>(mutation: string, variables: Record<string, unknown>, key?: string) {
  const response = await stack.gql(mutation, variables, { key: key ?? stack.keys.curator });
  expect(response.errors).toBeUndefined();
  return Object.values(response.data ?? {})[0] as T;
}

type Versioned = { id: string; version: number };
const REGISTER = `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id version } }`;
const step = (name: string) =>
  `mutation($id: UUID!, $version: Int!) { ${name}(id: $id, version: $version) { id version status } }`;
const DELETE_PRACTICE = `mutation($id: UUID!, $version: Int!) { deletePractice(id: $id, version: $version) { id version } }`;
const CREATE_PROJECT = `mutation($input: CreateProjectInput!) { createProject(input: $input) { id version } }`;
const DELETE_PROJECT = `mutation($id: UUID!, $version: Int!) { deleteProject(id: $id, version: $version) { id version } }`;
const CREATE_ORGANISATION = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id version } }`;
const DELETE_ORGANISATION = `mutation($id: UUID!, $version: Int!) { deleteOrganisation(id: $id, version: $version) { id version } }`;
const ADD_ADOPTION = `mutation($input: AddAdoptionInput!) { addAdoption(input: $input) { id version } }`;

let serial = 0;

async function draft(overrides: Record<string, unknown> = {}, key = ownerEditor): Promise<Versioned> {
  serial += 1;
  return write<Versioned>(
    REGISTER,
    {
      input: {
        title: `Referenced practice ${serial}`,
        summary: 'A practice that other records point to.',
        type: 'APP',
        maturity: 'PILOT',
        ownerId: organisations.smartHospital,
        countries: ['RO'],
        ...overrides,
      },
    },
    key,
  );
}

async function published(overrides: Record<string, unknown> = {}, key = ownerEditor): Promise<Versioned> {
  const practice = await draft(overrides, key);
  const submitted = await write<Versioned>(step('submitPractice'), practice, key);
  return write<Versioned>(step('publishPractice'), submitted);
}

/** Archives a practice at its current version: recording an adoption moves the practice's version. */
async function archive(practice: Versioned) {
  const current = await readClean(
    `query($id: UUID!) { practice(id: $id) { id version } }`,
    { id: practice.id },
    stack.keys.curator,
  );
  return write<Versioned>(step('archivePractice'), current.practice);
}

async function project(input: Record<string, unknown>): Promise<Versioned> {
  serial += 1;
  return write<Versioned>(CREATE_PROJECT, {
    input: {
      acronym: `REF-${serial}`,
      title: `Referencing project ${serial}`,
      kind: 'DEPLOYMENT_PILOT',
      programme: 'EU4HEALTH',
      ...input,
    },
  });
}

async function organisation(name: string): Promise<Versioned> {
  return write<Versioned>(CREATE_ORGANISATION, { input: { name, kind: 'HEALTHCARE_PROVIDER', country: 'RO' } });
}

const byPracticeRole = <T extends { role: string }>(links: T[]) =>
  [...links].sort((a, b) => a.role.localeCompare(b.role));

describe('project → practices', () => {
  const PROJECT = `query($id: UUID!) { project(id: $id) { id acronym practices { role practice { id title status } } } }`;

  it('reads an archived, a draft or a deleted practice as null for the public and other editors, keeping the project', async () => {
    const kept = await published();
    const archived = await published();
    const drafted = await draft();
    const deleted = await published();
    const linking = await project({
      practices: [
        { practiceId: kept.id, role: 'USED' },
        { practiceId: archived.id, role: 'PRODUCED' },
        { practiceId: drafted.id, role: 'TRANSFERRED' },
      ],
    });
    const other = await project({ practices: [{ practiceId: deleted.id, role: 'USED' }] });
    await archive(archived);
    await write(DELETE_PRACTICE, deleted);

    const hidden = [['project', 'practices']];
    for (const key of [undefined, otherEditor]) {
      const answer = await readClean(PROJECT, { id: linking.id }, key, hidden);
      expect(answer.project.acronym).toMatch(/^REF-/);
      expect(byPracticeRole(answer.project.practices)).toEqual([
        { role: 'PRODUCED', practice: null },
        { role: 'TRANSFERRED', practice: null },
        { role: 'USED', practice: { id: kept.id, title: expect.any(String), status: 'PUBLISHED' } },
      ]);
    }

    const owner = await readClean(PROJECT, { id: linking.id }, ownerEditor);
    expect(
      byPracticeRole<{ role: string; practice: { status: string } }>(owner.project.practices).map(
        (link) => link.practice.status,
      ),
    ).toEqual(['ARCHIVED', 'DRAFT', 'PUBLISHED']);
    const curator = await readClean(PROJECT, { id: linking.id }, stack.keys.curator);
    expect(curator.project.practices.every((link: { practice: unknown }) => link.practice !== null)).toBe(true);

    for (const key of [undefined, ownerEditor, stack.keys.curator]) {
      const gone = await readClean(PROJECT, { id: other.id }, key, hidden);
      expect(gone.project).toMatchObject({ id: other.id, practices: [{ role: 'USED', practice: null }] });
    }
  });

  it('keeps the public project list whole when a linked practice is archived', async () => {
    const practice = await published();
    const linking = await project({ practices: [{ practiceId: practice.id, role: 'USED' }] });
    await archive(practice);
    const LIST = `{ projects(first: 100) { totalCount nodes { id acronym practices { role practice { title } } } } }`;
    for (const key of [undefined, otherEditor]) {
      const answer = await readClean(LIST, {}, key, [['projects', 'nodes']]);
      expect(answer.projects.nodes).toHaveLength(answer.projects.totalCount);
      expect(answer.projects.nodes).toContainEqual({
        id: linking.id,
        acronym: expect.any(String),
        practices: [{ role: 'USED', practice: null }],
      });
    }
  });

  it('leaves a deleted project out of Practice.projects', async () => {
    const practice = await published();
    const first = await project({ practices: [{ practiceId: practice.id, role: 'USED' }] });
    const second = await project({ practices: [{ practiceId: practice.id, role: 'PRODUCED' }] });
    await write(DELETE_PROJECT, second);
    const answer = await readClean(`query($id: UUID!) { practice(id: $id) { title projects { id } } }`, {
      id: practice.id,
    });
    expect(answer.practice.projects).toEqual([{ id: first.id }]);
  });
});

describe('twinning → practice, originator, adopters and adoptions', () => {
  const TWINNING = `query($id: UUID!) { project(id: $id) { acronym twinning { type originator { id name }
    practice { id title } adopters { organisation { id name } adoption { id country practice { id } } } } } }`;

  async function twinning(practiceId: string) {
    return project({
      kind: 'TWINNING',
      startDate: '2025-01-06',
      endDate: '2025-06-30',
      participants: [{ organisationId: organisations.digitalInnovationZone, role: 'COORDINATOR' }],
      twinning: {
        originatorId: organisations.smartHospital,
        adopterIds: [organisations.digitalInnovationZone],
        practiceId,
        type: 'FULL_ADOPTION',
      },
    });
  }

  it('reads a practice unpublished after the twinning as null for the public, keeping the twinning, its originator and adopters', async () => {
    // A twinning transfers only a published practice; one unpublished since then is a draft again.
    const practice = await published();
    const created = await twinning(practice.id);
    await write(step('unpublishPractice'), practice);
    const hidden = [['project', 'twinning', 'practice']];
    for (const key of [undefined, otherEditor]) {
      const answer = await readClean(TWINNING, { id: created.id }, key, hidden);
      expect(answer.project.twinning).toEqual({
        type: 'FULL_ADOPTION',
        originator: { id: organisations.smartHospital, name: expect.any(String) },
        practice: null,
        adopters: [
          { organisation: { id: organisations.digitalInnovationZone, name: expect.any(String) }, adoption: null },
        ],
      });
      const listed = await readClean(
        `query($id: UUID!) { twinnings(filter: { practiceId: $id }) { id twinning { practice { title } } } }`,
        { id: practice.id },
        key,
        [['twinnings']],
      );
      expect(listed.twinnings).toEqual([{ id: created.id, twinning: { practice: null } }]);
    }
    const owner = await readClean(TWINNING, { id: created.id }, ownerEditor);
    expect(owner.project.twinning.practice).toEqual({ id: practice.id, title: expect.any(String) });
  });

  it('reads the adoption a completed twinning recorded as null once its practice is archived or the adoption removed', async () => {
    const practice = await published();
    const created = await twinning(practice.id);
    const completed = await write<Versioned & { twinning: { adopters: { adoption: Versioned }[] } }>(
      `mutation($id: UUID!, $version: Int!) { completeTwinning(id: $id, version: $version, outcome: "Adopted.") {
        id version twinning { adopters { adoption { id version } } } } }`,
      created,
    );
    const adoption = completed.twinning.adopters[0]?.adoption as Versioned;
    expect(adoption.id).toEqual(expect.any(String));
    const before = await readClean(TWINNING, { id: created.id });
    expect(before.project.twinning.adopters[0].adoption).toEqual({
      id: adoption.id,
      country: expect.any(String),
      practice: { id: practice.id },
    });

    await archive(practice);
    const hidden = [
      ['project', 'twinning', 'practice'],
      ['project', 'twinning', 'adopters'],
    ];
    for (const key of [undefined, otherEditor]) {
      const answer = await readClean(TWINNING, { id: created.id }, key, hidden);
      expect(answer.project.acronym).toMatch(/^REF-/);
      expect(answer.project.twinning.practice).toBeNull();
      expect(answer.project.twinning.adopters).toEqual([
        { organisation: { id: organisations.digitalInnovationZone, name: expect.any(String) }, adoption: null },
      ]);
    }
    const owner = await readClean(TWINNING, { id: created.id }, ownerEditor);
    expect(owner.project.twinning.adopters[0].adoption).toMatchObject({ id: adoption.id });

    const current = await readClean(
      `query($id: UUID!) { practice(id: $id) { adoptions { id version } } }`,
      {
        id: practice.id,
      },
      ownerEditor,
    );
    await write(
      `mutation($id: UUID!, $version: Int!) { removeAdoption(id: $id, version: $version) { id } }`,
      current.practice.adoptions[0],
    );
    const removed = await readClean(TWINNING, { id: created.id }, stack.keys.curator, hidden);
    expect(removed.project.twinning.adopters[0].adoption).toBeNull();
    expect(removed.project.twinning.practice).toEqual({ id: practice.id, title: expect.any(String) });
  });
});

describe('adoption → adopter and project, organisation → adoptions', () => {
  it('reads a deleted project as null and a deleted adopter as its tombstone, and leaves hidden adoptions out', async () => {
    const adopter = await organisation('Adopting hospital');
    const practice = await published();
    const through = await project({});
    const added = await write<Versioned>(ADD_ADOPTION, {
      input: {
        practiceId: practice.id,
        adopterId: adopter.id,
        country: 'RO',
        scale: 'LOCAL',
        status: 'ONGOING',
        projectId: through.id,
      },
    });
    const ADOPTIONS = `query($id: UUID!) { practice(id: $id) { title adoptions { id scale project { id acronym }
      adopter { id name deletedAt } } } }`;
    const before = await readClean(ADOPTIONS, { id: practice.id });
    expect(before.practice.adoptions).toEqual([
      {
        id: added.id,
        scale: 'LOCAL',
        project: { id: through.id, acronym: expect.any(String) },
        adopter: { id: adopter.id, name: 'Adopting hospital', deletedAt: null },
      },
    ]);

    await write(DELETE_PROJECT, through);
    await write(DELETE_ORGANISATION, adopter);
    const after = await readClean(ADOPTIONS, { id: practice.id }, undefined, [['practice', 'adoptions']]);
    expect(after.practice.title).toMatch(/^Referenced practice/);
    expect(after.practice.adoptions).toEqual([
      {
        id: added.id,
        scale: 'LOCAL',
        project: null,
        adopter: { id: adopter.id, name: 'Adopting hospital', deletedAt: expect.any(String) },
      },
    ]);

    const ORGANISATION = `query($id: UUID!) { organisation(id: $id, includeDeleted: true) { name adoptions { id practice { title } } } }`;
    expect((await readClean(ORGANISATION, { id: adopter.id })).organisation.adoptions).toEqual([
      { id: added.id, practice: { title: expect.any(String) } },
    ]);
    await archive(practice);
    for (const key of [undefined, otherEditor]) {
      const hiddenFrom = await readClean(ORGANISATION, { id: adopter.id }, key);
      expect(hiddenFrom.organisation).toEqual({ name: 'Adopting hospital', adoptions: [] });
    }
    const owner = await readClean(ORGANISATION, { id: adopter.id }, ownerEditor);
    expect(owner.organisation.adoptions).toEqual([{ id: added.id, practice: { title: expect.any(String) } }]);
  });
});

describe('practice → owner and contributors', () => {
  it('reads deleted owner and contributor organisations as tombstones, keeping the practice', async () => {
    const owner = await organisation('Owning clinic');
    const contributor = await organisation('Contributing university');
    const practice = await published(
      { ownerId: owner.id, contributors: [{ organisationId: contributor.id, role: 'EVALUATOR' }] },
      stack.keys.curator,
    );
    await write(DELETE_ORGANISATION, contributor);
    await write(DELETE_ORGANISATION, owner);
    const answer = await readClean(
      `query($id: UUID!) { practice(id: $id) { title owner { id name deletedAt }
        contributors { role organisation { id name deletedAt } } } }`,
      { id: practice.id },
    );
    expect(answer.practice).toEqual({
      title: expect.stringMatching(/^Referenced practice/),
      owner: { id: owner.id, name: 'Owning clinic', deletedAt: expect.any(String) },
      contributors: [
        {
          role: 'EVALUATOR',
          organisation: { id: contributor.id, name: 'Contributing university', deletedAt: expect.any(String) },
        },
      ],
    });
  });
});

describe('organisation → practices, projects and memberships', () => {
  it('leaves archived practices, deleted projects and deleted networks out, with counts to match', async () => {
    const network = await write<Versioned>(CREATE_ORGANISATION, {
      input: { name: 'Regional e-health network', kind: 'ASSOCIATION_NETWORK', country: 'RO' },
    });
    const member = await write<Versioned>(CREATE_ORGANISATION, {
      input: { name: 'Member hospital', kind: 'HEALTHCARE_PROVIDER', country: 'RO', memberships: [network.id] },
    });
    const kept = await published({ ownerId: member.id }, stack.keys.curator);
    const archived = await published({ ownerId: member.id }, stack.keys.curator);
    const contributed = await published(
      { contributors: [{ organisationId: member.id, role: 'PARTNER' }] },
      stack.keys.curator,
    );
    const live = await project({ participants: [{ organisationId: member.id, role: 'COORDINATOR' }] });
    const doomed = await project({ participants: [{ organisationId: member.id, role: 'COORDINATOR' }] });

    const QUERY = `query($id: UUID!) { organisation(id: $id) { name memberships { id }
      practices { totalCount nodes { id } } projects { id } } }`;
    const before = await readClean(QUERY, { id: member.id });
    expect(before.organisation.practices.totalCount).toBe(3);
    expect(before.organisation.memberships).toEqual([{ id: network.id }]);

    await archive(archived);
    await write(DELETE_PROJECT, doomed);
    // The member joining moved the network's version too.
    await write(DELETE_ORGANISATION, { ...network, version: network.version + 1 });
    for (const key of [undefined, otherEditor, stack.keys.curator]) {
      const after = await readClean(QUERY, { id: member.id }, key);
      expect(after.organisation.name).toBe('Member hospital');
      expect(after.organisation.memberships).toEqual([]);
      expect(after.organisation.projects).toEqual([{ id: live.id }]);
      expect(after.organisation.practices.totalCount).toBe(2);
      expect(after.organisation.practices.nodes.map((node: { id: string }) => node.id).sort()).toEqual(
        [kept.id, contributed.id].sort(),
      );
    }
  });
});

describe('project → synergy projects and participants', () => {
  it('leaves a deleted synergy project out and reads a deleted participant as its tombstone', async () => {
    const partner = await organisation('Partner authority');
    const one = await project({ participants: [{ organisationId: partner.id, role: 'COORDINATOR' }] });
    const other = await project({});
    await write(
      `mutation($id: UUID!, $version: Int!, $other: UUID!) {
        addSynergy(id: $id, version: $version, otherProjectId: $other, kind: SYNERGY) { id } }`,
      { ...one, other: other.id },
    );
    const QUERY = `query($id: UUID!) { project(id: $id) { synergies { kind project { id } }
      participants { role organisation { id deletedAt } } coordinator { id deletedAt } } }`;
    expect((await readClean(QUERY, { id: one.id })).project.synergies).toEqual([
      { kind: 'SYNERGY', project: { id: other.id } },
    ]);
    // Read the other project's version again: linking may have moved it.
    const current = await readClean(`query($id: UUID!) { project(id: $id) { id version } }`, { id: other.id });
    await write(DELETE_PROJECT, current.project);
    await write(DELETE_ORGANISATION, partner);
    const after = await readClean(QUERY, { id: one.id });
    expect(after.project.synergies).toEqual([]);
    expect(after.project.participants).toEqual([
      { role: 'COORDINATOR', organisation: { id: partner.id, deletedAt: expect.any(String) } },
    ]);
    expect(after.project.coordinator).toEqual({ id: partner.id, deletedAt: expect.any(String) });
  });
});

describe('a field the caller may not read', () => {
  it('refuses Practice.history alone, with FORBIDDEN on its path and the rest of the practice', async () => {
    const practice = await published();
    const QUERY = `query($id: UUID!) { practice(id: $id) { id title status history { action } } }`;
    for (const key of [undefined, otherEditor]) {
      const answer = await read(QUERY, { id: practice.id }, key);
      expect(answer.data?.practice).toEqual({
        id: practice.id,
        title: expect.any(String),
        status: 'PUBLISHED',
        history: null,
      });
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(answer.errors?.[0]?.path).toEqual(['practice', 'history']);
    }
    const owner = await readClean(QUERY, { id: practice.id }, ownerEditor);
    expect(owner.practice.history.map((event: { action: string }) => event.action)).toEqual([
      'REGISTERED',
      'SUBMITTED',
      'PUBLISHED',
    ]);
  });

  it('refuses Practice.contactEmail alone to outsiders, and gives it to the owner\u2019s editors and curators', async () => {
    const practice = await published({ contactEmail: 'team@example.org' });
    const QUERY = `query($id: UUID!) { practice(id: $id) { id summary contactEmail } }`;
    for (const key of [undefined, otherEditor]) {
      const answer = await read(QUERY, { id: practice.id }, key);
      expect(answer.data?.practice).toEqual({ id: practice.id, summary: expect.any(String), contactEmail: null });
      expect(answer.errors?.map((error) => [error.extensions?.code, error.path])).toEqual([
        ['FORBIDDEN', ['practice', 'contactEmail']],
      ]);
    }
    for (const key of [ownerEditor, stack.keys.curator]) {
      expect((await readClean(QUERY, { id: practice.id }, key)).practice.contactEmail).toBe('team@example.org');
    }
  });

  it('refuses history on each practice of a list without losing the list', async () => {
    const practice = await published();
    const linking = await project({ practices: [{ practiceId: practice.id, role: 'USED' }] });
    const answer = await read(
      `query($id: UUID!) { project(id: $id) { acronym practices { practice { id title history { action } } } } }`,
      { id: linking.id },
    );
    expect(answer.data?.project).toEqual({
      acronym: expect.any(String),
      practices: [{ practice: { id: practice.id, title: expect.any(String), history: null } }],
    });
    expect(answer.errors?.map((error) => [error.extensions?.code, error.path])).toEqual([
      ['FORBIDDEN', ['project', 'practices', 0, 'practice', 'history']],
    ]);
  });
});
