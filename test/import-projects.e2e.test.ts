// Import of projects through the gateway over real HTTP and PostgreSQL: participants, practice links, synergies and
// twinnings from CSV, matched by source key, CORDIS id, grant number or RADAR id; dry runs, unchanged re-runs,
// changed rows updated as one new version, bad rows refused by column beside good ones, editors' rights; and RADAR's
// own project JSON-LD imported into an empty RADAR, which exports the same projects' graph again.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { dct, radar } from '@radar/exporter';
import { csvRows, gatewayClient, type ReportEntry, runImport, type SourceRow, templateOf } from '@radar/gateway';
import { seedIds } from '@radar/organisations';
import { practiceFixtures } from '@radar/practices';
import { projectFixtures } from '@radar/projects';
import { participantRoles, twinningTypes } from '@radar/projects/codes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, canonicalRecords, dumpOf, generations, importJsonLd as postJsonLd } from './support/linked-data.js';
import { publishNewPractice, type Stack, startStack } from './support/stack.js';

const run = promisify(execFile);
const cli = new URL('../gateway/dist/import.cli.js', import.meta.url).pathname;

let stack: Stack;
let published: string;
/** The seeded registry's dump, before the tests here add to it. */
let seededDump: string;
beforeAll(async () => {
  stack = await startStack();
  seededDump = await dumpOf(stack);
  published = await publishNewPractice(
    stack,
    'Imported projects’ transferred practice',
    await stack.keys.editorOf(seedIds.smartHospital),
    'A practice of Smart Hospital’s that twinnings imported here transfer.',
  );
});
afterAll(async () => {
  await stack?.stop();
});

async function importCsv(
  files: { type: SourceRow['type']; csv: string }[],
  options: { key?: string; dryRun?: boolean; target?: Stack } = {},
) {
  const records: ReportEntry[] = [];
  const summary = await runImport(
    (async function* () {
      for (const file of files) yield* csvRows(file.type, file.csv, file.type);
    })(),
    {
      client: gatewayClient((options.target ?? stack).gatewayUrl, options.key ?? stack.keys.curator),
      source: 'partner-projects',
      run: 'projects-run',
      dryRun: options.dryRun ?? false,
      onRecord: (entry) => records.push(entry),
    },
  );
  return { summary, records };
}

const PROJECT_FIELDS = `id version acronym title kind programme grantNumber cordisId startDate endDate totalBudget
  euContribution funder { id } participants { organisation { id } role } practices { practice { id } role }
  synergies { kind project { id } } sources { source sourceId }
  twinning { originator { id } adopters { organisation { id } } practice { id } type outcome
    stages { name startDate endDate description } }`;

async function projectBySource(sourceId: string) {
  const response = await stack.gql(
    `query($sourceId: String!) { projectBySource(source: "partner-projects", sourceId: $sourceId) { ${PROJECT_FIELDS} } }`,
    { sourceId },
  );
  expect(response.errors).toBeUndefined();
  return response.data?.projectBySource as Record<string, any> | null;
}

const byRole = <T extends { role: string }>(rows: T[]) => [...rows].sort((a, b) => a.role.localeCompare(b.role));

const ORGANISATIONS = `sourceId,name,kind,country
PJ-ORG-1,Imported Projects Coordinator,RESEARCH_ORGANISATION,RO
PJ-ORG-2,Imported Projects Adopter,HEALTHCARE_PROVIDER,FR
`;

const projectsCsv = (
  twinningOutcome: string,
  partnerRole: string,
) => `sourceId,acronym,title,kind,programme,grantNumber,cordisId,startDate,endDate,totalBudget,euContribution,participants,practices,twinningOriginator,twinningAdopters,twinningPractice,twinningType,twinningStages,twinningOutcome
PJ-1,IMPRES,Imported research project,RESEARCH_INNOVATION,HORIZON_EUROPE,HE 777 001,,2025-01-01,2027-12-31,1250000.5,1000000,PJ-ORG-1=COORDINATOR;${seedIds.smartHospital}=${partnerRole},${practiceFixtures[0]?.id}=USED,,,,,,
PJ-2,IMPTWIN,Imported twinning,TWINNING,DIGITAL_EUROPE,,777002,2025-03-01,2025-12-31,,,${seedIds.smartHospital}=COORDINATOR;PJ-ORG-2=PARTNER,,${seedIds.smartHospital},PJ-ORG-2,${'PUBLISHED'},ADAPTATION,Kick-off|2025-03-01|2025-04-30|Meet the team;Pilot|2025-05-01|2025-11-30,${twinningOutcome}
`;

