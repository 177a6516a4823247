// Import of adoptions and needs, and of the state a record ends in, through the gateway over real HTTP and
// PostgreSQL: adoptions matched by source key and their references resolved, needs with WHO codes, practices and
// needs published only by curators, times carried only by curators; bad rows refused with their column and nothing
// written, a dry run writing nothing, and a re-run changing nothing.
import { csvRows, gatewayClient, type ReportEntry, runImport, type SourceRow } from '@radar/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ seed: false });
  const { records } = await importCsv([
    { type: 'organisations', csv: ORGANISATIONS },
    { type: 'practices', csv: PRACTICES },
  ]);
  expect(records.filter((entry) => entry.outcome !== 'created')).toEqual([]);
});
afterAll(async () => {
  await stack?.stop();
});

async function importCsv(
  files: { type: SourceRow['type']; csv: string }[],
  options: { key?: string; dryRun?: boolean; keepTimes?: boolean } = {},
) {
  const records: ReportEntry[] = [];
  const summary = await runImport(
    (async function* () {
      for (const file of files) yield* csvRows(file.type, file.csv, file.type);
    })(),
    {
      client: gatewayClient(stack.gatewayUrl, options.key ?? stack.keys.curator),
      source: 'partner-test',
      run: 'test-run',
      dryRun: options.dryRun ?? false,
      keepTimes: options.keepTimes ?? false,
      onRecord: (entry) => records.push(entry),
    },
  );
  return { summary, records };
}

const brief = (records: ReportEntry[]) =>
  records.map(({ type, line, outcome, field, code }) => ({
    type,
    line,
    outcome,
    ...(field ? { field } : {}),
    ...(code ? { code } : {}),
  }));

async function bySource(
  query: 'organisationBySource' | 'practiceBySource' | 'adoptionBySource' | 'needBySource',
  sourceId: string,
  fields: string,
) {
  const answer = await stack.gql(
    `query($sourceId: String!) { record: ${query}(source: "partner-test", sourceId: $sourceId) { ${fields} } }`,
    { sourceId },
    { key: stack.keys.curator },
  );
  expect(answer.errors).toBeUndefined();
  return answer.data?.record as Record<string, any> | null;
}

const ORGANISATIONS = `sourceId,name,kind,country
ORG-A,Adoption Owner Clinic,HEALTHCARE_PROVIDER,RO
ORG-B,Adopting Hospital,HEALTHCARE_PROVIDER,RO
ORG-C,Bystander Institute,RESEARCH_ORGANISATION,FR
`;
const PRACTICES = `sourceId,title,summary,type,maturity,owner,healthSystemChallenges,serviceTypes,status
PR-A,Imported remote triage,Triage at a distance imported from a partner,APP,IMPLEMENTED,ORG-A,3.5;1.1,A9,PUBLISHED
`;
const ADOPTIONS = `sourceId,practice,adopter,country,nuts,scale,status,startDate,endDate,note
AD-1,PR-A,ORG-B,RO,RO21,LOCAL,ONGOING,2025-01-01,,Two wards
AD-2,PR-A,ORG-C,FR,,PILOT,PLANNED,,,
`;
const NEEDS = `sourceId,title,description,owner,country,nuts,cdhiCodes,healthSystemChallenges,minMaturity,status
NE-1,Remote triage for rural clinics,Patients travel hours to be triaged in the county town.,ORG-B,RO,RO21,1.4.1,3.5,PILOT,PUBLISHED
`;

