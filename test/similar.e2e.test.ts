// Similar practices and likely duplicates through the gateway: registration warns without refusing, a draft finds
// what exists with reasons, hidden practices stay hidden, and bad input is refused.
import { seedIds as organisations } from '@radar/organisations';
import { practiceFixtures, practiceSeedIds } from '@radar/practices';
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

const MATCH = 'practice { id title status } score reasons likelyDuplicate';
const REGISTER = `mutation($input: RegisterPracticeInput!) {
  registerPractice(input: $input) { id status version possibleDuplicates { ${MATCH} } } }`;
const UPDATE = `mutation($id: UUID!, $version: Int!, $input: UpdatePracticeInput!) {
  updatePractice(id: $id, version: $version, input: $input) { id version summary possibleDuplicates { ${MATCH} } } }`;
const SIMILAR_TO_DRAFT = `query($input: SimilarPracticesInput!) { similarPractices(input: $input) { ${MATCH} } }`;
const SIMILAR_TO = `query($id: UUID!, $first: Int) { practice(id: $id) { similar(first: $first) { ${MATCH} } } }`;

interface Match {
  practice: { id: string; title: string; status: string };
  score: number;
  reasons: string[];
  likelyDuplicate: boolean;
}

/** The seeded record as its owner would type it again; contributors are left out, as they must consent first. */
function smartHospitalCopy() {
  const {
    id: _id,
    publishedAt: _published,
    createdAt: _created,
    contributors: _contributors,
    ...input
  } = practiceFixtures.find(
    (fixture) => fixture.id === practiceSeedIds.smartHospitalPlatform,
  ) as (typeof practiceFixtures)[number];
  return input;
}

async function similarToDraft(input: Record<string, unknown>, key?: string) {
  const response = await stack.gql<{ similarPractices: Match[] }>(SIMILAR_TO_DRAFT, { input }, key ? { key } : {});
  expect(response.errors).toBeUndefined();
  return response.data?.similarPractices as Match[];
}

describe('registration warns of likely duplicates', () => {
  it('returns the seeded Smart Hospital platform for an exact copy by the same owner, and still registers the copy', async () => {
    const copy = smartHospitalCopy();
    expect(copy.title).toBe('Smart Hospital interactive platform');
    const registered = await stack.gql(REGISTER, { input: copy }, { key: smartHospitalEditor });
    expect(registered.errors).toBeUndefined();
    const practice = registered.data?.registerPractice;
    expect(practice).toMatchObject({ status: 'DRAFT', version: 1 });
    const original = (practice.possibleDuplicates as Match[]).find(
      (match) => match.practice.id === practiceSeedIds.smartHospitalPlatform,
    );
    expect(original).toMatchObject({ likelyDuplicate: true, score: 1 });
    expect(original?.reasons).toEqual(expect.arrayContaining(['near-identical title', 'shares CDHI 2.8 and 4.1']));
    expect(original?.reasons).toContain('same owner');
    expect((practice.possibleDuplicates as Match[]).map((match) => match.practice.id)).not.toContain(practice.id);

    const stored = await stack.gql(
      `query($id: UUID!) { practice(id: $id) { title status } }`,
      { id: practice.id },
      {
        key: smartHospitalEditor,
      },
    );
    expect(stored.data?.practice).toEqual({ title: 'Smart Hospital interactive platform', status: 'DRAFT' });

    // Changing the copy still warns, and still saves.
    const updated = await stack.gql(
      UPDATE,
      { id: practice.id, version: 1, input: { summary: 'The same platform, registered again by mistake.' } },
      { key: smartHospitalEditor },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updatePractice).toMatchObject({
      version: 2,
      summary: 'The same platform, registered again by mistake.',
    });
    const stillWarned = ((updated.data?.updatePractice.possibleDuplicates ?? []) as Match[]).find(
      (match) => match.practice.id === practiceSeedIds.smartHospitalPlatform,
    );
    expect(stillWarned?.likelyDuplicate).toBe(true);
    expect(stillWarned?.reasons).toContain('near-identical title');
  });

  it('warns of nothing for a practice unlike any other', async () => {
    const registered = await stack.gql(
      REGISTER,
      {
        input: {
          title: 'Quarterly audit of rural ambulance response times',
          summary: 'Ambulance dispatch centres compare their response times every quarter.',
          type: 'METHOD_TOOL',
          maturity: 'CONCEPT',
          ownerId: organisations.digitalEurope,
        },
      },
      { key: digitalEuropeEditor },
    );
    expect(registered.errors).toBeUndefined();
    expect(registered.data?.registerPractice.possibleDuplicates).toEqual([]);
  });
});

