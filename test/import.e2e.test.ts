// Import through the gateway over real HTTP and PostgreSQL: dry runs, creates, unchanged re-imports, updates with
// their audit entry, rejected rows beside good ones, editors' rights, dependency order, matching by id, identifier
// and source key, an interrupted run finished by a re-run, and the endpoint and the CLI giving one report.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { rorChecksum } from '@radar/common';
import {
  csvRows,
  gatewayClient,
  type ReportEntry,
  runImport,
  type SourceRow,
  templateHeader,
  templateOf,
} from '@radar/gateway';
import { seedIds } from '@radar/organisations';
import { practiceTypes } from '@radar/practices/codes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
