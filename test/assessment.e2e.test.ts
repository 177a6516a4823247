// Assessments against the EU Best Practice Portal's criteria, through the gateway: a curator records one, anyone
// reads those of published practices, a newer one supersedes and the older stays in the history, the label follows
// the documented rule, and searches filter and count by it. Anyone but a curator is refused, bad input is refused
// field by field, and in every refusal nothing is written.
import { seedIds as organisations } from '@radar/organisations';
import { practiceSeedIds } from '@radar/practices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishNewPractice, type Stack, startStack } from './support/stack.js';

let stack: Stack;
let editor: string;

const CRITERIA = [
  'RELEVANCE',
  'INTERVENTION_CHARACTERISTICS',
  'EVIDENCE_AND_THEORY',
  'ETHICS',
  'EFFECTIVENESS_EFFICIENCY',
  'EQUITY',
  'TRANSFERABILITY',
  'SUSTAINABILITY',
  'INTERSECTORAL_COLLABORATION',
  'PARTICIPATION',
] as const;
type Criterion = (typeof CRITERIA)[number];

/** Scores for every criterion: `all` unless `except` says otherwise. */
const scores = (all: number, except: Partial<Record<Criterion, number>> = {}) =>
  CRITERIA.map((criterion) => ({
    criterion,
    score: except[criterion] ?? all,
    note: `Scored ${except[criterion] ?? all} on ${criterion.toLowerCase()}.`,
  }));

const RECORD = `mutation($input: RecordAssessmentInput!) { recordAssessment(input: $input) {
  id assessedOn assessor label meanScore comment current supersededAt scores { criterion score note } } }`;
const ASSESSMENTS = `query($id: UUID!) { practice(id: $id) {
  assessmentLabel assessment { id label current } assessments { id label current supersededAt assessedOn } } }`;

/** Records as the curator unless another key (or null, none) is given. */
async function record(input: Record<string, unknown>, key: string | null = stack.keys.curator) {
  return stack.gql(RECORD, { input }, key ? { key } : {});
}

async function assessmentsOf(id: string, key?: string) {
  const response = await stack.gql(ASSESSMENTS, { id }, key ? { key } : {});
  expect(response.errors).toBeUndefined();
  return response.data?.practice;
}

async function publish(title: string) {
  return publishNewPractice(stack, title, editor, 'A practice a curator assesses in these tests.');
}

beforeAll(async () => {
  stack = await startStack();
  editor = await stack.keys.editorOf(organisations.smartHospital);
});
afterAll(async () => {
  await stack?.stop();
});

describe('recording an assessment', () => {
  it('gives a curator’s assessment its label, scores and notes, and shows it to anyone', async () => {
    const id = practiceSeedIds.smartHospitalPlatform;
    const recorded = await record({
      practiceId: id,
      assessedOn: '2026-11-20',
      scores: scores(4, { PARTICIPATION: 3 }),
      comment: '  Routine use in three hospitals, evaluated.  ',
    });
    expect(recorded.errors).toBeUndefined();
    const assessment = recorded.data?.recordAssessment;
    expect(assessment).toMatchObject({
      assessedOn: '2026-11-20',
      assessor: 'test curator',
      label: 'BEST_PRACTICE',
      meanScore: 3.9,
      comment: 'Routine use in three hospitals, evaluated.',
      current: true,
      supersededAt: null,
    });
    expect(assessment.scores.map((entry: { criterion: string }) => entry.criterion)).toEqual([...CRITERIA]);
    expect(assessment.scores.at(-1)).toEqual({
      criterion: 'PARTICIPATION',
      score: 3,
      note: 'Scored 3 on participation.',
    });

    const seenByAnyone = await assessmentsOf(id);
    expect(seenByAnyone.assessmentLabel).toBe('BEST_PRACTICE');
    expect(seenByAnyone.assessment).toEqual({ id: assessment.id, label: 'BEST_PRACTICE', current: true });
    expect(seenByAnyone.assessments).toHaveLength(1);
  });

  it('dates an assessment today when no day is given', async () => {
    const id = await publish('Assessed today');
    const recorded = await record({ practiceId: id, scores: scores(2) });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data?.recordAssessment.assessedOn).toBe(new Date().toISOString().slice(0, 10));
  });

  it('lets a curator assess a draft, which stays out of public view with its assessment', async () => {
    const registered = await stack.gql(
      `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`,
      {
        input: {
          title: 'Draft under assessment',
          summary: 'A draft practice a curator assesses early.',
          type: 'APP',
          maturity: 'PILOT',
          ownerId: organisations.smartHospital,
        },
      },
      { key: editor },
    );
    const id = registered.data?.registerPractice.id as string;
    expect((await record({ practiceId: id, scores: scores(3) })).errors).toBeUndefined();
    const anonymous = await stack.gql(ASSESSMENTS, { id });
    expect(anonymous.data?.practice).toBeNull();
    expect((await assessmentsOf(id, stack.keys.curator)).assessmentLabel).toBe('BEST_PRACTICE');
  });

  it('records who assessed and how the label changed in the practice’s history', async () => {
    const id = await publish('Assessed with history');
    await record({ practiceId: id, scores: scores(2) });
    await record({ practiceId: id, scores: scores(4) });
    const history = await stack.gql(
      `query($id: UUID!) { practice(id: $id) { history { action actor changes } } }`,
      { id },
      { key: stack.keys.curator },
    );
    const events = (history.data?.practice.history ?? []) as { action: string; actor: string; changes: string }[];
    const assessed = events.filter((event) => event.action === 'ASSESSED');
    expect(assessed.map((event) => [event.actor, JSON.parse(event.changes)])).toEqual([
      ['test curator', { assessmentLabel: { from: 'NOT_ASSESSED', to: 'PROMISING_PRACTICE' } }],
      ['test curator', { assessmentLabel: { from: 'PROMISING_PRACTICE', to: 'BEST_PRACTICE' } }],
    ]);
  });
});

