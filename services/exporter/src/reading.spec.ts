import { identifierIri } from '@radar/organisations/codes';
import jsonld from 'jsonld';
import n3 from 'n3';
import { describe, expect, it } from 'vitest';
import { type PositionedResult, readJsonLd } from './jsonld-input.js';
import { contextIri, type Json, type MapContext, mappings, toJsonLd } from './mapping.js';
import { pinnedDocumentLoader, toQuads } from './rdf.js';
import type { ReadRecord } from './reading.js';

const context: MapContext = { base: 'https://radar.example.eu' };
const ids = {
  hospital: '0b7c1d2e-0000-4000-8000-000000000001',
  network: '0b7c1d2e-0000-4000-8000-000000000002',
  funder: '0b7c1d2e-0000-4000-8000-000000000003',
  practice: '1c8d2e3f-0000-4000-8000-000000000001',
  adoption: '2d9e3f40-0000-4000-8000-000000000001',
  project: '3eaf4051-0000-4000-8000-000000000001',
  other: '3eaf4051-0000-4000-8000-000000000002',
};

/** Records as the exporter reads them through GraphQL, every exported field filled. */
const organisation: Json = {
  id: ids.hospital,
  name: 'Hospital Universitário de Lisboa',
  acronym: 'HUL',
  kind: 'HEALTHCARE_PROVIDER',
  country: 'PT',
  nuts: 'PT170',
  city: 'Lisboa',
  website: 'https://hul.example.org',
  email: 'info@hul.example.org',
  description: 'A *university* hospital.',
  memberships: [{ id: ids.network }],
  identifiers: [
    { scheme: 'ROR', value: '01c27hj86', iri: 'https://ror.org/01c27hj86' },
    { scheme: 'WIKIDATA', value: 'Q1234567', iri: 'http://www.wikidata.org/entity/Q1234567' },
    { scheme: 'PIC', value: '987654321', iri: null },
  ],
  createdAt: '2024-01-02T10:00:00.000Z',
  updatedAt: '2024-02-03T10:00:00.000Z',
};

const practice: Json = {
  id: ids.practice,
  title: 'Platforma Smart Hospital',
  summary: 'O platformă.',
  description: 'O *platformă* interactivă.',
  language: 'ro',
  translations: [{ language: 'en', title: 'Smart Hospital platform', summary: 'A platform.', description: null }],
  type: 'DIGITAL_SERVICE',
  maturity: 'IMPLEMENTED',
  trl: 8,
  cdhiCodes: ['2.8', '4.1'],
  topics: ['UPTAKE_SCALING'],
  targetGroups: ['HEALTH_PROFESSIONALS'],
  careSettings: ['HOSPITAL'],
  languages: ['en', 'ro'],
  countries: ['RO', 'PT'],
  nuts: ['RO21'],
  landingPage: 'https://smart.example.org',
  licence: 'EUPL-1.2',
  standards: ['HL7_FHIR'],
  certification: 'MDR class I',
  evidence: [{ kind: 'EVALUATION', url: '10.1234/abc.5', title: 'An evaluation' }],
  owner: { id: ids.hospital },
  contributors: [{ role: 'IMPLEMENTER', organisation: { id: ids.network } }],
  adoptions: [
    {
      id: ids.adoption,
      country: 'RO',
      nuts: 'RO21',
      scale: 'REGIONAL',
      status: 'ONGOING',
      startDate: '2024-03-01',
      endDate: null,
      note: 'Through the twinning.',
      createdAt: '2024-03-01T12:00:00.000Z',
      updatedAt: '2024-03-02T12:00:00.000Z',
      adopter: { id: ids.network },
      project: { id: ids.project },
    },
  ],
  status: 'PUBLISHED',
  createdAt: '2023-11-20T09:00:00.000Z',
  updatedAt: '2023-12-04T09:00:00.000Z',
  publishedAt: '2023-12-04T09:00:00.000Z',
};

const project: Json = {
  id: ids.project,
  acronym: 'SH-TWIN',
  title: 'Smart Hospital twinning',
  summary: 'Transfers the platform.',
  language: 'en',
  translations: [{ language: 'ro', title: 'Înfrățirea Smart Hospital', summary: null }],
  kind: 'TWINNING',
  programme: 'HORIZON_EUROPE',
  funder: { id: ids.funder },
  grantNumber: '101084813',
  cordisId: '101084813',
  startDate: '2023-01-01',
  endDate: '2024-12-31',
  totalBudget: '1250000.50',
  euContribution: '1000000',
  website: 'https://twin.example.org',
  participants: [
    { role: 'COORDINATOR', organisation: { id: ids.hospital } },
    { role: 'PARTNER', organisation: { id: ids.network } },
  ],
  practices: [{ role: 'TRANSFERRED', practice: { id: ids.practice } }],
  synergies: [{ kind: 'SYNERGY', project: { id: ids.other } }],
  twinning: {
    type: 'FULL_ADOPTION',
    outcome: 'Adopted region-wide.',
    completedAt: '2024-10-31T12:00:00.000Z',
    originator: { id: ids.hospital },
    practice: { id: ids.practice },
    adopters: [{ organisation: { id: ids.network }, adoption: { id: ids.adoption, practice: { id: ids.practice } } }],
    stages: [
      { name: 'Study visit', startDate: '2023-02-01', endDate: '2023-03-01', description: null },
      { name: 'Adaptation', startDate: '2023-04-01', endDate: '2023-09-30', description: 'Adapting.' },
    ],
  },
  createdAt: '2024-10-31T12:00:00.000Z',
  updatedAt: '2024-10-31T12:00:00.000Z',
};