describe('import of projects from CSV', () => {
  const csv = () => projectsCsv('', 'PARTNER').replace('PUBLISHED', published);

  it('a dry run checks every rule and writes nothing, with the organisations the run would create', async () => {
    const before = await generations(stack);
    const { summary, records } = await importCsv(
      [
        { type: 'organisations', csv: ORGANISATIONS },
        { type: 'projects', csv: csv() },
      ],
      { dryRun: true },
    );
    expect(records.map(({ outcome, reason }) => ({ outcome, reason }))).toEqual(
      Array(4).fill({ outcome: 'created', reason: undefined }),
    );
    expect(summary).toMatchObject({ created: 4, rejected: 0 });
    expect(await generations(stack)).toEqual(before);
    expect(await projectBySource('PJ-1')).toBeNull();
  });

  it('creates projects with their participants, practices and twinning, naming organisations of the same run', async () => {
    const { records } = await importCsv([
      { type: 'organisations', csv: ORGANISATIONS },
      { type: 'projects', csv: csv() },
    ]);
    expect(records.map(({ type, outcome, reason }) => ({ type, outcome, reason }))).toEqual([
      { type: 'organisations', outcome: 'created', reason: undefined },
      { type: 'organisations', outcome: 'created', reason: undefined },
      { type: 'projects', outcome: 'created', reason: undefined },
      { type: 'projects', outcome: 'created', reason: undefined },
    ]);
    const [coordinator, adopter] = [records[0]?.id, records[1]?.id];
    const research = await projectBySource('PJ-1');
    expect(research).toMatchObject({
      id: records[2]?.id,
      version: 1,
      acronym: 'IMPRES',
      grantNumber: 'HE 777 001',
      totalBudget: expect.stringMatching(/^1250000\.50?$/),
      sources: [{ source: 'partner-projects', sourceId: 'PJ-1' }],
      practices: [{ practice: { id: practiceFixtures[0]?.id }, role: 'USED' }],
      twinning: null,
    });
    expect(byRole(research?.participants)).toEqual([
      { organisation: { id: coordinator }, role: 'COORDINATOR' },
      { organisation: { id: seedIds.smartHospital }, role: 'PARTNER' },
    ]);
    const twinning = await projectBySource('PJ-2');
    expect(twinning).toMatchObject({
      cordisId: '777002',
      twinning: {
        originator: { id: seedIds.smartHospital },
        adopters: [{ organisation: { id: adopter } }],
        practice: { id: published },
        type: 'ADAPTATION',
        outcome: null,
        stages: [
          { name: 'Kick-off', startDate: '2025-03-01', endDate: '2025-04-30', description: 'Meet the team' },
          { name: 'Pilot', startDate: '2025-05-01', endDate: '2025-11-30', description: null },
        ],
      },
    });
  });

  it('a second identical run reports every row unchanged and writes nothing', async () => {
    const before = await generations(stack);
    const { summary, records } = await importCsv([
      { type: 'organisations', csv: ORGANISATIONS },
      { type: 'projects', csv: csv() },
    ]);
    expect(records.filter((entry) => entry.outcome !== 'unchanged')).toEqual([]);
    expect(summary).toMatchObject({ total: 4, unchanged: 4 });
    expect(await generations(stack)).toEqual(before);
  });

  it('a changed row updates its project as one new version; the unchanged one is left', async () => {
    const changed = projectsCsv('Adapted to the Paris pilot', 'THIRD_PARTY')
      .replace('PUBLISHED', published)
      .replace('Pilot|2025-05-01|2025-11-30', 'Pilot|2025-05-01|2025-10-31|In two wards');
    const { records } = await importCsv([{ type: 'projects', csv: changed }]);
    expect(records.map(({ outcome }) => outcome)).toEqual(['updated', 'updated']);
    const research = await projectBySource('PJ-1');
    expect(research?.version).toBe(2);
    expect(research?.participants).toContainEqual({ organisation: { id: seedIds.smartHospital }, role: 'THIRD_PARTY' });
    expect(research?.participants).toHaveLength(2);
    const twinning = await projectBySource('PJ-2');
    expect(twinning?.version).toBe(2);
    expect(twinning?.twinning).toMatchObject({
      outcome: 'Adapted to the Paris pilot',
      stages: [
        { name: 'Kick-off' },
        { name: 'Pilot', startDate: '2025-05-01', endDate: '2025-10-31', description: 'In two wards' },
      ],
    });
    const again = await importCsv([{ type: 'projects', csv: changed }]);
    expect(again.records.map(({ outcome }) => outcome)).toEqual(['unchanged', 'unchanged']);
  });

  it('matches a row by CORDIS id, grant number or RADAR id in any common spelling', async () => {
    const twinning = await projectBySource('PJ-2');
    const research = await projectBySource('PJ-1');
    // A cell left empty clears its field: each row names only the identifier it is matched by.
    const { records } = await importCsv([
      { type: 'projects', csv: `acronym,cordisId\nIMPTWIN,https://cordis.europa.eu/project/id/777002\n` },
      { type: 'projects', csv: `acronym,grantNumber\nIMPRES,HE  777 001\n` },
      { type: 'projects', csv: `id,acronym\n${research?.id.toUpperCase()},IMPRES\n` },
    ]);
    expect(records.map(({ outcome, id }) => ({ outcome, id }))).toEqual([
      { outcome: 'unchanged', id: twinning?.id },
      { outcome: 'unchanged', id: research?.id },
      { outcome: 'unchanged', id: research?.id },
    ]);
  });

  it('links synergy projects, shown from both sides, and a re-run leaves them', async () => {
    const research = await projectBySource('PJ-1');
    const rows = `sourceId,acronym,title,kind,programme,participants,synergies
PJ-3,IMPNEXT,Imported follow-up project,RESEARCH_INNOVATION,HORIZON_EUROPE,PJ-ORG-1=COORDINATOR,PJ-1=PREDECESSOR
`;
    const first = await importCsv([{ type: 'projects', csv: rows }]);
    expect(first.records.map(({ outcome, reason }) => ({ outcome, reason }))).toEqual([
      { outcome: 'created', reason: undefined },
    ]);
    expect((await projectBySource('PJ-3'))?.synergies).toEqual([
      { kind: 'PREDECESSOR', project: { id: research?.id } },
    ]);
    expect((await projectBySource('PJ-1'))?.synergies).toEqual([
      { kind: 'FOLLOW_UP', project: { id: first.records[0]?.id } },
    ]);
    const again = await importCsv([{ type: 'projects', csv: rows }]);
    expect(again.records.map(({ outcome }) => outcome)).toEqual(['unchanged']);
    const ended = await importCsv([{ type: 'projects', csv: rows.replace('PJ-1=PREDECESSOR', '') }]);
    expect(ended.records.map(({ outcome }) => outcome)).toEqual(['updated']);
    expect((await projectBySource('PJ-1'))?.synergies).toEqual([]);
  });
});

