// The exporter's SPARQL endpoint over real HTTP, asked by Comunica (a SPARQL client RADAR did not write) the data
// team's own questions, kept up to date from the change feeds, in every results format, and guarded: read-only, a
// syntax error or unknown prefix is a 400, a runaway query is stopped by the timeout and the endpoint goes on.
import { Readable } from 'node:stream';
import { QueryEngine } from '@comunica/query-sparql';
import type { ExporterServer } from '@radar/exporter';
import { seedIds } from '@radar/organisations';
import jsonld from 'jsonld';
import n3 from 'n3';
import { SparqlJsonParser } from 'sparqljson-parse';
import { SparqlXmlParser } from 'sparqlxml-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExporterAtItsBase } from './support/exporter.js';
import { publishNewPractice, type Stack, startStack } from './support/stack.js';

let stack: Stack;
let base: string;
let endpoint: string;
let close: () => Promise<void>;
let exporter: ExporterServer;
let hospital: string;
let telemonitoring: string;
const engine = new QueryEngine();

const PREFIXES = `
PREFIX radar: <https://w3id.org/radar/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX adms: <http://www.w3.org/ns/adms#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
`;
const COUNTRY = 'http://publications.europa.eu/resource/authority/country/';
const ROMANIA = `${COUNTRY}ROU`;
const TIMEOUT_MS = 1_500;
const MAX_RESULTS = 500;
const ORIGIN = 'https://partner.example.org';

/** A SELECT through Comunica against the endpoint, as rows of plain values. */
async function comunica(query: string) {
  const stream = await engine.queryBindings(`${PREFIXES}${query}`, {
    sources: [{ type: 'sparql', value: endpoint }],
  });
  const bindings = await stream.toArray();
  return bindings.map((binding) => Object.fromEntries([...binding].map(([name, term]) => [name.value, term.value])));
}

const get = (query: string, accept?: string) =>
  fetch(`${endpoint}?${new URLSearchParams({ query })}`, accept ? { headers: { accept } } : {});

