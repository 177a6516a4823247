// A dry run of the import reports what the real run does, through the gateway over real HTTP and PostgreSQL: for
// files of organisations, practices, projects, adoptions and needs that name records the same run creates, each
// record's outcome, and for a rejected one its column, reason and code, are the real run's, and the dry run moves no
// data generation. Where RADAR holds no record to stand in for one the run would create, the dry run says so.
import { csvRows, gatewayClient, type ReportEntry, runImport, type SourceRow } from '@radar/gateway';
import { seedIds } from '@radar/organisations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generations } from './support/linked-data.js';
import { type Stack, startStack } from './support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

type Files = { type: SourceRow['type']; csv: string }[];

async function importCsv(target: Stack, files: Files, options: { key: string; dryRun: boolean }) {
  const records: ReportEntry[] = [];
  await runImport(
    (async function* () {
      for (const file of files) yield* csvRows(file.type, file.csv, file.type);
    })(),
    {
      client: gatewayClient(target.gatewayUrl, options.key),
      source: 'dry-run-test',
      run: 'dry-run-test',
      dryRun: options.dryRun,
      onRecord: (entry) => records.push(entry),
    },
  );
  return records;
}

/** What a report says of each record, without the ids a dry run cannot give. */
const outcomes = (records: ReportEntry[]) => records.map(({ id: _id, ...entry }) => entry);

/** The dry run's report, with the data generations around it, then the real run's report. */
async function dryThenReal(target: Stack, files: Files, key: string) {
  const before = await generations(target);
  const dry = await importCsv(target, files, { key, dryRun: true });
  expect(await generations(target)).toEqual(before);
  const real = await importCsv(target, files, { key, dryRun: false });
  return { dry, real };
}

