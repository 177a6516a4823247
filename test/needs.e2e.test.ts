// Needs through the gateway: the review workflow and who sees what, open → matched → closed, bad input refused with
// its field and nothing written, and the matches between needs and practices (candidates, matchingNeeds, twinning
// pairs) ranked with their reasons on seeded and registered data.
import { seedIds as organisations } from '@radar/organisations';
import { needSeedIds, practiceSeedIds } from '@radar/practices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLResponse, type Stack, startStack } from './support/stack.js';

let stack: Stack;
let ownerEditor: string;
let otherEditor: string;

beforeAll(async () => {
  stack = await startStack();
  ownerEditor = await stack.keys.editorOf(organisations.digitalInnovationZone);
  otherEditor = await stack.keys.editorOf(organisations.digitalEurope);
});
afterAll(async () => {
  await stack?.stop();
});

const NEED_FIELDS = `id title description language cdhiCodes healthSystemChallenges serviceTypes targetGroups
  careSettings languages country nuts minMaturity startDate endDate status state version publishedAt owner { id }
  matchedPractice { id }`;
const CREATE = `mutation($input: CreateNeedInput!) { createNeed(input: $input) { ${NEED_FIELDS} } }`;
const UPDATE = `mutation($id: UUID!, $version: Int!, $input: UpdateNeedInput!) {
  updateNeed(id: $id, version: $version, input: $input) { ${NEED_FIELDS} } }`;
const NEED = `query($id: UUID!) { need(id: $id) { ${NEED_FIELDS} } }`;
const step = (name: string) =>
  `mutation($id: UUID!, $version: Int!) { ${name}(id: $id, version: $version) { id status state version } }`;
const CANDIDATES = `query($id: UUID!, $first: Int) { need(id: $id) {
  candidates(first: $first) { practice { id title maturity } score reasons } } }`;
const MATCHING = `query($id: UUID!, $first: Int) { practice(id: $id) {
  matchingNeeds(first: $first) { need { id title state } score reasons } } }`;
const TWINNING = `query($first: Int, $filter: TwinningCandidateFilter) { twinningCandidates(first: $first, filter: $filter) {
  practice { id } need { id country nuts } score reasons adoptedIn } }`;

const valid = {
  title: 'Remote monitoring of patients with diabetes in rural areas',
  description: 'Primary care centres want to follow patients with diabetes remotely between visits.',
  cdhiCodes: ['2.4.2'],
  healthSystemChallenges: ['5.2', '3.5'],
  serviceTypes: ['A9'],
  targetGroups: ['PATIENTS_CITIZENS'],
  careSettings: ['PRIMARY_CARE', 'HOME'],
  languages: ['ro'],
  country: 'RO',
  nuts: 'RO21',
  minMaturity: 'PILOT',
  startDate: '2027-03-01',
  endDate: '2027-12-31',
  ownerId: organisations.digitalInnovationZone,
};

interface Match {
  practice: { id: string; title: string; maturity: string };
  score: number;
  reasons: string[];
}

function ok<T = Record<string, any>>(response: GraphQLResponse<T>, what = 'request'): T {
  expect(response.errors, what).toBeUndefined();
  return response.data as T;
}

async function createNeed(input: Record<string, unknown> = valid, key = ownerEditor) {
  return ok(await stack.gql(CREATE, { input }, { key }), 'createNeed').createNeed;
}

/** Creates a need as its owner's editor, submits it and has a curator publish it (version 3). */
async function publishedNeed(input: Record<string, unknown>) {
  const need = await createNeed(input);
  ok(await stack.gql(step('submitNeed'), { id: need.id, version: 1 }, { key: ownerEditor }));
  ok(await stack.gql(step('publishNeed'), { id: need.id, version: 2 }, { key: stack.keys.curator }));
  return need.id as string;
}

async function publishedPractice(input: Record<string, unknown>) {
  const registered = await stack.gql(
    `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`,
    { input: { type: 'DIGITAL_SERVICE', ownerId: organisations.smartHospital, ...input } },
    { key: stack.keys.curator },
  );
  const id = ok(registered, 'registerPractice').registerPractice.id as string;
  ok(await stack.gql(`mutation { submitPractice(id: "${id}", version: 1) { id } }`, {}, { key: stack.keys.curator }));
  ok(await stack.gql(`mutation { publishPractice(id: "${id}", version: 2) { id } }`, {}, { key: stack.keys.curator }));
  return id;
}

async function adopt(practiceId: string, adopterId: string, country: string, nuts: string | null) {
  ok(
    await stack.gql(
      `mutation($input: AddAdoptionInput!) { addAdoption(input: $input) { id } }`,
      {
        input: { practiceId, adopterId, country, nuts, scale: 'REGIONAL', status: 'ONGOING', startDate: '2025-01-01' },
      },
      { key: stack.keys.curator },
    ),
    'addAdoption',
  );
}

