// Practices through the gateway over real HTTP: the newcomer's path, search and facets, uptake, the workflow,
// visibility, and every bad input refused with nothing written.
import { seedIds as organisations } from '@radar/organisations';
import { adoptionSeedIds, practiceSeedIds } from '@radar/practices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

let stack: Stack;
let smartHospitalEditor: string;
let digitalEuropeEditor: string;

beforeAll(async () => {
  stack = await startStack();
  smartHospitalEditor = await stack.keys.editorOf(organisations.smartHospital);
  digitalEuropeEditor = await stack.keys.editorOf(organisations.digitalEurope);
});
afterAll(async () => {
  await stack?.stop();
});

const REGISTER = `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id status version } }`;
const UPDATE = `mutation($id: UUID!, $version: Int!, $input: UpdatePracticeInput!) {
  updatePractice(id: $id, version: $version, input: $input) { id version title nuts countries cdhiCodes contributors { role organisation { id } } } }`;
const step = (name: string) =>
  `mutation($id: UUID!, $version: Int!) { ${name}(id: $id, version: $version) { id status version publishedAt } }`;
const ADD_ADOPTION = `mutation($input: AddAdoptionInput!) { addAdoption(input: $input) { id version country nuts startDate endDate } }`;
const UPDATE_ADOPTION = `mutation($id: UUID!, $version: Int!, $input: UpdateAdoptionInput!) {
  updateAdoption(id: $id, version: $version, input: $input) { id version status endDate } }`;

const valid = {
  title: 'Tele-ICU for rural hospitals',
  summary: 'Intensive-care specialists support rural hospitals remotely, around the clock.',
  type: 'COMPLEX_SOLUTION',
  maturity: 'IMPLEMENTED',
  ownerId: organisations.smartHospital,
  description: 'A **tele-ICU** service.',
  trl: 8,
  cdhiCodes: ['2.4.1', '2.4.4'],
  topics: ['TELEMONITORING', 'INTEGRATED_CARE'],
  targetGroups: ['HEALTH_PROFESSIONALS'],
  careSettings: ['HOSPITAL'],
  languages: ['en', 'ro'],
  countries: ['RO', 'PT'],
  nuts: ['RO21', 'PT17'],
  landingPage: 'https://example.org/tele-icu',
  contactEmail: 'tele-icu@example.org',
  licence: 'EUPL-1.2',
  standards: ['HL7_FHIR'],
  certification: 'MDR class IIa',
  evidence: [
    { kind: 'PUBLICATION', url: '10.1000/xyz123', title: 'Outcomes' },
    { kind: 'CASE_STUDY', url: 'https://example.org/case' },
  ],
};

const french = {
  language: 'fr',
  title: 'Télé-réanimation pour les hôpitaux ruraux',
  summary: 'Des réanimateurs assistent à distance les hôpitaux ruraux, jour et nuit.',
  description: 'Un service de **télé-réanimation**.',
};
const romanian = {
  language: 'ro',
  title: 'Terapie intensivă la distanță pentru spitale rurale',
  summary: 'Specialiști în terapie intensivă sprijină de la distanță spitalele rurale.',
};

async function count(statuses = '[DRAFT, SUBMITTED, PUBLISHED, ARCHIVED]') {
  const response = await stack.gql(
    `{ practices(filter: { statuses: ${statuses} }) { totalCount } }`,
    {},
    { key: stack.keys.curator },
  );
  return response.data?.practices.totalCount as number;
}

async function register(input: Record<string, unknown> = valid, key = smartHospitalEditor) {
  const response = await stack.gql(REGISTER, { input }, { key });
  expect(response.errors).toBeUndefined();
  return response.data?.registerPractice as { id: string; version: number };
}

async function publish(id: string, key = smartHospitalEditor) {
  await stack.gql(step('submitPractice'), { id, version: 1 }, { key });
  const published = await stack.gql(step('publishPractice'), { id, version: 2 }, { key: stack.keys.curator });
  expect(published.errors).toBeUndefined();
}

