// Import through the gateway over real HTTP and PostgreSQL: dry runs, creates, unchanged re-imports, updates with
// their audit entry, rejected rows beside good ones, editors' rights, dependency order, matching by id, identifier
// and source key, an interrupted run finished by a re-run, and the endpoint and the CLI giving one report.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { rorChecksum } from '@radar/common';
import {
  csvRows,
  gatewayClient,
  importTypes,
  type ReportEntry,
  runImport,
  type SourceRow,
  templateHeader,
  templateOf,
} from '@radar/gateway';
import { seedIds } from '@radar/organisations';
import { practiceFixtures } from '@radar/practices';
import { cdhiCodes, practiceTypes } from '@radar/practices/codes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generations } from './support/linked-data.js';
import { type Stack, startStack } from './support/stack.js';

const run = promisify(execFile);
const cli = new URL('../gateway/dist/import.cli.js', import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), 'radar-import-'));

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
  rmSync(folder, { recursive: true, force: true });
});

/** A valid ROR id made from six base32 characters. */
const ror = (body: string) => `0${body}${rorChecksum(body)}`;

async function importCsv(
  files: { type: SourceRow['type']; csv: string }[],
  options: { key?: string; dryRun?: boolean; source?: string } = {},
) {
  const records: ReportEntry[] = [];
  const summary = await runImport(
    (async function* () {
      for (const file of files) yield* csvRows(file.type, file.csv, file.type);
    })(),
    {
      client: gatewayClient(stack.gatewayUrl, options.key ?? stack.keys.curator),
      source: options.source ?? 'partner-test',
      run: 'test-run',
      dryRun: options.dryRun ?? false,
      onRecord: (entry) => records.push(entry),
    },
  );
  return { summary, records };
}

async function organisationBySource(sourceId: string, source = 'partner-test') {
  const response = await stack.gql(
    `query($source: String!, $sourceId: String!) { organisationBySource(source: $source, sourceId: $sourceId) {
      id name version identifiers { scheme value } sources { source sourceId } } }`,
    { source, sourceId },
  );
  expect(response.errors).toBeUndefined();
  return response.data?.organisationBySource as Record<string, any> | null;
}

async function practiceBySource(sourceId: string, key = stack.keys.curator) {
  const response = await stack.gql(
    `query($sourceId: String!) { practiceBySource(source: "partner-test", sourceId: $sourceId) {
      id title summary version status owner { id name } contributors { organisation { id } role }
      history { action comment changes } sources { source sourceId } } }`,
    { sourceId },
    { key },
  );
  expect(response.errors).toBeUndefined();
  return response.data?.practiceBySource as Record<string, any> | null;
}

const ORGANISATIONS = `sourceId,name,kind,country,ror
ORG-1,Clinica Imports Sud,HEALTHCARE_PROVIDER,RO,${ror('abcdef')}
ORG-2,Imports Research Institute,RESEARCH_ORGANISATION,FR,
`;
const PRACTICES = `sourceId,title,summary,type,maturity,owner,contributors,topics
PR-1,Imported telemonitoring,Remote monitoring imported from a partner,APP,PILOT,ORG-1,ORG-2=DEVELOPER,TELEMONITORING;AGEING_WELL
PR-2,Imported training,A course imported from a partner,TRAINING,CONCEPT,ror:${ror('abcdef')},,
`;