describe('similarPractices for a draft', () => {
  const draft = {
    title: 'Interactive hospital innovation platform',
    summary:
      'A platform and network giving hospital communities access to medical innovations and health technologies, adapted to local needs.',
    cdhiCodes: ['2.8.1', '4.1'],
    topics: ['UPTAKE_SCALING'],
    targetGroups: ['HEALTH_PROFESSIONALS'],
    careSettings: ['HOSPITAL'],
    type: 'DIGITAL_SERVICE',
    maturity: 'PILOT',
    first: 5,
  };

  it('finds the Smart Hospital platform first, with reasons naming the shared codes', async () => {
    const matches = await similarToDraft(draft);
    expect(matches[0]?.practice.id).toBe(practiceSeedIds.smartHospitalPlatform);
    expect(matches[0]?.reasons).toEqual(
      expect.arrayContaining([
        'shares CDHI 4.1',
        'same CDHI group 2.8',
        'same target group: Health and care professionals',
        'same care setting: Hospital',
        'same type',
      ]),
    );
    expect(matches[0]?.likelyDuplicate).toBe(false);
    expect(matches.length).toBeGreaterThan(1);
    expect(matches.length).toBeLessThanOrEqual(5);
    for (const [index, match] of matches.entries()) {
      expect(match.score).toBeGreaterThan(0);
      expect(match.score).toBeLessThanOrEqual(1);
      if (index > 0) expect(match.score).toBeLessThanOrEqual(matches[index - 1]?.score as number);
    }
    // The registry shares CDHI 4.1 too, and ranks below.
    const registry = matches.find((match) => match.practice.id === practiceSeedIds.radarRegistry);
    expect(registry?.reasons).toContain('shares CDHI 4.1');
  });

  it('counts a shared CDHI code above a shared group, and a shared group above a shared top group', async () => {
    const scoreWith = async (cdhiCodes: string[]) => {
      const matches = await similarToDraft({
        title: 'Quarterly ambulance audit',
        cdhiCodes,
        careSettings: ['HOSPITAL'],
        type: 'DIGITAL_SERVICE',
        maturity: 'IMPLEMENTED',
        first: 50,
      });
      const match = matches.find((found) => found.practice.id === practiceSeedIds.smartHospitalPlatform);
      return { score: match?.score ?? 0, reasons: match?.reasons ?? [] };
    };
    const exact = await scoreWith(['2.8']);
    const group = await scoreWith(['2.8.2']);
    const topGroup = await scoreWith(['2.1']);
    expect(exact.reasons).toContain('shares CDHI 2.8');
    expect(group.reasons).toContain('same CDHI group 2.8');
    expect(topGroup.reasons).toContain('same CDHI group 2');
    expect(exact.score).toBeGreaterThan(group.score);
    expect(group.score).toBeGreaterThan(topGroup.score);
  });

  it('compares texts in every language a practice has', async () => {
    const matches = await similarToDraft({ title: 'Platforma interactiva Smart Hospital', first: 1 });
    expect(matches).toHaveLength(1);
    expect(matches[0]?.practice.id).toBe(practiceSeedIds.smartHospitalPlatform);
    expect(matches[0]?.reasons).toContain('near-identical title');
  });

  it('compares a draft\u2019s translations too', async () => {
    const matches = await similarToDraft({
      title: 'Community network for hospital innovation',
      translations: [
        {
          language: 'ro',
          title: 'Platforma interactivă Smart Hospital',
          summary: 'O platformă interactivă pentru comunitățile medicale.',
        },
      ],
      first: 3,
    });
    expect(matches[0]?.practice.id).toBe(practiceSeedIds.smartHospitalPlatform);
    expect(matches[0]?.reasons).toContain('near-identical title');
  });

  it('names a stored practice\u2019s own similar practices, leaving itself out', async () => {
    const response = await stack.gql(SIMILAR_TO, { id: practiceSeedIds.smartHospitalPlatform, first: 50 });
    expect(response.errors).toBeUndefined();
    const matches = response.data?.practice.similar as Match[];
    const ids = matches.map((match) => match.practice.id);
    expect(ids).not.toContain(practiceSeedIds.smartHospitalPlatform);
    expect(ids).toContain(practiceSeedIds.radarRegistry);
    expect(matches.every((match) => match.practice.status === 'PUBLISHED')).toBe(true);
  });

  it('answers similar for every practice of a page', async () => {
    const response = await stack.gql(
      `{ practices(first: 20) { nodes { id similar(first: 2) { practice { id } score } } } }`,
    );
    expect(response.errors).toBeUndefined();
    const nodes = response.data?.practices.nodes as { id: string; similar: { practice: { id: string } }[] }[];
    expect(nodes.length).toBeGreaterThan(3);
    for (const node of nodes) {
      expect(node.similar.length).toBeLessThanOrEqual(2);
      expect(node.similar.map((match) => match.practice.id)).not.toContain(node.id);
    }
    const smartHospital = nodes.find((node) => node.id === practiceSeedIds.smartHospitalPlatform);
    expect(smartHospital?.similar.length).toBeGreaterThan(0);
  });
});

