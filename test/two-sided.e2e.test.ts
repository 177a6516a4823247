// Writes that touch two records, through the gateway: each needs the right on both sides or the other side's
// consent, and moves the version and change feed of every record whose answer it changes.
import { seedIds as organisations } from '@radar/organisations';
import { practiceSeedIds as practices } from '@radar/practices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

let stack: Stack;
/** Editors of three organisations: each coordinates its own projects. */
let ech: string;
let eit: string;
let dhs: string;

beforeAll(async () => {
  stack = await startStack();
  ech = await stack.keys.editorOf(organisations.echAlliance);
  eit = await stack.keys.editorOf(organisations.eitHealth);
  dhs = await stack.keys.editorOf(organisations.digitalHealthSociety);
});
afterAll(async () => {
  await stack?.stop();
});

const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { id version } }`;

async function projectOf(coordinatorId: string, key: string, acronym: string, extra: Record<string, unknown> = {}) {
  const created = await stack.gql(
    CREATE,
    {
      input: {
        acronym,
        title: `Project ${acronym}`,
        kind: 'RESEARCH_INNOVATION',
        programme: 'HORIZON_EUROPE',
        participants: [{ organisationId: coordinatorId, role: 'COORDINATOR' }],
        ...extra,
      },
    },
    { key },
  );
  expect(created.errors).toBeUndefined();
  return created.data?.createProject.id as string;
}

interface Seen {
  version: number;
  synergies: { kind: string; project: { id: string } }[];
}

async function read(...ids: string[]): Promise<Seen[]> {
  const answer = await stack.gql<Record<string, Seen>>(
    `{ ${ids.map((id, index) => `p${index}: project(id: "${id}") { version synergies { kind project { id } } }`).join(' ')} }`,
  );
  expect(answer.errors).toBeUndefined();
  return ids.map((_, index) => answer.data?.[`p${index}`] as Seen);
}

/** The versions the project change feed shows for `ids` among changes since `since`. */
async function feed(since: string, ids: string[]) {
  const answer = await stack.gql(
    `query($since: DateTimeISO) { projectChanges(input: { since: $since, first: 100 }) { nodes { id project { version } } } }`,
    { since },
  );
  expect(answer.errors).toBeUndefined();
  const nodes = answer.data?.projectChanges.nodes as { id: string; project: { version: number } | null }[];
  return Object.fromEntries(
    nodes.filter((node) => ids.includes(node.id)).map((node) => [node.id, node.project?.version ?? null]),
  );
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('synergies between projects of different coordinators', () => {
  it('refuses a synergy onto another organisation\u2019s project and changes neither', async () => {
    const a = await projectOf(organisations.echAlliance, ech, 'ECH-1');
    const b = await projectOf(organisations.eitHealth, eit, 'EIT-1');
    await pause();
    const since = new Date().toISOString();
    const refused = await stack.gql(
      `mutation { addSynergy(id: "${a}", version: 1, otherProjectId: "${b}", kind: SYNERGY) { version } }`,
      {},
      { key: ech },
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'otherProjectId' });
    expect(refused.errors?.[0]?.message).toMatch(/proposeSynergy/);
    expect(await read(a, b)).toEqual([
      { version: 1, synergies: [] },
      { version: 1, synergies: [] },
    ]);
    expect(await feed(since, [a, b])).toEqual({});
  });

  it('links once the other coordinator accepts a proposal, moving both versions and both feeds', async () => {
    const a = await projectOf(organisations.echAlliance, ech, 'ECH-2');
    const b = await projectOf(organisations.eitHealth, eit, 'EIT-2');
    const proposed = await stack.gql(
      `mutation { proposeSynergy(id: "${a}", otherProjectId: "${b}", kind: FOLLOW_UP) { kind project { id } other { id } proposedAt } }`,
      {},
      { key: ech },
    );
    expect(proposed.errors).toBeUndefined();
    expect(proposed.data?.proposeSynergy).toMatchObject({ kind: 'FOLLOW_UP', project: { id: a }, other: { id: b } });
    // A proposal is not part of either record yet.
    expect(await read(a, b)).toEqual([
      { version: 1, synergies: [] },
      { version: 1, synergies: [] },
    ]);

    const PROPOSALS = `query($id: UUID!) { synergyProposals(projectId: $id) { kind project { id } other { id } } }`;
    const waiting = await stack.gql(PROPOSALS, { id: b }, { key: eit });
    expect(waiting.data?.synergyProposals).toEqual([{ kind: 'FOLLOW_UP', project: { id: a }, other: { id: b } }]);
    expect((await stack.gql(PROPOSALS, { id: a }, { key: ech })).data?.synergyProposals).toHaveLength(1);
    expect((await stack.gql(PROPOSALS, { id: b }, { key: dhs })).errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await stack.gql(PROPOSALS, { id: b })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const ACCEPT = (id: string, version: number, proposing: string) =>
      `mutation { acceptSynergy(id: "${id}", version: ${version}, proposingProjectId: "${proposing}") { version synergies { kind project { id } } } }`;
    // The proposer cannot accept its own proposal, nor a third organisation, nor at a stale version.
    expect((await stack.gql(ACCEPT(b, 1, a), {}, { key: ech })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.gql(ACCEPT(b, 1, a), {}, { key: dhs })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.gql(ACCEPT(b, 7, a), {}, { key: eit })).errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'version',
      currentVersion: 1,
    });
    expect((await stack.gql(ACCEPT(a, 1, b), {}, { key: ech })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'proposingProjectId',
    });
    expect(await read(a, b)).toEqual([
      { version: 1, synergies: [] },
      { version: 1, synergies: [] },
    ]);

    await pause();
    const since = new Date().toISOString();
    const accepted = await stack.gql(ACCEPT(b, 1, a), {}, { key: eit });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.acceptSynergy).toEqual({
      version: 2,
      synergies: [{ kind: 'PREDECESSOR', project: { id: a } }],
    });
    expect(await read(a, b)).toEqual([
      { version: 2, synergies: [{ kind: 'FOLLOW_UP', project: { id: b } }] },
      { version: 2, synergies: [{ kind: 'PREDECESSOR', project: { id: a } }] },
    ]);
    expect(await feed(since, [a, b])).toEqual({ [a]: 2, [b]: 2 });
    expect((await stack.gql(PROPOSALS, { id: b }, { key: eit })).data?.synergyProposals).toEqual([]);

    // Either side may end the link; both records move again.
    await pause();
    const later = new Date().toISOString();
    const removed = await stack.gql(
      `mutation { removeSynergy(id: "${a}", version: 2, otherProjectId: "${b}") { version synergies { kind } } }`,
      {},
      { key: ech },
    );
    expect(removed.data?.removeSynergy).toEqual({ version: 3, synergies: [] });
    expect(await read(a, b)).toEqual([
      { version: 3, synergies: [] },
      { version: 3, synergies: [] },
    ]);
    expect(await feed(later, [a, b])).toEqual({ [a]: 3, [b]: 3 });
  });

  it('refuses bad proposals, and lets either side decline or withdraw one without changing either project', async () => {
    const a = await projectOf(organisations.echAlliance, ech, 'ECH-3');
    const b = await projectOf(organisations.eitHealth, eit, 'EIT-3');
    const unknown = '00000000-0000-4000-8000-000000000000';
    const propose = (id: string, other: string, key: string) =>
      stack.gql(
        `mutation { proposeSynergy(id: "${id}", otherProjectId: "${other}", kind: SYNERGY) { kind } }`,
        {},
        { key },
      );
    expect((await propose(a, a, ech)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'otherProjectId',
    });
    expect((await propose(a, unknown, ech)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'otherProjectId',
    });
    expect((await propose(a, b, eit)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(
      (await stack.gql(`mutation { proposeSynergy(id: "${a}", otherProjectId: "${b}", kind: SYNERGY) { kind } }`))
        .errors?.[0]?.extensions?.code,
    ).toBe('UNAUTHENTICATED');
    expect((await propose(unknown, b, ech)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect((await propose(a, b, ech)).errors).toBeUndefined();
    expect((await propose(a, b, ech)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'otherProjectId',
    });
    expect((await propose(b, a, eit)).errors?.[0]?.message).toMatch(/acceptSynergy/);

    const decline = (id: string, other: string, key: string) =>
      stack.gql(`mutation { declineSynergy(id: "${id}", otherProjectId: "${other}") }`, {}, { key });
    expect((await decline(b, a, dhs)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await decline(b, a, eit)).data?.declineSynergy).toBe(true);
    expect((await decline(b, a, eit)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'otherProjectId',
    });
    // Withdrawn by the proposer this time.
    expect((await propose(a, b, ech)).errors).toBeUndefined();
    expect((await decline(a, b, ech)).data?.declineSynergy).toBe(true);
    expect(await read(a, b)).toEqual([
      { version: 1, synergies: [] },
      { version: 1, synergies: [] },
    ]);
  });

  it('links at once when the caller may change both projects, and a deletion moves the projects it leaves', async () => {
    const a = await projectOf(organisations.echAlliance, ech, 'ECH-4');
    const b = await projectOf(organisations.echAlliance, ech, 'ECH-5');
    const linked = await stack.gql(
      `mutation { addSynergy(id: "${a}", version: 1, otherProjectId: "${b}", kind: CLUSTER) { version } }`,
      {},
      { key: ech },
    );
    expect(linked.data?.addSynergy).toEqual({ version: 2 });
    expect(await read(a, b)).toEqual([
      { version: 2, synergies: [{ kind: 'CLUSTER', project: { id: b } }] },
      { version: 2, synergies: [{ kind: 'CLUSTER', project: { id: a } }] },
    ]);
    await pause();
    const since = new Date().toISOString();
    const deleted = await stack.gql(`mutation { deleteProject(id: "${a}", version: 2) { id } }`, {}, { key: ech });
    expect(deleted.errors).toBeUndefined();
    const [left] = await read(b);
    expect(left).toEqual({ version: 3, synergies: [] });
    expect((await feed(since, [a, b]))[b]).toBe(3);
  });
});

describe('practice links, participants and adoptions', () => {
  it('lets a project say it used any practice, but produced or transferred only by its owner or a contributor', async () => {
    // The ECH Alliance contributes to the Moonshot; it does not own or contribute to the Smart Hospital platform.
    const a = await projectOf(organisations.echAlliance, ech, 'ECH-6');
    const LINK = (version: number, practiceId: string, role: string) =>
      `mutation { linkPractice(id: "${a}", version: ${version}, link: { practiceId: "${practiceId}", role: ${role} }) { version practices { role practice { id } } } }`;
    const claimed = await stack.gql(LINK(1, practices.smartHospitalPlatform, 'PRODUCED'), {}, { key: ech });
    expect(claimed.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'role' });
    const transferred = await stack.gql(LINK(1, practices.smartHospitalPlatform, 'TRANSFERRED'), {}, { key: ech });
    expect(transferred.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'role' });
    expect((await read(a))[0]?.version).toBe(1);
    const used = await stack.gql(LINK(1, practices.smartHospitalPlatform, 'USED'), {}, { key: ech });
    expect(used.data?.linkPractice.version).toBe(2);
    const own = await stack.gql(LINK(2, practices.moonshot2027, 'PRODUCED'), {}, { key: ech });
    expect(own.errors).toBeUndefined();
    expect(own.data?.linkPractice.practices).toEqual(
      expect.arrayContaining([
        { role: 'PRODUCED', practice: { id: practices.moonshot2027 } },
        { role: 'USED', practice: { id: practices.smartHospitalPlatform } },
      ]),
    );
    expect(own.data?.linkPractice.practices).toHaveLength(2);

    const before = await stack.gql('{ projects { totalCount } }');
    const created = await stack.gql(
      CREATE,
      {
        input: {
          acronym: 'ECH-7',
          title: 'Claims another organisation\u2019s practice',
          kind: 'RESEARCH_INNOVATION',
          programme: 'HORIZON_EUROPE',
          participants: [{ organisationId: organisations.echAlliance, role: 'COORDINATOR' }],
          practices: [
            { practiceId: practices.moonshot2027, role: 'PRODUCED' },
            { practiceId: practices.radarRegistry, role: 'PRODUCED' },
          ],
        },
      },
      { key: ech },
    );
    expect(created.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'practices[1].role' });
    expect((await stack.gql('{ projects { totalCount } }')).data).toEqual(before.data);
  });

  it('lets an organisation take itself off a project, and no one else but the coordinator', async () => {
    const a = await projectOf(organisations.echAlliance, ech, 'ECH-8');
    const ADD = `mutation($id: UUID!) { addParticipant(id: $id, version: 1, participant: { organisationId: "${organisations.eitHealth}", role: PARTNER }) { version } }`;
    expect((await stack.gql(ADD, { id: a }, { key: ech })).data?.addParticipant.version).toBe(2);
    const REMOVE = (organisationId: string, version: number) =>
      `mutation { removeParticipant(id: "${a}", version: ${version}, organisationId: "${organisationId}") { version participants { organisation { id } } } }`;
    expect((await stack.gql(REMOVE(organisations.eitHealth, 2), {}, { key: dhs })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await stack.gql(REMOVE(organisations.echAlliance, 2), {}, { key: eit })).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await stack.gql(REMOVE(organisations.eitHealth, 1), {}, { key: eit })).errors?.[0]?.extensions,
    ).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const withdrawn = await stack.gql(REMOVE(organisations.eitHealth, 2), {}, { key: eit });
    expect(withdrawn.data?.removeParticipant).toEqual({
      version: 3,
      participants: [{ organisation: { id: organisations.echAlliance } }],
    });
  });

  it('moves the practice\u2019s version and change feed with each adoption it shows', async () => {
    const PRACTICE = `query($id: UUID!) { practice(id: $id) { version updatedAt adoptions { id } } }`;
    const before = (await stack.gql(PRACTICE, { id: practices.moonshot2027 })).data?.practice;
    await pause();
    const since = new Date().toISOString();
    const added = await stack.gql(
      `mutation($input: AddAdoptionInput!) { addAdoption(input: $input) { id version } }`,
      {
        input: {
          practiceId: practices.moonshot2027,
          adopterId: organisations.eitHealth,
          country: 'BE',
          scale: 'PILOT',
          status: 'ONGOING',
        },
      },
      { key: stack.keys.curator },
    );
    expect(added.errors).toBeUndefined();
    const after = (await stack.gql(PRACTICE, { id: practices.moonshot2027 })).data?.practice;
    expect(after.version).toBe(before.version + 1);
    expect(after.adoptions).toHaveLength(before.adoptions.length + 1);
    const changes = await stack.gql(
      `query($since: DateTimeISO) { practiceChanges(input: { since: $since }) { nodes { id practice { version } } } }`,
      { since },
    );
    expect(changes.errors).toBeUndefined();
    expect(changes.data?.practiceChanges.nodes).toContainEqual({
      id: practices.moonshot2027,
      practice: { version: after.version },
    });

    const removed = await stack.gql(
      `mutation($id: UUID!) { removeAdoption(id: $id, version: 1) { id } }`,
      { id: added.data?.addAdoption.id },
      { key: stack.keys.curator },
    );
    expect(removed.errors).toBeUndefined();
    expect((await stack.gql(PRACTICE, { id: practices.moonshot2027 })).data?.practice.version).toBe(after.version + 1);
  });
});

describe('a twinning\u2019s originator', () => {
  const twinning = (originatorId: string) => ({
    acronym: 'ORIG',
    title: 'Originator rule',
    kind: 'TWINNING',
    programme: 'EU4HEALTH',
    startDate: '2025-01-06',
    endDate: '2025-06-30',
    participants: [{ organisationId: organisations.digitalInnovationZone, role: 'COORDINATOR' }],
    twinning: {
      originatorId,
      adopterIds: [organisations.digitalEurope],
      practiceId: practices.smartHospitalPlatform,
      type: 'ADAPTATION',
    },
  });

  it('must own or contribute to the practice it transfers', async () => {
    const count = async () => (await stack.gql('{ projects { totalCount } }')).data?.projects.totalCount;
    const before = await count();
    const stranger = await stack.gql(CREATE, { input: twinning(organisations.eitHealth) }, { key: stack.keys.curator });
    expect(stranger.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'twinning.originatorId' });
    expect(stranger.errors?.[0]?.message).toMatch(/neither owns nor contributes/);
    expect(await count()).toBe(before);

    // The owner (Smart Hospital) and a contributor (Digital Innovation Zone, its implementer) may both originate it.
    const owner = await stack.gql(
      CREATE,
      { input: twinning(organisations.smartHospital) },
      { key: stack.keys.curator },
    );
    expect(owner.errors).toBeUndefined();
    const contributor = await stack.gql(
      CREATE,
      { input: twinning(organisations.digitalInnovationZone) },
      { key: stack.keys.curator },
    );
    expect(contributor.errors).toBeUndefined();
    expect(await count()).toBe(before + 2);
  });
});