describe('import of organisations and practices', () => {
  it('dry run reports what it would do and writes nothing', async () => {
    const { summary, records } = await importCsv(
      [
        { type: 'organisations', csv: ORGANISATIONS },
        { type: 'practices', csv: PRACTICES },
      ],
      { dryRun: true },
    );
    expect(records.map(({ type, line, outcome }) => ({ type, line, outcome }))).toEqual([
      { type: 'organisations', line: 2, outcome: 'created' },
      { type: 'organisations', line: 3, outcome: 'created' },
      { type: 'practices', line: 2, outcome: 'created' },
      { type: 'practices', line: 3, outcome: 'created' },
    ]);
    expect(summary).toEqual({ total: 4, created: 4, updated: 0, unchanged: 0, rejected: 0 });
    expect(await organisationBySource('ORG-1')).toBeNull();
    expect(await practiceBySource('PR-1')).toBeNull();
  });

  it('creates records in dependency order: practices own and name organisations of the same run', async () => {
    const { summary, records } = await importCsv([
      { type: 'organisations', csv: ORGANISATIONS },
      { type: 'practices', csv: PRACTICES },
    ]);
    expect(records.filter((entry) => entry.outcome !== 'created')).toEqual([]);
    expect(summary.created).toBe(4);
    const clinic = await organisationBySource('ORG-1');
    const institute = await organisationBySource('ORG-2');
    expect(clinic).toMatchObject({
      name: 'Clinica Imports Sud',
      identifiers: [{ scheme: 'ROR', value: ror('abcdef') }],
      sources: [{ source: 'partner-test', sourceId: 'ORG-1' }],
    });
    const practice = await practiceBySource('PR-1');
    expect(practice).toMatchObject({
      title: 'Imported telemonitoring',
      status: 'DRAFT',
      owner: { id: clinic?.id },
      contributors: [{ organisation: { id: institute?.id }, role: 'DEVELOPER' }],
    });
    expect(practice?.history[0]).toMatchObject({
      action: 'REGISTERED',
      comment: 'import test-run from partner-test (PR-1)',
    });
    expect((await practiceBySource('PR-2'))?.owner.id).toBe(clinic?.id);
  });
});

