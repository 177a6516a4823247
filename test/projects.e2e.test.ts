// Projects through the gateway over real HTTP: the twinning path across all three subgraphs, completion that
// records adoptions through the practices API, participants, synergies, search, access, and every bad input.
import { seedIds as organisations } from '@radar/organisations';
import { adoptionSeedIds, practiceSeedIds as practices } from '@radar/practices';
import { projectSeedIds } from '@radar/projects';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishNewPractice, type Stack, startStack } from './support/stack.js';

let stack: Stack;
let dizEditor: string;
let smartHospitalEditor: string;

beforeAll(async () => {
  stack = await startStack();
  dizEditor = await stack.keys.editorOf(organisations.digitalInnovationZone);
  smartHospitalEditor = await stack.keys.editorOf(organisations.smartHospital);
});
afterAll(async () => {
  await stack?.stop();
});

const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { id version kind status } }`;
const UPDATE = `mutation($id: UUID!, $version: Int!, $input: UpdateProjectInput!) {
  updateProject(id: $id, version: $version, input: $input) { id version startDate endDate totalBudget euContribution } }`;
const COMPLETE = `mutation($id: UUID!, $version: Int!) { completeTwinning(id: $id, version: $version, outcome: "Adopted.", scale: LOCAL) {
  id version twinning { completedAt outcome adopters { organisation { id } adoption { id country scale status project { id } practice { id } } } } } }`;
const unknown = '00000000-0000-4000-8000-000000000000';

const twinning = {
  acronym: 'Tele-ICU Twinning',
  title: 'Tele-ICU twinning between Iași and Munich',
  kind: 'TWINNING',
  programme: 'EU4HEALTH',
  startDate: '2025-01-06',
  endDate: '2025-06-30',
  totalBudget: '60000.00',
  euContribution: '60000',
  participants: [
    { organisationId: organisations.digitalInnovationZone, role: 'COORDINATOR' },
    { organisationId: organisations.eitHealth, role: 'PARTNER' },
  ],
  twinning: {
    originatorId: organisations.smartHospital,
    adopterIds: [organisations.digitalInnovationZone, organisations.digitalEurope],
    practiceId: practices.smartHospitalPlatform,
    type: 'FULL_ADOPTION',
    stages: [
      { name: 'Preparation', startDate: '2025-01-06', endDate: '2025-02-28' },
      { name: 'Deployment', startDate: '2025-03-01', endDate: '2025-06-30' },
    ],
  },
};

async function projectCount() {
  return (await stack.gql<{ projects: { totalCount: number } }>('{ projects { totalCount } }')).data?.projects
    .totalCount;
}

async function create(input: Record<string, unknown>, key = stack.keys.curator) {
  const response = await stack.gql(CREATE, { input }, { key });
  expect(response.errors).toBeUndefined();
  return response.data?.createProject as { id: string; version: number };
}

describe('the twinning path through the gateway', () => {
  it('walks from the Smart Hospital twinning to its practice, owner, adopter and the adoption it recorded', async () => {
    const response = await stack.gql(`{ twinnings(filter: { completed: true }) { id acronym status startDate endDate
      twinning { type completedAt originator { name }
        practice { title owner { name practices { totalCount nodes { title adoptions { adopter { name } } } } } }
        adopters { organisation { name country nuts } adoption { id scale status startDate endDate project { acronym } } }
        stages { name startDate endDate } } } }`);
    expect(response.errors).toBeUndefined();
    const found = response.data?.twinnings.find(
      (project: { id: string }) => project.id === projectSeedIds.smartHospitalTwinning,
    );
    expect(found).toMatchObject({
      acronym: 'Smart Hospital Twinning',
      status: 'CLOSED',
      startDate: '2024-02-12',
      endDate: '2024-08-09',
      twinning: {
        type: 'ADAPTATION',
        originator: { name: 'Smart Hospital' },
        practice: { title: 'Smart Hospital interactive platform', owner: { name: 'Smart Hospital' } },
        adopters: [
          {
            organisation: { name: 'Digital Innovation Zone Association', country: 'RO', nuts: 'RO21' },
            adoption: {
              id: adoptionSeedIds.smartHospitalInNorthEastRomania,
              scale: 'REGIONAL',
              status: 'ENDED',
              startDate: '2024-02-12',
              endDate: '2024-08-09',
              project: { acronym: 'Smart Hospital Twinning' },
            },
          },
        ],
      },
    });
    expect(found.twinning.stages.map((stage: { startDate: string }) => stage.startDate)).toEqual([
      '2024-02-12',
      '2024-03-11',
      '2024-05-14',
    ]);
  });

  it('lists every project an organisation takes part in, whatever its role', async () => {
    const response = await stack.gql(
      `query($ec: UUID!, $dhs: UUID!, $diz: UUID!, $de: UUID!) {
      ec: organisation(id: $ec) { projects { acronym } funded: projects(role: FUNDER) { acronym } }
      dhs: organisation(id: $dhs) { projects(role: COORDINATOR) { acronym } }
      diz: organisation(id: $diz) { projects(role: ADOPTER) { acronym } }
      de: organisation(id: $de) { projects { acronym } } }`,
      {
        ec: organisations.europeanCommission,
        dhs: organisations.digitalHealthSociety,
        diz: organisations.digitalInnovationZone,
        de: organisations.digitalEurope,
      },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.ec.funded).toEqual([{ acronym: 'DHU' }]);
    expect(response.data?.dhs.projects.map((project: { acronym: string }) => project.acronym).sort()).toEqual([
      'DHS TF1',
      'DHS TF2',
      'DHS TF3',
      'DHS TF4',
    ]);
    expect(response.data?.diz.projects).toEqual([{ acronym: 'Smart Hospital Twinning' }]);
    expect(response.data?.de.projects).toContainEqual({ acronym: 'DHU' });
  });

  it('gives each project of an organisation with its roles there, in the order of `projects`', async () => {
    const response = await stack.gql(
      `query($ec: UUID!, $diz: UUID!) {
      ec: organisation(id: $ec) { projects { acronym } projectRoles { roles project { acronym } } }
      diz: organisation(id: $diz) { projectRoles { roles project { acronym } } } }`,
      { ec: organisations.europeanCommission, diz: organisations.digitalInnovationZone },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.diz.projectRoles).toEqual([
      { roles: ['ADOPTER'], project: { acronym: 'Smart Hospital Twinning' } },
    ]);
    const ec = response.data?.ec;
    expect(ec.projectRoles.map((entry: { project: { acronym: string } }) => entry.project)).toEqual(ec.projects);
    expect(ec.projectRoles).toContainEqual({ roles: ['FUNDER'], project: { acronym: 'DHU' } });
  });

  it('shows a practice\u2019s projects and the DHU synergies from both sides', async () => {
    const response = await stack.gql(
      `query($practice: UUID!, $entrust: UUID!) {
      practice(id: $practice) { projects { acronym } }
      project(id: $entrust) { synergies { kind project { acronym } } } }`,
      { practice: practices.radarRegistry, entrust: projectSeedIds.entrust },
    );
    expect(response.data?.practice.projects).toEqual([{ acronym: 'DHU' }]);
    expect(response.data?.project.synergies).toEqual([{ kind: 'SYNERGY', project: { acronym: 'DHU' } }]);
  });
});

describe('completing a twinning', () => {
  it('records an adoption by each adopter through the practices API, linked back to the twinning', async () => {
    const { id } = await create(twinning);
    const completed = await stack.gql(COMPLETE, { id, version: 1 }, { key: stack.keys.curator });
    expect(completed.errors).toBeUndefined();
    const adopters = completed.data?.completeTwinning.twinning.adopters;
    expect(adopters).toHaveLength(2);
    for (const adopter of adopters) {
      // A full adoption puts the practice in use.
      expect(adopter.adoption).toMatchObject({
        scale: 'LOCAL',
        status: 'ONGOING',
        project: { id },
        practice: { id: practices.smartHospitalPlatform },
      });
    }
    const countries = adopters.map((adopter: { adoption: { country: string } }) => adopter.adoption.country).sort();
    expect(countries).toEqual(['BE', 'RO']);

    const fromPractice = await stack.gql(
      `query($id: UUID!) { practice(id: $id) { adoptions { project { id } adopter { name } } } }`,
      { id: practices.smartHospitalPlatform },
    );
    expect(
      fromPractice.data?.practice.adoptions.filter(
        (adoption: { project: { id: string } | null }) => adoption.project?.id === id,
      ),
    ).toHaveLength(2);

    const again = await stack.gql(COMPLETE, { id, version: 2 }, { key: stack.keys.curator });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('records nothing when the practices subgraph refuses one of the adoptions', async () => {
    // The coordinator's editor may complete the twinning and record its own organisation's adoption, but not the
    // other adopter's; the refusal leaves no adoption behind and the twinning open.
    const practiceId = await publishNewPractice(stack, 'Twinned elsewhere', smartHospitalEditor, 'Transferred once.');
    const { id } = await create({ ...twinning, twinning: { ...twinning.twinning, practiceId } });
    const before = await stack.gql(`query($id: UUID!) { practice(id: $id) { adoptions { id } } }`, {
      id: practiceId,
    });
    const refused = await stack.gql(COMPLETE, { id, version: 1 }, { key: dizEditor });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = await stack.gql(
      `query($id: UUID!) { practice(id: $id) { adoptions { id } } project(id: "${id}") { version twinning { completedAt } } }`,
      {
        id: practiceId,
      },
    );
    expect(after.data?.practice.adoptions).toEqual(before.data?.practice.adoptions);
    expect(after.data?.project).toEqual({ version: 1, twinning: { completedAt: null } });
  });

  it('refuses an adopter without a country before recording anything', async () => {
    const { id } = await create({
      ...twinning,
      twinning: { ...twinning.twinning, adopterIds: [organisations.eitHealth] },
    });
    const refused = await stack.gql(COMPLETE, { id, version: 1 }, { key: stack.keys.curator });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'adopters' });
  });
});

describe('participants, practice links, synergies and stages', () => {
  it('keeps at most one coordinator and makes a new version with every change', async () => {
    const { id } = await create({
      acronym: 'PART',
      title: 'Participant rules',
      kind: 'DEPLOYMENT_PILOT',
      programme: 'REGIONAL',
    });
    const partnerFirst = await stack.gql(
      `mutation($id: UUID!) { addParticipant(id: $id, version: 1, participant: { organisationId: "${organisations.eitHealth}", role: PARTNER }) { version } }`,
      { id },
      { key: stack.keys.curator },
    );
    // A curator may record a partner before (or without) the coordinator, as the seeded DHU has it.
    expect(partnerFirst.data?.addParticipant.version).toBe(2);
    const add = (organisationId: string, role: string, version: number) =>
      stack.gql(
        `mutation($id: UUID!, $o: UUID!, $v: Int!) { addParticipant(id: $id, version: $v, participant: { organisationId: $o, role: ${role} }) { version participants { role } } }`,
        { id, o: organisationId, v: version },
        { key: stack.keys.curator },
      );
    expect((await add(organisations.echAlliance, 'COORDINATOR', 2)).data?.addParticipant.version).toBe(3);
    expect((await add(organisations.digitalEurope, 'COORDINATOR', 3)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'role',
    });
    expect((await add(organisations.eitHealth, 'THIRD_PARTY', 3)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'organisationId',
    });
    expect((await add(unknown, 'PARTNER', 3)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'organisationId',
    });
    const remove = (organisationId: string, version: number) =>
      stack.gql(
        `mutation($id: UUID!, $o: UUID!, $v: Int!) { removeParticipant(id: $id, version: $v, organisationId: $o) { version } }`,
        { id, o: organisationId, v: version },
        { key: stack.keys.curator },
      );
    expect((await remove(organisations.echAlliance, 3)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'organisationId',
    });
    expect((await remove(organisations.eitHealth, 2)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await remove(organisations.eitHealth, 3)).data?.removeParticipant.version).toBe(4);
  });

  it('links practices and projects, symmetric where the kind is', async () => {
    const a = await create({
      acronym: 'SYN-A',
      title: 'Synergy A',
      kind: 'RESEARCH_INNOVATION',
      programme: 'HORIZON_EUROPE',
    });
    const b = await create({
      acronym: 'SYN-B',
      title: 'Synergy B',
      kind: 'RESEARCH_INNOVATION',
      programme: 'HORIZON_EUROPE',
    });
    const c = await create({
      acronym: 'SYN-C',
      title: 'Synergy C',
      kind: 'RESEARCH_INNOVATION',
      programme: 'HORIZON_EUROPE',
    });
    const link = (id: string, version: number, other: string, kind: string) =>
      stack.gql(
        `mutation { addSynergy(id: "${id}", version: ${version}, otherProjectId: "${other}", kind: ${kind}) { version } }`,
        {},
        { key: stack.keys.curator },
      );
    expect((await link(a.id, 1, b.id, 'SYNERGY')).errors).toBeUndefined();
    expect((await link(a.id, 2, c.id, 'FOLLOW_UP')).errors).toBeUndefined();
    expect((await link(a.id, 3, a.id, 'SYNERGY')).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'otherProjectId',
    });
    expect((await link(a.id, 3, unknown, 'SYNERGY')).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'otherProjectId',
    });
    const read = await stack.gql(
      `{ b: project(id: "${b.id}") { synergies { kind project { acronym } } } c: project(id: "${c.id}") { synergies { kind project { acronym } } } }`,
    );
    expect(read.data?.b.synergies).toEqual([{ kind: 'SYNERGY', project: { acronym: 'SYN-A' } }]);
    expect(read.data?.c.synergies).toEqual([{ kind: 'PREDECESSOR', project: { acronym: 'SYN-A' } }]);
    // Each link is a new version of both projects: B and C moved with A.
    const versions = await stack.gql(`{ b: project(id: "${b.id}") { version } c: project(id: "${c.id}") { version } }`);
    expect(versions.data).toEqual({ b: { version: 2 }, c: { version: 2 } });
    const removed = await stack.gql(
      `mutation { removeSynergy(id: "${b.id}", version: 2, otherProjectId: "${a.id}") { version synergies { kind } } }`,
      {},
      { key: stack.keys.curator },
    );
    expect(removed.data?.removeSynergy).toEqual({ version: 3, synergies: [] });

    const linked = await stack.gql(
      `mutation { linkPractice(id: "${a.id}", version: 4, link: { practiceId: "${practices.moonshot2027}", role: USED }) { practices { role practice { title } } } }`,
      {},
      { key: stack.keys.curator },
    );
    expect(linked.data?.linkPractice.practices).toEqual([
      { role: 'USED', practice: { title: '100 million Digitally Connected Healthy EU Citizens by 2027' } },
    ]);
    const missing = await stack.gql(
      `mutation { linkPractice(id: "${a.id}", version: 5, link: { practiceId: "${unknown}", role: USED }) { version } }`,
      {},
      { key: stack.keys.curator },
    );
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'practiceId' });
  });

  it('adds stages only inside the period and without overlap', async () => {
    const { id } = await create(twinning);
    const stage = (name: string, startDate: string, endDate: string, version: number) =>
      stack.gql(
        `mutation($s: StageInput!) { addStage(id: "${id}", version: ${version}, stage: $s) { version twinning { stages { name } } } }`,
        { s: { name, startDate, endDate } },
        { key: stack.keys.curator },
      );
    expect((await stage('Too early', '2024-12-01', '2025-01-10', 1)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'stages[2]',
    });
    expect((await stage('Overlap', '2025-02-01', '2025-03-05', 1)).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    const moved = await stack.gql(
      UPDATE,
      { id, version: 1, input: { endDate: '2025-05-31' } },
      { key: stack.keys.curator },
    );
    expect(moved.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'stages[1]' });
    const removed = await stack.gql(
      `mutation { removeStage(id: "${id}", version: 1, name: "Deployment") { version } }`,
      {},
      { key: stack.keys.curator },
    );
    expect(removed.data?.removeStage.version).toBe(2);
    expect((await stage('Evaluation', '2025-03-01', '2025-06-30', 2)).data?.addStage.twinning.stages).toEqual([
      { name: 'Preparation' },
      { name: 'Evaluation' },
    ]);
  });
});

describe('finding projects', () => {
  it('filters by kind, programme, status, date, participant, participant country and text, and pages', async () => {
    const query = async (filter: string) =>
      (
        (await stack.gql(`{ projects(filter: ${filter}, first: 100) { nodes { acronym } } }`)).data?.projects.nodes ??
        []
      ).map((node: { acronym: string }) => node.acronym);
    expect(await query('{ kinds: [COORDINATION_SUPPORT], programmes: [DIGITAL_EUROPE] }')).toEqual(['DHU']);
    expect(await query('{ statuses: [CLOSED], kinds: [TWINNING, COORDINATION_SUPPORT] }')).toEqual(
      expect.arrayContaining(['DHU', 'Smart Hospital Twinning']),
    );
    expect(await query('{ activeOn: "2022-12-01" }')).toEqual(['DHU']);
    expect(await query(`{ participantId: "${organisations.digitalEurope}" }`)).toEqual(['DHU']);
    expect(await query('{ participantCountries: ["BE"], kinds: [COORDINATION_SUPPORT] }')).toEqual(['DHU']);
    expect(await query('{ text: "connected HEALTH uptake" }')).toEqual([]);
    expect(await query('{ text: "uptak" , kinds: [COORDINATION_SUPPORT] }')).toEqual(['DHU']);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await stack.gql(
        `query($after: String) { projects(orderBy: TITLE, first: 3, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      seen.push(...page.data.projects.nodes.map((node: { id: string }) => node.id));
      after = page.data.projects.pageInfo.hasNextPage ? page.data.projects.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await projectCount());
  });

  it('finds a project by CORDIS id or grant number', async () => {
    await create({
      acronym: 'CORD',
      title: 'With identifiers',
      kind: 'RESEARCH_INNOVATION',
      programme: 'HORIZON_EUROPE',
      cordisId: '101083048',
      grantNumber: 'GA-101083048',
    });
    const response = await stack.gql(
      '{ a: projectByIdentifier(scheme: CORDIS, value: "101083048") { acronym } b: projectByIdentifier(scheme: GRANT, value: "GA-101083048") { acronym } c: projectByIdentifier(scheme: CORDIS, value: "999") { acronym } }',
    );
    expect(response.data).toEqual({ a: { acronym: 'CORD' }, b: { acronym: 'CORD' }, c: null });
    const malformed = await stack.gql('{ projectByIdentifier(scheme: CORDIS, value: "abc") { acronym } }');
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
    const duplicate = await stack.gql(
      CREATE,
      {
        input: {
          acronym: 'DUP',
          title: 'Duplicate CORDIS',
          kind: 'RESEARCH_INNOVATION',
          programme: 'HORIZON_EUROPE',
          cordisId: '101083048',
        },
      },
      { key: stack.keys.curator },
    );
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cordisId' });
  });
});