const documents = {
  organisations: toJsonLd(mappings.organisations, organisation, context),
  practices: toJsonLd(mappings.practices, practice, context),
  projects: toJsonLd(mappings.projects, project, context),
};

async function* chunks(text: string, size = 97) {
  for (let offset = 0; offset < text.length; offset += size) yield text.slice(offset, offset + size);
}

async function read(text: string) {
  const results: PositionedResult[] = [];
  for await (const result of readJsonLd(chunks(text))) results.push(result);
  return results;
}

const records = (results: PositionedResult[]) =>
  results.filter((result): result is ReadRecord & { line: number } => result.kind === 'record');

/** A dump as `pnpm export --format jsonld` writes it: one node a line. */
const dumpOf = (nodes: Json[]) =>
  `{"@context":${JSON.stringify(contextIri(context))},"@graph":[\n${nodes
    .map(({ '@context': _context, ...node }) => JSON.stringify(node))
    .join(',\n')}\n]}\n`;

const loader = pinnedDocumentLoader();
async function canonical(documents_: Json[]) {
  const quads = (await Promise.all(documents_.map((document) => toQuads(document)))).flat();
  const nquads = new n3.Writer({ format: 'N-Quads' }).quadsToString(quads);
  return jsonld.canonize(
    nquads as never,
    {
      algorithm: 'URDNA2015',
      inputFormat: 'application/n-quads',
      documentLoader: loader,
    } as never,
  );
}

/** What the exporter writes for the records read back, with the identifiers' IRIs the API adds to them. */
const exportedAgain = (results: PositionedResult[]) =>
  records(results).map((result) => {
    const identifiers = (result.record.identifiers as { scheme: string; value: string }[] | undefined)?.map((item) => ({
      ...item,
      iri: identifierIri(item.scheme as never, item.value),
    }));
    return toJsonLd(
      mappings[result.path],
      { ...result.record, id: result.id, ...(identifiers ? { identifiers } : {}) },
      context,
    );
  });