describe('import of adoptions', () => {
  it('a dry run reports what it would do and writes nothing', async () => {
    const { records } = await importCsv([{ type: 'adoptions', csv: ADOPTIONS }], { dryRun: true });
    expect(brief(records)).toEqual([
      { type: 'adoptions', line: 2, outcome: 'created' },
      { type: 'adoptions', line: 3, outcome: 'created' },
    ]);
    expect(await bySource('adoptionBySource', 'AD-1', 'id')).toBeNull();
    // A practice the same dry run would create is not there: an adoption of it is checked against a practice of the
    // same owner and status instead.
    const withPractice = await importCsv(
      [
        { type: 'practices', csv: PRACTICES.replaceAll('PR-A', 'PR-D') },
        { type: 'adoptions', csv: ADOPTIONS.replaceAll('PR-A', 'PR-D') },
      ],
      { dryRun: true },
    );
    expect(brief(withPractice.records).map((entry) => [entry.type, entry.outcome, entry.field])).toEqual([
      ['practices', 'created', undefined],
      ['adoptions', 'created', undefined],
      ['adoptions', 'created', undefined],
    ]);
    expect(await bySource('practiceBySource', 'PR-D', 'id')).toBeNull();
  });

  it('creates adoptions naming the practice and adopters by source key; a re-run changes nothing', async () => {
    const first = await importCsv([{ type: 'adoptions', csv: ADOPTIONS }]);
    expect(brief(first.records).map((entry) => entry.outcome)).toEqual(['created', 'created']);
    const practice = await bySource('practiceBySource', 'PR-A', 'id status healthSystemChallenges serviceTypes');
    const adopter = await bySource('organisationBySource', 'ORG-B', 'id');
    expect(practice).toMatchObject({
      status: 'PUBLISHED',
      healthSystemChallenges: ['3.5', '1.1'],
      serviceTypes: ['A9'],
    });
    expect(
      await bySource(
        'adoptionBySource',
        'AD-1',
        'id practice { id } adopter { id } nuts startDate note sources { sourceId }',
      ),
    ).toEqual({
      id: first.records[0]?.id,
      practice: { id: practice?.id },
      adopter: { id: adopter?.id },
      nuts: 'RO21',
      startDate: '2025-01-01',
      note: 'Two wards',
      sources: [{ sourceId: 'AD-1' }],
    });
    const again = await importCsv([{ type: 'adoptions', csv: ADOPTIONS }]);
    expect(again.summary).toMatchObject({ unchanged: 2, created: 0, updated: 0 });
  });

  it('a changed row updates the adoption as a new version, audited on its practice as the import', async () => {
    const before = await bySource('adoptionBySource', 'AD-1', 'version');
    const { records } = await importCsv([
      {
        type: 'adoptions',
        csv: ADOPTIONS.replace('LOCAL,ONGOING,2025-01-01,,Two wards', 'REGIONAL,ONGOING,2025-01-01,,All wards'),
      },
    ]);
    expect(brief(records).map((entry) => entry.outcome)).toEqual(['updated', 'unchanged']);
    expect(await bySource('adoptionBySource', 'AD-1', 'version scale note')).toEqual({
      version: (before?.version as number) + 1,
      scale: 'REGIONAL',
      note: 'All wards',
    });
    const practice = await bySource('practiceBySource', 'PR-A', 'history { action comment }');
    expect(practice?.history.at(-1)).toEqual({
      action: 'ADOPTION_UPDATED',
      comment: 'import test-run from partner-test (AD-1)',
    });
  });

  it('refuses an unknown practice, a region outside the country, an end before the start, on their columns', async () => {
    const { records } = await importCsv([
      {
        type: 'adoptions',
        csv: `sourceId,practice,adopter,country,nuts,scale,status,startDate,endDate
AD-3,PR-NONE,ORG-B,RO,,LOCAL,ONGOING,,
AD-4,PR-A,ORG-B,RO,FR10,LOCAL,ONGOING,2020-01-01,2020-12-31
AD-5,PR-A,ORG-B,RO,RO11,LOCAL,ENDED,2024-05-01,2024-01-01
AD-6,PR-A,,RO,,LOCAL,ONGOING,,
`,
      },
    ]);
    expect(brief(records)).toEqual([
      { type: 'adoptions', line: 2, outcome: 'rejected', field: 'practice' },
      { type: 'adoptions', line: 3, outcome: 'rejected', field: 'nuts', code: 'BAD_USER_INPUT' },
      { type: 'adoptions', line: 4, outcome: 'rejected', field: 'endDate', code: 'BAD_USER_INPUT' },
      { type: 'adoptions', line: 5, outcome: 'rejected', field: 'adopter', code: 'BAD_USER_INPUT' },
    ]);
    expect(records[0]?.reason).toBe('names no practice in RADAR: partner-test PR-NONE');
    for (const sourceId of ['AD-3', 'AD-4', 'AD-5', 'AD-6'])
      expect(await bySource('adoptionBySource', sourceId, 'id')).toBeNull();
  });

  it('an editor may not import an adoption of another organisation’s practice by a third', async () => {
    const bystander = await bySource('organisationBySource', 'ORG-C', 'id');
    const editor = await stack.keys.editorOf(bystander?.id as string);
    const { records } = await importCsv(
      [
        {
          type: 'adoptions',
          csv: `sourceId,practice,adopter,country,scale,status
AD-7,PR-A,ORG-B,RO,LOCAL,PLANNED
`,
        },
      ],
      { key: editor },
    );
    expect(brief(records)).toEqual([
      { type: 'adoptions', line: 2, outcome: 'rejected', field: 'id', code: 'FORBIDDEN' },
    ]);
    expect(await bySource('adoptionBySource', 'AD-7', 'id')).toBeNull();
  });
});