describe('the dry-run header', () => {
  it('runs a mutation with every rule and writes nothing, for any partner of the API', async () => {
    const create = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id name } }`;
    const headers = { 'x-radar-dry-run': 'true' };
    const before = await generations(stack);
    const tried = await stack.gql(
      create,
      { input: { name: 'Dry Run Clinic', kind: 'COMPANY' } },
      { key: stack.keys.curator, headers },
    );
    expect(tried.errors).toBeUndefined();
    expect(tried.data?.createOrganisation.name).toBe('Dry Run Clinic');
    const found = await stack.gql('query($id: UUID!) { organisation(id: $id) { id } }', {
      id: tried.data?.createOrganisation.id,
    });
    expect(found.data?.organisation).toBeNull();
    const refused = await stack.gql(
      create,
      { input: { name: 'Dry Run Clinic', kind: 'COMPANY', nuts: 'FR10', country: 'RO' } },
      {
        key: stack.keys.curator,
        headers,
      },
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'nuts' });
    expect(await generations(stack)).toEqual(before);
  });
});

describe('re-imports', () => {
  it('an unchanged second run reports every record unchanged and writes nothing', async () => {
    const before = await generations(stack);
    const { summary } = await importCsv([
      { type: 'organisations', csv: ORGANISATIONS },
      { type: 'practices', csv: PRACTICES },
    ]);
    expect(summary).toEqual({ total: 4, created: 0, updated: 0, unchanged: 4, rejected: 0 });
    expect(await generations(stack)).toEqual(before);
  });

  it('a changed row updates its record as a new version whose audit entry names the import and the source', async () => {
    const before = await practiceBySource('PR-1');
    const changed = PRACTICES.replace('Remote monitoring imported from a partner', '"Remote monitoring, now at home"');
    const { records } = await importCsv([{ type: 'practices', csv: changed }]);
    expect(records.map(({ line, outcome }) => ({ line, outcome }))).toEqual([
      { line: 2, outcome: 'updated' },
      { line: 3, outcome: 'unchanged' },
    ]);
    const after = await practiceBySource('PR-1');
    expect(after?.summary).toBe('Remote monitoring, now at home');
    expect(after?.version).toBe((before?.version as number) + 1);
    const last = after?.history.at(-1);
    expect(last).toMatchObject({ action: 'UPDATED', comment: 'import test-run from partner-test (PR-1)' });
    expect(JSON.parse(last.changes)).toEqual({
      summary: { from: 'Remote monitoring imported from a partner', to: 'Remote monitoring, now at home' },
    });
  });

  it('a batch whose answer is lost on the way back is reported from what RADAR then holds', async () => {
    const real = gatewayClient(stack.gatewayUrl, stack.keys.curator);
    let lost = false;
    // The gateway's answer to the first write request is lost, as a timeout on the way back loses it.
    const lossy: typeof real = {
      async request(query, variables, options) {
        const answer = await real.request(query, variables, options);
        if (!lost && query.startsWith('mutation')) {
          lost = true;
          return {
            data: null,
            errors: [{ message: 'A RADAR service is unavailable.', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
          };
        }
        return answer;
      },
    } as typeof real;
    const csv = `sourceId,name,kind\nLOST-1,Lost Answer One,COMPANY\nLOST-2,Lost Answer Two,COMPANY\n`;
    const records: ReportEntry[] = [];
    await runImport(csvRows('organisations', csv), {
      client: lossy,
      source: 'partner-test',
      onRecord: (entry) => records.push(entry),
    });
    expect(lost).toBe(true);
    expect(records.map(({ outcome }) => outcome)).toEqual(['created', 'created']);
    expect(records[0]?.id).toBe((await organisationBySource('LOST-1'))?.id);
  });

  it('an interrupted run, run again, finishes the job without duplicates', async () => {
    const csv = `sourceId,name,kind\nRUN-1,Interrupted One,COMPANY\nRUN-2,Interrupted Two,COMPANY\nRUN-3,Interrupted Three,COMPANY\n`;
    const client = gatewayClient(stack.gatewayUrl, stack.keys.curator);
    let seen = 0;
    const cut = (async function* () {
      for await (const row of csvRows('organisations', csv)) {
        if (seen++ === 2) throw new Error('connection lost');
        yield row;
      }
    })();
    await expect(runImport(cut, { client, source: 'partner-test', chunkSize: 1 })).rejects.toThrow('connection lost');
    expect(await organisationBySource('RUN-3')).toBeNull();
    const { records } = await importCsv([{ type: 'organisations', csv }]);
    expect(records.map(({ outcome }) => outcome)).toEqual(['unchanged', 'unchanged', 'created']);
    const names = await stack.gql('{ organisations(first: 100, filter: { text: "Interrupted" }) { totalCount } }');
    expect(names.data?.organisations.totalCount).toBe(3);
  });
});

describe('matching rows to records', () => {
  it('matches by RADAR id, by any common spelling of an identifier, and by source key', async () => {
    const clinic = await organisationBySource('ORG-1');
    const value = ror('abcdef');
    const byId = await importCsv([
      { type: 'organisations', csv: `id,name,kind\n${clinic?.id},Clinica Imports Sud,HEALTHCARE_PROVIDER\n` },
    ]);
    expect(byId.records.map(({ outcome, id }) => ({ outcome, id }))).toEqual([
      { outcome: 'unchanged', id: clinic?.id },
    ]);
    const spellings = `name,kind,ror
Clinica Imports Sud,HEALTHCARE_PROVIDER,https://ror.org/${value.toUpperCase()}
Clinica Imports Sud,HEALTHCARE_PROVIDER,ror.org/${value}
`;
    const byIdentifier = await importCsv([{ type: 'organisations', csv: spellings }]);
    expect(byIdentifier.records.map(({ outcome, id }) => ({ outcome, id }))).toEqual([
      { outcome: 'unchanged', id: clinic?.id },
      { outcome: 'unchanged', id: clinic?.id },
    ]);
    const renamed = await importCsv([{ type: 'organisations', csv: `sourceId,name\nORG-1,Clinica Imports Sud SRL\n` }]);
    expect(renamed.records[0]).toMatchObject({ outcome: 'updated', id: clinic?.id });
    expect(await organisationBySource('ORG-1')).toMatchObject({
      name: 'Clinica Imports Sud SRL',
      version: (clinic?.version as number) + 1,
    });
    const lookup = await stack.gql(
      `{ organisationByIdentifier(scheme: ROR, value: "https://ror.org/${value}") { id } }`,
    );
    expect(lookup.data?.organisationByIdentifier.id).toBe(clinic?.id);
  });

  it('keeps a second source key on a record a row of another source matches', async () => {
    const csv = `sourceId,name,kind,ror\nCL-9,Clinica Imports Sud,HEALTHCARE_PROVIDER,${ror('abcdef')}\n`;
    const { records } = await importCsv([{ type: 'organisations', csv }], { source: 'second-registry' });
    expect(records[0]?.outcome).toBe('updated');
    const clinic = await organisationBySource('CL-9', 'second-registry');
    expect(clinic?.sources).toEqual([
      { source: 'partner-test', sourceId: 'ORG-1' },
      { source: 'second-registry', sourceId: 'CL-9' },
    ]);
    expect((await importCsv([{ type: 'organisations', csv }], { source: 'second-registry' })).records[0]?.outcome).toBe(
      'unchanged',
    );
  });

  it('rejects a row whose keys name two different records', async () => {
    const csv = `sourceId,name,kind,ror\nORG-2,Imports Research Institute,RESEARCH_ORGANISATION,${ror('abcdef')}\n`;
    const { records } = await importCsv([{ type: 'organisations', csv }]);
    expect(records[0]).toMatchObject({ outcome: 'rejected', field: 'sourceId' });
    expect(records[0]?.reason).toMatch(/names organisation .* but ror names /);
  });
});

describe('bad rows', () => {
  const BAD = `sourceId,name,kind,country,nuts,ror
BAD-1,Good Clinic,HEALTHCARE_PROVIDER,RO,,
BAD-2,Wrong Kind,HOSPITALITY,RO,,
BAD-3,Wrong Check Digits,COMPANY,RO,,0abcdef00
BAD-4,Region Elsewhere,COMPANY,RO,FR10,
BAD-5,,COMPANY,RO,,
`;

  it('are rejected with the column and the reason in a dry run too, and nothing is written', async () => {
    const { records } = await importCsv([{ type: 'organisations', csv: BAD }], { dryRun: true });
    expect(records.map(({ outcome, field }) => ({ outcome, field }))).toEqual([
      { outcome: 'created', field: undefined },
      { outcome: 'rejected', field: 'kind' },
      { outcome: 'rejected', field: 'ror' },
      { outcome: 'rejected', field: 'nuts' },
      { outcome: 'rejected', field: 'name' },
    ]);
    expect(await organisationBySource('BAD-1')).toBeNull();
  });

  it('never block the good ones, each record all-or-nothing', async () => {
    const { records, summary } = await importCsv([{ type: 'organisations', csv: BAD }]);
    expect(summary).toMatchObject({ created: 1, rejected: 4 });
    expect(records[1]?.reason).toContain('HOSPITALITY');
    expect(records[2]?.reason).toContain('check digits');
    expect(records[3]).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await organisationBySource('BAD-1')).toMatchObject({ name: 'Good Clinic' });
    for (const sourceId of ['BAD-2', 'BAD-3', 'BAD-4', 'BAD-5'])
      expect(await organisationBySource(sourceId)).toBeNull();
  });

  it('a record the API refuses amid others sent with it leaves those before and after it written', async () => {
    const csv = `sourceId,name,kind,country,nuts
MID-1,Batch Before One,COMPANY,RO,
MID-2,Batch Before Two,COMPANY,RO,RO21
MID-3,Batch Refused,COMPANY,RO,FR10
MID-4,Batch After,COMPANY,RO,
`;
    const { records } = await importCsv([{ type: 'organisations', csv }]);
    expect(records.map(({ outcome, field }) => ({ outcome, field }))).toEqual([
      { outcome: 'created', field: undefined },
      { outcome: 'created', field: undefined },
      { outcome: 'rejected', field: 'nuts' },
      { outcome: 'created', field: undefined },
    ]);
    for (const [index, sourceId] of ['MID-1', 'MID-2', 'MID-4'].entries()) {
      expect((await organisationBySource(sourceId))?.id).toBe(records[index === 2 ? 3 : index]?.id);
    }
    expect(await organisationBySource('MID-3')).toBeNull();
  });

  it('every problem of a row is reported, each on its column, in the JSON and the CSV report', async () => {
    const file = join(folder, 'needs-problems.csv');
    writeFileSync(
      file,
      `sourceId,title,description,owner,country,cdhiCodes\nNP-1,Need with two problems,Short,${seedIds.smartHospital},RO,2.4.9;1.1.1\n`,
    );
    const problems = [
      { field: 'description', message: expect.stringContaining('10 to 20000 characters') },
      { field: 'cdhiCodes', message: '2.4.9 is not in the WHO CDHI v2 list' },
    ];
    const reports = { json: join(folder, 'problems.json'), csv: join(folder, 'problems.csv') };
    for (const report of Object.values(reports)) {
      const result = await run(
        process.execPath,
        [cli, file, '--type', 'needs', '--dry-run', '--source', 'partner-test', '--report', report],
        { env: { ...process.env, RADAR_API_KEY: stack.keys.curator, GATEWAY_URL: stack.gatewayUrl } },
      ).catch((error: { stdout: string; code: number }) => error);
      expect(result.stdout).toContain('description: ');
      expect(result.stdout).toContain('; cdhiCodes: 2.4.9 is not in the WHO CDHI v2 list');
    }
    const json = JSON.parse(readFileSync(reports.json, 'utf8')) as { records: ReportEntry[] };
    expect(json.records[0]).toMatchObject({ outcome: 'rejected', field: 'description', code: 'BAD_USER_INPUT' });
    expect(json.records[0]?.problems).toEqual(expect.arrayContaining(problems));
    const lines = readFileSync(reports.csv, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('type,file,line,outcome,id,source,sourceId,field,reason,code');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 8).join(','))).toEqual(
      expect.arrayContaining([
        'needs,needs-problems.csv,2,rejected,,partner-test,NP-1,description',
        'needs,needs-problems.csv,2,rejected,,partner-test,NP-1,cdhiCodes',
      ]),
    );
    expect(lines).toHaveLength(3);
  });

  it('a practice naming an organisation RADAR does not have is rejected on that column', async () => {
    const csv = `sourceId,title,summary,type,maturity,owner
PR-9,Orphan practice,A practice whose owner is nowhere,APP,PILOT,ORG-404
PR-10,Owned practice,A practice whose owner comes with it,APP,PILOT,OWNER-10
`;
    const { records } = await importCsv([
      { type: 'organisations', csv: 'sourceId,name,kind\nOWNER-10,Owner Ten,COMPANY\n' },
      { type: 'practices', csv },
    ]);
    records.shift();
    expect(records[0]).toMatchObject({ outcome: 'rejected', field: 'owner' });
    expect(records[0]?.reason).toContain('ORG-404');
    expect(records[1]).toMatchObject({ outcome: 'created' });
  });

  it('a row with no id, identifier or source key is refused: a re-run could not find its record', async () => {
    const { records } = await importCsv([{ type: 'organisations', csv: 'name,kind\nNo Key Clinic,COMPANY\n' }]);
    expect(records[0]).toMatchObject({ outcome: 'rejected', field: 'sourceId' });
    const found = await stack.gql('{ organisations(filter: { text: "No Key Clinic" }) { totalCount } }');
    expect(found.data?.organisations.totalCount).toBe(0);
  });

  it('a file whose header names an unknown column is refused as a whole', async () => {
    await expect(importCsv([{ type: 'organisations', csv: 'sourceId,name,colour\nX,Y,red\n' }])).rejects.toThrow(
      '"colour" is not a column of organisations',
    );
  });
});

describe('files the import cannot read all of', () => {
  const env = () => ({ ...process.env, RADAR_API_KEY: stack.keys.curator, GATEWAY_URL: stack.gatewayUrl });
  const url = () => `${stack.gatewayUrl.replace(/\/graphql$/, '')}/import`;
  const MIXED =
    'sourceId,name,kind,country\nMIX-1,Mixed Good One,COMPANY,RO\nMIX-2,Short\nMIX-3,Mixed Good Two,COMPANY,RO\n';
  const failed = (error: { stdout: string; stderr: string; code: number }) => error;
  const exitOf = (result: { stdout: string; stderr: string; code?: number }) => result.code ?? 0;

  it('a record the parser cannot read is rejected with its line and reason; the good rows are imported', async () => {
    const file = join(folder, 'mixed.csv');
    const report = join(folder, 'mixed-report.json');
    writeFileSync(file, MIXED.replace('MIX-3,', 'MIX-4,"Stray "quote",COMPANY,RO\nMIX-3,'));
    const result = await run(
      process.execPath,
      [cli, file, '--type', 'organisations', '--source', 'audit-bad', '--report', report],
      { env: env() },
    ).catch(failed);
    expect(result).toMatchObject({ code: 1 });
    const written = JSON.parse(readFileSync(report, 'utf8')) as { records: ReportEntry[]; summary: unknown };
    expect(written.records.map(({ line, outcome, field }) => ({ line, outcome, field }))).toEqual([
      { line: 2, outcome: 'created', field: undefined },
      { line: 3, outcome: 'rejected', field: 'row' },
      { line: 4, outcome: 'rejected', field: 'row' },
      { line: 5, outcome: 'created', field: undefined },
    ]);
    expect(written.records[1]?.reason).toBe('has 2 cells where the header names 4 columns');
    expect(written.records[2]?.reason).toContain('quote');
    expect(written.summary).toMatchObject({ created: 2, rejected: 2 });
    expect(await organisationBySource('MIX-1', 'audit-bad')).toMatchObject({ name: 'Mixed Good One' });
    expect(await organisationBySource('MIX-3', 'audit-bad')).toMatchObject({ name: 'Mixed Good Two' });
    expect(await organisationBySource('MIX-4', 'audit-bad')).toBeNull();

    const response = await fetch(`${url()}?type=organisations&source=audit-body`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${stack.keys.curator}` },
      body: MIXED,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { records: ReportEntry[] };
    expect(body.records.map(({ outcome }) => outcome)).toEqual(['created', 'rejected', 'created']);
    expect(body.records[1]).toMatchObject({ line: 3, field: 'row' });
  });

  const unreadable: [string, Buffer, string][] = [
    [
      'a quote never closed',
      Buffer.from(`${MIXED}MIX-9,"Open quote,COMPANY,RO\nMIX-10,After,COMPANY,RO\n`),
      'is never closed',
    ],
    ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MIXED, 'utf16le')]), 'not a UTF-8 CSV file'],
    ['Latin-1', Buffer.from(MIXED.replace('Two', 'Deux Sévres'), 'latin1'), 'not a UTF-8 CSV file'],
    ['a binary file', readFileSync(process.execPath).subarray(0, 4096), 'not a UTF-8 CSV file'],
  ];

  it.each(unreadable)('a file with %s is refused in one line before anything is written', async (_, bytes, reason) => {
    const file = join(folder, 'unreadable.csv');
    const report = join(folder, 'unreadable-report.json');
    rmSync(report, { force: true });
    writeFileSync(file, bytes);
    const result = await run(
      process.execPath,
      [cli, file, '--type', 'organisations', '--source', 'audit-unreadable', '--report', report],
      { env: env() },
    ).catch(failed);
    expect(exitOf(result)).toBe(2);
    expect(result.stderr).toContain(reason);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(existsSync(report)).toBe(false);

    const response = await fetch(`${url()}?type=organisations&source=audit-unreadable`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${stack.keys.curator}` },
      body: new Uint8Array(bytes),
    });
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(answer.errors[0]?.message).toContain(reason);
    expect(answer.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(await organisationBySource('MIX-1', 'audit-unreadable')).toBeNull();
  });

  it('a UTF-8 byte order mark is fine', async () => {
    const { records } = await importCsv([{ type: 'organisations', csv: `\uFEFF${MIXED}` }], { dryRun: true });
    expect(records.map(({ outcome }) => outcome)).toEqual(['created', 'rejected', 'created']);
  });

  it('a file that is not there is one line and a failed exit', async () => {
    const result = await run(process.execPath, [cli, join(folder, 'absent.csv'), '--type', 'organisations'], {
      env: env(),
    }).catch(failed);
    expect(exitOf(result)).toBe(2);
    expect(result.stderr).toBe(`import: ${join(folder, 'absent.csv')}: no such file\n`);
  });
});

describe('rights', () => {
  it('an editor imports for their own organisation only: other rows are reported FORBIDDEN', async () => {
    const editor = await stack.keys.editorOf(seedIds.smartHospital);
    const practices = `sourceId,title,summary,type,maturity,owner
ED-1,Own practice,Of the editor's organisation,APP,PILOT,${seedIds.smartHospital}
ED-2,Someone else's,Of another organisation,APP,PILOT,${seedIds.endotarget}
`;
    const organisations = `sourceId,name,kind\nED-ORG,Editor Made,COMPANY\n`;
    const { records } = await importCsv(
      [
        { type: 'organisations', csv: organisations },
        { type: 'practices', csv: practices },
      ],
      { key: editor },
    );
    expect(records.map(({ outcome, code, field }) => ({ outcome, code, field }))).toEqual([
      { outcome: 'rejected', code: 'FORBIDDEN', field: 'row' },
      { outcome: 'created', code: undefined, field: undefined },
      { outcome: 'rejected', code: 'FORBIDDEN', field: 'owner' },
    ]);
    expect(await practiceBySource('ED-2')).toBeNull();
    expect((await practiceBySource('ED-1'))?.owner.id).toBe(seedIds.smartHospital);
  });
});

describe('the template, the endpoint and the CLI', () => {
  it('the template documents every column with every code it takes, then ends with the header', () => {
    expect(templateHeader('practices').split(',')).toEqual(expect.arrayContaining(['title', 'owner', 'contributors']));
    const template = templateOf('practices');
    const lines = template.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(templateHeader('practices'));
    expect(lines.slice(0, -1).every((line) => line.startsWith('# '))).toBe(true);
    for (const { code } of practiceTypes) expect(template).toContain(code);
    for (const { code } of cdhiCodes) expect(template).toContain(` ${code} (`);
  });

  it('the template of every type, filled with one row, imports as it is', async () => {
    const filled: Record<SourceRow['type'], Record<string, string>> = {
      organisations: { sourceId: 'TPL-O', name: 'Template Clinic', kind: 'HEALTHCARE_PROVIDER', country: 'RO' },
      practices: {
        sourceId: 'TPL-P',
        title: 'Template practice',
        summary: 'A practice entered in the template',
        type: 'APP',
        maturity: 'PILOT',
        owner: 'TPL-O',
      },
      projects: {
        sourceId: 'TPL-J',
        acronym: 'TPLJ',
        title: 'Template project',
        kind: 'RESEARCH_INNOVATION',
        programme: 'HORIZON_EUROPE',
        participants: 'TPL-O=COORDINATOR',
      },
      // A dry run checks an adoption of a practice RADAR holds, not of one the same run would create.
      adoptions: {
        sourceId: 'TPL-A',
        practice: practiceFixtures[0]?.id ?? '',
        adopter: 'TPL-O',
        country: 'RO',
        scale: 'LOCAL',
        status: 'PLANNED',
      },
      needs: {
        sourceId: 'TPL-N',
        title: 'Template need',
        description: 'A need entered in the template',
        owner: 'TPL-O',
        country: 'RO',
        cdhiCodes: '1.1.1',
      },
    };
    const paths = [];
    for (const type of importTypes) {
      // What `pnpm run import --template <type>` prints.
      const template = templateOf(type);
      const header = template.trimEnd().split('\n').at(-1)?.split(',') ?? [];
      const path = join(folder, `${type}-template.csv`);
      writeFileSync(path, `${template}${header.map((column) => filled[type][column] ?? '').join(',')}\n`);
      paths.push(path);
    }
    const { stdout } = await run(process.execPath, [cli, ...paths, '--dry-run', '--source', 'template-test'], {
      env: { ...process.env, RADAR_API_KEY: stack.keys.curator, GATEWAY_URL: stack.gatewayUrl },
    }).catch((error: { stdout: string }) => error);
    expect(stdout).toContain('Dry run (nothing written): 5 records: 5 created, 0 updated, 0 unchanged, 0 rejected');
    expect(await organisationBySource('TPL-O', 'template-test')).toBeNull();
  }, 120_000);

  it('POST /import and pnpm run import give the same report', async () => {
    const organisations = `sourceId,name,kind\nSAME-1,Same Report Org,COMPANY\nSAME-2,,COMPANY\n`;
    const practices = `sourceId,title,summary,type,maturity,owner\nSAME-P,Same report,Through both,APP,PILOT,SAME-1\n`;
    const response = await fetch(
      `${stack.gatewayUrl.replace(/\/graphql$/, '')}/import?dryRun=true&source=partner-test`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.keys.curator}` },
        body: JSON.stringify({
          files: [
            { type: 'practices', csv: practices },
            { type: 'organisations', csv: organisations },
          ],
        }),
      },
    );
    expect(response.status).toBe(200);
    const endpoint = (await response.json()) as { records: ReportEntry[]; summary: unknown; dryRun: boolean };

    writeFileSync(join(folder, 'organisations.csv'), organisations);
    writeFileSync(join(folder, 'practices.csv'), practices);
    const report = join(folder, 'report.json');
    const { stdout } = await run(
      process.execPath,
      [
        cli,
        join(folder, 'practices.csv'),
        join(folder, 'organisations.csv'),
        '--dry-run',
        '--source',
        'partner-test',
        '--report',
        report,
      ],
      { env: { ...process.env, RADAR_API_KEY: stack.keys.curator, GATEWAY_URL: stack.gatewayUrl } },
    ).catch((error: { stdout: string; code: number }) => {
      expect(error.code).toBe(1);
      return error;
    });
    expect(stdout).toContain('Dry run (nothing written): 3 records: 2 created, 0 updated, 0 unchanged, 1 rejected');
    const written = JSON.parse(readFileSync(report, 'utf8')) as typeof endpoint;
    const comparable = (records: ReportEntry[]) => records.map(({ file: _file, ...entry }) => entry);
    expect(comparable(written.records)).toEqual(comparable(endpoint.records));
    expect(written.summary).toEqual(endpoint.summary);
    expect(endpoint.records.map(({ outcome }) => outcome)).toEqual(['created', 'rejected', 'created']);
    expect(await organisationBySource('SAME-1')).toBeNull();
  });

  it('the endpoint refuses a request without a key, of an unknown type, or with a bad header', async () => {
    const url = `${stack.gatewayUrl.replace(/\/graphql$/, '')}/import`;
    const anonymous = await fetch(`${url}?type=organisations`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'name\nX\n',
    });
    expect(anonymous.status).toBe(401);
    const headers = { 'content-type': 'text/csv', authorization: `Bearer ${stack.keys.curator}` };
    const unknownType = await fetch(`${url}?type=grants`, { method: 'POST', headers, body: 'name\nX\n' });
    expect(unknownType.status).toBe(400);
    expect(((await unknownType.json()) as { errors: { message: string }[] }).errors[0]?.message).toContain('type');
    const badHeader = await fetch(`${url}?type=organisations`, { method: 'POST', headers, body: 'colour\nred\n' });
    expect(badHeader.status).toBe(400);
  });
});