describe('reading RADAR JSON-LD back', () => {
  it('reads a dump back into records that export to the same graph', async () => {
    const results = await read(dumpOf(Object.values(documents)));
    expect(results.filter((result) => result.kind === 'rejected')).toEqual([]);
    expect(records(results).map((result) => [result.path, result.id, result.line])).toEqual([
      ['organisations', ids.hospital, 2],
      ['practices', ids.practice, 3],
      ['projects', ids.project, 4],
    ]);
    expect(await canonical(exportedAgain(results))).toBe(await canonical(Object.values(documents)));
  });

  it('reads texts in the record’s own language and its translations, and the fields the GraphQL API takes', async () => {
    const [result] = records(await read(JSON.stringify(documents.practices)));
    expect(result?.record).toMatchObject({
      language: 'ro',
      title: 'Platforma Smart Hospital',
      translations: [{ language: 'en', title: 'Smart Hospital platform', summary: 'A platform.', description: null }],
      licence: 'EUPL-1.2',
      evidence: [{ kind: 'EVALUATION', url: '10.1234/abc.5', title: 'An evaluation' }],
      countries: ['RO', 'PT'],
      nuts: ['RO21'],
      trl: 8,
      owner: { id: ids.hospital },
      adoptions: [{ id: ids.adoption, adopter: { id: ids.network }, project: { id: ids.project }, scale: 'REGIONAL' }],
    });
    const [organisationRead] = records(await read(JSON.stringify(documents.organisations)));
    expect(organisationRead?.record).toMatchObject({
      email: 'info@hul.example.org',
      city: 'Lisboa',
      identifiers: [
        { scheme: 'ROR', value: '01c27hj86' },
        { scheme: 'WIKIDATA', value: 'Q1234567' },
        { scheme: 'PIC', value: '987654321' },
      ],
    });
  });

  it('reads by meaning: the same record expanded, with full IRIs and no context, reads the same', async () => {
    const expanded = await jsonld.expand(documents.projects as never, { documentLoader: loader } as never);
    const [fromExpanded] = records(await read(JSON.stringify(expanded)));
    const [fromCompact] = records(await read(JSON.stringify(documents.projects)));
    expect(fromExpanded?.record).toEqual(fromCompact?.record);
    expect(fromCompact?.record.twinning).toMatchObject({
      type: 'FULL_ADOPTION',
      stages: [{ name: 'Study visit' }, { name: 'Adaptation', description: 'Adapting.' }],
    });
  });

  it('reads an adoption given beside its practice, pointing to it, as one of the practice’s', async () => {
    const { adoption, ...bare } = documents.practices as Json & { adoption: Json[] };
    const document = { '@context': contextIri(context), '@graph': [bare, ...adoption] };
    const results = await read(JSON.stringify(document));
    expect(results.filter((result) => result.kind === 'rejected')).toEqual([]);
    expect(records(results)[0]?.record.adoptions).toMatchObject([{ id: ids.adoption }]);
  });

  it('refuses what is not JSON, not JSON-LD, or says nothing RADAR knows, each with its reason', async () => {
    expect(await read('{"@context": "https://radar.example.eu/ontology/context.jsonld", "id": ')).toMatchObject([
      { kind: 'rejected', field: 'document', reason: expect.stringMatching(/^not JSON: /) },
    ]);
    expect(await read('')).toMatchObject([{ kind: 'rejected', reason: 'the input is empty' }]);
    // A key the context does not define would be dropped without a word; it is refused instead.
    const misspelt = { ...documents.organisations, nmae: 'Typo' };
    expect(await read(JSON.stringify(misspelt))).toMatchObject([
      { kind: 'rejected', reason: expect.stringContaining('not JSON-LD RADAR can read') },
    ]);
    const remote = { ...documents.organisations, '@context': 'https://elsewhere.example.org/context.jsonld' };
    expect(await read(JSON.stringify(remote))).toMatchObject([
      { kind: 'rejected', reason: expect.stringContaining('https://elsewhere.example.org/context.jsonld') },
    ]);
    const unknownType = { ...documents.organisations, type: 'Dataset' };
    expect(await read(JSON.stringify({ ...unknownType, '@context': contextIri(context) }))).toMatchObject([
      { kind: 'rejected', field: 'document', reason: expect.stringContaining('not JSON-LD') },
    ]);
    const foreignType = { ...documents.organisations, type: 'http://www.w3.org/ns/dcat#Dataset' };
    expect(await read(JSON.stringify(foreignType))).toMatchObject([
      {
        kind: 'rejected',
        field: 'type',
        iri: documents.organisations.id,
        reason: expect.stringContaining('unknown type <http://www.w3.org/ns/dcat#Dataset>'),
      },
    ]);
  });

  it('refuses a record without a required property or with a code RADAR does not have, naming the field', async () => {
    const { title: _title, ...untitled } = documents.practices;
    expect(await read(JSON.stringify(untitled))).toMatchObject([
      {
        kind: 'rejected',
        path: 'practices',
        iri: documents.practices.id,
        field: 'title',
        reason: 'the title is missing (<http://purl.org/dc/terms/title>)',
      },
    ]);
    const { rightsHolder: _owner, ...ownerless } = documents.practices;
    expect(await read(JSON.stringify(ownerless))).toMatchObject([{ kind: 'rejected', field: 'owner' }]);
    const unknownKind = { ...documents.organisations, kind: 'https://w3id.org/radar/code/organisation-kind/CASTLE' };
    expect(await read(JSON.stringify(unknownKind))).toMatchObject([
      { kind: 'rejected', field: 'kind', reason: expect.stringContaining('is not a concept of RADAR') },
    ]);
  });

  it('refuses a broken line of a dump alone and reads the others; a dump cut short is reported', async () => {
    const lines = dumpOf(Object.values(documents)).split('\n');
    lines[2] = '{"id": "https://radar.example.eu/practices/x", "title": ';
    const results = await read(lines.join('\n'));
    expect(results.map((result) => [result.kind, result.line])).toEqual([
      ['record', 2],
      ['rejected', 3],
      ['record', 4],
    ]);
    const cut = await read(lines.slice(0, 3).join('\n'));
    expect(cut.at(-1)).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('cut short') });
  });

  it('refuses a tombstone, which has nothing to import, and reads past the code lists a dump ends with', async () => {
    const tombstone = {
      '@context': contextIri(context),
      id: `${context.base}/practices/${ids.practice}`,
      type: 'Tombstone',
      deleted: '2024-01-01T00:00:00.000Z',
    };
    expect(await read(JSON.stringify(tombstone))).toMatchObject([
      { kind: 'rejected', reason: expect.stringContaining('tombstone') },
    ]);
    const concept = {
      id: 'https://w3id.org/radar/code/topic/UPTAKE_SCALING',
      type: 'skos:Concept',
      'skos:notation': 'UPTAKE_SCALING',
    };
    const results = await read(dumpOf([documents.organisations, concept]));
    expect(results.map((result) => result.kind)).toEqual(['record']);
  });
});
