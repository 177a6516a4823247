// Needs as linked data: a published need's IRI gives the same graph as JSON-LD, Turtle and N-Triples, satisfies the
// SHACL shapes and links the WHO code lists; a person gets a page with the practices that may meet it; drafts stay
// out; the feed and the catalogue list needs like practices; a need that leaves the registry leaves a tombstone.
import { readFileSync } from 'node:fs';
import { type ExporterServer, loadExporterConfig, startExporter } from '@radar/exporter';
import { seedIds as organisations } from '@radar/organisations';
import { needFixtures, needSeedIds, practiceSeedIds } from '@radar/practices';
import jsonld from 'jsonld';
import n3 from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack, testEnvironment } from './support/stack.js';

const BASE = 'https://radar.example.eu';
const CODE = 'https://w3id.org/radar/code';
let stack: Stack;
let exporter: ExporterServer;

beforeAll(async () => {
  stack = await startStack();
  exporter = await startExporter(
    loadExporterConfig({
      ...testEnvironment(),
      EXPORTER_PORT: '0',
      GATEWAY_URL: stack.gatewayUrl,
      RADAR_BASE_IRI: BASE,
    }),
  );
});
afterAll(async () => {
  await exporter?.close();
  await stack?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${exporter.url}${path}`, { headers });
const contextDocument = JSON.parse(readFileSync(new URL('../ontology/context.jsonld', import.meta.url), 'utf8'));
const documentLoader = async (url: string) => {
  if (url === `${BASE}/ontology/context.jsonld`) return { documentUrl: url, document: contextDocument };
  throw new Error(`unexpected fetch of ${url}`);
};
const canonical = (nquads: string) =>
  jsonld.canonize(
    nquads as never,
    {
      algorithm: 'RDFC-1.0',
      inputFormat: 'application/n-quads',
      format: 'application/n-quads',
    } as never,
  ) as unknown as Promise<string>;
const toNQuads = (quads: n3.Quad[]) => new n3.Writer({ format: 'N-Quads' }).quadsToString(quads);
const shapes = new n3.Parser({ format: 'text/turtle' }).parse(
  readFileSync(new URL('../ontology/shapes.ttl', import.meta.url), 'utf8'),
);

async function violations(quads: n3.Quad[]) {
  const report = await new SHACLValidator(shapes as never).validate(new n3.Store(quads) as never);
  return report.results.map(
    (result) =>
      `${result.focusNode?.value} ${result.path?.value}: ${result.message.map((message) => message.value).join(', ')}`,
  );
}

const needPath = `/needs/${needSeedIds.heartFailureTelemonitoring}`;
const needIri = `${BASE}${needPath}`;
const triples = async (path: string) =>
  new n3.Parser({ format: 'application/n-triples' }).parse(
    await (await get(path, { accept: 'application/n-triples' })).text(),
  );

describe('a need\u2019s IRI', () => {
  it('gives the same graph as JSON-LD, Turtle and N-Triples', async () => {
    const json = await (await get(needPath, { accept: 'application/ld+json' })).json();
    const fromJsonLd = (await jsonld.toRDF(
      json as never,
      {
        format: 'application/n-quads',
        documentLoader,
      } as never,
    )) as unknown as string;
    const turtle = new n3.Parser({ format: 'text/turtle', baseIRI: BASE }).parse(
      await (await get(needPath, { accept: 'text/turtle' })).text(),
    );
    const expected = await canonical(fromJsonLd);
    expect(expected.length).toBeGreaterThan(100);
    expect(await canonical(toNQuads(turtle))).toBe(expected);
    expect(await canonical(toNQuads(await triples(needPath)))).toBe(expected);
  });

  it('is a radar:Need with its WHO codes, place, maturity, period and owner', async () => {
    const store = new n3.Store(await triples(needPath));
    const objects = (predicate: string) =>
      store
        .getObjects(new n3.NamedNode(needIri), new n3.NamedNode(predicate), null)
        .map((term) => term.value)
        .sort();
    expect(objects('http://www.w3.org/1999/02/22-rdf-syntax-ns#type')).toEqual([
      'https://w3id.org/radar/ontology#Need',
    ]);
    expect(objects('https://w3id.org/radar/ontology#healthSystemChallenge')).toEqual([
      `${CODE}/health-system-challenge/3.5`,
      `${CODE}/health-system-challenge/5.4`,
    ]);
    expect(objects('https://w3id.org/radar/ontology#cdhiIntervention')).toEqual([
      `${CODE}/cdhi/2.4.2`,
      `${CODE}/cdhi/2.8`,
    ]);
    expect(objects('https://w3id.org/radar/ontology#serviceType')).toEqual([`${CODE}/service-type/A9`]);
    expect(objects('https://w3id.org/radar/ontology#requiredMaturity')).toEqual([`${CODE}/maturity-stage/PILOT`]);
    expect(objects('https://w3id.org/radar/ontology#needState')).toEqual([`${CODE}/need-state/OPEN`]);
    expect(objects('http://purl.org/dc/terms/spatial')).toEqual([
      'http://data.europa.eu/nuts/code/RO21',
      'http://publications.europa.eu/resource/authority/country/ROU',
    ]);
    expect(objects('http://purl.org/dc/terms/creator')).toEqual([
      `${BASE}/organisations/${organisations.digitalInnovationZone}`,
    ]);
    expect(objects('http://purl.org/dc/terms/temporal')).toEqual([`${needIri}#period`]);
    const title = store.getObjects(new n3.NamedNode(needIri), new n3.NamedNode('http://purl.org/dc/terms/title'), null);
    expect(title.map((term) => [(term as n3.Literal).value, (term as n3.Literal).language])).toEqual([
      [needFixtures[0]?.title, 'en'],
    ]);
  });

  it('satisfies the SHACL shapes for every seeded need, and a need without its state breaks them', async () => {
    for (const { id } of needFixtures) {
      const response = await get(`/needs/${id}`, { accept: 'application/n-triples' });
      expect(response.status, id).toBe(200);
      const quads = new n3.Parser({ format: 'application/n-triples' }).parse(await response.text());
      expect(await violations(quads), id).toEqual([]);
    }
    const stateless = (await triples(needPath)).filter(
      (quad) => quad.predicate.value !== 'https://w3id.org/radar/ontology#needState',
    );
    expect((await violations(stateless)).join('\n')).toMatch(/needState/);
  });

  it('gives a person a page with the need and the practices that may meet it, with reasons', async () => {
    const response = await get(needPath, { accept: 'text/html' });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<h1>Follow-up of heart failure patients at home after discharge</h1>');
    expect(page).toContain('3.5</strong> Insufficient continuity of care');
    expect(page).toContain(`href="/practices/${practiceSeedIds.smartHospitalPlatform}"`);
    expect(page).toContain('adopted in the same region (RO21)');
    expect(page).toContain('Digital Innovation Zone Association');
  });
});