describe('a dry run of records that name each other', () => {
  it('reports for a curator what the real run does, good rows and bad, and writes nothing', async () => {
    const files: Files = [
      {
        type: 'organisations',
        csv: `sourceId,name,kind,country
DR-ORG-1,Dry Run Clinic,HEALTHCARE_PROVIDER,RO
DR-ORG-2,Dry Run Institute,RESEARCH_ORGANISATION,FR
DR-ORG-3,Dry Run Nowhere,COMPANY,XX
`,
      },
      {
        type: 'practices',
        csv: `sourceId,title,summary,type,maturity,owner,status
DR-PR-1,Dry run telecare,Telecare checked by a dry run before it is imported,APP,PILOT,DR-ORG-1,PUBLISHED
DR-PR-2,Dry run draft,A draft checked by a dry run before it is imported,APP,PILOT,DR-ORG-1,
DR-PR-3,Dry run bad type,A practice whose type is no code of RADAR's,NOT_A_TYPE,PILOT,DR-ORG-1,
DR-PR-4,Dry run orphan,A practice whose owner failed to import,APP,PILOT,DR-ORG-3,
DR-PR-5,Dry run of no one,A practice whose owner is in no file,APP,PILOT,DR-ORG-404,
`,
      },
      {
        type: 'projects',
        csv: `sourceId,acronym,title,kind,programme,startDate,endDate,participants,practices,synergies
DR-PJ-1,DRYONE,Dry run project one,RESEARCH_INNOVATION,HORIZON_EUROPE,2025-01-01,2026-12-31,DR-ORG-1=COORDINATOR;DR-ORG-2=PARTNER,DR-PR-1=PRODUCED;DR-PR-2=USED,
DR-PJ-2,DRYTWO,Dry run project two,RESEARCH_INNOVATION,HORIZON_EUROPE,2025-01-01,2026-12-31,DR-ORG-1=COORDINATOR,DR-PR-1=USED,DR-PJ-1=FOLLOW_UP
DR-PJ-3,DRYTHREE,Dry run project three,RESEARCH_INNOVATION,HORIZON_EUROPE,2025-01-01,2026-12-31,DR-ORG-1=COORDINATOR,DR-PR-4=USED,
DR-PJ-4,DRYFOUR,Dry run project four,RESEARCH_INNOVATION,NOT_A_PROGRAMME,2025-01-01,2026-12-31,DR-ORG-1=COORDINATOR,,
`,
      },
      {
        type: 'adoptions',
        csv: `sourceId,practice,adopter,project,country,scale,status,startDate
DR-AD-1,DR-PR-1,DR-ORG-2,DR-PJ-1,FR,LOCAL,ONGOING,2025-01-01
DR-AD-2,DR-PR-4,DR-ORG-2,,FR,LOCAL,ONGOING,2025-01-01
DR-AD-3,DR-PR-1,DR-ORG-2,DR-PJ-4,FR,LOCAL,ONGOING,2025-01-01
DR-AD-4,DR-PR-1,DR-ORG-1,,RO,NOT_A_SCALE,ONGOING,2025-01-01
`,
      },
      {
        type: 'needs',
        csv: `sourceId,title,description,owner,country,cdhiCodes,healthSystemChallenges,minMaturity,status,needState,matchedPractice
DR-NE-1,Dry run need,Clinics need telecare that a dry run checks first.,DR-ORG-2,FR,1.4.1,3.5,PILOT,PUBLISHED,MATCHED,DR-PR-1
DR-NE-2,Dry run need of no one,Clinics need telecare that no owner asks for.,DR-ORG-3,FR,1.4.1,3.5,PILOT,,,
`,
      },
    ];
    const { dry, real } = await dryThenReal(stack, files, stack.keys.curator);
    expect(outcomes(dry)).toEqual(outcomes(real));
    expect(real.map(({ sourceId, outcome, field }) => [sourceId, outcome, field])).toEqual([
      ['DR-ORG-1', 'created', undefined],
      ['DR-ORG-2', 'created', undefined],
      ['DR-ORG-3', 'rejected', 'country'],
      ['DR-PR-1', 'created', undefined],
      ['DR-PR-2', 'created', undefined],
      ['DR-PR-3', 'rejected', 'type'],
      ['DR-PR-4', 'rejected', 'owner'],
      ['DR-PR-5', 'rejected', 'owner'],
      ['DR-PJ-1', 'created', undefined],
      ['DR-PJ-2', 'created', undefined],
      ['DR-PJ-3', 'rejected', 'practices'],
      ['DR-PJ-4', 'rejected', 'programme'],
      ['DR-AD-1', 'created', undefined],
      ['DR-AD-2', 'rejected', 'practice'],
      ['DR-AD-3', 'rejected', 'project'],
      ['DR-AD-4', 'rejected', 'scale'],
      ['DR-NE-1', 'created', undefined],
      ['DR-NE-2', 'rejected', 'owner'],
    ]);
    expect(dry.every((entry) => entry.id === undefined)).toBe(true);
  });

  it('reports for an editor what the real run does, a practice of another owner refused in both', async () => {
    const editor = await stack.keys.editorOf(seedIds.smartHospital);
    const own = seedIds.smartHospital;
    // The organisation already coordinates a project: a project the run would create is checked as that one.
    const existing = await importCsv(
      stack,
      [
        {
          type: 'projects',
          csv: `sourceId,acronym,title,kind,programme,startDate,endDate,participants
ED-PJ-0,EDZERO,Editor's earlier project,RESEARCH_INNOVATION,HORIZON_EUROPE,2024-01-01,2024-12-31,${own}=COORDINATOR
`,
        },
      ],
      { key: editor, dryRun: false },
    );
    expect(existing.map((entry) => entry.outcome)).toEqual(['created']);
    const files: Files = [
      {
        type: 'practices',
        csv: `sourceId,title,summary,type,maturity,owner,status
ED-PR-1,Editor's dry run practice,A practice an editor checks before importing it,APP,PILOT,${own},SUBMITTED
ED-PR-2,Editor's other practice,A practice of an organisation the editor does not act for,APP,PILOT,${seedIds.endotarget},
ED-PR-3,Editor's published practice,A practice only a curator could publish,APP,PILOT,${own},PUBLISHED
`,
      },
      {
        type: 'projects',
        csv: `sourceId,acronym,title,kind,programme,startDate,endDate,participants,practices,synergies
ED-PJ-1,EDONE,Editor's dry run project,RESEARCH_INNOVATION,HORIZON_EUROPE,2025-01-01,2026-12-31,${own}=COORDINATOR,ED-PR-1=PRODUCED,
ED-PJ-2,EDTWO,Editor's follow-up project,RESEARCH_INNOVATION,HORIZON_EUROPE,2025-01-01,2026-12-31,${own}=COORDINATOR,ED-PR-1=USED,ED-PJ-1=FOLLOW_UP
ED-PJ-3,EDTHREE,Editor's project of the other practice,RESEARCH_INNOVATION,HORIZON_EUROPE,2025-01-01,2026-12-31,${own}=COORDINATOR,ED-PR-2=USED,
`,
      },
      {
        type: 'adoptions',
        csv: `sourceId,practice,adopter,project,country,scale,status,startDate
ED-AD-1,ED-PR-1,${own},ED-PJ-1,RO,LOCAL,ONGOING,2025-01-01
ED-AD-2,ED-PR-3,${own},,RO,LOCAL,ONGOING,2025-01-01
`,
      },
      {
        type: 'needs',
        csv: `sourceId,title,description,owner,country,cdhiCodes,healthSystemChallenges,minMaturity
ED-NE-1,Editor's dry run need,Wards need telecare that the editor's practice gives.,${own},RO,1.4.1,3.5,PILOT
ED-NE-2,Editor's need for another,A need of an organisation the editor does not act for.,${seedIds.endotarget},RO,1.4.1,3.5,PILOT
`,
      },
    ];
    const { dry, real } = await dryThenReal(stack, files, editor);
    expect(outcomes(dry)).toEqual(outcomes(real));
    // The API's refusal of a record for another owner names no field: the report puts it on the record's owner.
    expect(real.find((entry) => entry.sourceId === 'ED-PR-2')?.reason).toBe(
      `This key may only edit records of organisation ${own}.`,
    );
    expect(real.map(({ sourceId, outcome, field, code }) => [sourceId, outcome, field, code])).toEqual([
      ['ED-PR-1', 'created', undefined, undefined],
      ['ED-PR-2', 'rejected', 'owner', 'FORBIDDEN'],
      ['ED-PR-3', 'rejected', 'status', 'FORBIDDEN'],
      ['ED-PJ-1', 'created', undefined, undefined],
      ['ED-PJ-2', 'created', undefined, undefined],
      ['ED-PJ-3', 'rejected', 'practices', undefined],
      ['ED-AD-1', 'created', undefined, undefined],
      ['ED-AD-2', 'rejected', 'practice', undefined],
      ['ED-NE-1', 'created', undefined, undefined],
      ['ED-NE-2', 'rejected', 'owner', 'FORBIDDEN'],
    ]);
  });
});