describe('bad project rows', () => {
  const header =
    'sourceId,acronym,title,kind,programme,startDate,endDate,participants,twinningOriginator,twinningAdopters,twinningPractice,twinningType,twinningStages';
  const line = (sourceId: string, rest: string) => `${sourceId},BAD,A project that must not be written,${rest}`;

  it('are refused naming the column and the reason, beside a good row, and nothing of them is written', async () => {
    const rows = [
      header,
      line('BAD-1', `RESEARCH_INNOVATION,HORIZON_EUROPE,,,PJ-NOBODY=COORDINATOR,,,,,`),
      line('BAD-2', `RESEARCH_INNOVATION,HORIZON_EUROPE,,,${seedIds.smartHospital}=BOSS,,,,,`),
      line(
        'BAD-3',
        `TWINNING,DIGITAL_EUROPE,2025-01-01,2025-12-31,${seedIds.smartHospital}=COORDINATOR,,PJ-ORG-2,${published},ADAPTATION,`,
      ),
      line(
        'BAD-4',
        `TWINNING,DIGITAL_EUROPE,2025-01-01,2025-06-30,${seedIds.smartHospital}=COORDINATOR,${seedIds.smartHospital},PJ-ORG-2,${published},ADAPTATION,Late|2025-06-01|2025-08-31`,
      ),
      line('BAD-5', `RESEARCH_INNOVATION,HORIZON_EUROPE,,,PJ-ORG-1=COORDINATOR;PJ-ORG-2=COORDINATOR,,,,,`),
      line(
        'BAD-6',
        `RESEARCH_INNOVATION,HORIZON_EUROPE,2025-01-01,2025-12-31,${seedIds.smartHospital}=COORDINATOR,${seedIds.smartHospital},PJ-ORG-2,${published},ADAPTATION,`,
      ),
      line('GOOD-1', `RESEARCH_INNOVATION,HORIZON_EUROPE,,,PJ-ORG-1=COORDINATOR,,,,,`),
    ].join('\n');
    const { records } = await importCsv([{ type: 'projects', csv: rows }]);
    const rejected = records.filter((entry) => entry.outcome === 'rejected');
    expect(rejected.map(({ sourceId, field }) => ({ sourceId, field }))).toEqual([
      { sourceId: 'BAD-1', field: 'participants' },
      { sourceId: 'BAD-2', field: 'participants' },
      { sourceId: 'BAD-3', field: 'twinningOriginator' },
      { sourceId: 'BAD-4', field: 'twinningStages' },
      { sourceId: 'BAD-5', field: 'participants' },
      { sourceId: 'BAD-6', field: 'twinningOriginator' },
    ]);
    const reasons = Object.fromEntries(rejected.map((entry) => [entry.sourceId, entry.reason]));
    expect(reasons['BAD-1']).toContain('names no organisation in RADAR');
    expect(reasons['BAD-2']).toContain('BOSS');
    expect(reasons['BAD-3']).toMatch(/null|originator/);
    expect(reasons['BAD-4']).toContain('outside the project period');
    expect(reasons['BAD-5']).toContain('at most one COORDINATOR');
    expect(reasons['BAD-6']).toContain('only projects of kind TWINNING');
    expect(records.find((entry) => entry.sourceId === 'GOOD-1')?.outcome).toBe('created');
    for (const sourceId of ['BAD-1', 'BAD-2', 'BAD-3', 'BAD-4', 'BAD-5', 'BAD-6'])
      expect(await projectBySource(sourceId)).toBeNull();
  });

  it('a refused change leaves the project as it was', async () => {
    const before = await projectBySource('PJ-2');
    const rows = `sourceId,twinningStages\nPJ-2,Kick-off|2025-03-01|2025-04-30;Too late|2026-01-01|2026-02-01\n`;
    const { records } = await importCsv([{ type: 'projects', csv: rows }]);
    expect(records).toMatchObject([{ outcome: 'rejected', field: 'twinningStages' }]);
    expect(await projectBySource('PJ-2')).toEqual(before);
  });

  it('a completed twinning, whose adoptions are recorded, no longer changes', async () => {
    const completed = projectFixtures.find((fixture) => fixture.completion) as (typeof projectFixtures)[number];
    const read = async () =>
      (await stack.gql(`{ project(id: "${completed.id}") { version twinning { outcome } } }`)).data?.project;
    const before = await read();
    const { records } = await importCsv([
      { type: 'projects', csv: `id,twinningOutcome\n${completed.id},Rewritten after the fact\n` },
    ]);
    expect(records).toMatchObject([{ outcome: 'rejected', code: 'BAD_USER_INPUT' }]);
    expect(records[0]?.reason).toContain('completed');
    expect(await read()).toEqual(before);
  });

  it('an editor imports projects their organisation coordinates only', async () => {
    const editor = await stack.keys.editorOf(seedIds.smartHospital);
    const rows = `sourceId,acronym,title,kind,programme,participants
ED-PJ-1,EDOWN,The editor's own project,RESEARCH_INNOVATION,HORIZON_EUROPE,${seedIds.smartHospital}=COORDINATOR
ED-PJ-2,EDOTHER,Another organisation's project,RESEARCH_INNOVATION,HORIZON_EUROPE,${seedIds.endotarget}=COORDINATOR
PJ-1,IMPRES,Imported research project renamed by an editor,RESEARCH_INNOVATION,HORIZON_EUROPE,
`;
    const before = await projectBySource('PJ-1');
    const { records } = await importCsv([{ type: 'projects', csv: rows }], { key: editor });
    expect(records.map(({ outcome, code }) => ({ outcome, code }))).toEqual([
      { outcome: 'created', code: undefined },
      { outcome: 'rejected', code: 'FORBIDDEN' },
      { outcome: 'rejected', code: 'FORBIDDEN' },
    ]);
    expect(await projectBySource('ED-PJ-2')).toBeNull();
    expect(await projectBySource('PJ-1')).toEqual(before);
    // Handing its own project to another coordinator is not an editor's to do either.
    const handover = `sourceId,participants\nED-PJ-1,${seedIds.endotarget}=COORDINATOR\n`;
    const refused = await importCsv([{ type: 'projects', csv: handover }], { key: editor });
    expect(refused.records).toMatchObject([{ outcome: 'rejected', code: 'FORBIDDEN' }]);
  });
});