describe('needs in the feed, the catalogue and out of it', () => {
  it('lists published needs in the /needs collection and the catalogue', async () => {
    const collection = (await (await get('/needs', { accept: 'application/ld+json' })).json()) as Record<string, any>;
    expect(collection.totalItems ?? collection['hydra:totalItems']).toBe(needFixtures.length);
    expect(JSON.stringify(collection)).toContain(needIri);
    const catalog = await (await get('/catalog', { accept: 'application/ld+json' })).text();
    expect(catalog).toContain(`${BASE}/needs`);
  });

  it('keeps drafts out, and leaves a tombstone when a published need is archived', async () => {
    const editor = await stack.keys.editorOf(organisations.digitalInnovationZone);
    const created = await stack.gql(
      `mutation($input: CreateNeedInput!) { createNeed(input: $input) { id } }`,
      {
        input: {
          title: 'A draft need nobody should harvest',
          description: 'Still being written by its owner.',
          country: 'RO',
          ownerId: organisations.digitalInnovationZone,
        },
      },
      { key: editor },
    );
    const id = created.data?.createNeed.id as string;
    expect((await get(`/needs/${id}`, { accept: 'text/turtle' })).status).toBe(404);
    const mutate = (name: string, version: number, key: string) =>
      stack.gql(`mutation { ${name}(id: "${id}", version: ${version}) { id } }`, {}, { key });
    await mutate('submitNeed', 1, editor);
    await mutate('publishNeed', 2, stack.keys.curator);
    expect((await get(`/needs/${id}`, { accept: 'text/turtle' })).status).toBe(200);
    await mutate('archiveNeed', 3, editor);
    const gone = await get(`/needs/${id}`, { accept: 'application/ld+json' });
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({
      id: `${BASE}/needs/${id}`,
      type: 'Tombstone',
      formerType: 'Need',
      tombstoneReason: `${CODE}/tombstone-reason/ARCHIVED`,
    });
  });
});