describe('the newcomer\u2019s path through the gateway', () => {
  it('registers with an editor key, is published by a curator, found by text and facets, adopted, counted in uptake', async () => {
    const { id } = await register();
    const anonymousBefore = await stack.gql(`query($id: UUID!) { practice(id: $id) { title } }`, { id });
    expect(anonymousBefore.data?.practice).toBeNull();

    const submitted = await stack.gql(step('submitPractice'), { id, version: 1 }, { key: smartHospitalEditor });
    expect(submitted.data?.submitPractice).toMatchObject({ status: 'SUBMITTED', version: 2, publishedAt: null });
    const editorPublish = await stack.gql(step('publishPractice'), { id, version: 2 }, { key: smartHospitalEditor });
    expect(editorPublish.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const published = await stack.gql(step('publishPractice'), { id, version: 2 }, { key: stack.keys.curator });
    expect(published.data?.publishPractice).toMatchObject({ status: 'PUBLISHED', version: 3 });

    // A contributor is named with its consent: the owner proposes, the contributor's editor accepts.
    const proposed = await stack.gql(
      `mutation($practiceId: UUID!, $organisationId: UUID!) {
        proposeContribution(practiceId: $practiceId, organisationId: $organisationId, role: IMPLEMENTER) { role } }`,
      { practiceId: id, organisationId: organisations.digitalInnovationZone },
      { key: smartHospitalEditor },
    );
    expect(proposed.errors).toBeUndefined();
    const accepted = await stack.gql(
      `mutation($practiceId: UUID!, $organisationId: UUID!) {
        acceptContribution(practiceId: $practiceId, organisationId: $organisationId) { version } }`,
      { practiceId: id, organisationId: organisations.digitalInnovationZone },
      { key: await stack.keys.editorOf(organisations.digitalInnovationZone) },
    );
    expect(accepted.data?.acceptContribution).toEqual({ version: 4 });

    const found =
      await stack.gql(`{ practices(filter: { text: "TELE icu rural", topics: [TELEMONITORING], minMaturity: PILOT }) {
      totalCount nodes { id title owner { name } contributors { role organisation { name } } evidence { kind url }
        licence cdhiCodes }
      facets { types { value count } maturity { value count } countries { value count } topics { value count } targetGroups { value count } } } }`);
    expect(found.errors).toBeUndefined();
    expect(found.data?.practices.totalCount).toBe(1);
    expect(found.data?.practices.nodes[0]).toMatchObject({
      id,
      owner: { name: 'Smart Hospital' },
      contributors: [{ role: 'IMPLEMENTER', organisation: { name: 'Digital Innovation Zone Association' } }],
      evidence: [
        { kind: 'PUBLICATION', url: '10.1000/xyz123' },
        { kind: 'CASE_STUDY', url: 'https://example.org/case' },
      ],
      licence: 'EUPL-1.2',
    });
    expect(found.data?.practices.facets.countries).toEqual([
      { value: 'PT', count: 1 },
      { value: 'RO', count: 1 },
    ]);
    expect(found.data?.practices.facets.types).toEqual([{ value: 'COMPLEX_SOLUTION', count: 1 }]);

    const adopted = await stack.gql(
      ADD_ADOPTION,
      {
        input: {
          practiceId: id,
          adopterId: organisations.digitalInnovationZone,
          country: 'PT',
          nuts: 'PT17',
          scale: 'PILOT',
          status: 'ONGOING',
          startDate: '2025-03-01',
        },
      },
      { key: smartHospitalEditor },
    );
    expect(adopted.errors).toBeUndefined();

    const uptake = await stack.gql(`{ uptake(filter: { topics: [TELEMONITORING] }, byRegion: true) {
      country nuts practicesAvailable practicesAdopted adoptions byMaturity { value count } byScale { value count } } }`);
    expect(uptake.data?.uptake).toContainEqual({
      country: 'PT',
      nuts: null,
      practicesAvailable: 1,
      practicesAdopted: 1,
      adoptions: 1,
      byMaturity: [{ value: 'IMPLEMENTED', count: 1 }],
      byScale: [{ value: 'PILOT', count: 1 }],
    });
    expect(uptake.data?.uptake).toContainEqual(
      expect.objectContaining({ country: 'PT', nuts: 'PT17', practicesAdopted: 1 }),
    );

    const walk = await stack.gql(
      `query($id: UUID!) { organisation(id: $id) { name
      practices(role: OWNER) { totalCount nodes { title adoptions { country adopter { name memberships { name } } } } } } }`,
      {
        id: organisations.smartHospital,
      },
    );
    expect(walk.errors).toBeUndefined();
    const nodes = walk.data?.organisation.practices.nodes;
    expect(nodes).toContainEqual({
      title: 'Tele-ICU for rural hospitals',
      adoptions: [
        {
          country: 'PT',
          adopter: { name: 'Digital Innovation Zone Association', memberships: [{ name: 'Smart Hospital' }] },
        },
      ],
    });
  });
});

describe('seeded practices', () => {
  it('include the Smart Hospital platform and its transfer to North-East Romania, reachable from the adopter', async () => {
    const response = await stack.gql(
      `query($id: UUID!) { organisation(id: $id) { adoptions { id country nuts scale status startDate endDate practice { title owner { name } } } } }`,
      {
        id: organisations.digitalInnovationZone,
      },
    );
    expect(response.data?.organisation.adoptions).toContainEqual({
      id: adoptionSeedIds.smartHospitalInNorthEastRomania,
      country: 'RO',
      nuts: 'RO21',
      scale: 'REGIONAL',
      status: 'ENDED',
      startDate: '2024-02-12',
      endDate: '2024-08-09',
      practice: { title: 'Smart Hospital interactive platform', owner: { name: 'Smart Hospital' } },
    });
  });

  it('give every facet values', async () => {
    const response = await stack.gql(
      '{ practices { totalCount facets { types { value } maturity { value } countries { value } topics { value } targetGroups { value } textLanguages { value } } } }',
    );
    for (const values of Object.values(response.data?.practices.facets as Record<string, unknown[]>)) {
      expect(values.length).toBeGreaterThan(0);
    }
    expect(response.data?.practices.totalCount).toBeGreaterThanOrEqual(8);
  });

  it('count registrations per period', async () => {
    const response = await stack.gql('{ registrations(interval: YEAR) { period start registered published } }');
    expect(response.data?.registrations).toContainEqual({
      period: '2018',
      start: '2018-01-01T00:00:00.000Z',
      registered: 2,
      published: 2,
    });
    const quarters = await stack.gql('{ registrations(interval: QUARTER) { period } }');
    expect(quarters.data?.registrations.map((row: { period: string }) => row.period)).toContain('2023-Q4');
  });
});

describe('texts in their languages', () => {
  const TEXTS = `query($id: UUID!) { practice(id: $id) {
    language version
    title fr: title(language: "fr") frBE: title(language: "fr-BE") de: title(language: "de") ro: title(language: "RO")
    summaryRo: summary(language: "ro") descriptionRo: description(language: "ro") descriptionFr: description(language: "fr")
    translations { language title summary description } } }`;

  it('registers texts with translations and answers each field in the language asked for, else in its own', async () => {
    const { id } = await register({ ...valid, translations: [romanian, french] });
    const response = await stack.gql(TEXTS, { id }, { key: smartHospitalEditor });
    expect(response.errors).toBeUndefined();
    expect(response.data?.practice).toEqual({
      language: 'en',
      version: 1,
      title: valid.title,
      fr: french.title,
      frBE: french.title,
      de: valid.title,
      ro: romanian.title,
      summaryRo: romanian.summary,
      descriptionRo: valid.description,
      descriptionFr: french.description,
      translations: [french, { ...romanian, description: null }],
    });

    const unknownLanguage = await stack.gql(
      `query($id: UUID!) { practice(id: $id) { id title(language: "xx") } }`,
      { id },
      { key: smartHospitalEditor },
    );
    expect(unknownLanguage.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'language' });
  });

  it('registers texts written in another language than English', async () => {
    const { id } = await register({
      ...valid,
      ...french,
      translations: [{ language: 'en', title: valid.title, summary: valid.summary }],
    });
    const response = await stack.gql(
      `query($id: UUID!) { practice(id: $id) { language title en: title(language: "en") ro: title(language: "ro") } }`,
      { id },
      { key: smartHospitalEditor },
    );
    expect(response.data?.practice).toEqual({ language: 'fr', title: french.title, en: valid.title, ro: french.title });
  });

  it('finds a practice by the words of its translations', async () => {
    const { id } = await register({
      ...valid,
      countries: ['LU'],
      nuts: [],
      translations: [{ ...french, title: 'Éphémérides hospitalières', summary: 'Un résumé très court, ou presque.' }],
    });
    await publish(id);
    const byTitle = await stack.gql('{ practices(filter: { text: "ephemerides" }) { nodes { id title } } }');
    expect(byTitle.data?.practices.nodes).toEqual([{ id, title: valid.title }]);
    const bySummary = await stack.gql(
      '{ practices(filter: { text: "presque", countries: ["LU"] }, orderBy: RELEVANCE) { nodes { id } } }',
    );
    expect(bySummary.data?.practices.nodes).toEqual([{ id }]);
    const facets = await stack.gql(
      '{ practices(filter: { countries: ["LU"] }) { facets { textLanguages { value count } } } }',
    );
    expect(facets.data?.practices.facets.textLanguages).toEqual([
      { value: 'en', count: 1 },
      { value: 'fr', count: 1 },
    ]);
  });

  it('replaces translations on update, moving the version and recording the change; a clash with the own language is refused', async () => {
    const { id } = await register({ ...valid, translations: [french] });
    const changed = await stack.gql(
      UPDATE,
      { id, version: 1, input: { translations: [{ ...french, title: 'Télé-réanimation rurale' }, romanian] } },
      { key: smartHospitalEditor },
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data?.updatePractice.version).toBe(2);

    for (const input of [{ language: 'fr' }, { translations: [french, { ...french, language: 'en' }] }]) {
      const clash = await stack.gql(UPDATE, { id, version: 2, input }, { key: smartHospitalEditor });
      expect(clash.errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(clash.errors?.[0]?.extensions?.field).toBe(Object.keys(input)[0]);
    }
    const moved = await stack.gql(UPDATE, { id, version: 2, input: { language: 'de' } }, { key: smartHospitalEditor });
    expect(moved.errors).toBeUndefined();

    const response = await stack.gql(
      `query($id: UUID!) { practice(id: $id) { version language fr: title(language: "fr") history { action changes } } }`,
      { id },
      { key: smartHospitalEditor },
    );
    expect(response.data?.practice).toMatchObject({ version: 3, language: 'de', fr: 'Télé-réanimation rurale' });
    const updates = response.data?.practice.history.filter((event: { action: string }) => event.action === 'UPDATED');
    expect(JSON.parse(updates[0].changes)).toEqual({
      translations: {
        from: [french],
        to: [
          { ...french, title: 'Télé-réanimation rurale' },
          { ...romanian, description: null },
        ],
      },
    });
    expect(JSON.parse(updates[1].changes)).toEqual({ language: { from: 'en', to: 'de' } });
  });

  it('keeps an editor\u2019s translations of a published practice in its pending revision until a curator accepts them', async () => {
    const { id } = await register({ ...valid, translations: [french] });
    await publish(id);
    const proposed = await stack.gql(
      `mutation($id: UUID!, $version: Int!, $input: UpdatePracticeInput!) {
        updatePractice(id: $id, version: $version, input: $input) { version fr: title(language: "fr") pendingRevision { version changes } } }`,
      { id, version: 3, input: { translations: [{ ...french, title: 'Réanimation à distance' }] } },
      { key: smartHospitalEditor },
    );
    expect(proposed.errors).toBeUndefined();
    expect(proposed.data?.updatePractice).toMatchObject({ version: 3, fr: french.title });
    expect(JSON.parse(proposed.data?.updatePractice.pendingRevision.changes)).toEqual({
      translations: { from: [french], to: [{ ...french, title: 'Réanimation à distance' }] },
    });
    const accepted = await stack.gql(
      `mutation($id: UUID!, $version: Int!) { acceptPracticeRevision(id: $id, version: $version) { version fr: title(language: "fr") } }`,
      { id, version: proposed.data?.updatePractice.pendingRevision.version },
      { key: stack.keys.curator },
    );
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.acceptPracticeRevision).toEqual({ version: 4, fr: 'Réanimation à distance' });
  });
});