describe('the status and times an import gives', () => {
  it('an editor’s import submits at most: PUBLISHED and times are refused on their column, nothing written', async () => {
    const owner = await bySource('organisationBySource', 'ORG-A', 'id');
    const editor = await stack.keys.editorOf(owner?.id as string);
    const { records } = await importCsv(
      [
        {
          type: 'practices',
          csv: `sourceId,title,summary,type,maturity,owner,status,createdAt
PR-E1,Editor published practice,An editor may not publish it,APP,PILOT,ORG-A,PUBLISHED,
PR-E2,Editor back-dated practice,An editor may not date it,APP,PILOT,ORG-A,,2019-01-01T00:00:00.000Z
PR-E3,Editor submitted practice,An editor may submit it,APP,PILOT,ORG-A,SUBMITTED,
`,
        },
      ],
      { key: editor, keepTimes: true },
    );
    expect(brief(records)).toEqual([
      { type: 'practices', line: 2, outcome: 'rejected', field: 'status', code: 'FORBIDDEN' },
      { type: 'practices', line: 3, outcome: 'rejected', field: 'createdAt', code: 'FORBIDDEN' },
      { type: 'practices', line: 4, outcome: 'created' },
    ]);
    expect(records[0]?.reason).toContain('an editor submits it at most');
    expect(await bySource('practiceBySource', 'PR-E1', 'id')).toBeNull();
    expect(await bySource('practiceBySource', 'PR-E2', 'id')).toBeNull();
    expect(await bySource('practiceBySource', 'PR-E3', 'status history { action }')).toEqual({
      status: 'SUBMITTED',
      history: [{ action: 'REGISTERED' }, { action: 'SUBMITTED' }],
    });
  });

  it('an import that does not keep times refuses a row giving one, on its column, and writes nothing of it', async () => {
    const { records } = await importCsv([
      {
        type: 'practices',
        csv: `sourceId,title,summary,type,maturity,owner,status,createdAt
PR-K1,Undated practice,Its times are the write's,APP,PILOT,ORG-A,,
PR-K2,Dated practice without keeping times,A curator must ask to keep times,APP,PILOT,ORG-A,,2024-02-01T10:00:00.000Z
`,
      },
    ]);
    expect(brief(records)).toEqual([
      { type: 'practices', line: 2, outcome: 'created' },
      { type: 'practices', line: 3, outcome: 'rejected', field: 'createdAt' },
    ]);
    expect(records[1]?.reason).toContain('--keep-times');
    expect(await bySource('practiceBySource', 'PR-K2', 'id')).toBeNull();
  });

  it('a curator carries times; a time in the future or an update before the creation is refused', async () => {
    const { records } = await importCsv(
      [
        {
          type: 'practices',
          csv: `sourceId,title,summary,type,maturity,owner,status,createdAt,updatedAt,publishedAt
PR-T1,Dated practice,Carried from another registry,APP,PILOT,ORG-A,PUBLISHED,2024-02-01T10:00:00.000Z,2024-03-01T10:00:00.000Z,2024-02-15T10:00:00.000Z
PR-T2,Future practice,Dated in the future,APP,PILOT,ORG-A,,2999-01-01T00:00:00.000Z,,
PR-T3,Backwards practice,Changed before it was made,APP,PILOT,ORG-A,,2024-03-01T00:00:00.000Z,2024-01-01T00:00:00.000Z,
`,
        },
      ],
      { keepTimes: true },
    );
    expect(brief(records)).toEqual([
      { type: 'practices', line: 2, outcome: 'created' },
      { type: 'practices', line: 3, outcome: 'rejected', field: 'createdAt', code: 'BAD_USER_INPUT' },
      { type: 'practices', line: 4, outcome: 'rejected', field: 'updatedAt', code: 'BAD_USER_INPUT' },
    ]);
    expect(await bySource('practiceBySource', 'PR-T1', 'status createdAt updatedAt publishedAt')).toEqual({
      status: 'PUBLISHED',
      createdAt: '2024-02-01T10:00:00.000Z',
      updatedAt: '2024-03-01T10:00:00.000Z',
      publishedAt: '2024-02-15T10:00:00.000Z',
    });
    const again = await importCsv(
      [
        {
          type: 'practices',
          csv: `sourceId,title,summary,type,maturity,owner,status,createdAt,updatedAt,publishedAt
PR-T1,Dated practice,Carried from another registry,APP,PILOT,ORG-A,PUBLISHED,2024-02-01T10:00:00Z,2024-03-01T10:00:00Z,2024-02-15T10:00:00Z
`,
        },
      ],
      { keepTimes: true },
    );
    expect(again.summary).toMatchObject({ unchanged: 1 });
  });
});