describe('a dry run with nothing to stand in', () => {
  let empty: Stack;
  beforeAll(async () => {
    empty = await startStack({ seed: false });
  });
  afterAll(async () => {
    await empty?.stop();
  });

  it('says which rows cannot be checked, and why, on an empty registry', async () => {
    const files: Files = [
      {
        type: 'organisations',
        csv: 'sourceId,name,kind,country\nEM-ORG-1,Empty Registry Clinic,HEALTHCARE_PROVIDER,RO\n',
      },
      {
        type: 'practices',
        csv: 'sourceId,title,summary,type,maturity,owner\nEM-PR-1,First practice,The first practice of an empty registry,APP,PILOT,EM-ORG-1\n',
      },
    ];
    const { dry, real } = await dryThenReal(empty, files, empty.keys.curator);
    expect(real.map((entry) => entry.outcome)).toEqual(['created', 'created']);
    expect(dry.map(({ outcome, field, reason }) => ({ outcome, field, reason }))).toEqual([
      { outcome: 'created', field: undefined, reason: undefined },
      {
        outcome: 'rejected',
        field: 'owner',
        reason:
          'names an organisation this dry run would create (dry-run-test EM-ORG-1), and RADAR holds no organisation you may act on to check the row against in its place: it is checked only by a real run',
      },
    ]);
  });
});
