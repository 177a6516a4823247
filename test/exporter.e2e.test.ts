// Linked data as a harvester gets it: each IRI dereferences in every format to the same graph, which satisfies the
// SHACL shapes; drafts, contact emails and audit trails never appear; the HTTP semantics are right.

import { readFileSync } from 'node:fs';
import { type ExporterServer, loadExporterConfig, startExporter } from '@radar/exporter';
import { seedIds as organisations } from '@radar/organisations';
import { adoptionSeedIds, practiceFixtures, practiceSeedIds } from '@radar/practices';
import { projectSeedIds } from '@radar/projects';
import jsonld from 'jsonld';
import n3 from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishNewPractice, type Stack, startStack, testEnvironment } from './support/stack.js';

const BASE = 'https://radar.example.eu';
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
const quadsToNQuads = (quads: n3.Quad[]) => new n3.Writer({ format: 'N-Quads' }).quadsToString(quads);

async function graphsOf(path: string) {
  const json = await (await get(path, { accept: 'application/ld+json' })).json();
  const fromJsonLd = (await jsonld.toRDF(
    json as never,
    {
      format: 'application/n-quads',
      documentLoader,
    } as never,
  )) as unknown as string;
  const turtle = new n3.Parser({ format: 'text/turtle', baseIRI: BASE }).parse(
    await (await get(path, { accept: 'text/turtle' })).text(),
  );
  const ntriples = new n3.Parser({ format: 'application/n-triples' }).parse(
    await (await get(path, { accept: 'application/n-triples' })).text(),
  );
  return { json, fromJsonLd, turtle, ntriples };
}

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