describe('texts in their languages', () => {
  it('keeps title and summary in several languages, answers in the one asked for and finds words of each', async () => {
    const romanian = { language: 'ro', title: 'Telemedicină în Carpați', summary: 'Consultații la distanță în sate.' };
    const { id } = await create({
      acronym: 'CARPATHIA',
      title: 'Telemedicine in the Carpathians',
      summary: 'Remote consultations for mountain villages.',
      kind: 'DEPLOYMENT_PILOT',
      programme: 'INTERREG',
      translations: [romanian, { language: 'hu', title: 'Távorvoslás a Kárpátokban' }],
    });
    const TEXTS = `query($id: UUID!) { project(id: $id) { version language title ro: title(language: "ro")
      summaryRo: summary(language: "ro") summaryHu: summary(language: "hu") de: title(language: "de")
      translations { language title summary } } }`;
    const read = await stack.gql(TEXTS, { id });
    expect(read.data?.project).toEqual({
      version: 1,
      language: 'en',
      title: 'Telemedicine in the Carpathians',
      ro: romanian.title,
      summaryRo: romanian.summary,
      summaryHu: 'Remote consultations for mountain villages.',
      de: 'Telemedicine in the Carpathians',
      translations: [{ language: 'hu', title: 'Távorvoslás a Kárpátokban', summary: null }, romanian],
    });
    const found = await stack.gql('{ projects(filter: { text: "tavorvoslas" }) { nodes { id } } }');
    expect(found.data?.projects.nodes).toEqual([{ id }]);
    const unknownLanguage = await stack.gql(`query($id: UUID!) { project(id: $id) { id title(language: "xx") } }`, {
      id,
    });
    expect(unknownLanguage.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'language' });

    const clash = await stack.gql(UPDATE, { id, version: 1, input: { language: 'ro' } }, { key: stack.keys.curator });
    expect(clash.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'language' });
    const replaced = await stack.gql(
      UPDATE,
      {
        id,
        version: 1,
        // Written in Romanian from now on, with the English texts as a translation.
        input: {
          ...romanian,
          translations: [{ language: 'en', title: 'Carpathian telemedicine', summary: 'Remote consultations.' }],
        },
      },
      { key: stack.keys.curator },
    );
    expect(replaced.errors).toBeUndefined();
    const after = await stack.gql(TEXTS, { id });
    expect(after.data?.project).toMatchObject({
      version: 2,
      language: 'ro',
      title: romanian.title,
      de: romanian.title,
      translations: [{ language: 'en', title: 'Carpathian telemedicine', summary: 'Remote consultations.' }],
    });
  });
});