describe('near-duplicates written differently', () => {
  const classification = {
    cdhiCodes: ['2.4.2', '1.4.2'],
    topics: ['TELEMONITORING'],
    targetGroups: ['OLDER_PEOPLE'],
    careSettings: ['HOME'],
    type: 'DIGITAL_SERVICE',
    maturity: 'IMPLEMENTED',
  };
  const original = {
    title: 'BreatheWatch: remote patient monitoring for older adults with COPD',
    summary:
      'BreatheWatch offers remote patient monitoring to older adults with chronic obstructive pulmonary disease in Kaunas. Older adults share daily symptoms with their nurse through a tablet.',
    description: 'It started in 2017 at a university hospital and now serves 3150 patients.',
    ...classification,
  };
  // Practices about the same things, in the same words, classified alike: what the copies must not be taken for.
  const lookalikes = [
    {
      title: 'Remote patient monitoring for older adults with heart failure',
      summary:
        'The service offers remote patient monitoring to older adults with heart failure in Riga. Older adults share daily symptoms with their nurse through a tablet.',
      ...classification,
    },
    {
      title: 'PulmoLink: remote patient monitoring for older adults with COPD',
      summary:
        'PulmoLink offers remote patient monitoring to older adults with chronic obstructive pulmonary disease in Tartu. Older adults share daily symptoms with their care team through a mobile app.',
      ...classification,
    },
    {
      title: 'Remote patient monitoring for rural residents in Kaunas',
      summary:
        'The service offers remote patient monitoring to rural residents with asthma in Kaunas. Rural residents share glucose values with their nurse through a tablet.',
      ...classification,
      targetGroups: ['PATIENTS_CITIZENS'],
    },
  ];
  let originalId: string;

  beforeAll(async () => {
    for (const practice of [original, ...lookalikes]) {
      const registered = await stack.gql(
        REGISTER,
        { input: { ...practice, ownerId: organisations.digitalEurope } },
        { key: digitalEuropeEditor },
      );
      expect(registered.errors).toBeUndefined();
      if (practice === original) originalId = registered.data?.registerPractice.id;
    }
  });

  const ranked = async (draft: Record<string, unknown>) =>
    (await similarToDraft({ ...draft, first: 10 }, stack.keys.curator)).map((match) => match.practice.id);

  it('finds a practice from a copy in a language it has no text in, by its name, numbers and classification', async () => {
    const ids = await ranked({
      title: 'BreatheWatch : télésurveillance des personnes âgées atteintes de BPCO',
      summary:
        'BreatheWatch propose la télésurveillance des patients aux personnes âgées atteintes de bronchopneumopathie chronique obstructive à Kaunas.',
      description: 'Elle a démarré en 2017 dans un hôpital universitaire et suit aujourd’hui 3150 patients.',
      ...classification,
    });
    expect(ids[0]).toBe(originalId);
  });

  it('finds a practice from a copy titled by its name alone, with a shortened summary in acronyms', async () => {
    const ids = await ranked({
      title: 'BreatheWatch',
      summary: 'BreatheWatch offers RPM to older adults with COPD in Kaunas.',
      ...classification,
      maturity: 'SCALED_UP',
    });
    expect(ids[0]).toBe(originalId);
  });

  it('finds a practice from a copy with its words reordered and misspelt', async () => {
    const ids = await ranked({
      title: 'Older adults with COPD: remote patient monitorign – BreatheWatch',
      summary:
        'Older adults share daily symptoms with their nurse through a tablet. BreatheWatch provides remote patient monitoring to older adults with chronic obstructive pulmonary disease in Kaunas.',
      ...classification,
    });
    expect(ids[0]).toBe(originalId);
  });

  it('ranks a lookalike with the same words but another condition and place below the original', async () => {
    const matches = await similarToDraft({ ...original, first: 10 }, stack.keys.curator);
    expect(matches[0]?.practice.id).toBe(originalId);
    expect(matches[0]?.likelyDuplicate).toBe(true);
    expect(matches.slice(1).every((match) => match.score < (matches[0]?.score as number))).toBe(true);
  });
});