describe('dereferenceable IRIs', () => {
  it.each([
    ['practices', practiceSeedIds.smartHospitalPlatform],
    ['organisations', organisations.digitalInnovationZone],
    ['projects', projectSeedIds.smartHospitalTwinning],
  ])('give the same graph as JSON-LD, Turtle and N-Triples for /%s/{id}', async (path, id) => {
    const { fromJsonLd, turtle, ntriples } = await graphsOf(`/${path}/${id}`);
    const expected = await canonical(fromJsonLd);
    expect(expected.length).toBeGreaterThan(100);
    expect(await canonical(quadsToNQuads(turtle))).toBe(expected);
    expect(await canonical(quadsToNQuads(ntriples))).toBe(expected);
  });

  it('validates every seeded record against the SHACL shapes with no violation', async () => {
    const ids: [string, string][] = [
      ...practiceFixtures.map((fixture) => ['practices', fixture.id] as [string, string]),
      ...Object.values(organisations).map((id) => ['organisations', id] as [string, string]),
      ...Object.values(projectSeedIds).map((id) => ['projects', id] as [string, string]),
    ];
    for (const [path, id] of ids) {
      const response = await get(`/${path}/${id}`, { accept: 'application/n-triples' });
      expect(response.status, `${path}/${id}`).toBe(200);
      const quads = new n3.Parser({ format: 'application/n-triples' }).parse(await response.text());
      expect(await violations(quads), `${path}/${id}`).toEqual([]);
    }
  });

  it('reports a record that breaks the shapes', async () => {
    const response = await get(`/practices/${practiceSeedIds.smartHospitalPlatform}`, {
      accept: 'application/n-triples',
    });
    const quads = new n3.Parser({ format: 'application/n-triples' })
      .parse(await response.text())
      .filter((quad) => quad.predicate.value !== 'http://www.w3.org/ns/adms#status');
    expect((await violations(quads)).join('\n')).toMatch(/adms#status/);
  });

  it('links a twinning and its recorded adoption the way GraphQL does', async () => {
    const project = (await (
      await get(`/projects/${projectSeedIds.smartHospitalTwinning}`, { accept: 'application/ld+json' })
    ).json()) as Record<string, any>;
    // The same path read through GraphQL gives the IRIs the RDF must link.
    const path = await stack.gql(`{ project(id: "${projectSeedIds.smartHospitalTwinning}") { twinning {
      originator { id } practice { id } adopters { organisation { id } adoption { id practice { id } adopter { id } } } } } }`);
    const twinning = path.data?.project.twinning;
    expect(twinning.adopters[0].adoption.id).toBe(adoptionSeedIds.smartHospitalInNorthEastRomania);
    const practice = `${BASE}/practices/${twinning.practice.id}`;
    const adoption = `${BASE}/practices/${twinning.adopters[0].adoption.practice.id}#adoption-${twinning.adopters[0].adoption.id}`;
    expect(project).toMatchObject({
      originator: `${BASE}/organisations/${twinning.originator.id}`,
      twinningAdopter: twinning.adopters.map(
        (adopter: { organisation: { id: string } }) => `${BASE}/organisations/${adopter.organisation.id}`,
      ),
    });
    expect(project).toMatchObject({
      id: `${BASE}/projects/${projectSeedIds.smartHospitalTwinning}`,
      type: ['Project', 'Twinning'],
      originator: `${BASE}/organisations/${organisations.smartHospital}`,
      twinningAdopter: [`${BASE}/organisations/${organisations.digitalInnovationZone}`],
      transferredPractice: practice,
      recordedAdoption: [adoption],
    });
    const record = (await (
      await get(`/practices/${practiceSeedIds.smartHospitalPlatform}?format=jsonld`)
    ).json()) as Record<string, any>;
    expect(record.adoption).toContainEqual(
      expect.objectContaining({
        id: adoption,
        adopter: `${BASE}/organisations/${organisations.digitalInnovationZone}`,
        viaProject: `${BASE}/projects/${projectSeedIds.smartHospitalTwinning}`,
        spatial: [
          'http://publications.europa.eu/resource/authority/country/ROU',
          'http://data.europa.eu/nuts/code/RO21',
        ],
      }),
    );
    expect(record.rightsHolder).toBe(`${BASE}/organisations/${organisations.smartHospital}`);
    expect(record.language).toEqual([
      'http://publications.europa.eu/resource/authority/language/ENG',
      'http://publications.europa.eu/resource/authority/language/RON',
    ]);
  });

  it('cross-links external identifiers and licences', async () => {
    const commission = (await (
      await get(`/organisations/${organisations.europeanCommission}?format=jsonld`)
    ).json()) as Record<string, any>;
    expect(commission.sameAs).toEqual(['http://www.wikidata.org/entity/Q8880']);
    expect(commission.spatial).toEqual(['http://publications.europa.eu/resource/authority/country/BEL']);
    const registry = (await (await get(`/practices/${practiceSeedIds.radarRegistry}?format=jsonld`)).json()) as Record<
      string,
      any
    >;
    expect(registry.license).toBe('http://publications.europa.eu/resource/authority/licence/CC_BY_4_0');
  });
});

describe('what never appears', () => {
  it('keeps drafts, contact emails and the audit trail out of every format', async () => {
    const editor = await stack.keys.editorOf(organisations.smartHospital);
    const registered = await stack.gql(
      `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`,
      {
        input: {
          title: 'Secret draft practice',
          summary: 'Not for harvesting yet.',
          type: 'APP',
          maturity: 'PILOT',
          ownerId: organisations.smartHospital,
          contactEmail: 'secret@example.org',
        },
      },
      { key: editor },
    );
    const id = registered.data?.registerPractice.id;
    expect((await get(`/practices/${id}`, { accept: 'text/turtle' })).status).toBe(404);
    await stack.gql(`mutation { submitPractice(id: "${id}", version: 1) { id } }`, {}, { key: editor });
    await stack.gql(`mutation { publishPractice(id: "${id}", version: 2) { id } }`, {}, { key: stack.keys.curator });
    for (const format of ['jsonld', 'turtle', 'ntriples', 'html']) {
      const response = await get(`/practices/${id}?format=${format}`);
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(body).toContain('Secret draft practice');
      expect(body).not.toContain('secret@example.org');
      expect(body).not.toMatch(/REGISTERED|SUBMITTED|test editor|radar_[0-9a-f]{16}/);
    }
  });
});

describe('HTTP', () => {
  const path = `/practices/${practiceSeedIds.moonshot2027}`;

  it('negotiates content, says what it varies on, and honours conditional requests', async () => {
    const turtle = await get(path, { accept: 'text/turtle;q=0.9, application/ld+json;q=0.5' });
    expect(turtle.headers.get('content-type')).toMatch(/^text\/turtle/);
    expect(turtle.headers.get('vary')).toMatch(/Accept/);
    const etag = turtle.headers.get('etag');
    const lastModified = turtle.headers.get('last-modified');
    expect(etag).toMatch(/^"/);
    expect(lastModified).toBe(new Date('2018-05-29T09:00:00Z').toUTCString());
    expect((await get(path, { accept: 'text/turtle', 'if-none-match': etag as string })).status).toBe(304);
    expect((await get(path, { accept: 'text/turtle', 'if-modified-since': lastModified as string })).status).toBe(304);
    expect((await get(path, { accept: 'application/ld+json', 'if-none-match': etag as string })).status).toBe(200);
    expect((await get(path, { accept: 'application/json' })).headers.get('content-type')).toMatch(
      /^application\/ld\+json/,
    );
    expect((await get(path, { accept: 'application/n-triples' })).headers.get('content-type')).toMatch(
      /^application\/n-triples/,
    );
    const html = await get(path, { accept: 'text/html,application/xhtml+xml' });
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await html.text();
    expect(page).toContain('<h1>100 million Digitally Connected Healthy EU Citizens by 2027</h1>');
    expect(page).toContain('<script type="application/ld+json">');
    expect((await get(`${path}?format=turtle`, { accept: 'application/ld+json' })).headers.get('content-type')).toMatch(
      /^text\/turtle/,
    );
  });

  it('answers bad requests clearly', async () => {
    expect((await get(`${path}?format=rdfxml`)).status).toBe(400);
    expect((await get(path, { accept: 'image/png' })).status).toBe(406);
    expect((await get('/practices/not-a-uuid')).status).toBe(400);
    expect((await get('/practices/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get('/gadgets/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const problem = await (await get(`${path}?format=rdfxml`)).json();
    expect(problem).toMatchObject({ status: 400, formats: ['jsonld', 'turtle', 'ntriples', 'html'] });
  });

  it('answers 410 Gone with a tombstone for deleted records', async () => {
    const editor = await stack.keys.editorOf(organisations.smartHospital);
    const registered = await stack.gql(
      `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`,
      {
        input: {
          title: 'Short-lived practice',
          summary: 'Published, then deleted.',
          type: 'APP',
          maturity: 'PILOT',
          ownerId: organisations.smartHospital,
        },
      },
      { key: editor },
    );
    const id = registered.data?.registerPractice.id;
    await stack.gql(`mutation { submitPractice(id: "${id}", version: 1) { id } }`, {}, { key: editor });
    await stack.gql(`mutation { publishPractice(id: "${id}", version: 2) { id } }`, {}, { key: stack.keys.curator });
    expect((await get(`/practices/${id}`)).status).toBe(200);
    await stack.gql(`mutation { deletePractice(id: "${id}", version: 3) { id } }`, {}, { key: editor });
    const gone = await get(`/practices/${id}`);
    expect(gone.status).toBe(410);
    expect(gone.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect(await gone.json()).toMatchObject({
      id: `${BASE}/practices/${id}`,
      type: 'Tombstone',
      formerType: 'Practice',
      deleted: expect.any(String),
      tombstoneReason: 'https://w3id.org/radar/code/tombstone-reason/DELETED',
    });
  });

  it('serves the ontology files it is built on', async () => {
    for (const file of ['radar.ttl', 'codelists.ttl', 'shapes.ttl']) {
      const response = await get(`/ontology/${file}`);
      expect(response.headers.get('content-type')).toMatch(/^text\/turtle/);
      expect(new n3.Parser().parse(await response.text()).length).toBeGreaterThan(10);
    }
    expect(
      ((await (await get('/ontology/context.jsonld')).json()) as { '@context': object })['@context'],
    ).toHaveProperty('title');
    expect((await get('/ontology/secret.txt')).status).toBe(404);
  });
});

describe('harvest collections', () => {
  const local = (iri: string) => iri.replace(BASE, exporter.url);
  const page = async (url: string) => {
    const response = await fetch(url, { headers: { accept: 'application/ld+json' } });
    expect(response.status, url).toBe(200);
    return (await response.json()) as {
      totalItems: number;
      member: Record<string, any>[];
      view: Record<string, string>;
    };
  };

  const publishNew = (title: string, editor: string) =>
    publishNewPractice(stack, title, editor, 'Made while a harvester walks the pages.');

  it('lets a harvester walking the pages while records change end with every survivor once and every deletion as a tombstone', async () => {
    const editor = await stack.keys.editorOf(organisations.smartHospital);
    const doomed = await publishNew('To be deleted during the harvest', editor);
    const hidden = await publishNew('To be unpublished during the harvest', editor);
    const seen = new Map<string, Record<string, any>>();
    const appearances = new Map<string, number>();
    let url: string | undefined = `${exporter.url}/practices?pageSize=3`;
    let pages = 0;
    let added = '';
    while (url) {
      const current = await page(url);
      for (const member of current.member) {
        seen.set(member.id, member);
        appearances.set(member.id, (appearances.get(member.id) ?? 0) + 1);
      }
      pages += 1;
      if (pages === 1) {
        added = await publishNew('Added during the harvest', editor);
        await stack.gql(`mutation { deletePractice(id: "${doomed}", version: 3) { id } }`, {}, { key: editor });
      }
      if (pages === 2) {
        await stack.gql(
          `mutation { unpublishPractice(id: "${hidden}", version: 3) { id } }`,
          {},
          { key: stack.keys.curator },
        );
        const read = await stack.gql(`{ practice(id: "${practiceSeedIds.dhsActionPlan2018}") { version } }`);
        await stack.gql(
          `mutation { updatePractice(id: "${practiceSeedIds.dhsActionPlan2018}", version: ${read.data?.practice.version}, input: { trl: 9 }) { id } }`,
          {},
          { key: stack.keys.curator },
        );
      }
      url = current.view.next ? local(current.view.next) : undefined;
      expect(pages).toBeLessThan(50);
    }
    const published = await stack.gql('{ practices(first: 100) { totalCount nodes { id } } }');
    const survivors = new Set<string>(
      published.data?.practices.nodes.map((node: { id: string }) => `${BASE}/practices/${node.id}`),
    );
    const live = [...seen.values()].filter((member) => member.type !== 'Tombstone').map((member) => member.id);
    const tombstones = [...seen.values()].filter((member) => member.type === 'Tombstone').map((member) => member.id);
    expect(new Set(live)).toEqual(survivors);
    expect(tombstones).toEqual(expect.arrayContaining([`${BASE}/practices/${doomed}`, `${BASE}/practices/${hidden}`]));
    expect(live).toContain(`${BASE}/practices/${added}`);
    expect(seen.get(`${BASE}/practices/${practiceSeedIds.dhsActionPlan2018}`)?.trl).toBe(9);
    for (const [id, count] of appearances) expect(count, id).toBeLessThanOrEqual(2);
  });

  it('pages back with previous, filters by modifiedSince, and describes itself with Hydra', async () => {
    const first = await page(`${exporter.url}/practices?pageSize=2`);
    expect(first).toMatchObject({
      type: 'Collection',
      id: `${BASE}/practices`,
      view: { type: 'PartialCollectionView', first: `${BASE}/practices?pageSize=2` },
    });
    expect(first.totalItems).toBeGreaterThan(4);
    expect(first.view.previous).toBeUndefined();
    const second = await page(local(first.view.next as string));
    const back = await page(local(second.view.previous as string));
    expect(back.member.map((member) => member.id)).toEqual(first.member.map((member) => member.id));

    const since = new Date(Date.now() - 1000).toISOString();
    await stack.gql(
      `mutation { updateOrganisation(id: "${organisations.eitHealth}", version: 1, input: { city: "Munich" }) { id } }`,
      {},
      { key: stack.keys.curator },
    );
    const recent = await page(`${exporter.url}/organisations?modifiedSince=${encodeURIComponent(since)}`);
    expect(recent.member.map((member) => member.id)).toEqual([`${BASE}/organisations/${organisations.eitHealth}`]);
    expect(recent.view.first).toBe(`${BASE}/organisations?modifiedSince=${encodeURIComponent(since)}`);

    const projects = await page(`${exporter.url}/projects?pageSize=100`);
    expect(projects.member.map((member) => member.id)).toContain(
      `${BASE}/projects/${projectSeedIds.smartHospitalTwinning}`,
    );
    const turtle = await fetch(`${exporter.url}/projects?pageSize=2`, { headers: { accept: 'text/turtle' } });
    expect(
      new n3.Parser()
        .parse(await turtle.text())
        .some((quad) => quad.predicate.value === 'http://www.w3.org/ns/hydra/core#next'),
    ).toBe(true);
  });

  it('counts the change feed only when asked, so a full walk pays for the count once', async () => {
    const counted = await stack.gql(
      '{ practiceChanges(input: { first: 2 }) { totalCount lastModified nodes { id } } }',
    );
    expect(counted.data?.practiceChanges.totalCount).toBeGreaterThan(2);
    expect(counted.data?.practiceChanges.lastModified).toEqual(expect.any(String));
    const uncounted = await stack.gql(
      '{ practiceChanges(input: { first: 2, count: false }) { totalCount lastModified nodes { id } } }',
    );
    expect(uncounted.data?.practiceChanges).toMatchObject({ totalCount: null, lastModified: null });
    expect(uncounted.data?.practiceChanges.nodes).toEqual(counted.data?.practiceChanges.nodes);
  });

  it('refuses bad harvest requests with 400 and says which parameter', async () => {
    const cases: [string, string][] = [
      ['/practices?after=bm9wZQ', 'after'],
      ['/practices?modifiedSince=yesterday', 'modifiedSince'],
      ['/practices?pageSize=0', 'pageSize'],
      ['/practices?pageSize=1000', 'pageSize'],
      ['/practices?after=a&before=b', 'before'],
    ];
    for (const [path, parameter] of cases) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(await response.json(), path).toMatchObject({ status: 400, parameter });
    }
    expect((await get('/practices?format=rdfxml')).status).toBe(400);
  });
});