describe('access', () => {
  it('lets curators and editors of the coordinator write, and no one else', async () => {
    expect((await stack.gql(CREATE, { input: twinning })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(
      (await stack.gql(CREATE, { input: twinning }, { key: smartHospitalEditor })).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    const own = await create(twinning, dizEditor);
    const updated = await stack.gql(
      UPDATE,
      { id: own.id, version: 1, input: { totalBudget: '70000.50' } },
      { key: dizEditor },
    );
    expect(updated.data?.updateProject).toMatchObject({ version: 2, totalBudget: '70000.50' });
    const other = await stack.gql(
      UPDATE,
      { id: own.id, version: 2, input: { title: 'Taken over' } },
      { key: smartHospitalEditor },
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stale = await stack.gql(UPDATE, { id: own.id, version: 1, input: { title: 'Stale' } }, { key: dizEditor });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const deleted = await stack.gql(
      `mutation { deleteProject(id: "${own.id}", version: 2) { deletedAt } }`,
      {},
      { key: dizEditor },
    );
    expect(deleted.data?.deleteProject.deletedAt).toEqual(expect.any(String));
    expect((await stack.gql(`{ project(id: "${own.id}") { id } }`)).data?.project).toBeNull();
  });
});

describe('bad input', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['an end before the start', { ...twinning, endDate: '2024-12-31' }, 'endDate'],
    ['a date that does not exist', { ...twinning, startDate: '2025-02-30' }, 'startDate'],
    [
      'a stage outside the period',
      {
        ...twinning,
        twinning: { ...twinning.twinning, stages: [{ name: 'Late', startDate: '2025-06-01', endDate: '2025-07-15' }] },
      },
      'twinning.stages[0]',
    ],
    [
      'overlapping stages',
      {
        ...twinning,
        twinning: {
          ...twinning.twinning,
          stages: [
            { name: 'One', startDate: '2025-01-06', endDate: '2025-03-01' },
            { name: 'Two', startDate: '2025-03-01', endDate: '2025-04-01' },
          ],
        },
      },
      'twinning.stages[1]',
    ],
    [
      'a stage ending before it starts',
      {
        ...twinning,
        twinning: {
          ...twinning.twinning,
          stages: [{ name: 'Backwards', startDate: '2025-03-01', endDate: '2025-02-01' }],
        },
      },
      'twinning.stages[0].endDate',
    ],
    [
      'two coordinators',
      {
        ...twinning,
        participants: [
          { organisationId: organisations.eitHealth, role: 'COORDINATOR' },
          { organisationId: organisations.digitalInnovationZone, role: 'COORDINATOR' },
        ],
      },
      'participants',
    ],
    [
      'an unknown participant',
      { ...twinning, participants: [{ organisationId: unknown, role: 'COORDINATOR' }] },
      'participants[0].organisationId',
    ],
    ['an unknown funder', { ...twinning, funderId: unknown }, 'funderId'],
    [
      'an unknown practice',
      { ...twinning, twinning: { ...twinning.twinning, practiceId: unknown } },
      'twinning.practiceId',
    ],
    [
      'an unknown adopter',
      { ...twinning, twinning: { ...twinning.twinning, adopterIds: [unknown] } },
      'twinning.adopterIds[0]',
    ],
    [
      'a twinning without an adopter',
      { ...twinning, twinning: { ...twinning.twinning, adopterIds: [] } },
      'twinning.adopterIds',
    ],
    [
      'a twinning without an originator',
      { ...twinning, twinning: { ...twinning.twinning, originatorId: undefined } },
      'input',
    ],
    [
      'an originator that is also an adopter',
      { ...twinning, twinning: { ...twinning.twinning, adopterIds: [organisations.smartHospital] } },
      'twinning.adopterIds',
    ],
    ['a TWINNING project without twinning details', { ...twinning, twinning: undefined }, 'twinning'],
    ['twinning details on another kind', { ...twinning, kind: 'RESEARCH_INNOVATION' }, 'twinning'],
    ['a negative budget', { ...twinning, totalBudget: '-5' }, 'input'],
    ['a budget as a float', { ...twinning, totalBudget: 60000.5 }, 'input'],
    ['an EU contribution above the budget', { ...twinning, euContribution: '60000.01' }, 'euContribution'],
    ['a malformed CORDIS id', { ...twinning, cordisId: 'CORDIS-1' }, 'cordisId'],
    ['a bad website', { ...twinning, website: 'www.example' }, 'website'],
    ['texts in an unknown language', { ...twinning, language: 'english' }, 'language'],
    [
      'a translation into an unknown language',
      { ...twinning, translations: [{ language: 'xx', title: 'Titre' }] },
      'translations[0].language',
    ],
    [
      'a language translated twice',
      {
        ...twinning,
        translations: [
          { language: 'ro', title: 'Unu' },
          { language: 'ro', title: 'Doi' },
        ],
      },
      'translations',
    ],
    [
      'a translation into the project\u2019s own language',
      { ...twinning, translations: [{ language: 'en', title: 'Another English title' }] },
      'translations',
    ],
    [
      'an over-long translated summary',
      { ...twinning, translations: [{ language: 'ro', title: 'Titlu', summary: 'x'.repeat(2001) }] },
      'translations[0].summary',
    ],
  ];

  it.each(cases)('refuses %s with a field error and writes nothing', async (_name, input, field) => {
    const before = await projectCount();
    const response = await stack.gql(CREATE, { input }, { key: stack.keys.curator });
    expect(response.data?.createProject ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    if (field !== 'input') expect(response.errors?.[0]?.extensions?.field).toBe(field);
    expect(await projectCount()).toBe(before);
  });

  it('checks an update against what is stored', async () => {
    const { id } = await create({
      acronym: 'UPD',
      title: 'Update rules',
      kind: 'DEPLOYMENT_PILOT',
      programme: 'NATIONAL',
      startDate: '2025-01-01',
      endDate: '2025-12-31',
      totalBudget: '1000',
    });
    const early = await stack.gql(
      UPDATE,
      { id, version: 1, input: { endDate: '2024-12-31' } },
      { key: stack.keys.curator },
    );
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endDate' });
    const over = await stack.gql(
      UPDATE,
      { id, version: 1, input: { euContribution: '1000.01' } },
      { key: stack.keys.curator },
    );
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'euContribution' });
    const missing = await stack.gql(
      UPDATE,
      { id: unknown, version: 1, input: { title: 'Nothing' } },
      { key: stack.keys.curator },
    );
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const read = await stack.gql(`{ project(id: "${id}") { version endDate euContribution } }`);
    expect(read.data?.project).toEqual({ version: 1, endDate: '2025-12-31', euContribution: null });
  });
});
