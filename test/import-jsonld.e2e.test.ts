// RADAR's own JSON-LD as an import input: the seeded registry's dump reads back losslessly into records and into rows
// of the import's columns that keep RADAR's ids, and imports into an empty RADAR that exports it again; bad JSON-LD is
// refused per record.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dct, mappings, readJsonLd, toJsonLd } from '@radar/exporter';
import { columnOf, type ImportType, isRejected, jsonLdRows, type ReportEntry, type SourceRow } from '@radar/gateway';
import { organisationFixtures } from '@radar/organisations';
import { identifierIri } from '@radar/organisations/codes';
import { needFixtures, practiceFixtures } from '@radar/practices';
import { projectFixtures } from '@radar/projects';
import type n3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, canonicalRecords, dumpOf, importJsonLd as postJsonLd } from './support/linked-data.js';
import { type Stack, startStack } from './support/stack.js';

const run = promisify(execFile);
const cli = new URL('../gateway/dist/import.cli.js', import.meta.url).pathname;
let stack: Stack;
let dump: string;

beforeAll(async () => {
  stack = await startStack();
  dump = await dumpOf(stack);
});
afterAll(async () => {
  await stack?.stop();
});

async function* chunksOf(text: string, size = 4096) {
  for (let offset = 0; offset < text.length; offset += size) yield text.slice(offset, offset + size);
}

async function rowsOf(text: string) {
  const rows: SourceRow[] = [];
  for await (const row of jsonLdRows(chunksOf(text), { file: 'radar.jsonld' })) rows.push(row);
  return rows;
}

describe('reading the registry’s JSON-LD for import', () => {
  it('reads every record of the dump back into records that export exactly the dump’s graph', async () => {
    const documents = [];
    const rejected = [];
    for await (const result of readJsonLd(chunksOf(dump))) {
      if (result.kind === 'rejected') {
        rejected.push(result);
        continue;
      }
      const record = result.record as Record<string, unknown> & { identifiers?: { scheme: string; value: string }[] };
      // The API adds each identifier's IRI (owl:sameAs) from its scheme and value: what the import sends is those two.
      const identifiers = record.identifiers?.map((item) => ({
        ...item,
        iri: identifierIri(item.scheme as never, item.value),
      }));
      documents.push(
        toJsonLd(
          mappings[result.path],
          { ...record, id: result.id, ...(identifiers ? { identifiers } : {}) },
          {
            base: BASE,
          },
        ),
      );
    }
    expect(rejected).toEqual([]);
    expect(documents).toHaveLength(
      organisationFixtures.length + practiceFixtures.length + projectFixtures.length + needFixtures.length,
    );
    expect(await canonicalRecords(documents)).toBe(await canonicalRecords([JSON.parse(dump)]));
  });

  it('gives rows of the import’s columns that keep RADAR’s ids, adoptions after every practice', async () => {
    const rows = await rowsOf(dump);
    const read = rows.filter((row) => !isRejected(row));
    // What the import's columns cannot carry yet is refused, named, rather than dropped.
    // Every record of the dump is read: nothing is refused.
    const refused = rows.filter((row) => isRejected(row)).map((row) => [row.type, row.problem?.column]);
    expect(refused).toEqual([]);
    for (const row of read) {
      for (const header of Object.keys(row.row))
        expect(columnOf(row.type, header), `${row.type}.${header}`).toBeDefined();
    }
    const ids = (type: ImportType) => read.filter((row) => row.type === type).map((row) => row.row.id);
    expect(new Set(ids('practices'))).toEqual(new Set(practiceFixtures.map((fixture) => fixture.id)));
    expect(new Set(ids('needs'))).toEqual(new Set(needFixtures.map((fixture) => fixture.id)));
    const smartHospital = practiceFixtures[0];
    const practice = read.find((row) => row.row.id === smartHospital?.id);
    expect(practice?.row).toMatchObject({
      title: smartHospital?.title,
      'title@ro': smartHospital?.translations?.[0]?.title,
      language: 'en',
      type: smartHospital?.type,
      owner: smartHospital?.ownerId,
      contributors: `${smartHospital?.contributors?.[0]?.organisationId}=IMPLEMENTER`,
      cdhiCodes: smartHospital?.cdhiCodes?.join(';'),
      countries: 'RO',
      nuts: 'RO21',
    });
    const adoption = read.find((row) => row.type === 'adoptions' && row.row.practice === smartHospital?.id);
    expect(adoption).toMatchObject({ line: practice?.line, keepsId: true });
    // Adoptions come once every practice has: a practice's adoption may name a practice after it.
    const lastPractice = read.findLastIndex((row) => row.type === 'practices');
    expect(read.indexOf(adoption as never)).toBeGreaterThan(lastPractice);
    expect(read.every((row) => row.file === 'radar.jsonld')).toBe(true);
    // A project's synergies come in a row of their own once every project has: a link may name a later project.
    const withSynergies = new Set(
      projectFixtures.flatMap((fixture) => (fixture.synergies ?? []).flatMap((item) => [fixture.id, item.otherId])),
    );
    const synergyRows = read.filter((row) => row.type === 'projects' && row.row.synergies);
    expect(new Set(synergyRows.map((row) => row.row.id))).toEqual(withSynergies);
    expect(synergyRows.every((row) => Object.keys(row.row).sort().join() === 'id,synergies')).toBe(true);
    const lastProject = read.findLastIndex((row) => row.type === 'projects' && !row.row.synergies);
    expect(read.indexOf(synergyRows[0] as never)).toBeGreaterThan(lastProject);
  });
});