async function needCount() {
  const response = await stack.gql(
    `{ needs(filter: { statuses: [DRAFT, SUBMITTED, PUBLISHED, ARCHIVED] }, first: 100) { totalCount } }`,
    {},
    { key: stack.keys.curator },
  );
  return ok(response).needs.totalCount as number;
}

function refusal(response: GraphQLResponse, field: string) {
  expect(response.errors?.[0]?.extensions?.code, JSON.stringify(response.errors)).toBe('BAD_USER_INPUT');
  expect(response.errors?.[0]?.extensions?.field, JSON.stringify(response.errors)).toBe(field);
}

describe('the review workflow and who sees a need', () => {
  it('keeps a draft to its owner and curators, publishes it through review and lists it for everyone', async () => {
    const draft = await createNeed();
    const { ownerId: _owner, ...fields } = valid;
    expect(draft).toMatchObject({
      ...fields,
      owner: { id: organisations.digitalInnovationZone },
      language: 'en',
      status: 'DRAFT',
      state: 'OPEN',
      version: 1,
      publishedAt: null,
      matchedPractice: null,
    });
    const id = draft.id as string;

    expect(ok(await stack.gql(NEED, { id })).need).toBeNull();
    expect(ok(await stack.gql(NEED, { id }, { key: otherEditor })).need).toBeNull();
    expect(ok(await stack.gql(NEED, { id }, { key: ownerEditor })).need?.id).toBe(id);
    expect(ok(await stack.gql(NEED, { id }, { key: stack.keys.curator })).need?.id).toBe(id);
    const listed = async (key?: string) =>
      (
        ok(
          await stack.gql(
            `{ needs(filter: { statuses: [${key ? 'DRAFT, PUBLISHED' : 'PUBLISHED'}] }, first: 100) { nodes { id } } }`,
            {},
            key ? { key } : {},
          ),
        ).needs.nodes as { id: string }[]
      ).map((node) => node.id);
    expect(await listed(otherEditor)).not.toContain(id);
    expect(await listed(ownerEditor)).toContain(id);
    const anonymousDrafts = await stack.gql(`{ needs(filter: { statuses: [DRAFT] }) { totalCount } }`);
    expect(anonymousDrafts.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    ok(await stack.gql(step('submitNeed'), { id, version: 1 }, { key: ownerEditor }));
    const notCurator = await stack.gql(step('publishNeed'), { id, version: 2 }, { key: ownerEditor });
    expect(notCurator.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const returned = await stack.gql(
      `mutation($id: UUID!, $version: Int!, $comment: String!) { returnNeed(id: $id, version: $version, comment: $comment) { status version } }`,
      { id, version: 2, comment: 'Say which hospitals take part.' },
      { key: stack.keys.curator },
    );
    expect(ok(returned).returnNeed).toEqual({ status: 'DRAFT', version: 3 });
    const comments = await stack.gql(
      `query($id: UUID!) { need(id: $id) { reviewComments { action comment } history { action } } }`,
      { id },
      { key: ownerEditor },
    );
    expect(ok(comments).need.reviewComments).toEqual([
      { action: 'RETURNED', comment: 'Say which hospitals take part.' },
    ]);
    expect(ok(comments).need.history.map((event: { action: string }) => event.action)).toEqual([
      'CREATED',
      'SUBMITTED',
      'RETURNED',
    ]);

    ok(await stack.gql(step('submitNeed'), { id, version: 3 }, { key: ownerEditor }));
    const published = ok(await stack.gql(step('publishNeed'), { id, version: 4 }, { key: stack.keys.curator }));
    expect(published.publishNeed).toMatchObject({ status: 'PUBLISHED', version: 5 });
    expect(ok(await stack.gql(NEED, { id })).need).toMatchObject({ id, status: 'PUBLISHED' });
    expect(await listed()).toContain(id);

    // What is not public stays with the owner's side, with the rest of the need.
    const outsider = await stack.gql(`query($id: UUID!) { need(id: $id) { title history { action } } }`, { id });
    expect(outsider.data?.need).toEqual({ title: valid.title, history: null });
    expect(outsider.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // An editor's change to a published need goes back to review; a curator's does not.
    const changed = ok(
      await stack.gql(
        UPDATE,
        { id, version: 5, input: { title: 'Remote monitoring of diabetes' } },
        { key: ownerEditor },
      ),
    ).updateNeed;
    expect(changed).toMatchObject({ title: 'Remote monitoring of diabetes', status: 'SUBMITTED', version: 6 });
    ok(await stack.gql(step('publishNeed'), { id, version: 6 }, { key: stack.keys.curator }));
    const byCurator = ok(
      await stack.gql(UPDATE, { id, version: 7, input: { endDate: null } }, { key: stack.keys.curator }),
    ).updateNeed;
    expect(byCurator).toMatchObject({ status: 'PUBLISHED', endDate: null, version: 8 });

    const feed = await stack.gql(`{ needChanges { nodes { id deletedAt need { id title } } } }`);
    expect(ok(feed).needChanges.nodes).toContainEqual({
      id,
      deletedAt: null,
      need: { id, title: 'Remote monitoring of diabetes' },
    });

    // Archived, it leaves the public registry and its IRI answers with a tombstone.
    ok(await stack.gql(step('archiveNeed'), { id, version: 8 }, { key: ownerEditor }));
    expect(ok(await stack.gql(NEED, { id })).need).toBeNull();
    const tombstone = ok(await stack.gql(`query($id: UUID!) { needTombstone(id: $id) { reason } }`, { id }));
    expect(tombstone.needTombstone).toEqual({ reason: 'ARCHIVED' });
    const restoredByEditor = await stack.gql(step('restoreNeed'), { id, version: 9 }, { key: ownerEditor });
    expect(restoredByEditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(
      ok(await stack.gql(step('restoreNeed'), { id, version: 9 }, { key: stack.keys.curator })).restoreNeed,
    ).toMatchObject({ status: 'DRAFT', version: 10 });
    ok(await stack.gql(step('deleteNeed'), { id, version: 10 }, { key: ownerEditor }));
    expect(ok(await stack.gql(NEED, { id }, { key: stack.keys.curator })).need).toBeNull();
    const deleted = ok(await stack.gql(`query($id: UUID!) { needTombstone(id: $id) { reason } }`, { id }));
    expect(deleted.needTombstone).toEqual({ reason: 'DELETED' });
  });

  it('is matched to a published practice, closed and reopened by its owner', async () => {
    const id = await publishedNeed(valid);
    const matchNeed = `mutation($id: UUID!, $version: Int!, $practiceId: UUID!) {
      matchNeed(id: $id, version: $version, practiceId: $practiceId) { state version matchedPractice { id } } }`;
    const draftPractice = ok(
      await stack.gql(
        `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`,
        {
          input: {
            title: 'Unpublished diabetes coaching',
            summary: 'Not yet reviewed by a curator.',
            type: 'APP',
            maturity: 'PILOT',
            ownerId: organisations.smartHospital,
          },
        },
        { key: stack.keys.curator },
      ),
    ).registerPractice.id;
    refusal(
      await stack.gql(matchNeed, { id, version: 3, practiceId: draftPractice }, { key: ownerEditor }),
      'practiceId',
    );
    const stranger = await stack.gql(
      matchNeed,
      { id, version: 3, practiceId: practiceSeedIds.smartHospitalPlatform },
      { key: otherEditor },
    );
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stale = await stack.gql(
      matchNeed,
      { id, version: 2, practiceId: practiceSeedIds.smartHospitalPlatform },
      { key: ownerEditor },
    );
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const matched = ok(
      await stack.gql(
        matchNeed,
        { id, version: 3, practiceId: practiceSeedIds.smartHospitalPlatform },
        { key: ownerEditor },
      ),
    ).matchNeed;
    expect(matched).toEqual({
      state: 'MATCHED',
      version: 4,
      matchedPractice: { id: practiceSeedIds.smartHospitalPlatform },
    });
    refusal(
      await stack.gql(
        matchNeed,
        { id, version: 4, practiceId: practiceSeedIds.smartHospitalPlatform },
        { key: ownerEditor },
      ),
      'state',
    );
    expect(ok(await stack.gql(step('closeNeed'), { id, version: 4 }, { key: ownerEditor })).closeNeed).toMatchObject({
      state: 'CLOSED',
      status: 'PUBLISHED',
    });
    refusal(await stack.gql(step('closeNeed'), { id, version: 5 }, { key: ownerEditor }), 'state');
    ok(await stack.gql(step('reopenNeed'), { id, version: 5 }, { key: ownerEditor }));
    expect(ok(await stack.gql(NEED, { id })).need).toMatchObject({ state: 'OPEN', matchedPractice: null, version: 6 });
    const history = ok(
      await stack.gql(`query($id: UUID!) { need(id: $id) { history { action } } }`, { id }, { key: ownerEditor }),
    ).need.history.map((event: { action: string }) => event.action);
    expect(history.slice(-3)).toEqual(['MATCHED', 'CLOSED', 'REOPENED']);
  });

  it('lets only signed-in editors of the owner, and curators, state a need', async () => {
    const before = await needCount();
    expect((await stack.gql(CREATE, { input: valid })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await stack.gql(CREATE, { input: valid }, { key: otherEditor })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(await needCount()).toBe(before);
    const byCurator = await createNeed(
      { ...valid, ownerId: organisations.eitHealth, country: 'DE', nuts: null },
      stack.keys.curator,
    );
    expect(byCurator).toMatchObject({ status: 'DRAFT', owner: { id: organisations.eitHealth } });
  });
});

describe('an organisation\u2019s needs', () => {
  it('lists the needs it stated: published ones for everyone, drafts for its editors and curators', async () => {
    const draft = await createNeed({ ...valid, title: 'A draft need of the innovation zone' });
    const query = `query($id: UUID!) { organisation(id: $id) { name needs { id status } } }`;
    const needsSeenBy = async (key?: string) =>
      (
        ok(await stack.gql(query, { id: organisations.digitalInnovationZone }, key ? { key } : {})).organisation
          .needs as { id: string; status: string }[]
      ).map((need) => need.id);
    const publicNeeds = await needsSeenBy();
    expect(publicNeeds).toContain(needSeedIds.heartFailureTelemonitoring);
    expect(publicNeeds).not.toContain(draft.id);
    expect(publicNeeds).not.toContain(needSeedIds.interoperableRecords);
    expect(await needsSeenBy(otherEditor)).not.toContain(draft.id);
    expect(await needsSeenBy(ownerEditor)).toContain(draft.id);
    expect(await needsSeenBy(stack.keys.curator)).toContain(draft.id);
  });
});

describe('bad input', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['a blank title', { ...valid, title: '   ' }, 'title'],
    ['a title over 300 characters', { ...valid, title: 'x'.repeat(301) }, 'title'],
    ['a description under 10 characters', { ...valid, description: 'Too short' }, 'description'],
    ['an unknown text language', { ...valid, language: 'xx' }, 'language'],
    ['an unknown country', { ...valid, country: 'XX', nuts: null }, 'country'],
    ['a NUTS region outside the country', { ...valid, nuts: 'DE21' }, 'nuts'],
    ['a malformed NUTS code', { ...valid, nuts: 'RO-21' }, 'nuts'],
    ['a code outside WHO CDHI v2', { ...valid, cdhiCodes: ['9.9.9'] }, 'cdhiCodes'],
    ['a CDHI code twice', { ...valid, cdhiCodes: ['2.4.2', '2.4.2'] }, 'cdhiCodes'],
    ['an unknown health system challenge', { ...valid, healthSystemChallenges: ['10.1'] }, 'healthSystemChallenges'],
    ['an unknown service type', { ...valid, serviceTypes: ['Z9'] }, 'serviceTypes'],
    ['a care setting twice', { ...valid, careSettings: ['HOME', 'HOME'] }, 'careSettings'],
    ['a target group twice', { ...valid, targetGroups: ['OLDER_PEOPLE', 'OLDER_PEOPLE'] }, 'targetGroups'],
    ['a language that is not ISO 639-1', { ...valid, languages: ['xx'] }, 'languages'],
    ['an impossible start date', { ...valid, startDate: '2027-13-01' }, 'startDate'],
    ['an end before the start', { ...valid, endDate: '2027-01-01' }, 'endDate'],
    ['an unknown owner', { ...valid, ownerId: '00000000-0000-4000-8000-00000000000a' }, 'ownerId'],
  ];

  it.each(cases)('refuses %s with a field error and writes nothing', async (_name, input, field) => {
    const before = await needCount();
    const response = await stack.gql(CREATE, { input }, { key: stack.keys.curator });
    expect(response.data?.createNeed ?? null).toBeNull();
    refusal(response, field);
    expect(await needCount()).toBe(before);
  });

  it.each([
    ['an unknown target group', { ...valid, targetGroups: ['ALIENS'] }],
    ['an unknown maturity', { ...valid, minMaturity: 'GREAT' }],
    ['an owner that is not a UUID', { ...valid, ownerId: 'smart-hospital' }],
    ['a need without a country', { ...valid, country: undefined }],
  ])('refuses %s before any resolver runs, and writes nothing', async (_name, input) => {
    const before = await needCount();
    const response = await stack.gql(CREATE, { input }, { key: stack.keys.curator });
    expect(response.data?.createNeed ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await needCount()).toBe(before);
  });

  it('checks an update against what is stored: region and country, period, fields that cannot be cleared', async () => {
    const need = await createNeed();
    const attempts: [Record<string, unknown>, string][] = [
      [{ nuts: 'DE21' }, 'nuts'],
      [{ country: 'DE' }, 'country'],
      [{ endDate: '2027-01-01' }, 'endDate'],
      [{ startDate: '2028-01-01' }, 'startDate'],
      [{ title: null }, 'title'],
      [{ country: null }, 'country'],
      [{ healthSystemChallenges: ['3.5', '99'] }, 'healthSystemChallenges'],
    ];
    for (const [input, field] of attempts) {
      refusal(await stack.gql(UPDATE, { id: need.id, version: 1, input }, { key: ownerEditor }), field);
    }
    const stored = ok(await stack.gql(NEED, { id: need.id }, { key: ownerEditor })).need;
    expect(stored).toMatchObject({ version: 1, country: 'RO', nuts: 'RO21', title: valid.title });
    // Moving the need to another country with a region of its own is one consistent change.
    const moved = ok(
      await stack.gql(
        UPDATE,
        { id: need.id, version: 1, input: { country: 'DE', nuts: 'DE21' } },
        { key: ownerEditor },
      ),
    ).updateNeed;
    expect(moved).toMatchObject({ country: 'DE', nuts: 'DE21', version: 2 });
    const cleared = ok(
      await stack.gql(
        UPDATE,
        { id: need.id, version: 2, input: { cdhiCodes: null, nuts: null } },
        { key: ownerEditor },
      ),
    ).updateNeed;
    expect(cleared).toMatchObject({ cdhiCodes: [], nuts: null, version: 3 });
  });

  it('refuses counts out of range and steps the status does not allow', async () => {
    refusal(await stack.gql(CANDIDATES, { id: needSeedIds.heartFailureTelemonitoring, first: 0 }), 'first');
    refusal(await stack.gql(CANDIDATES, { id: needSeedIds.heartFailureTelemonitoring, first: 51 }), 'first');
    refusal(await stack.gql(MATCHING, { id: practiceSeedIds.smartHospitalPlatform, first: 0 }), 'first');
    refusal(await stack.gql(TWINNING, { first: 0 }), 'first');
    refusal(await stack.gql(TWINNING, { filter: { minAdoptions: 1 } }), 'minAdoptions');
    refusal(await stack.gql(TWINNING, { filter: { countries: ['XX'] } }), 'countries');
    const draft = await createNeed();
    const publish = await stack.gql(step('publishNeed'), { id: draft.id, version: 1 }, { key: stack.keys.curator });
    refusal(publish, 'status');
    expect(publish.errors?.[0]?.message).toContain('a draft need cannot be published; it must be submitted');
  });
});

describe('matching needs and practices', () => {
  let scaled: string;
  let concept: string;
  let draftPractice: string;
  let neighbourNeed: string;
  let adoptedNeed: string;
  let closedNeed: string;

  beforeAll(async () => {
    const practice = {
      summary: 'Heart failure patients send weight and blood pressure from home; nurses follow them up by video.',
      cdhiCodes: ['2.4.2', '2.8.1'],
      healthSystemChallenges: ['3.5', '5.4'],
      serviceTypes: ['A9'],
      targetGroups: ['PATIENTS_CITIZENS', 'HEALTH_PROFESSIONALS'],
      careSettings: ['HOME', 'HOSPITAL'],
      languages: ['ro', 'de', 'fr'],
      evidence: [{ kind: 'EVALUATION', url: 'https://example.org/heart-failure-evaluation' }],
    };
    scaled = await publishedPractice({
      ...practice,
      title: 'Heart failure telemonitoring at home',
      maturity: 'SCALED_UP',
    });
    concept = await publishedPractice({
      ...practice,
      title: 'Heart failure telemonitoring concept',
      maturity: 'CONCEPT',
    });
    draftPractice = ok(
      await stack.gql(
        `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`,
        {
          input: {
            ...practice,
            title: 'Heart failure telemonitoring draft',
            type: 'APP',
            maturity: 'SCALED_UP',
            ownerId: organisations.smartHospital,
          },
        },
        { key: stack.keys.curator },
      ),
    ).registerPractice.id;
    await adopt(scaled, organisations.eitHealth, 'DE', 'DE21');
    await adopt(scaled, organisations.echAlliance, 'FR', 'FR10');
    // A planned adoption is not uptake yet: it makes no place where the practice is adopted.
    ok(
      await stack.gql(
        `mutation($input: AddAdoptionInput!) { addAdoption(input: $input) { id } }`,
        {
          input: {
            practiceId: scaled,
            adopterId: organisations.endotarget,
            country: 'PT',
            scale: 'LOCAL',
            status: 'PLANNED',
          },
        },
        { key: stack.keys.curator },
      ),
    );
    const heart = {
      ...valid,
      description: 'Hospitals want to follow heart failure patients at home after discharge.',
      cdhiCodes: ['2.4.2'],
      healthSystemChallenges: ['5.4'],
      careSettings: ['HOME'],
      languages: ['de'],
      minMaturity: 'IMPLEMENTED',
      startDate: null,
      endDate: null,
    };
    neighbourNeed = await publishedNeed({
      ...heart,
      title: 'Heart failure follow-up in Niederbayern',
      country: 'DE',
      nuts: 'DE22',
    });
    adoptedNeed = await publishedNeed({
      ...heart,
      title: 'Heart failure follow-up in Oberbayern',
      country: 'DE',
      nuts: 'DE21',
    });
    closedNeed = await publishedNeed({ ...heart, title: 'Heart failure follow-up, closed', country: 'AT', nuts: null });
    ok(await stack.gql(step('closeNeed'), { id: closedNeed, version: 3 }, { key: ownerEditor }));
  });

  it('ranks the seeded need\u2019s candidates, best first, leaving out practices below the maturity and unpublished ones', async () => {
    const response = await stack.gql(CANDIDATES, { id: needSeedIds.heartFailureTelemonitoring, first: 10 });
    const matches = ok(response).need.candidates as Match[];
    const ids = matches.map((match) => match.practice.id);
    expect(ids[0]).toBe(scaled);
    expect(ids).toContain(practiceSeedIds.smartHospitalPlatform);
    expect(ids.indexOf(practiceSeedIds.smartHospitalPlatform)).toBeGreaterThan(0);
    expect(ids).not.toContain(concept);
    expect(ids).not.toContain(draftPractice);
    for (const [index, match] of matches.entries()) {
      expect(match.score).toBeGreaterThan(0);
      expect(match.score).toBeLessThanOrEqual(1);
      if (index > 0) expect(match.score).toBeLessThanOrEqual(matches[index - 1]?.score as number);
    }
    expect(matches[0]?.reasons).toEqual([
      'meets the maturity required (Pilot or later): Scaled up',
      'offers CDHI 2.4.2 and 2.8',
      'addresses health system challenges: 3.5 Insufficient continuity of care and 5.4 Loss to follow up',
      'is of the service types sought: A9 Telehealth systems',
      'same target groups: Patients and citizens and Health and care professionals',
      'same care settings: Hospital and Home',
      'available in ro',
      'adopted elsewhere: in 2 places',
      'has evidence: 1 link',
    ]);
    const smartHospital = matches.find((match) => match.practice.id === practiceSeedIds.smartHospitalPlatform);
    expect(smartHospital?.reasons).toEqual([
      'meets the maturity required (Pilot or later): Implemented (routine use)',
      'offers CDHI 2.8',
      'same CDHI group 2',
      'addresses health system challenges: 3.5 Insufficient continuity of care',
      'same target group: Health and care professionals',
      'same care setting: Hospital',
      'available in ro',
      'adopted in the same region (RO21)',
    ]);

    const one = ok(await stack.gql(CANDIDATES, { id: needSeedIds.heartFailureTelemonitoring, first: 1 })).need
      .candidates as Match[];
    expect(one.map((match) => match.practice.id)).toEqual([scaled]);
  });

  it('counts an adoption nearby: the same region, a neighbouring one, the same country', async () => {
    const reasonsOf = async (id: string) =>
      (ok(await stack.gql(CANDIDATES, { id, first: 5 })).need.candidates as Match[]).find(
        (match) => match.practice.id === scaled,
      )?.reasons;
    expect(await reasonsOf(adoptedNeed)).toContain('adopted in the same region (DE21)');
    expect(await reasonsOf(neighbourNeed)).toContain('adopted in a neighbouring region (DE21)');
    const austria = await reasonsOf(closedNeed);
    expect(austria).toContain('adopted elsewhere: in 2 places');
    expect(austria).toContain('meets the maturity required (Implemented (routine use) or later): Scaled up');
    expect(austria).toContain('available in de');
  });

  it('lists for a practice the published, open needs it may meet', async () => {
    const matches = ok(await stack.gql(MATCHING, { id: scaled, first: 20 })).practice.matchingNeeds as {
      need: { id: string; state: string };
      score: number;
      reasons: string[];
    }[];
    const ids = matches.map((match) => match.need.id);
    expect(ids).toEqual(expect.arrayContaining([needSeedIds.heartFailureTelemonitoring, neighbourNeed, adoptedNeed]));
    expect(ids).not.toContain(closedNeed);
    expect(matches.every((match) => match.need.state === 'OPEN')).toBe(true);
    expect(ids.indexOf(adoptedNeed)).toBeLessThan(ids.indexOf(neighbourNeed));
    const seeded = matches.find((match) => match.need.id === needSeedIds.heartFailureTelemonitoring);
    expect(seeded?.reasons).toContain('offers CDHI 2.4.2 and 2.8');
    // A concept meets no need that asks for a pilot or more.
    const conceptMatches = ok(await stack.gql(MATCHING, { id: concept })).practice.matchingNeeds;
    expect(conceptMatches).toEqual([]);
  });

  it('pairs a practice adopted in two places with open needs where it is not adopted', async () => {
    const pairs = ok(await stack.gql(TWINNING, { first: 50, filter: { practiceId: scaled } })).twinningCandidates as {
      practice: { id: string };
      need: { id: string; country: string; nuts: string | null };
      score: number;
      reasons: string[];
      adoptedIn: string[];
    }[];
    const needs = pairs.map((pair) => pair.need.id);
    expect(needs).toContain(needSeedIds.heartFailureTelemonitoring);
    expect(needs).toContain(neighbourNeed);
    expect(needs).not.toContain(adoptedNeed);
    expect(needs).not.toContain(closedNeed);
    for (const pair of pairs) {
      expect(pair.practice.id).toBe(scaled);
      expect(pair.adoptedIn).toEqual(['DE21', 'FR10']);
    }
    const romania = pairs.find((pair) => pair.need.id === needSeedIds.heartFailureTelemonitoring);
    expect(romania?.reasons).toContain('adopted elsewhere: in 2 places');

    // The Smart Hospital platform is adopted in one place only: no twinning pair yet.
    const all = ok(await stack.gql(TWINNING, { first: 50 })).twinningCandidates as { practice: { id: string } }[];
    expect(all.map((pair) => pair.practice.id)).not.toContain(practiceSeedIds.smartHospitalPlatform);
    const inRomania = ok(await stack.gql(TWINNING, { filter: { countries: ['RO'] } })).twinningCandidates as {
      need: { country: string };
    }[];
    expect(inRomania.length).toBeGreaterThan(0);
    expect(inRomania.every((pair) => pair.need.country === 'RO')).toBe(true);
    const threePlaces = ok(await stack.gql(TWINNING, { filter: { practiceId: scaled, minAdoptions: 3 } }));
    expect(threePlaces.twinningCandidates).toEqual([]);
  });

  it('filters practices by health system challenge and service type, a group matching its codes', async () => {
    const search = async (filter: Record<string, unknown>) =>
      (
        ok(
          await stack.gql(
            `query($filter: PracticeFilter) { practices(filter: $filter, first: 100) { nodes { id } } }`,
            { filter },
          ),
        ).practices.nodes as { id: string }[]
      ).map((node) => node.id);
    expect(await search({ healthSystemChallenges: ['5.4'] })).toEqual(expect.arrayContaining([scaled, concept]));
    expect(await search({ healthSystemChallenges: ['5.4'] })).not.toContain(practiceSeedIds.smartHospitalPlatform);
    expect(await search({ healthSystemChallenges: ['3'] })).toContain(practiceSeedIds.smartHospitalPlatform);
    expect(await search({ serviceTypes: ['A'] })).toContain(scaled);
    expect(await search({ serviceTypes: ['A9'] })).not.toContain(practiceSeedIds.smartHospitalPlatform);
    const bad = await stack.gql(`{ practices(filter: { serviceTypes: ["Q"] }) { totalCount } }`);
    refusal(bad, 'serviceTypes');
    const practice = ok(
      await stack.gql(`query($id: UUID!) { practice(id: $id) { healthSystemChallenges serviceTypes } }`, {
        id: scaled,
      }),
    ).practice;
    expect(practice).toEqual({ healthSystemChallenges: ['3.5', '5.4'], serviceTypes: ['A9'] });
  });

  it('lists WHO\u2019s codes with their groups, for forms and filters', async () => {
    const list = async (name: string) =>
      ok(await stack.gql(`{ codeList(name: ${name}) { code label definition parent } }`)).codeList as {
        code: string;
        parent: string | null;
      }[];
    expect((await list('HEALTH_SYSTEM_CHALLENGES')).find((entry) => entry.code === '3.5')).toEqual({
      code: '3.5',
      label: 'Insufficient continuity of care',
      definition: null,
      parent: '3',
    });
    expect((await list('SERVICE_TYPES')).find((entry) => entry.code === 'A9')).toMatchObject({ parent: 'A' });
    expect((await list('CDHI_CODES')).find((entry) => entry.code === '2.4.2')).toMatchObject({ parent: '2.4' });
    expect((await list('NEED_STATES')).map((entry) => entry.code)).toEqual(['OPEN', 'MATCHED', 'CLOSED']);
  });
});

describe('a Greek need among many practices', () => {
  // Greece: ISO 3166 GR, NUTS codes starting with EL.
  const greek = {
    ...valid,
    title: 'Community support for older people living alone in Attica',
    description: 'Municipal health centres want to keep in touch with older people who live alone.',
    cdhiCodes: ['1.1.2'],
    healthSystemChallenges: ['6.1'],
    serviceTypes: ['A1'],
    targetGroups: ['OLDER_PEOPLE'],
    careSettings: ['COMMUNITY'],
    languages: ['el'],
    country: 'GR',
    nuts: 'EL30',
    minMaturity: 'IMPLEMENTED',
    startDate: null,
    endDate: null,
  };
  const practice = {
    summary: 'Volunteers and nurses call older people who live alone every week and visit when needed.',
    cdhiCodes: ['1.1.2'],
    healthSystemChallenges: ['6.1'],
    serviceTypes: ['A1'],
    targetGroups: ['OLDER_PEOPLE'],
    careSettings: ['COMMUNITY'],
    languages: ['el'],
  };
  /** More practices meeting every part of the need than its shortlist holds, so only their ranking finds the best. */
  const DECOYS = 55;
  let attica: string;
  let crete: string;
  let best: string;
  let inCrete: string;
  const pilots: string[] = [];

  beforeAll(async () => {
    attica = await publishedNeed(greek);
    crete = await publishedNeed({ ...greek, title: 'Community support for older people in Crete', nuts: 'EL43' });
    const decoys = Array.from({ length: DECOYS }, (_, i) => ({
      ...practice,
      title: `Weekly calls to older people, municipality ${i + 1}`,
      maturity: 'IMPLEMENTED',
    }));
    const ids: string[] = [];
    for (let from = 0; from < decoys.length; from += 10) {
      ids.push(...(await Promise.all(decoys.slice(from, from + 10).map((input) => publishedPractice(input)))));
    }
    inCrete = ids[0] as string;
    await adopt(inCrete, organisations.eitHealth, 'GR', 'EL43');
    best = await publishedPractice({
      ...practice,
      title: 'Attica calls older people who live alone',
      maturity: 'SCALED_UP',
      evidence: [{ kind: 'EVALUATION', url: 'https://example.org/attica-calls-evaluation' }],
    });
    await adopt(best, organisations.eitHealth, 'GR', 'EL30');
    await adopt(best, organisations.echAlliance, 'DE', 'DE21');
    // As good a match as the best, but below the maturity the need asks for.
    for (const i of [1, 2, 3]) {
      const pilot = await publishedPractice({ ...practice, title: `Older people calls pilot ${i}`, maturity: 'PILOT' });
      await adopt(pilot, organisations.eitHealth, 'GR', 'EL30');
      pilots.push(pilot);
    }
  }, 240_000);

  it('finds the best candidate among more decoys than its shortlist holds, and leaves out those below the maturity', async () => {
    const matches = ok(await stack.gql(CANDIDATES, { id: attica, first: 10 })).need.candidates as Match[];
    expect(matches).toHaveLength(10);
    expect(matches[0]?.practice.id).toBe(best);
    expect(matches[0]?.reasons).toEqual([
      'meets the maturity required (Implemented (routine use) or later): Scaled up',
      'offers CDHI 1.1.2',
      'addresses health system challenges: 6.1 Inadequate workflow management',
      'is of the service types sought: A1 Communication systems',
      'same target group: Older people',
      'same care setting: Community',
      'available in el',
      'adopted in the same region (EL30)',
      'has evidence: 1 link',
    ]);
    const ids = matches.map((match) => match.practice.id);
    for (const pilot of pilots) expect(ids).not.toContain(pilot);
    expect(ids[1]).toBe(inCrete);
    expect(matches[1]?.reasons).toContain('adopted in the same country (GR)');
    expect(matches[1]?.score).toBeLessThan(matches[0]?.score as number);
    expect(matches[2]?.score).toBeLessThan(matches[1]?.score as number);
  });

  it('pairs the practice adopted in Attica with the need in Crete, not with the one in Attica', async () => {
    const pairs = ok(await stack.gql(TWINNING, { first: 50, filter: { practiceId: best } })).twinningCandidates as {
      need: { id: string };
      adoptedIn: string[];
    }[];
    const needs = pairs.map((pair) => pair.need.id);
    expect(needs).toContain(crete);
    expect(needs).not.toContain(attica);
    expect(pairs[0]?.adoptedIn).toEqual(['DE21', 'EL30']);
  });

  it('counts the needs a filter selects by state, country, CDHI group, codes, groups, settings and maturity', async () => {
    const FACETS = `query($filter: NeedFilter) { needs(filter: $filter, first: 1) { totalCount nodes { id } facets {
      states { value count } countries { value count } cdhiGroups { value count }
      healthSystemChallenges { value count } serviceTypes { value count } targetGroups { value count }
      careSettings { value count } minMaturity { value count } } } }`;
    ok(await stack.gql(step('closeNeed'), { id: crete, version: 3 }, { key: ownerEditor }));
    const { needs } = ok(await stack.gql(FACETS, { filter: { countries: ['GR'] } }));
    expect(needs.totalCount).toBe(2);
    expect(needs.nodes).toHaveLength(1);
    expect(needs.facets).toEqual({
      states: [
        { value: 'CLOSED', count: 1 },
        { value: 'OPEN', count: 1 },
      ],
      countries: [{ value: 'GR', count: 2 }],
      cdhiGroups: [{ value: '1', count: 2 }],
      healthSystemChallenges: [{ value: '6.1', count: 2 }],
      serviceTypes: [{ value: 'A1', count: 2 }],
      targetGroups: [{ value: 'OLDER_PEOPLE', count: 2 }],
      careSettings: [{ value: 'COMMUNITY', count: 2 }],
      minMaturity: [{ value: 'IMPLEMENTED', count: 2 }],
    });
    // Facets follow the filter: only the open one, and none for a country without needs.
    const open = ok(await stack.gql(FACETS, { filter: { countries: ['GR'], states: ['OPEN'] } })).needs;
    expect(open.facets.states).toEqual([{ value: 'OPEN', count: 1 }]);
    const none = ok(await stack.gql(FACETS, { filter: { countries: ['MT'] } })).needs;
    expect(none.totalCount).toBe(0);
    expect(Object.values(none.facets).every((list) => Array.isArray(list) && list.length === 0)).toBe(true);
    // Every need, with those asking for no maturity counted as ANY.
    const all = ok(await stack.gql(FACETS, {})).needs;
    const total = all.facets.minMaturity.reduce((sum: number, facet: { count: number }) => sum + facet.count, 0);
    expect(total).toBe(all.totalCount);

    refusal(await stack.gql(FACETS, { filter: { countries: ['Greece'] } }), 'countries');
    const drafts = await stack.gql(FACETS, { filter: { statuses: ['DRAFT'] } });
    expect(drafts.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(drafts.data?.needs ?? null).toBeNull();
  });
});
