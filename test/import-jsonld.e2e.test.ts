// RADAR's own JSON-LD as an import input: the seeded registry's dump reads back, record by record, into what exports
// the same graph, and into rows of the import's columns that keep RADAR's ids; bad JSON-LD is refused per record.
import { CODE_LISTS_IRI, dumpText, mappings, readJsonLd, SubgraphSource, toJsonLd } from '@radar/exporter';
import { columnOf, type ImportType, isRejected, type JsonLdRow, jsonLdRows } from '@radar/gateway';
import { organisationFixtures } from '@radar/organisations';
import { identifierIri } from '@radar/organisations/codes';
import { practiceFixtures } from '@radar/practices';
import { projectFixtures } from '@radar/projects';
import jsonld from 'jsonld';
import n3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

const BASE = 'https://radar.example.eu';
let stack: Stack;
let dump: string;

async function dumpOf(running: Stack) {
  let text = '';
  for await (const chunk of dumpText({
    source: new SubgraphSource(running.urls, running.signer),
    context: { base: BASE },
    format: 'jsonld',
  })) {
    text += chunk;
  }
  return text;
}

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
  const rows: JsonLdRow[] = [];
  for await (const row of jsonLdRows(chunksOf(text), { file: 'radar.jsonld' })) rows.push(row);
  return rows;
}

const offline = async (url: string) => {
  if (url === `${BASE}/ontology/context.jsonld`) {
    const { contextDocument } = await import('@radar/exporter');
    return { contextUrl: undefined, documentUrl: url, document: contextDocument };
  }
  throw new Error(`no network in tests: ${url}`);
};

/** A graph in canonical N-Quads (URDNA2015), without the code lists a dump ends with: records only. */
async function canonicalRecords(documents: unknown[]) {
  const quads: n3.Quad[] = [];
  for (const [index, document] of documents.entries()) {
    const nquads = (await jsonld.toRDF(
      document as never,
      {
        format: 'application/n-quads',
        documentLoader: offline,
      } as never,
    )) as unknown as string;
    // Each document's blank nodes are its own: labels kept apart, so two records' addresses stay two nodes.
    quads.push(...new n3.Parser({ format: 'application/n-quads', blankNodePrefix: `d${index}_` }).parse(nquads));
  }
  const records = quads.filter((quad) => !quad.subject.value.startsWith(CODE_LISTS_IRI));
  return jsonld.canonize(
    new n3.Writer({ format: 'N-Quads' }).quadsToString(records) as never,
    {
      algorithm: 'URDNA2015',
      inputFormat: 'application/n-quads',
    } as never,
  );
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
    expect(documents).toHaveLength(organisationFixtures.length + practiceFixtures.length + projectFixtures.length);
    expect(await canonicalRecords(documents)).toBe(await canonicalRecords([JSON.parse(dump)]));
  });

  it('gives rows of the import’s columns that keep RADAR’s ids, each practice followed by its adoptions', async () => {
    const rows = await rowsOf(dump);
    const read = rows.filter((row) => !isRejected(row)) as Exclude<JsonLdRow, { rejected: unknown }>[];
    // What the import's columns cannot carry yet is refused, named, rather than dropped.
    const refused = rows.filter(isRejected).map((row) => [row.type, row.rejected.column]);
    const withMemberships = organisationFixtures.filter((fixture) => fixture.memberships?.length).length;
    const withSynergies = new Set(
      projectFixtures.flatMap((fixture) => (fixture.synergies ?? []).flatMap((item) => [fixture.id, item.otherId])),
    ).size;
    expect(refused).toEqual([
      ...Array(withMemberships).fill(['organisations', 'memberships']),
      ...Array(withSynergies).fill(['projects', 'synergies']),
    ]);
    for (const row of read) {
      for (const header of Object.keys(row.row))
        expect(columnOf(row.type, header), `${row.type}.${header}`).toBeDefined();
    }
    const ids = (type: ImportType) => read.filter((row) => row.type === type).map((row) => row.row.id);
    expect(new Set(ids('practices'))).toEqual(new Set(practiceFixtures.map((fixture) => fixture.id)));
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
    const adoption = read[read.indexOf(practice as never) + 1];
    expect(adoption).toMatchObject({ type: 'adoptions', line: practice?.line, row: { practice: smartHospital?.id } });
    expect(read.every((row) => row.file === 'radar.jsonld')).toBe(true);
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