describe('stored lists', () => {
  it('are ranked by the subgraph soon after a write, with no request asking', async () => {
    const copy = { ...smartHospitalCopy(), title: 'Smart Hospital interactive platform, ranked by the subgraph' };
    const registered = await stack.gql(REGISTER, { input: copy }, { key: smartHospitalEditor });
    expect(registered.errors).toBeUndefined();
    const id = registered.data?.registerPractice.id as string;
    const sql = (statement: string) =>
      stack.practices.db.orm.em.fork().getConnection().execute(statement, [id], 'all') as Promise<unknown[]>;
    // The subgraph looks at its queue twice a second; a loaded machine may take longer.
    let listed: unknown[] = [];
    for (let look = 0; look < 120 && listed.length === 0; look += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      listed = await sql('select practice_id from practice_similar_list where practice_id = ?');
    }
    expect(listed).toHaveLength(1);
    expect(await sql('select practice_id from practice_similar_queue where practice_id = ?')).toEqual([]);
  });
});

describe('statements', () => {
  it('ranks similar practices and duplicates for a page of 8 in as many statements as for a page of 2', async () => {
    const statementsFor = async (first: number) => {
      const before = stack.practices.db.statements.total;
      const response = await stack.gql(
        `query($first: Int) { practices(first: $first) { nodes { id
          similar(first: 3) { practice { id title } score reasons } possibleDuplicates { practice { id } } } } }`,
        { first },
        { key: stack.keys.curator },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data?.practices.nodes).toHaveLength(first);
      return stack.practices.db.statements.total - before;
    };
    const small = await statementsFor(2);
    expect(await statementsFor(8)).toBe(small);
  });

  it('answers similarPractices in one statement', async () => {
    const before = stack.practices.db.statements.total;
    const response = await stack.gql(
      SIMILAR_TO_DRAFT,
      { input: { title: 'Smart Hospital interactive platform', first: 3 } },
      { key: stack.keys.curator },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.similarPractices.map((match: Match) => match.practice.id)).toContain(
      practiceSeedIds.smartHospitalPlatform,
    );
    expect(stack.practices.db.statements.total - before).toBe(1);
  });
});