describe('registering a record under the id it has in RADAR’s linked data', () => {
  const createOrganisation = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id name } }`;
  const organisationsNamed = async (name: string) =>
    (await stack.gql(`{ organisations(filter: { text: ${JSON.stringify(name)} }) { nodes { id } } }`, {})).data
      ?.organisations.nodes as { id: string }[];

  it('keeps the id given, in any letter case, and makes a new one when none is given', async () => {
    const id = 'C0FFEE00-0000-4000-8000-00000000000A';
    const created = await stack.gql(
      createOrganisation,
      { input: { id, name: 'Kept Id Clinic', kind: 'HEALTHCARE_PROVIDER' } },
      { key: stack.keys.curator },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createOrganisation.id).toBe(id.toLowerCase());
    const fresh = await stack.gql(
      createOrganisation,
      { input: { name: 'Fresh Id Clinic', kind: 'HEALTHCARE_PROVIDER' } },
      { key: stack.keys.curator },
    );
    expect(fresh.data?.createOrganisation.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an id a record has or had, on the id field, and writes nothing', async () => {
    const taken = organisationFixtures[0]?.id as string;
    const refused = await stack.gql(
      createOrganisation,
      { input: { id: taken, name: 'Squatting Clinic', kind: 'HEALTHCARE_PROVIDER' } },
      { key: stack.keys.curator },
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(refused.errors?.[0]?.message).toContain('ids are never reused');
    expect(await organisationsNamed('Squatting Clinic')).toEqual([]);

    const practice = practiceFixtures[0];
    const registered = await stack.gql(
      `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`,
      {
        input: {
          id: practice?.id,
          title: 'A practice under a taken id',
          summary: 'It must not be registered at all.',
          type: 'APP',
          maturity: 'PILOT',
          ownerId: practice?.ownerId,
        },
      },
      { key: stack.keys.curator },
    );
    expect(registered.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const notAnId = await stack.gql(
      createOrganisation,
      { input: { id: 'not-a-uuid', name: 'Bad Id Clinic', kind: 'HEALTHCARE_PROVIDER' } },
      { key: stack.keys.curator },
    );
    expect(notAnId.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('a round trip: the dump imported into an empty RADAR, which exports it again', () => {
  let empty: Stack;
  beforeAll(async () => {
    empty = await startStack({ seed: false });
  });
  afterAll(async () => {
    await empty?.stop();
  });

  async function importJsonLd(target: Stack, body: string, query = '') {
    const answer = await postJsonLd(target, body, query);
    expect(answer.status).toBe(200);
    return answer;
  }

  const organisationIds = async (target: Stack) => {
    const answer = await target.gql('{ organisations(first: 100) { nodes { id } } }', {});
    return ((answer.data?.organisations.nodes ?? []) as { id: string }[]).map((node) => node.id);
  };

  it('refuses bad JSON-LD per record with its reason and writes nothing', async () => {
    const notJson = await importJsonLd(empty, '{"@context": ');
    expect(notJson.records).toMatchObject([
      { outcome: 'rejected', field: 'document', reason: expect.stringMatching(/^not JSON/) },
    ]);
    const context = `${BASE}/ontology/context.jsonld`;
    const document = {
      '@context': context,
      '@graph': [
        {
          id: `${BASE}/organisations/0b7c1d2e-2222-4000-8000-000000000001`,
          type: 'Organization',
          kind: `https://w3id.org/radar/code/organisation-kind/COMPANY`,
        },
        { id: `${BASE}/datasets/1`, type: 'http://www.w3.org/ns/dcat#Dataset' },
      ],
    };
    const bad = await importJsonLd(empty, JSON.stringify(document));
    expect(bad.records.map((entry) => [entry.outcome, entry.field])).toEqual([
      ['rejected', 'type'],
      ['rejected', 'name'],
    ]);
    expect(bad.records[0]?.reason).toContain('unknown type <http://www.w3.org/ns/dcat#Dataset>');
    expect(bad.records[1]?.reason).toContain('the name is missing');
    expect(await organisationIds(empty)).toEqual([]);
  });

  it('imports what the import takes under the same ids, exports the same graph, and a second run changes nothing', async () => {
    const first = await importJsonLd(empty, dump, '?source=radar-dump');
    const created = first.records.filter((entry) => entry.outcome === 'created');
    const refused = first.records.filter((entry) => entry.outcome === 'rejected');
    for (const entry of refused) expect(entry.reason, `${entry.type} line ${entry.line}`).toBeTruthy();
    // Every organisation is created under its RADAR id (a member of a network later in the dump gets its memberships
    // in a second row, once every organisation exists).
    const carried = organisationFixtures.map((fixture) => fixture.id);
    expect(
      created
        .filter((entry) => entry.type === 'organisations')
        .map((entry) => entry.id)
        .sort(),
    ).toEqual([...carried].sort());
    expect((await organisationIds(empty)).sort()).toEqual([...carried].sort());
    // So is every practice whose owner and contributors are among them; the others name one that is not.
    const named = (fixture: (typeof practiceFixtures)[number]) => [
      fixture.ownerId,
      ...(fixture.contributors ?? []).map((contributor) => contributor.organisationId),
    ];
    const practicesCarried = practiceFixtures.filter((fixture) => named(fixture).every((id) => carried.includes(id)));
    expect(practicesCarried.length).toBeGreaterThan(0);
    const practicesCreated = created.filter((entry) => entry.type === 'practices').map((entry) => entry.id);
    expect(practicesCreated.sort()).toEqual(practicesCarried.map((fixture) => fixture.id).sort());
    const practicesRefused = refused.filter((entry) => entry.type === 'practices');
    expect(practicesRefused).toHaveLength(practiceFixtures.length - practicesCarried.length);
    for (const entry of practicesRefused) expect(entry.reason).toMatch(/^organisation .* does not exist$/);

    // The organisations exported again are the same graph as in the first registry's dump, but for the time they
    // were registered and last changed (dct:created, dct:modified), which is when this registry recorded them.
    const again = await dumpOf(empty);
    const withoutTimes = (quad: n3.Quad) =>
      quad.predicate.value !== dct.created && quad.predicate.value !== dct.modified;
    const organisationsOf = async (text: string) => {
      const graph = JSON.parse(text)['@graph'] as { id: string }[];
      const nodes = graph.filter((node) => carried.some((id) => node.id === `${BASE}/organisations/${id}`));
      return canonicalRecords(
        nodes.map((node) => ({ '@context': `${BASE}/ontology/context.jsonld`, ...node })),
        withoutTimes,
      );
    };
    expect(await organisationsOf(again)).toBe(await organisationsOf(dump));

    const second = await importJsonLd(empty, dump, '?source=radar-dump');
    expect(second.records.filter((entry) => entry.outcome === 'created' || entry.outcome === 'updated')).toEqual([]);
    expect(
      second.records
        .filter((entry) => entry.outcome === 'unchanged')
        .map((entry) => entry.id)
        .sort(),
    ).toEqual(
      first.records
        .filter((entry) => entry.outcome !== 'rejected')
        .map((entry) => entry.id)
        .sort(),
    );
  });
});