describe('what an assessment changes on the practice', () => {
  it('moves its updatedAt for harvesters but not its version, so its editors’ reads stay good', async () => {
    const id = await publish('Assessed while edited');
    const READ = `query($id: UUID!) { practice(id: $id) { version updatedAt } }`;
    const before = (await stack.gql(READ, { id })).data?.practice;
    expect((await record({ practiceId: id, scores: scores(3) })).errors).toBeUndefined();
    const after = (await stack.gql(READ, { id })).data?.practice;
    expect(after.version).toBe(before.version);
    expect(Date.parse(after.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
    const changes = await stack.gql(
      `query($since: DateTimeISO) { practiceChanges(input: { since: $since }) { nodes { id } } }`,
      { since: after.updatedAt },
    );
    expect(changes.errors).toBeUndefined();
    expect(changes.data?.practiceChanges.nodes.map((node: { id: string }) => node.id)).toContain(id);
    const edited = await stack.gql(
      `mutation($id: UUID!, $version: Int!) { updatePractice(id: $id, version: $version, input: { trl: 7 }) { id } }`,
      { id, version: before.version },
      { key: editor },
    );
    expect(edited.errors).toBeUndefined();
  });
});

describe('who may record', () => {
  it('refuses the owner’s editor (FORBIDDEN) and a caller without a key (UNAUTHENTICATED), writing nothing', async () => {
    const id = await publish('Not for editors to assess');
    const byEditor = await record({ practiceId: id, scores: scores(4) }, editor);
    expect(byEditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(byEditor.data?.recordAssessment ?? null).toBeNull();
    const anonymous = await record({ practiceId: id, scores: scores(4) }, null);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // Who may record is asked first: an invalid assessment tells an editor only that assessing is not theirs.
    const invalid = { practiceId: id, assessedOn: '2999-01-01', scores: scores(3, { RELEVANCE: 9 }) };
    const invalidByEditor = await record(invalid, editor);
    expect(invalidByEditor.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(invalidByEditor.errors?.[0]?.extensions?.problems).toBeUndefined();
    expect((await record(invalid, null)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const after = await assessmentsOf(id);
    expect(after).toEqual({ assessmentLabel: 'NOT_ASSESSED', assessment: null, assessments: [] });
  });
});

describe('bad input', () => {
  let id: string;
  beforeAll(async () => {
    id = await publish('Assessed with mistakes');
  });

  const refusals: [string, () => Record<string, unknown>, string, RegExp][] = [
    [
      'a missing criterion',
      () => ({ practiceId: id, scores: scores(3).filter((entry) => entry.criterion !== 'EQUITY') }),
      'scores',
      /must score all 10 criteria; EQUITY is missing/,
    ],
    [
      'a criterion scored twice',
      () => ({ practiceId: id, scores: [...scores(3), { criterion: 'ETHICS', score: 1, note: 'Again.' }] }),
      'scores',
      /must score each criterion once; ETHICS is scored more than once/,
    ],
    [
      'a score above 4',
      () => ({ practiceId: id, scores: scores(3, { RELEVANCE: 5 }) }),
      'scores[0].score',
      /must be 0 to 4/,
    ],
    [
      'a score below 0',
      () => ({ practiceId: id, scores: scores(3, { PARTICIPATION: -1 }) }),
      'scores[9].score',
      /must be 0 to 4/,
    ],
    [
      'an empty note',
      () => ({
        practiceId: id,
        scores: scores(3).map((entry, index) => (index === 2 ? { ...entry, note: '  ' } : entry)),
      }),
      'scores[2].note',
      /must not be empty/,
    ],
    [
      'a day in the future',
      () => ({ practiceId: id, assessedOn: '2999-01-01', scores: scores(3) }),
      'assessedOn',
      /must not be in the future/,
    ],
    [
      'an unknown practice',
      () => ({ practiceId: '5e1d3c0a-8b1f-4c4e-9d3a-1a0b2c3dffff', scores: scores(3) }),
      'practiceId',
      /practice 5e1d3c0a-8b1f-4c4e-9d3a-1a0b2c3dffff does not exist/,
    ],
  ];

  it.each(refusals)(
    'refuses %s as BAD_USER_INPUT on the field, writing nothing',
    async (_what, input, field, message) => {
      const response = await record(input());
      const error = response.errors?.[0];
      expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error?.extensions?.field).toBe(field);
      expect(error?.message).toMatch(message);
      expect(response.data?.recordAssessment ?? null).toBeNull();
      expect((await assessmentsOf(id)).assessments).toEqual([]);
    },
  );

  it('lists every problem at once, a day in the future with bad scores and notes', async () => {
    const response = await record({
      practiceId: id,
      assessedOn: '2999-01-01',
      scores: scores(3, { RELEVANCE: 5 }).map((entry, index) => (index === 2 ? { ...entry, note: ' ' } : entry)),
      comment: '  ',
    });
    const error = response.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    const problems = error?.extensions?.problems as { field: string; message: string }[];
    expect(problems.map((problem) => problem.field).sort()).toEqual(
      ['assessedOn', 'comment', 'scores[0].score', 'scores[2].note'].sort(),
    );
    expect(problems.find((problem) => problem.field === 'assessedOn')?.message).toBe('must not be in the future');
    expect(error?.message).toMatch(/and 3 more problems/);
    expect((await assessmentsOf(id)).assessments).toEqual([]);
  });

  it('takes today and trims the texts it checks', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const practiceId = await publish('Assessed today');
    const response = await record({
      practiceId,
      assessedOn: today,
      scores: scores(3).map((entry) => ({ ...entry, note: `  ${entry.note}  ` })),
      comment: '  Checked on site.  ',
    });
    expect(response.errors).toBeUndefined();
    const recorded = response.data?.recordAssessment;
    expect(recorded).toMatchObject({ assessedOn: today, comment: 'Checked on site.', current: true });
    expect(recorded.scores[0].note).toBe('Scored 3 on relevance.');
  });

  it('refuses a day that does not exist as BAD_USER_INPUT, writing nothing', async () => {
    const response = await record({ practiceId: id, assessedOn: '2026-02-30', scores: scores(3) });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/2026-02-30/);
    expect((await assessmentsOf(id)).assessments).toEqual([]);
  });

  it('refuses a criterion that is not one of the Portal’s before anything runs', async () => {
    const response = await record({
      practiceId: id,
      scores: [...scores(3).slice(1), { criterion: 'POPULARITY', score: 4, note: 'Liked.' }],
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await assessmentsOf(id)).assessments).toEqual([]);
  });

  it('refuses a deleted practice as unknown', async () => {
    const doomed = await publish('Deleted before assessment');
    const version = (await stack.gql(`query($id: UUID!) { practice(id: $id) { version } }`, { id: doomed })).data
      ?.practice.version;
    const deleted = await stack.gql(
      `mutation($id: UUID!, $version: Int!) { deletePractice(id: $id, version: $version) { id } }`,
      { id: doomed, version },
      { key: stack.keys.curator },
    );
    expect(deleted.errors).toBeUndefined();
    const response = await record({ practiceId: doomed, scores: scores(3) });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'practiceId' });
  });
});

describe('the label rule', () => {
  const cases: [string, string, ReturnType<typeof scores>][] = [
    ['every criterion at 3', 'BEST_PRACTICE', scores(3)],
    ['exclusion and core at 3 but a mean below 3', 'PROMISING_PRACTICE', scores(3, { TRANSFERABILITY: 2 })],
    ['a core criterion at 2, the rest at 4', 'PROMISING_PRACTICE', scores(4, { EQUITY: 2 })],
    ['an exclusion criterion at 2, the rest at 4', 'PROMISING_PRACTICE', scores(4, { ETHICS: 2 })],
    [
      'qualifiers at 0 with exclusion criteria met',
      'PROMISING_PRACTICE',
      scores(2, { SUSTAINABILITY: 0, PARTICIPATION: 0 }),
    ],
    ['an exclusion criterion at 1, the rest at 4', 'NOT_RECOMMENDED', scores(4, { EVIDENCE_AND_THEORY: 1 })],
    ['every criterion at 0', 'NOT_RECOMMENDED', scores(0)],
  ];

  it.each(cases)('labels %s as %s', async (what, label, given) => {
    const id = await publish(`Rule: ${what}`);
    const response = await record({ practiceId: id, scores: given });
    expect(response.errors).toBeUndefined();
    expect(response.data?.recordAssessment.label).toBe(label);
    expect((await assessmentsOf(id)).assessmentLabel).toBe(label);
  });

  it('states the rule with each label and lists the criteria, in the codeList query', async () => {
    const response = await stack.gql(`{ criteria: codeList(name: ASSESSMENT_CRITERIA) { code label }
      labels: codeList(name: ASSESSMENT_LABELS) { code definition } }`);
    expect(response.data?.criteria.map((entry: { code: string }) => entry.code)).toEqual([...CRITERIA]);
    expect(response.data?.labels.map((entry: { code: string }) => entry.code)).toEqual([
      'BEST_PRACTICE',
      'PROMISING_PRACTICE',
      'NOT_RECOMMENDED',
      'NOT_ASSESSED',
    ]);
  });
});

describe('supersession', () => {
  it('makes the newer assessment current and keeps the older one, newest first', async () => {
    const id = await publish('Assessed twice');
    const first = (await record({ practiceId: id, assessedOn: '2025-06-01', scores: scores(1) })).data
      ?.recordAssessment;
    const second = (await record({ practiceId: id, assessedOn: '2026-06-01', scores: scores(3) })).data
      ?.recordAssessment;
    const practice = await assessmentsOf(id);
    expect(practice.assessmentLabel).toBe('BEST_PRACTICE');
    expect(practice.assessment).toEqual({ id: second.id, label: 'BEST_PRACTICE', current: true });
    expect(
      practice.assessments.map((entry: { id: string; label: string; current: boolean }) => [
        entry.id,
        entry.label,
        entry.current,
      ]),
    ).toEqual([
      [second.id, 'BEST_PRACTICE', true],
      [first.id, 'NOT_RECOMMENDED', false],
    ]);
    expect(practice.assessments[0].supersededAt).toBeNull();
    expect(Date.parse(practice.assessments[1].supersededAt)).not.toBeNaN();
  });

  it('keeps exactly one current assessment when curators record at once', async () => {
    const id = await publish('Assessed at once');
    const results = await Promise.all([1, 2, 3, 4].map((score) => record({ practiceId: id, scores: scores(score) })));
    for (const result of results) expect(result.errors).toBeUndefined();
    const practice = await assessmentsOf(id);
    expect(practice.assessments).toHaveLength(4);
    expect(practice.assessments.filter((entry: { current: boolean }) => entry.current)).toHaveLength(1);
    expect(practice.assessment.id).toBe(practice.assessments[0].id);
  });
});

describe('searching by label', () => {
  const WORD = 'wombatgrade';
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    for (const [name, given] of [
      ['best', scores(4)],
      ['promising', scores(2)],
      ['superseded', scores(4)],
      ['unassessed', null],
    ] as const) {
      ids[name] = await publishNewPractice(stack, `${WORD} ${name}`, editor, `The ${WORD} practice, ${name}.`);
      if (given) expect((await record({ practiceId: ids[name], scores: given })).errors).toBeUndefined();
    }
    // Best once, then not recommended: only the current label counts.
    await record({ practiceId: ids.superseded as string, scores: scores(4, { RELEVANCE: 0 }) });
  });

  const search = async (assessment: string[]) => {
    const response = await stack.gql(
      `query($filter: PracticeFilter) { practices(filter: $filter, first: 100) {
        totalCount nodes { id assessmentLabel } facets { assessment { value count } } } }`,
      { filter: { text: WORD, ...(assessment.length ? { assessment } : {}) } },
    );
    expect(response.errors).toBeUndefined();
    return response.data?.practices;
  };

  it('filters on the current label, NOT_ASSESSED finding those with none', async () => {
    expect((await search(['BEST_PRACTICE'])).nodes.map((node: { id: string }) => node.id)).toEqual([ids.best]);
    expect(
      (await search(['PROMISING_PRACTICE', 'NOT_RECOMMENDED'])).nodes.map((node: { id: string }) => node.id).sort(),
    ).toEqual([ids.promising, ids.superseded].sort());
    expect((await search(['NOT_ASSESSED'])).nodes.map((node: { id: string }) => node.id)).toEqual([ids.unassessed]);
  });

  it('counts practices per current label in the facets', async () => {
    const found = await search([]);
    expect(found.totalCount).toBe(4);
    expect(found.facets.assessment).toEqual([
      { value: 'BEST_PRACTICE', count: 1 },
      { value: 'NOT_ASSESSED', count: 1 },
      { value: 'NOT_RECOMMENDED', count: 1 },
      { value: 'PROMISING_PRACTICE', count: 1 },
    ]);
  });

  it('refuses a label that does not exist', async () => {
    const response = await stack.gql(`{ practices(filter: { assessment: [EXCELLENT] }) { totalCount } }`);
    expect(response.errors?.[0]?.extensions?.code).toMatch(/GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT/);
  });
});