describe('only what the caller may see', () => {
  const hidden = {
    title: 'Hidden cardiology tele-rehabilitation programme',
    summary: 'Cardiac patients exercise at home with remote supervision by their cardiology team.',
    cdhiCodes: ['2.4.2'],
    topics: ['TELEMONITORING'],
    targetGroups: ['PATIENTS_CITIZENS'],
    careSettings: ['HOME'],
    type: 'DIGITAL_SERVICE',
    maturity: 'PILOT',
  };
  let hiddenId: string;

  beforeAll(async () => {
    const registered = await stack.gql(
      REGISTER,
      { input: { ...hidden, ownerId: organisations.digitalEurope } },
      { key: digitalEuropeEditor },
    );
    expect(registered.errors).toBeUndefined();
    hiddenId = registered.data?.registerPractice.id;
  });

  it('never returns another owner\u2019s draft to an anonymous caller or another organisation\u2019s editor', async () => {
    for (const key of [undefined, smartHospitalEditor]) {
      const matches = await similarToDraft({ ...hidden, first: 50 }, key);
      expect(matches.map((match) => match.practice.id)).not.toContain(hiddenId);
    }
    // The same draft is found by its owner's editors and by curators.
    for (const key of [digitalEuropeEditor, stack.keys.curator]) {
      const matches = await similarToDraft({ ...hidden, first: 50 }, key);
      expect(matches[0]?.practice.id).toBe(hiddenId);
      expect(matches[0]?.likelyDuplicate).toBe(true);
    }
  });

  it('leaves out the owner\u2019s draft copy from a published practice\u2019s similar, for anyone but its editors', async () => {
    const copies = async (key?: string) => {
      const response = await stack.gql(
        SIMILAR_TO,
        { id: practiceSeedIds.smartHospitalPlatform, first: 50 },
        key ? { key } : {},
      );
      expect(response.errors).toBeUndefined();
      // The copy the first test registered; other drafts an editor's organisation owns are the editor's to see.
      return ((response.data?.practice.similar ?? []) as Match[]).filter(
        (match) => match.practice.status === 'DRAFT' && match.practice.title === 'Smart Hospital interactive platform',
      );
    };
    expect(await copies()).toEqual([]);
    expect(await copies(digitalEuropeEditor)).toEqual([]);
    const own = await copies(smartHospitalEditor);
    expect(own.map((match) => match.practice.title)).toContain('Smart Hospital interactive platform');
  });
});

describe('bad input', () => {
  it.each([
    ['first: 0', { title: 'Smart Hospital', first: 0 }],
    ['first: 100', { title: 'Smart Hospital', first: 100 }],
    ['an unknown CDHI code', { title: 'Smart Hospital', cdhiCodes: ['9.9.9'] }],
    ['an empty title', { title: '   ' }],
    [
      'a translation into an unknown language',
      {
        title: 'Smart Hospital',
        translations: [{ language: 'xx', title: 'Smart', summary: 'A summary long enough.' }],
      },
    ],
  ])('refuses similarPractices with %s as BAD_USER_INPUT', async (_name, input) => {
    const response = await stack.gql(SIMILAR_TO_DRAFT, { input });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.data?.similarPractices ?? null).toBeNull();
  });

  it.each([0, 51])('refuses Practice.similar(first: %i) as BAD_USER_INPUT', async (first) => {
    const response = await stack.gql(SIMILAR_TO, { id: practiceSeedIds.smartHospitalPlatform, first });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.field ?? response.errors?.[0]?.message).toBeTruthy();
  });
});