beforeAll(async () => {
  stack = await startStack();
  const started = await startExporterAtItsBase(stack, {
    RADAR_DUMP_EVERY_HOURS: '0',
    RADAR_SPARQL_TIMEOUT_MS: String(TIMEOUT_MS),
    RADAR_SPARQL_MAX_RESULTS: String(MAX_RESULTS),
    RADAR_SPARQL_REFRESH_SECONDS: '1',
    RADAR_CORS_ORIGINS: ORIGIN,
  });
  base = started.base;
  exporter = started.exporter;
  endpoint = `${base}/sparql`;
  const key = stack.keys.curator;
  const created = await stack.gql(
    `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
    {
      input: {
        name: 'Spitalul Clinic Județean Iași',
        kind: 'HEALTHCARE_PROVIDER',
        country: 'RO',
        identifiers: [{ scheme: 'ROR', value: '0abcde165' }],
      },
    },
    { key },
  );
  hospital = created.data?.createOrganisation.id as string;
  const registered = await stack.gql(
    `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`,
    {
      input: {
        title: 'Telemonitoring of heart failure',
        summary: 'Patients send their vital signs from home; nurses act on alerts.',
        type: 'APP',
        maturity: 'SCALED_UP',
        ownerId: hospital,
      },
    },
    { key },
  );
  telemonitoring = registered.data?.registerPractice.id as string;
  await stack.gql(`mutation { submitPractice(id: "${telemonitoring}", version: 1) { id } }`, {}, { key });
  await stack.gql(`mutation { publishPractice(id: "${telemonitoring}", version: 2) { id } }`, {}, { key });
  const adopted = await stack.gql(
    `mutation($input: AddAdoptionInput!) { addAdoption(input: $input) { id } }`,
    { input: { practiceId: telemonitoring, adopterId: hospital, country: 'RO', scale: 'REGIONAL', status: 'ONGOING' } },
    { key },
  );
  expect(adopted.errors).toBeUndefined();
  // The store takes the writes in within seconds.
  const adoption = `${PREFIXES} ASK { ?a radar:adoptedPractice <${base}/practices/${telemonitoring}> }`;
  const until = Date.now() + 15_000;
  while (!((await (await get(adoption)).json()) as { boolean?: boolean }).boolean && Date.now() < until)
    await new Promise((r) => setTimeout(r, 200));
  close = () => started.exporter.close();
  // The store loads at start; the endpoint says so until it has.
  const deadline = Date.now() + 30_000;
  while ((await get('ASK {}')).status === 503 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
}, 180_000);
afterAll(async () => {
  await close?.();
  await stack?.stop();
});

describe('the data team\u2019s questions, asked through Comunica', () => {
  it('practices adopted in Romania, with their owner\u2019s name and ROR id', async () => {
    const rows = await comunica(`
      SELECT DISTINCT ?practice (STR(?title) AS ?name) (STR(?ownerName) AS ?owner) ?ror WHERE {
        ?adoption a radar:Adoption ; radar:adoptedPractice ?practice ; dct:spatial <${ROMANIA}> .
        ?practice dct:title ?title ; dct:rightsHolder ?holder .
        FILTER(LANGMATCHES(LANG(?title), "en"))
        ?holder foaf:name ?ownerName .
        OPTIONAL {
          SELECT ?holder ?ror WHERE { ?holder adms:identifier ?id . ?id dct:creator <https://ror.org/> ; skos:notation ?ror }
        }
      } ORDER BY ?name`);
    expect(rows).toEqual([
      {
        practice: `${base}/practices/5e1d3c0a-8b1f-4c4e-9d3a-1a0b2c3d0001`,
        name: 'Smart Hospital interactive platform',
        owner: 'Smart Hospital',
      },
      {
        practice: `${base}/practices/${telemonitoring}`,
        name: 'Telemonitoring of heart failure',
        owner: 'Spitalul Clinic Județean Iași',
        ror: '0abcde165',
      },
    ]);
  });

  it('twinnings with their originator\u2019s and adopters\u2019 countries', async () => {
    const rows = await comunica(`
      SELECT (STR(?title) AS ?twinning) (STR(?practiceTitle) AS ?practice) (STR(?originatorName) AS ?originator)
             ?originatorCountry (STR(?adopterName) AS ?adopter) ?adopterCountry WHERE {
        ?project a radar:Twinning ; dct:title ?title ; radar:transferredPractice ?transferred ;
          radar:originator ?from ; radar:twinningAdopter ?to .
        ?transferred dct:title ?practiceTitle FILTER(LANGMATCHES(LANG(?practiceTitle), "en"))
        ?from foaf:name ?originatorName .
        ?to foaf:name ?adopterName .
        OPTIONAL { ?from dct:spatial ?originatorCountry FILTER(STRSTARTS(STR(?originatorCountry), "${COUNTRY}")) }
        OPTIONAL { ?to dct:spatial ?adopterCountry FILTER(STRSTARTS(STR(?adopterCountry), "${COUNTRY}")) }
      }`);
    // The seed's originator, Smart Hospital, gives no country; its adopter is in Romania.
    expect(rows).toEqual([
      {
        twinning: 'Smart Hospital twinning: North-East Romania',
        practice: 'Smart Hospital interactive platform',
        originator: 'Smart Hospital',
        adopter: 'Digital Innovation Zone Association',
        adopterCountry: ROMANIA,
      },
    ]);
  });

  it('practices under CDHI group 2, with the labels of their codes', async () => {
    const rows = await comunica(`
      SELECT (STR(?title) AS ?practice) ?code (STR(?label) AS ?intervention) WHERE {
        ?p a radar:Practice ; dct:title ?title ; radar:cdhiIntervention ?concept .
        FILTER(LANGMATCHES(LANG(?title), "en"))
        ?concept skos:broader+ <https://w3id.org/radar/code/cdhi/2> ; skos:notation ?code ; skos:prefLabel ?label .
      } ORDER BY ?practice ?code`);
    expect(rows).toEqual([
      { practice: 'Smart Hospital interactive platform', code: '2.8', intervention: 'Healthcare provider training' },
    ]);
  });
});

describe('kept up to date from the change feeds', () => {
  it('shows a practice published through the gateway within seconds, and drops it once archived', async () => {
    const title = `Medication reminders by voice ${Date.now()}`;
    const id = await publishNewPractice(stack, title, stack.keys.curator, 'Reminds patients to take their medicine.');
    const query = `${PREFIXES} ASK { <${base}/practices/${id}> dct:title ?t FILTER(STR(?t) = "${title}") }`;
    const started = Date.now();
    let seen = false;
    while (!seen && Date.now() - started < 15_000) {
      const response = await get(query);
      seen = ((await response.json()) as { boolean: boolean }).boolean;
      if (!seen) await new Promise((r) => setTimeout(r, 250));
    }
    expect(seen).toBe(true);
    expect(Date.now() - started).toBeLessThan(15_000);
    // Comunica sees it too, with its owner.
    expect(await comunica(`SELECT ?owner WHERE { <${base}/practices/${id}> dct:rightsHolder ?owner }`)).toEqual([
      { owner: `${base}/organisations/${seedIds.smartHospital}` },
    ]);

    // Archived, it leaves the public graph as it leaves the dumps: its triples and its fragments' go.
    const archived = await stack.gql(
      `mutation { archivePractice(id: "${id}", version: 3) { id } }`,
      {},
      { key: stack.keys.curator },
    );
    expect(archived.errors).toBeUndefined();
    const anything = `ASK { { <${base}/practices/${id}> ?p ?o } UNION { ?s ?q <${base}/practices/${id}> } }`;
    const archivedAt = Date.now();
    let gone = false;
    while (!gone && Date.now() - archivedAt < 15_000) {
      gone = !((await (await get(anything)).json()) as { boolean: boolean }).boolean;
      if (!gone) await new Promise((r) => setTimeout(r, 250));
    }
    expect(gone).toBe(true);
  });
});

describe('one record at a time', () => {
  /** Every triple in a record's named graph. */
  const graphOf = async (iri: string) => {
    const response = await get(`SELECT ?s ?p ?o WHERE { GRAPH <${iri}> { ?s ?p ?o } }`);
    expect(response.status).toBe(200);
    const rows = new SparqlJsonParser().parseJsonResults(await response.json());
    return rows.map((row) => [row.s, row.p, row.o].map((term) => `${term?.termType}:${term?.value}`).join(' ')).sort();
  };
  const until = async (check: () => Promise<boolean>) => {
    const started = Date.now();
    while (!(await check()) && Date.now() - started < 15_000) await new Promise((r) => setTimeout(r, 200));
    return check();
  };

  it('takes in a renamed organisation within seconds, replacing its graph alone, without reading the whole graph again', async () => {
    const practice = `${base}/practices/${telemonitoring}`;
    const organisation = `${base}/organisations/${hospital}`;
    // Nothing else changes under the test's feet: the store has taken in every change made so far.
    expect(
      await until(async () => (await graphOf(practice)).some((triple) => triple.includes('adoptedPractice'))),
    ).toBe(true);
    const practiceBefore = await graphOf(practice);
    const seedBefore = await graphOf(`${base}/organisations/${seedIds.smartHospital}`);
    const before = exporter.sparql.counts();

    const { data } = await stack.gql(`{ organisation(id: "${hospital}") { version } }`);
    const renamed = await stack.gql(
      `mutation($id: UUID!, $version: Int!) { updateOrganisation(id: $id, version: $version, input: { name: "Spitalul Clinic Județean de Urgență Iași" }) { id } }`,
      { id: hospital, version: data?.organisation.version },
      { key: stack.keys.curator },
    );
    expect(renamed.errors).toBeUndefined();
    const named = `${PREFIXES} ASK { <${organisation}> foaf:name "Spitalul Clinic Județean de Urgență Iași" }`;
    expect(await until(async () => ((await (await get(named)).json()) as { boolean: boolean }).boolean)).toBe(true);

    // The old name went with the old graph; the name lives in the organisation's graph, as the union shows it.
    const names = await comunica(`SELECT ?name WHERE { <${organisation}> foaf:name ?name }`);
    expect(names).toEqual([{ name: 'Spitalul Clinic Județean de Urgență Iași' }]);
    const where = await comunica(`SELECT ?g WHERE { GRAPH ?g { <${organisation}> foaf:name ?name } }`);
    expect(where).toEqual([{ g: organisation }]);
    // The practice it owns and another organisation kept their graphs as they were, and the whole graph was not read
    // again: the change came in alone.
    expect(await graphOf(practice)).toEqual(practiceBefore);
    expect(await graphOf(`${base}/organisations/${seedIds.smartHospital}`)).toEqual(seedBefore);
    const after = exporter.sparql.counts();
    expect(after.rebuilds).toBe(before.rebuilds);
    expect(after.changes).toBeGreaterThan(before.changes);
    // The data team's first question sees the new name through the practice.
    const owners = await comunica(`
      SELECT (STR(?ownerName) AS ?owner) WHERE {
        <${practice}> dct:rightsHolder ?holder . ?holder foaf:name ?ownerName }`);
    expect(owners).toEqual([{ owner: 'Spitalul Clinic Județean de Urgență Iași' }]);
  });

  it('keeps the ontology and the code lists in graphs of their own', async () => {
    const graphs = await comunica(`SELECT DISTINCT ?g WHERE {
      GRAPH ?g { <https://w3id.org/radar/code/cdhi/2.4.1> skos:prefLabel ?label } }`);
    expect(graphs).toEqual([{ g: 'https://w3id.org/radar/code/' }]);
    const ontology = await comunica(`SELECT DISTINCT ?g WHERE { GRAPH ?g { radar:Practice a ?class } }`);
    expect(ontology).toEqual([{ g: 'https://w3id.org/radar/ontology' }]);
  });

  it('does not take in again the records it read whole, however many changed just before it read them', async () => {
    // Records changed just before a store is read whole are in the feeds' overlap of its first looks: the store knows
    // it holds their versions (an import of thousands would otherwise be read again and again).
    const key = stack.keys.curator;
    for (const name of ['Alpha', 'Beta', 'Gamma']) {
      const made = await stack.gql(
        `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
        { input: { name: `Overlap clinic ${name}`, kind: 'HEALTHCARE_PROVIDER', country: 'RO' } },
        { key },
      );
      expect(made.errors).toBeUndefined();
    }
    const second = await startExporterAtItsBase(stack, {
      RADAR_DUMP_EVERY_HOURS: '0',
      RADAR_SPARQL_REFRESH_SECONDS: '1',
    });
    try {
      const deadline = Date.now() + 60_000;
      while (!second.exporter.sparql.asOf() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(second.exporter.sparql.asOf()).not.toBeNull();
      // Three looks at the feeds, each reading the last 30 seconds again.
      await new Promise((r) => setTimeout(r, 3_500));
      expect(second.exporter.sparql.counts()).toEqual({ rebuilds: 1, changes: 0 });
      const clinics = await (
        await fetch(
          `${second.base}/sparql?${new URLSearchParams({ query: `${PREFIXES} SELECT ?name WHERE { ?o foaf:name ?name FILTER(STRSTARTS(?name, "Overlap clinic")) }` })}`,
          { headers: { accept: 'application/sparql-results+json' } },
        )
      ).json();
      expect((clinics as { results: { bindings: unknown[] } }).results.bindings).toHaveLength(3);
    } finally {
      await second.exporter.close();
    }
  });
});

const SELECT = `${PREFIXES} SELECT ?code ?label WHERE {
  <https://w3id.org/radar/code/cdhi/2.4.1> skos:notation ?code ; skos:prefLabel ?label }`;
const LABEL = 'Consultations between remote person and healthcare provider';

describe('the SPARQL protocol', () => {
  it('answers SELECT as SPARQL JSON by default, and as XML, CSV and TSV by Accept', async () => {
    const json = await get(SELECT);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/sparql-results\+json/);
    const solutions = new SparqlJsonParser().parseJsonResults(await json.json());
    expect(solutions.map((row) => [row.code?.value, row.label?.value])).toEqual([['2.4.1', LABEL]]);

    const xml = await get(SELECT, 'application/sparql-results+xml');
    expect(xml.headers.get('content-type')).toMatch(/^application\/sparql-results\+xml/);
    const xmlText = await xml.text();
    const xmlRows: Record<string, { value: string }>[] = [];
    await new Promise<void>((resolve, reject) =>
      new SparqlXmlParser()
        .parseXmlResultsStream(Readable.from([Buffer.from(xmlText)]))
        .on('data', (row) => xmlRows.push(row))
        .on('error', reject)
        .on('end', resolve),
    );
    expect(xmlRows.map((row) => [row.code?.value, row.label?.value])).toEqual([['2.4.1', LABEL]]);

    const csv = await get(SELECT, 'text/csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).trim().split('\r\n')).toEqual(['code,label', `2.4.1,${LABEL}`]);

    const tsv = await get(SELECT, 'text/tab-separated-values');
    expect(tsv.headers.get('content-type')).toMatch(/^text\/tab-separated-values/);
    const lines = (await tsv.text()).trim().split('\n');
    expect(lines[0]).toBe('?code\t?label');
    expect(lines[1]).toBe(`"2.4.1"\t"${LABEL}"@en`);
  });

  it('answers ASK, over GET and both kinds of POST', async () => {
    const ask = `${PREFIXES} ASK { <https://w3id.org/radar/code/cdhi/2.4.1> skos:broader ?up }`;
    const asJson = async (response: Response) => {
      expect(response.status).toBe(200);
      return new SparqlJsonParser().parseJsonBoolean(await response.json());
    };
    expect(await asJson(await get(ask))).toBe(true);
    expect(
      await asJson(
        await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/sparql-query' }, body: ask }),
      ),
    ).toBe(true);
    expect(await asJson(await fetch(endpoint, { method: 'POST', body: new URLSearchParams({ query: ask }) }))).toBe(
      true,
    );
    expect(await asJson(await get(`${PREFIXES} ASK { <https://w3id.org/radar/code/cdhi/2.4.1> skos:broader 1 }`))).toBe(
      false,
    );
  });

  it('answers CONSTRUCT and DESCRIBE as Turtle (by default), N-Triples and JSON-LD that parse to the same graph', async () => {
    const construct = `${PREFIXES} CONSTRUCT { ?c skos:prefLabel ?l } WHERE { <https://w3id.org/radar/code/cdhi/2.4.1> skos:broader ?c . ?c skos:prefLabel ?l }`;
    const turtle = await get(construct);
    expect(turtle.headers.get('content-type')).toMatch(/^text\/turtle/);
    const fromTurtle = new n3.Parser({ format: 'text/turtle' }).parse(await turtle.text());
    const ntriples = await get(construct, 'application/n-triples');
    const fromNTriples = new n3.Parser({ format: 'application/n-triples' }).parse(await ntriples.text());
    const ld = await get(construct, 'application/ld+json');
    expect(ld.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    const document = await ld.json();
    const fromJsonLd = new n3.Parser({ format: 'application/n-quads' }).parse(
      (await jsonld.toRDF(document, {
        format: 'application/n-quads',
        documentLoader: async (url: string) => {
          const response = await fetch(url, { headers: { accept: 'application/ld+json' } });
          return { contextUrl: undefined, documentUrl: url, document: await response.json() };
        },
      } as never)) as unknown as string,
    );
    const triples = (quads: n3.Quad[]) => quads.map((quad) => `${quad.subject.value} ${quad.object.value}`).sort();
    expect(triples(fromTurtle)).toEqual(['https://w3id.org/radar/code/cdhi/2.4 Telemedicine']);
    expect(triples(fromNTriples)).toEqual(triples(fromTurtle));
    expect(triples(fromJsonLd)).toEqual(triples(fromTurtle));

    const describe = await get(`DESCRIBE <https://w3id.org/radar/code/cdhi/2.4.1>`, 'application/n-triples');
    expect(describe.status).toBe(200);
    const described = new n3.Parser({ format: 'application/n-triples' }).parse(await describe.text());
    expect(described.some((quad) => quad.object.value === LABEL)).toBe(true);
  });

  it('refuses updates, in every way one can be sent', async () => {
    const update = 'INSERT DATA { <urn:a> <urn:b> <urn:c> }';
    const answers = [
      await get(update),
      await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/sparql-update' }, body: update }),
      await fetch(endpoint, { method: 'POST', body: new URLSearchParams({ update }) }),
      await fetch(endpoint, { method: 'POST', body: new URLSearchParams({ query: `PREFIX a: <urn:a#> ${update}` }) }),
    ];
    for (const response of answers) {
      expect(response.status).toBe(400);
      expect(((await response.json()) as { title: string }).title).toMatch(/read-only/);
    }
    expect(((await (await get('ASK { <urn:a> <urn:b> <urn:c> }')).json()) as { boolean: boolean }).boolean).toBe(false);
  });

  it('answers a syntax error, an unknown prefix or no query with 400 and the parser\u2019s message, a huge body with 413', async () => {
    const syntax = await get('SELECT ?x WHERE { ?x ');
    expect(syntax.status).toBe(400);
    expect(((await syntax.json()) as { title: string }).title).toMatch(/error at 1:/);
    // An undeclared prefix is named, with the parser's own message kept as the detail.
    const undeclared: [string, string][] = [
      ['SELECT ?x WHERE { ?x nope:thing ?y }', 'nope'],
      ['SELECT ?x WHERE {\n  ?x <urn:p>\n    "1"^^xsd:integer }', 'xsd'],
      [`${PREFIXES} SELECT ?x WHERE { ?x skos:prefLabel ?l ; dcterms:title ?t }`, 'dcterms'],
    ];
    for (const [query, name] of undeclared) {
      const prefix = await get(query);
      expect(prefix.status, query).toBe(400);
      const body = (await prefix.json()) as { title: string; prefix: string; detail: string };
      expect(body.title, query).toBe(`unknown prefix ${name}: declare it with PREFIX ${name}: <\u2026>`);
      expect(body.prefix, query).toBe(name);
      expect(body.detail, query).toMatch(/^error at \d+:\d+: expected one of Prefix not found/);
    }
    const none = await fetch(endpoint);
    expect(none.status).toBe(400);
    const unsupported = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(unsupported.status).toBe(415);
    const huge = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-query' },
      body: `ASK {} # ${'x'.repeat(300_000)}`,
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { title: string }).title).toMatch(/too large/);
  });

  it('refuses a result larger than the limit, and a media type it does not offer', async () => {
    const all = await get('SELECT * WHERE { ?s ?p ?o }');
    expect(all.status).toBe(413);
    expect(((await all.json()) as { title: string }).title).toContain(`more than ${MAX_RESULTS} results`);
    expect((await get('SELECT * WHERE { ?s ?p ?o } LIMIT 10')).status).toBe(200);
    expect((await get(SELECT, 'image/png')).status).toBe(406);
    expect((await get(SELECT, 'text/turtle')).status).toBe(406);
  });

  it('stops a runaway query at the timeout, and goes on answering', async () => {
    const started = Date.now();
    const runaway = await get('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }');
    const took = Date.now() - started;
    expect(runaway.status).toBe(503);
    expect(((await runaway.json()) as { title: string }).title).toContain(`longer than ${TIMEOUT_MS} ms`);
    expect(took).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(took).toBeLessThan(TIMEOUT_MS + 5_000);
    // The store was started again with the same graph.
    const after = await get(SELECT, 'text/csv');
    expect(after.status).toBe(200);
    expect(await after.text()).toContain(LABEL);
  });

  it('answers a browser from an allowed origin with CORS headers, for POST too', async () => {
    const preflight = await fetch(endpoint, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    const posted = await fetch(endpoint, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/sparql-query' },
      body: 'ASK {}',
    });
    expect(posted.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const refused = await fetch(endpoint, {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example.org', 'access-control-request-method': 'POST' },
    });
    expect(refused.status).toBe(403);
  });
});