describe('the projects template', () => {
  it('pnpm run import --template projects prints the codes of every code column, then the header', async () => {
    const { stdout } = await run(process.execPath, [cli, '--template', 'projects']);
    expect(stdout).toBe(templateOf('projects'));
    const header = stdout.trimEnd().split('\n').at(-1)?.split(',');
    expect(header).toEqual(
      expect.arrayContaining(['participants', 'practices', 'synergies', 'twinningOriginator', 'twinningStages']),
    );
    for (const { code } of [...participantRoles, ...twinningTypes]) expect(stdout).toContain(code);
  });
});

describe('a round trip of RADAR’s project JSON-LD into an empty RADAR', () => {
  let empty: Stack;
  beforeAll(async () => {
    empty = await startStack({ seed: false });
  });
  afterAll(async () => {
    await empty?.stop();
  }, 120_000);

  async function importJsonLd(target: Stack, body: string) {
    const answer = await postJsonLd(target, body, '?source=radar-dump');
    expect(answer.status).toBe(200);
    return answer.records;
  }

  /**
   * The canonical N-Quads (URDNA2015) of the projects' nodes, without what only the registry that holds them says:
   * when it recorded them, and a twinning's completion (an act that records adoptions, not a field an import sets).
   */
  async function projectGraph(text: string, ids: string[]) {
    const graph = JSON.parse(text)['@graph'] as { id: string }[];
    const iris = ids.map((id) => `${BASE}/projects/${id}`);
    const nodes = graph.filter((node) => iris.includes(node.id));
    expect(nodes).toHaveLength(ids.length);
    const registryOwn = new Set([dct.created, dct.modified, radar.completed, radar.recordedAdoption]);
    return canonicalRecords(
      nodes.map((node) => ({ '@context': `${BASE}/ontology/context.jsonld`, ...node })),
      (quad) => !registryOwn.has(quad.predicate.value),
    );
  }

  it('imports the projects under their ids with participants, practices, synergies and twinning, and exports them again', {
    timeout: 300_000,
  }, async () => {
    const dump = seededDump;
    const ids = projectFixtures.map((fixture) => fixture.id);
    // A refused record has no id in the report: its line in the dump (a node a line) names it.
    const lines = dump.split('\n');
    const lineOf = (id: string) => lines.findIndex((line) => line.includes(`"id":"${BASE}/projects/${id}"`)) + 1;
    const projectLines = new Set(ids.map(lineOf));
    const first = await importJsonLd(empty, dump);
    expect(first.filter((entry) => entry.outcome === 'rejected' && projectLines.has(entry.line))).toEqual([]);
    // The seed records Digital Health Uptake with a partner and no coordinator (its sources name none): a curator's
    // import restores it as it is, and it stays the curators' to change.
    const dhu = projectFixtures.find((fixture) => fixture.acronym === 'DHU') as (typeof projectFixtures)[number];
    expect(first.find((entry) => entry.line === lineOf(dhu.id) && entry.type === 'projects')).toMatchObject({
      outcome: 'created',
      id: dhu.id,
    });
    const restored = await empty.gql(
      `{ project(id: "${dhu.id}") { coordinator { id } participants { role organisation { id } } } }`,
    );
    expect(restored.data?.project).toEqual({
      coordinator: null,
      participants: (dhu.participants ?? []).map(({ organisationId, role }) => ({
        role,
        organisation: { id: organisationId },
      })),
    });
    // A twinning transfers only a published practice: the import publishes the practices it carries before their
    // projects, so twinnings are created in the same run.
    const twinnings = projectFixtures.filter((fixture) => fixture.twinning);
    expect(twinnings.length).toBeGreaterThan(0);
    for (const fixture of twinnings) {
      const written = first.find((entry) => entry.line === lineOf(fixture.id) && entry.type === 'projects');
      expect(written).toMatchObject({ outcome: 'created', id: fixture.id });
    }
    const projectsCreated = first
      .filter((entry) => entry.type === 'projects' && entry.outcome === 'created')
      .map((entry) => entry.id);
    expect(projectsCreated.sort()).toEqual([...ids].sort());
    const second = await importJsonLd(empty, dump);
    expect(second.filter((entry) => entry.outcome === 'rejected' && projectLines.has(entry.line))).toEqual([]);

    const again = await dumpOf(empty);
    expect(await projectGraph(again, ids)).toBe(await projectGraph(dump, ids));

    const before = await generations(empty);
    const third = await importJsonLd(empty, dump);
    expect(third.filter((entry) => entry.outcome === 'created' || entry.outcome === 'updated')).toEqual([]);
    expect(await generations(empty)).toEqual(before);
  });
});