describe('pnpm import of a .jsonld file', () => {
  it('reads it as JSON-LD without --type; the dump imported into the registry it came from changes nothing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'radar-import-jsonld-'));
    try {
      const file = join(folder, 'radar.jsonld');
      writeFileSync(file, dump);
      const versions = async () =>
        (await stack.gql('{ organisations(first: 100) { nodes { id version } } }', {})).data?.organisations.nodes;
      const before = await versions();
      const report = join(folder, 'report.json');
      // Every record is read back and found as it is: exit code 0.
      const { stdout, code } = await run(process.execPath, [cli, file, '--source', 'radar-dump', '--report', report], {
        env: { ...process.env, RADAR_API_KEY: stack.keys.curator, GATEWAY_URL: stack.gatewayUrl },
      }).then(
        ({ stdout }) => ({ stdout, code: 0 }),
        (error: { stdout: string; code: number }) => error,
      );
      const { records } = JSON.parse(readFileSync(report, 'utf8')) as { records: ReportEntry[] };
      expect(records.filter((entry) => entry.outcome === 'rejected')).toEqual([]);
      expect(code).toBe(0);
      const read = records;
      expect(read.length).toBeGreaterThanOrEqual(
        organisationFixtures.length + practiceFixtures.length + projectFixtures.length + needFixtures.length,
      );
      expect(read.filter((entry) => entry.outcome !== 'unchanged')).toEqual([]);
      expect(records.every((entry) => entry.file === 'radar.jsonld')).toBe(true);
      expect(stdout).toContain(`${read.length} unchanged`);
      expect(await versions()).toEqual(before);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
