// Histories of organisations and projects through the gateway over real HTTP and PostgreSQL: each write appends who,
// when and what changed; an import names its run and source; a re-run, a refused write and a dry run add nothing;
// only curators and the record's own editors read it. And a project whose coordinator is not recorded.
import { csvRows, gatewayClient, type ReportEntry, runImport, type SourceRow } from '@radar/gateway';
import { seedIds } from '@radar/organisations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

let stack: Stack;
let editorOfHospital: string;
let editorOfEndotarget: string;
beforeAll(async () => {
  stack = await startStack();
  [editorOfHospital, editorOfEndotarget] = await Promise.all([
    stack.keys.editorOf(seedIds.smartHospital),
    stack.keys.editorOf(seedIds.endotarget),
  ]);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

interface Event {
  at: string;
  action: string;
  actor: string;
  actorRole: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  comment: string | null;
}

const EVENT = 'history { at action actor actorRole changes comment }';

async function historyOf(type: 'organisation' | 'project', id: string, key = stack.keys.curator): Promise<Event[]> {
  const response = await stack.gql(`query($id: UUID!) { ${type}(id: $id) { id ${EVENT} } }`, { id }, { key });
  expect(response.errors).toBeUndefined();
  const events = (response.data?.[type]?.history ?? []) as (Omit<Event, 'changes'> & { changes: string })[];
  return events.map((event) => ({
    ...event,
    changes: JSON.parse(event.changes),
  }));
}

async function write(query: string, variables: Record<string, unknown>, key = stack.keys.curator) {
  const response = await stack.gql(query, variables, { key });
  expect(response.errors).toBeUndefined();
  return response.data as Record<string, any>;
}

async function importCsv(
  files: { type: SourceRow['type']; csv: string }[],
  run: string,
  options: { dryRun?: boolean } = {},
) {
  const records: ReportEntry[] = [];
  const summary = await runImport(
    (async function* () {
      for (const file of files) yield* csvRows(file.type, file.csv, file.type);
    })(),
    {
      client: gatewayClient(stack.gatewayUrl, stack.keys.curator),
      source: 'partner-history',
      run,
      dryRun: options.dryRun ?? false,
      onRecord: (entry) => records.push(entry),
    },
  );
  return { summary, records };
}

describe('the history of an organisation', () => {
  let id: string;
  beforeAll(async () => {
    const created = await write(
      'mutation { createOrganisation(input: { name: "Clinica Historia", kind: HEALTHCARE_PROVIDER, country: "RO", identifiers: [{ scheme: WIKIDATA, value: "Q4115189" }] }) { id } }',
      {},
    );
    id = created.createOrganisation.id;
  });

  it('shows its creation and each change, oldest first, with what changed and who changed it', async () => {
    const editor = await stack.keys.editorOf(id);
    await write(
      'mutation($id: UUID!) { updateOrganisation(id: $id, version: 1, input: { name: "Clinica Historia Cluj", city: "Cluj-Napoca" }) { version } }',
      { id },
      editor,
    );
    const history = await historyOf('organisation', id);
    expect(history.map(({ action, actorRole, comment }) => ({ action, actorRole, comment }))).toEqual([
      { action: 'CREATED', actorRole: 'curator', comment: null },
      { action: 'UPDATED', actorRole: 'editor', comment: null },
    ]);
    expect(history[0]?.changes).toMatchObject({
      name: { from: null, to: 'Clinica Historia' },
      kind: { from: null, to: 'HEALTHCARE_PROVIDER' },
      country: { from: null, to: 'RO' },
      identifiers: { from: null, to: ['WIKIDATA Q4115189'] },
    });
    expect(history[1]?.changes).toEqual({
      name: { from: 'Clinica Historia', to: 'Clinica Historia Cluj' },
      city: { from: null, to: 'Cluj-Napoca' },
    });
    expect(Date.parse(history[1]?.at ?? '')).toBeGreaterThan(Date.parse(history[0]?.at ?? ''));
    // The organisation's own editor reads it too.
    expect(await historyOf('organisation', id, editor)).toEqual(history);
  });

  it('records nothing for a refused update', async () => {
    const before = await historyOf('organisation', id);
    const stale = await stack.gql(
      'mutation($id: UUID!) { updateOrganisation(id: $id, version: 1, input: { name: "Stale" }) { version } }',
      { id },
      { key: stack.keys.curator },
    );
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const badRegion = await stack.gql(
      'mutation($id: UUID!) { updateOrganisation(id: $id, version: 2, input: { nuts: "FR10", name: "Wrong region" }) { version } }',
      { id },
      { key: stack.keys.curator },
    );
    expect(badRegion.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'nuts' });
    const foreign = await stack.gql(
      'mutation($id: UUID!) { updateOrganisation(id: $id, version: 2, input: { name: "Not yours" }) { version } }',
      { id },
      { key: editorOfEndotarget },
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await historyOf('organisation', id)).toEqual(before);
  });

  it('shows a membership in both organisations’ histories', async () => {
    const network = seedIds.echAlliance;
    const before = await historyOf('organisation', network);
    await write(
      'mutation($id: UUID!, $n: UUID!) { updateOrganisation(id: $id, version: 2, input: { memberships: [$n] }) { version } }',
      { id, n: network },
    );
    expect((await historyOf('organisation', id)).at(-1)).toMatchObject({
      action: 'UPDATED',
      changes: { memberships: { from: [], to: [network] } },
    });
    expect((await historyOf('organisation', network)).slice(before.length)).toEqual([
      expect.objectContaining({ action: 'MEMBER_JOINED', changes: { member: { from: null, to: id } } }),
    ]);
    await write('mutation($id: UUID!, $n: UUID!) { leaveNetwork(id: $id, version: 3, networkId: $n) { version } }', {
      id,
      n: network,
    });
    expect((await historyOf('organisation', id)).at(-1)).toMatchObject({
      action: 'LEFT_NETWORK',
      changes: { network: { from: network, to: null } },
    });
    expect((await historyOf('organisation', network)).at(-1)).toMatchObject({
      action: 'MEMBER_LEFT',
      changes: { member: { from: id, to: null } },
    });
  });

  it('is refused to anyone but curators and the organisation’s editors, with the rest of the organisation', async () => {
    for (const key of [editorOfEndotarget, undefined]) {
      const response = await stack.gql(
        `query($id: UUID!) { organisation(id: $id) { name ${EVENT} } }`,
        { id },
        key ? { key } : {},
      );
      expect(response.data?.organisation).toEqual({ name: 'Clinica Historia Cluj', history: null });
      expect(response.errors).toEqual([
        expect.objectContaining({
          path: ['organisation', 'history'],
          extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
        }),
      ]);
    }
  });

  it('ends with its deletion', async () => {
    const { organisation } = await write('query($id: UUID!) { organisation(id: $id) { version } }', { id });
    await write('mutation($id: UUID!, $v: Int!) { deleteOrganisation(id: $id, version: $v) { id } }', {
      id,
      v: organisation.version,
    });
    const response = await stack.gql(
      `query($id: UUID!) { organisation(id: $id, includeDeleted: true) { ${EVENT} } }`,
      { id },
      { key: stack.keys.curator },
    );
    expect(response.data?.organisation.history.at(-1)).toMatchObject({ action: 'DELETED', changes: '{}' });
  });
});

describe('the history of a project', () => {
  let id: string;
  beforeAll(async () => {
    const created = await write(
      `mutation($c: UUID!) { createProject(input: { acronym: "HIST", title: "Project with a history", kind: DEPLOYMENT_PILOT, programme: REGIONAL, startDate: "2025-01-01", endDate: "2025-12-31", participants: [{ organisationId: $c, role: COORDINATOR }] }) { id } }`,
      { c: seedIds.smartHospital },
      editorOfHospital,
    );
    id = created.createProject.id;
  });

  it('shows its creation and each change, with what changed and who changed it', async () => {
    await write(
      'mutation($id: UUID!) { updateProject(id: $id, version: 1, input: { title: "Project with a longer history" }) { version } }',
      { id },
      editorOfHospital,
    );
    await write(
      'mutation($id: UUID!, $o: UUID!) { addParticipant(id: $id, version: 2, participant: { organisationId: $o, role: PARTNER }) { version } }',
      { id, o: seedIds.eitHealth },
    );
    const history = await historyOf('project', id, editorOfHospital);
    expect(history.map(({ action, actorRole }) => ({ action, actorRole }))).toEqual([
      { action: 'CREATED', actorRole: 'editor' },
      { action: 'UPDATED', actorRole: 'editor' },
      { action: 'PARTICIPANT_ADDED', actorRole: 'curator' },
    ]);
    expect(history[0]?.changes).toMatchObject({
      acronym: { from: null, to: 'HIST' },
      startDate: { from: null, to: '2025-01-01' },
      participants: { from: null, to: [`${seedIds.smartHospital}=COORDINATOR`] },
    });
    expect(history[1]?.changes).toEqual({
      title: { from: 'Project with a history', to: 'Project with a longer history' },
    });
    expect(history[2]?.changes).toEqual({
      participants: {
        from: [`${seedIds.smartHospital}=COORDINATOR`],
        to: [`${seedIds.smartHospital}=COORDINATOR`, `${seedIds.eitHealth}=PARTNER`].sort(),
      },
    });
  });

  it('records nothing for a refused update', async () => {
    const before = await historyOf('project', id);
    for (const [input, code] of [
      ['{ endDate: "2024-01-01" }', 'BAD_USER_INPUT'],
      [
        '{ participants: [{ organisationId: "7b0f1c52-3f4e-4b53-9a51-2f6f0a1c0008", role: COORDINATOR }] }',
        'FORBIDDEN',
      ],
    ] as const) {
      const response = await stack.gql(
        `mutation($id: UUID!) { updateProject(id: $id, version: 3, input: ${input}) { version } }`,
        { id },
        { key: editorOfHospital },
      );
      expect(response.errors?.[0]?.extensions?.code).toBe(code);
    }
    expect(await historyOf('project', id)).toEqual(before);
  });

  it('shows a synergy in both projects’ histories', async () => {
    const other = await write(
      `mutation($c: UUID!) { createProject(input: { acronym: "HIST2", title: "Its follow-up", kind: DEPLOYMENT_PILOT, programme: REGIONAL, participants: [{ organisationId: $c, role: COORDINATOR }] }) { id } }`,
      { c: seedIds.smartHospital },
      editorOfHospital,
    );
    const otherId = other.createProject.id;
    await write(
      'mutation($id: UUID!, $o: UUID!) { addSynergy(id: $id, version: 3, otherProjectId: $o, kind: FOLLOW_UP) { version } }',
      { id, o: otherId },
      editorOfHospital,
    );
    expect((await historyOf('project', id)).at(-1)).toMatchObject({
      action: 'SYNERGY_ADDED',
      changes: { synergies: { from: [], to: [`${otherId}=FOLLOW_UP`] } },
    });
    expect((await historyOf('project', otherId)).map(({ action, changes }) => ({ action, changes }))).toEqual([
      expect.objectContaining({ action: 'CREATED' }),
      { action: 'SYNERGY_ADDED', changes: { synergy: { from: null, to: `${id}=PREDECESSOR` } } },
    ]);
  });

  it('is refused to anyone but curators and the coordinator’s editors', async () => {
    const partner = await stack.keys.editorOf(seedIds.eitHealth);
    for (const key of [partner, editorOfEndotarget, undefined]) {
      const response = await stack.gql(
        `query($id: UUID!) { project(id: $id) { acronym ${EVENT} } }`,
        { id },
        key ? { key } : {},
      );
      expect(response.data?.project).toEqual({ acronym: 'HIST', history: null });
      expect(response.errors).toEqual([
        expect.objectContaining({
          path: ['project', 'history'],
          extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
        }),
      ]);
    }
  });
});

describe('an import in the histories', () => {
  const organisationsCsv = (city: string) => `sourceId,name,kind,country,city
HO-1,Historia Imported Hospital,HEALTHCARE_PROVIDER,RO,${city}
`;
  const projectsCsv = (title: string) => `sourceId,acronym,title,kind,programme,participants
HP-1,HISTIMP,${title},RESEARCH_INNOVATION,HORIZON_EUROPE,HO-1=COORDINATOR
`;
  const files = (city: string, title: string) => [
    { type: 'organisations' as const, csv: organisationsCsv(city) },
    { type: 'projects' as const, csv: projectsCsv(title) },
  ];
  let organisation: string;
  let project: string;

  it('names the import run and source in the entry of each record it creates and changes', async () => {
    const first = await importCsv(files('Cluj-Napoca', 'Imported with a history'), 'history-1');
    expect(first.summary).toMatchObject({ created: 2, rejected: 0 });
    [organisation, project] = first.records.map((entry) => entry.id as string) as [string, string];
    const second = await importCsv(files('Oradea', 'Imported and then changed'), 'history-2');
    expect(second.records.map((entry) => entry.outcome)).toEqual(['updated', 'updated']);
    expect(await historyOf('organisation', organisation)).toEqual([
      expect.objectContaining({ action: 'CREATED', comment: 'import history-1 from partner-history (HO-1)' }),
      expect.objectContaining({
        action: 'UPDATED',
        actorRole: 'curator',
        changes: { city: { from: 'Cluj-Napoca', to: 'Oradea' } },
        comment: 'import history-2 from partner-history (HO-1)',
      }),
    ]);
    expect(await historyOf('project', project)).toEqual([
      expect.objectContaining({ action: 'CREATED', comment: 'import history-1 from partner-history (HP-1)' }),
      expect.objectContaining({
        action: 'UPDATED',
        changes: { title: { from: 'Imported with a history', to: 'Imported and then changed' } },
        comment: 'import history-2 from partner-history (HP-1)',
      }),
    ]);
  });

  it('adds nothing when the same import runs again, or as a dry run', async () => {
    const before = [await historyOf('organisation', organisation), await historyOf('project', project)];
    const again = await importCsv(files('Oradea', 'Imported and then changed'), 'history-3');
    expect(again.records.map((entry) => entry.outcome)).toEqual(['unchanged', 'unchanged']);
    const dry = await importCsv(files('Timișoara', 'A dry run’s title'), 'history-4', { dryRun: true });
    expect(dry.records.map((entry) => entry.outcome)).toEqual(['updated', 'updated']);
    expect([await historyOf('organisation', organisation), await historyOf('project', project)]).toEqual(before);
  });
});

describe('an import of rows that name their record by RADAR id only', () => {
  it('names the import run, its source and the file in the entry of each record it changes', async () => {
    const created = await write(
      'mutation { createOrganisation(input: { name: "Clinica Fara Cheie", kind: HEALTHCARE_PROVIDER, country: "RO", city: "Arad" }) { id } }',
      {},
    );
    const id = created.createOrganisation.id as string;
    const records: ReportEntry[] = [];
    const summary = await runImport(
      csvRows(
        'organisations',
        `id,name,kind,country,city\n${id},Clinica Fara Cheie,HEALTHCARE_PROVIDER,RO,Deva\n`,
        'clinici.csv',
      ),
      {
        client: gatewayClient(stack.gatewayUrl, stack.keys.curator),
        source: 'partner-history',
        run: 'history-5',
        onRecord: (entry) => records.push(entry),
      },
    );
    expect(summary).toMatchObject({ updated: 1, rejected: 0 });
    expect((await historyOf('organisation', id)).at(-1)).toEqual(
      expect.objectContaining({
        action: 'UPDATED',
        changes: { city: { from: 'Arad', to: 'Deva' } },
        comment: 'import history-5 from partner-history (clinici.csv)',
      }),
    );
    // A write outside an import carries no note, even from the same key.
    await write(
      `mutation($id: UUID!) { updateOrganisation(id: $id, version: 2, input: { city: "Arad" }) { version } }`,
      {
        id,
      },
    );
    expect((await historyOf('organisation', id)).at(-1)).toEqual(
      expect.objectContaining({ action: 'UPDATED', comment: null }),
    );
  });
});

describe('a project whose coordinator is not recorded', () => {
  const partnersOnly = `participants: [{ organisationId: "${seedIds.digitalEurope}", role: PARTNER }]`;

  it('is written by curators, shows no coordinator, and keeps its partners', async () => {
    const created = await write(
      `mutation { createProject(input: { acronym: "NOCOORD", title: "Coordinator unknown", kind: COORDINATION_SUPPORT, programme: DIGITAL_EUROPE, ${partnersOnly} }) { id version coordinator { id } participants { role organisation { id } } } }`,
      {},
    );
    expect(created.createProject).toMatchObject({
      version: 1,
      coordinator: null,
      participants: [{ role: 'PARTNER', organisation: { id: seedIds.digitalEurope } }],
    });
    const { id } = created.createProject;
    const partner = await stack.keys.editorOf(seedIds.digitalEurope);
    const refused = await stack.gql(
      'mutation($id: UUID!) { updateProject(id: $id, version: 1, input: { title: "Taken over" }) { version } }',
      { id },
      { key: partner },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toContain('without a coordinator is written by curators only');
    const added = await write(
      'mutation($id: UUID!, $o: UUID!) { addParticipant(id: $id, version: 1, participant: { organisationId: $o, role: ASSOCIATED_PARTNER }) { version participants { role } } }',
      { id, o: seedIds.eitHealth },
    );
    expect(added.addParticipant.version).toBe(2);
    expect((await historyOf('project', id)).map((event) => event.action)).toEqual(['CREATED', 'PARTICIPANT_ADDED']);
    const hidden = await stack.gql(`query($id: UUID!) { project(id: $id) { ${EVENT} } }`, { id }, { key: partner });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('cannot be made by an editor, and two coordinators are still refused', async () => {
    const byEditor = await stack.gql(
      `mutation { createProject(input: { acronym: "NOCOORD2", title: "An editor’s", kind: COORDINATION_SUPPORT, programme: DIGITAL_EUROPE, participants: [{ organisationId: "${seedIds.smartHospital}", role: PARTNER }] }) { id } }`,
      {},
      { key: editorOfHospital },
    );
    expect(byEditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const twoCoordinators = await stack.gql(
      `mutation { createProject(input: { acronym: "TWOCOORD", title: "Two", kind: COORDINATION_SUPPORT, programme: DIGITAL_EUROPE, participants: [{ organisationId: "${seedIds.smartHospital}", role: COORDINATOR }, { organisationId: "${seedIds.endotarget}", role: COORDINATOR }] }) { id } }`,
      {},
      { key: stack.keys.curator },
    );
    expect(twoCoordinators.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'participants' });
    expect(twoCoordinators.errors?.[0]?.message).toContain('at most one COORDINATOR');
    const search = await stack.gql('{ projects(filter: { text: "NOCOORD2" }) { totalCount } }');
    expect(search.data?.projects.totalCount).toBe(0);
  });
});