describe('search', () => {
  it('matches prefixes regardless of accents and case, and a CDHI parent code finds its children', async () => {
    await publish(
      (
        await register({
          ...valid,
          title: 'Télésurveillance des patients âgés',
          countries: ['FR'],
          nuts: [],
          cdhiCodes: ['2.4.2'],
        })
      ).id,
    );
    const accents = await stack.gql('{ practices(filter: { text: "telesurv AGES" }) { nodes { title } } }');
    expect(accents.data?.practices.nodes).toEqual([{ title: 'Télésurveillance des patients âgés' }]);
    const parent = await stack.gql('{ practices(filter: { cdhiCodes: ["2.4"], countries: ["FR"] }) { totalCount } }');
    expect(parent.data?.practices.totalCount).toBe(1);
    const sibling = await stack.gql(
      '{ practices(filter: { cdhiCodes: ["2.4.1"], countries: ["FR"] }) { totalCount } }',
    );
    expect(sibling.data?.practices.totalCount).toBe(0);
    const region = await stack.gql('{ practices(filter: { nuts: ["RO2"] }) { nodes { title } } }');
    expect(region.data?.practices.nodes.map((node: { title: string }) => node.title)).toContain(
      'Smart Hospital interactive platform',
    );
  });

  it('takes every code of WHO\u2019s CDHI v2, sub-interventions included, and finds them under their group', async () => {
    const { id } = await register({
      ...valid,
      title: 'Shift planner for community nurses',
      cdhiCodes: ['1.1.2', '2.7.2'],
    });
    await publish(id);
    const group = await stack.gql<{ practices: { nodes: { title: string; cdhiCodes: string[] }[] } }>(
      '{ practices(filter: { cdhiCodes: ["2.7"] }) { nodes { title cdhiCodes } } }',
    );
    expect(group.data?.practices.nodes).toEqual([
      { title: 'Shift planner for community nurses', cdhiCodes: ['1.1.2', '2.7.2'] },
    ]);
  });

  it('ranks title matches above summary matches', async () => {
    const response = await stack.gql('{ practices(filter: { text: "digest" }) { nodes { title } } }');
    expect(response.data?.practices.nodes.length).toBeGreaterThanOrEqual(3);
    for (const node of response.data?.practices.nodes.slice(0, 3) ?? []) expect(node.title).toMatch(/digest/i);
  });

  it.each(['TITLE', 'UPDATED', 'RELEVANCE'])(
    'pages through every match exactly once ordered by %s',
    async (orderBy) => {
      const filter = orderBy === 'RELEVANCE' ? '{ text: "the" }' : '{}';
      const seen: string[] = [];
      let after: string | null = null;
      let total = 0;
      do {
        const page: any = await stack.gql(
          `query($after: String) { practices(filter: ${filter}, orderBy: ${orderBy}, first: 2, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`,
          { after },
        );
        expect(page.errors).toBeUndefined();
        total = page.data.practices.totalCount;
        seen.push(...page.data.practices.nodes.map((node: { id: string }) => node.id));
        after = page.data.practices.pageInfo.hasNextPage ? page.data.practices.pageInfo.endCursor : null;
      } while (after);
      expect(total).toBeGreaterThan(2);
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
    },
  );

  it('refuses bad searches clearly', async () => {
    const cases: [string, string][] = [
      ['{ practices(orderBy: RELEVANCE) { totalCount } }', 'orderBy'],
      ['{ practices(filter: { text: "!!!" }) { totalCount } }', 'filter.text'],
      ['{ practices(after: "nonsense") { totalCount } }', 'after'],
      ['{ practices(first: 500) { totalCount } }', 'first'],
      ['{ practices(filter: { cdhiCodes: ["9.9"] }) { totalCount } }', 'cdhiCodes'],
      ['{ practices(filter: { countries: ["XX"] }) { totalCount } }', 'countries'],
    ];
    for (const [query, field] of cases) {
      const response = await stack.gql(query);
      expect(response.errors?.[0]?.extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});

describe('visibility', () => {
  it('shows drafts, contact email and history only to curators and the owner\u2019s editors', async () => {
    const { id } = await register();
    const query = `query($id: UUID!) { practice(id: $id) { status contactEmail history { action actor } } }`;
    const owner = await stack.gql(query, { id }, { key: smartHospitalEditor });
    expect(owner.data?.practice).toEqual({
      status: 'DRAFT',
      contactEmail: 'tele-icu@example.org',
      history: [{ action: 'REGISTERED', actor: 'test editor' }],
    });
    const curator = await stack.gql(query, { id }, { key: stack.keys.curator });
    expect(curator.data?.practice.contactEmail).toBe('tele-icu@example.org');
    const other = await stack.gql(
      `query($id: UUID!) { practice(id: $id) { status } }`,
      { id },
      { key: digitalEuropeEditor },
    );
    expect(other.data?.practice).toBeNull();
    const drafts = await stack.gql('{ practices(filter: { statuses: [DRAFT] }) { totalCount } }');
    expect(drafts.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ownDrafts = await stack.gql(
      '{ practices(filter: { statuses: [DRAFT] }) { nodes { owner { id } } } }',
      {},
      { key: digitalEuropeEditor },
    );
    for (const node of ownDrafts.data?.practices.nodes ?? []) expect(node.owner.id).toBe(organisations.digitalEurope);

    await publish(id);
    const publicView = await stack.gql(
      `query($id: UUID!) { practice(id: $id) { status contactEmail history { action } } }`,
      {
        id,
      },
    );
    expect(publicView.data?.practice).toEqual({ status: 'PUBLISHED', contactEmail: null, history: null });
    expect(publicView.errors?.map((error) => [error.extensions?.code, error.path])).toHaveLength(2);
    expect(publicView.errors?.map((error) => [error.extensions?.code, error.path])).toEqual(
      expect.arrayContaining([
        ['FORBIDDEN', ['practice', 'contactEmail']],
        ['FORBIDDEN', ['practice', 'history']],
      ]),
    );
  });
});

describe('workflow and audit trail', () => {
  it('records every change with who made it and what changed, and refuses a stale version', async () => {
    const { id } = await register();
    const updated = await stack.gql(
      UPDATE,
      { id, version: 1, input: { title: 'Tele-ICU', nuts: ['RO21'] } },
      { key: smartHospitalEditor },
    );
    expect(updated.data?.updatePractice).toMatchObject({ version: 2, title: 'Tele-ICU', nuts: ['RO21'] });
    const stale = await stack.gql(
      UPDATE,
      { id, version: 1, input: { title: 'Lost update' } },
      { key: smartHospitalEditor },
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'version', currentVersion: 2 });

    await stack.gql(step('submitPractice'), { id, version: 2 }, { key: smartHospitalEditor });
    await stack.gql(step('publishPractice'), { id, version: 3 }, { key: stack.keys.curator });
    await stack.gql(step('unpublishPractice'), { id, version: 4 }, { key: stack.keys.curator });
    const archived = await stack.gql(step('archivePractice'), { id, version: 5 }, { key: smartHospitalEditor });
    expect(archived.data?.archivePractice).toMatchObject({ status: 'ARCHIVED', version: 6 });

    const history = await stack.gql(
      `query($id: UUID!) { practice(id: $id) { history { action actor actorRole changes } } }`,
      { id },
      { key: stack.keys.curator },
    );
    const events = history.data?.practice.history;
    expect(events.map((event: { action: string }) => event.action)).toEqual([
      'REGISTERED',
      'UPDATED',
      'SUBMITTED',
      'PUBLISHED',
      'UNPUBLISHED',
      'ARCHIVED',
    ]);
    expect(JSON.parse(events[1].changes)).toEqual({
      title: { from: 'Tele-ICU for rural hospitals', to: 'Tele-ICU' },
      nuts: { from: ['RO21', 'PT17'], to: ['RO21'] },
    });
    expect(events[3]).toMatchObject({ actor: 'test curator', actorRole: 'curator' });
  });

  it('refuses wrong transitions and writes nothing', async () => {
    const { id } = await register();
    const publishDraft = await stack.gql(step('publishPractice'), { id, version: 1 }, { key: stack.keys.curator });
    expect(publishDraft.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    const unpublishDraft = await stack.gql(step('unpublishPractice'), { id, version: 1 }, { key: stack.keys.curator });
    expect(unpublishDraft.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await stack.gql(step('submitPractice'), { id, version: 1 }, { key: smartHospitalEditor });
    const again = await stack.gql(step('submitPractice'), { id, version: 2 }, { key: smartHospitalEditor });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    const read = await stack.gql(
      `query($id: UUID!) { practice(id: $id) { status version history { action } } }`,
      { id },
      { key: stack.keys.curator },
    );
    expect(read.data?.practice).toEqual({
      status: 'SUBMITTED',
      version: 2,
      history: [{ action: 'REGISTERED' }, { action: 'SUBMITTED' }],
    });
  });

  it('deletes softly and hides the tombstone', async () => {
    const { id } = await register();
    await publish(id);
    const deleted = await stack.gql(
      `mutation($id: UUID!) { deletePractice(id: $id, version: 3) { id } }`,
      { id },
      { key: smartHospitalEditor },
    );
    expect(deleted.errors).toBeUndefined();
    expect(
      (await stack.gql(`query($id: UUID!) { practice(id: $id) { id } }`, { id }, { key: stack.keys.curator })).data
        ?.practice,
    ).toBeNull();
    const again = await stack.gql(
      `mutation($id: UUID!) { deletePractice(id: $id, version: 4) { id } }`,
      { id },
      { key: smartHospitalEditor },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('access rules', () => {
  it('needs a key to write, and lets editors act only for their own organisation', async () => {
    const before = await count();
    expect((await stack.gql(REGISTER, { input: valid })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(
      (await stack.gql(REGISTER, { input: valid }, { key: digitalEuropeEditor })).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    const own = await stack.gql(
      UPDATE,
      { id: practiceSeedIds.smartHospitalPlatform, version: 1, input: { trl: 9 } },
      { key: digitalEuropeEditor },
    );
    expect(own.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const move = await stack.gql(
      UPDATE,
      { id: practiceSeedIds.smartHospitalPlatform, version: 1, input: { ownerId: organisations.digitalEurope } },
      { key: smartHospitalEditor },
    );
    expect(move.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // An editor may record its own organisation's adoption of another's practice, not a third organisation's.
    const adoption = await stack.gql(
      ADD_ADOPTION,
      {
        input: {
          practiceId: practiceSeedIds.smartHospitalPlatform,
          adopterId: organisations.eitHealth,
          country: 'BE',
          scale: 'LOCAL',
          status: 'PLANNED',
        },
      },
      { key: digitalEuropeEditor },
    );
    expect(adoption.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
  });
});

describe('bad input', () => {
  const unknown = '00000000-0000-4000-8000-000000000000';
  const cases: [string, Record<string, unknown>, string][] = [
    ['a missing title', { ...valid, title: undefined }, 'input'],
    ['a too short title', { ...valid, title: 'ab' }, 'title'],
    ['an over-long summary', { ...valid, summary: 'x'.repeat(1001) }, 'summary'],
    ['an over-long description', { ...valid, description: 'x'.repeat(20_001) }, 'description'],
    ['an unknown type', { ...valid, type: 'GADGET' }, 'input'],
    ['a TRL of 10', { ...valid, trl: 10 }, 'trl'],
    ['an unknown CDHI code', { ...valid, cdhiCodes: ['2.4.99'] }, 'cdhiCodes'],
    ['an unknown topic', { ...valid, topics: ['ASTROLOGY'] }, 'input'],
    ['a language that is not ISO 639-1', { ...valid, languages: ['eng'] }, 'languages'],
    ['texts in an unknown language', { ...valid, language: 'eng' }, 'language'],
    [
      'a translation into an unknown language',
      { ...valid, translations: [{ ...french, language: 'xx' }] },
      'translations[0].language',
    ],
    [
      'a language translated twice',
      { ...valid, translations: [french, { ...french, title: 'Autre titre' }] },
      'translations',
    ],
    [
      'a translation into the practice\u2019s own language',
      { ...valid, translations: [{ ...french, language: 'en' }] },
      'translations',
    ],
    ['a too short translated title', { ...valid, translations: [{ ...french, title: 'ab' }] }, 'translations[0].title'],
    [
      'an over-long translated summary',
      { ...valid, translations: [{ ...french, summary: 'x'.repeat(1001) }] },
      'translations[0].summary',
    ],
    [
      'an over-long translated description',
      { ...valid, translations: [{ ...french, description: 'x'.repeat(20_001) }] },
      'translations[0].description',
    ],
    ['an unknown country', { ...valid, countries: ['XX'], nuts: [] }, 'countries'],
    ['a NUTS region outside the countries', { ...valid, countries: ['PT'], nuts: ['RO21'] }, 'nuts'],
    ['a malformed NUTS code', { ...valid, nuts: ['RO-21'] }, 'nuts'],
    ['a bad landing page', { ...valid, landingPage: 'example.org' }, 'landingPage'],
    ['a bad contact email', { ...valid, contactEmail: 'nobody' }, 'contactEmail'],
    ['an unknown licence', { ...valid, licence: 'MY-OWN-LICENCE' }, 'licence'],
    [
      'an evidence link that is neither URL nor DOI',
      { ...valid, evidence: [{ kind: 'PUBLICATION', url: 'doi:nope' }] },
      'evidence[0].url',
    ],
    [
      'an organisation named twice',
      {
        ...valid,
        contributors: [
          { organisationId: organisations.eitHealth, role: 'PARTNER' },
          { organisationId: organisations.eitHealth, role: 'FUNDER' },
        ],
      },
      'contributors',
    ],
    ['an unknown owner', { ...valid, ownerId: unknown }, 'ownerId'],
    [
      'an unknown contributor',
      { ...valid, contributors: [{ organisationId: unknown, role: 'PARTNER' }] },
      'contributors[0].organisationId',
    ],
  ];

  it.each(cases)('refuses %s with a field error and writes nothing', async (_name, input, field) => {
    const before = await count();
    const response = await stack.gql(REGISTER, { input }, { key: stack.keys.curator });
    expect(response.data?.registerPractice ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    if (field !== 'input') expect(response.errors?.[0]?.extensions?.field).toBe(field);
    expect(await count()).toBe(before);
  });

  it('refuses bad adoptions: end before start, unknown ids, region outside the country', async () => {
    const base = {
      practiceId: practiceSeedIds.smartHospitalPlatform,
      adopterId: organisations.eitHealth,
      country: 'DE',
      scale: 'LOCAL',
      status: 'ONGOING',
    };
    const adoptionCases: [Record<string, unknown>, string][] = [
      [{ ...base, startDate: '2025-05-01', endDate: '2025-04-30' }, 'endDate'],
      [{ ...base, startDate: '2025-02-30x' }, 'startDate'],
      [{ ...base, practiceId: unknown }, 'practiceId'],
      [{ ...base, adopterId: unknown }, 'adopterId'],
      [{ ...base, nuts: 'RO21' }, 'nuts'],
      [{ ...base, country: 'de' }, 'country'],
    ];
    const before = await stack.gql(`query($id: UUID!) { practice(id: $id) { adoptions { id } } }`, {
      id: practiceSeedIds.smartHospitalPlatform,
    });
    for (const [input, field] of adoptionCases) {
      const response = await stack.gql(ADD_ADOPTION, { input }, { key: stack.keys.curator });
      expect(response.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const after = await stack.gql(`query($id: UUID!) { practice(id: $id) { adoptions { id } } }`, {
      id: practiceSeedIds.smartHospitalPlatform,
    });
    expect(after.data).toEqual(before.data);
  });

  it('checks an adoption change against what is stored, and refuses unknown ids and stale versions', async () => {
    const added = await stack.gql(
      ADD_ADOPTION,
      {
        input: {
          practiceId: practiceSeedIds.moonshot2027,
          adopterId: organisations.eitHealth,
          country: 'DE',
          scale: 'NATIONAL',
          status: 'ONGOING',
          startDate: '2024-01-01',
        },
      },
      { key: stack.keys.curator },
    );
    const id = added.data?.addAdoption.id;
    const early = await stack.gql(
      UPDATE_ADOPTION,
      { id, version: 1, input: { endDate: '2023-12-31' } },
      { key: stack.keys.curator },
    );
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endDate' });
    const ended = await stack.gql(
      UPDATE_ADOPTION,
      { id, version: 1, input: { status: 'ENDED', endDate: '2024-12-31' } },
      { key: stack.keys.curator },
    );
    expect(ended.data?.updateAdoption).toMatchObject({ version: 2, status: 'ENDED', endDate: '2024-12-31' });
    const stale = await stack.gql(
      UPDATE_ADOPTION,
      { id, version: 1, input: { note: 'late' } },
      { key: stack.keys.curator },
    );
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const missing = await stack.gql(
      UPDATE_ADOPTION,
      { id: unknown, version: 1, input: { note: 'x' } },
      { key: stack.keys.curator },
    );
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const removed = await stack.gql(
      `mutation($id: UUID!) { removeAdoption(id: $id, version: 2) { id } }`,
      { id },
      { key: stack.keys.curator },
    );
    expect(removed.errors).toBeUndefined();
    const history = await stack.gql(
      `query($id: UUID!) { practice(id: $id) { adoptions { id } history { action } } }`,
      { id: practiceSeedIds.moonshot2027 },
      { key: stack.keys.curator },
    );
    expect(history.data?.practice.adoptions).not.toContainEqual({ id });
    expect(history.data?.practice.history.map((event: { action: string }) => event.action)).toEqual([
      'ADOPTION_ADDED',
      'ADOPTION_UPDATED',
      'ADOPTION_REMOVED',
    ]);
  });

  it('refuses an update that leaves a NUTS region outside the stored countries', async () => {
    const { id } = await register();
    const response = await stack.gql(
      UPDATE,
      { id, version: 1, input: { countries: ['RO'] } },
      { key: smartHospitalEditor },
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'countries' });
  });
});