describe('import of needs', () => {
  it('a dry run writes nothing; the import creates the need published; a re-run changes nothing', async () => {
    const dry = await importCsv([{ type: 'needs', csv: NEEDS }], { dryRun: true });
    expect(brief(dry.records)).toEqual([{ type: 'needs', line: 2, outcome: 'created' }]);
    expect(await bySource('needBySource', 'NE-1', 'id')).toBeNull();
    const first = await importCsv([{ type: 'needs', csv: NEEDS }]);
    expect(brief(first.records)).toEqual([{ type: 'needs', line: 2, outcome: 'created' }]);
    expect(
      await bySource(
        'needBySource',
        'NE-1',
        'id status state nuts cdhiCodes healthSystemChallenges minMaturity sources { sourceId }',
      ),
    ).toEqual({
      id: first.records[0]?.id,
      status: 'PUBLISHED',
      state: 'OPEN',
      nuts: 'RO21',
      cdhiCodes: ['1.4.1'],
      healthSystemChallenges: ['3.5'],
      minMaturity: 'PILOT',
      sources: [{ sourceId: 'NE-1' }],
    });
    const again = await importCsv([{ type: 'needs', csv: NEEDS }]);
    expect(again.summary).toMatchObject({ unchanged: 1, created: 0, updated: 0 });
  });

  it('matches a need to a published practice of the same import’s source', async () => {
    const { records } = await importCsv([
      { type: 'needs', csv: `sourceId,needState,matchedPractice\nNE-1,MATCHED,PR-A\n` },
    ]);
    expect(brief(records)).toEqual([{ type: 'needs', line: 2, outcome: 'updated' }]);
    const practice = await bySource('practiceBySource', 'PR-A', 'id');
    expect(await bySource('needBySource', 'NE-1', 'state matchedPractice { id }')).toEqual({
      state: 'MATCHED',
      matchedPractice: { id: practice?.id },
    });
  });

  it('refuses unknown codes and an editor’s PUBLISHED on their columns, and writes nothing', async () => {
    const adopter = await bySource('organisationBySource', 'ORG-B', 'id');
    const editor = await stack.keys.editorOf(adopter?.id as string);
    const bad = await importCsv([
      {
        type: 'needs',
        csv: `sourceId,title,description,owner,country,cdhiCodes,healthSystemChallenges,minMaturity,needState
NE-2,Unknown intervention,A need naming a CDHI code that does not exist.,ORG-B,RO,9.9.9,,,
NE-3,Unknown challenge,A need naming a challenge that does not exist.,ORG-B,RO,,X.1,,
NE-4,Unknown maturity,A need naming a maturity that does not exist.,ORG-B,RO,,,ETERNAL,
NE-5,Unknown state,A need naming a state that does not exist.,ORG-B,RO,,,,LOOKING
`,
      },
    ]);
    expect(brief(bad.records)).toEqual([
      { type: 'needs', line: 2, outcome: 'rejected', field: 'cdhiCodes', code: 'BAD_USER_INPUT' },
      { type: 'needs', line: 3, outcome: 'rejected', field: 'healthSystemChallenges', code: 'BAD_USER_INPUT' },
      { type: 'needs', line: 4, outcome: 'rejected', field: 'minMaturity', code: 'BAD_USER_INPUT' },
      { type: 'needs', line: 5, outcome: 'rejected', field: 'needState', code: 'BAD_USER_INPUT' },
    ]);
    const published = await importCsv(
      [{ type: 'needs', csv: NEEDS.replace('NE-1,', 'NE-6,').replace('Remote triage', 'Editor published need') }],
      { key: editor },
    );
    expect(brief(published.records)).toEqual([
      { type: 'needs', line: 2, outcome: 'rejected', field: 'status', code: 'FORBIDDEN' },
    ]);
    for (const sourceId of ['NE-2', 'NE-3', 'NE-4', 'NE-5', 'NE-6'])
      expect(await bySource('needBySource', sourceId, 'id')).toBeNull();
  });
});
