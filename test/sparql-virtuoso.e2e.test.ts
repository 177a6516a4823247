// For users who outgrow the embedded store: the N-Triples dump the exporter serves loads into another triple store,
// OpenLink Virtuoso, with its bulk loader, and the data team's three questions asked there give what `/sparql` gives.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dumpName } from '@radar/exporter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExporterAtItsBase } from './support/exporter.js';
import { type Stack, startStack } from './support/stack.js';
import { startVirtuoso, type Virtuoso } from './support/virtuoso.js';

const PREFIXES = `
PREFIX radar: <https://w3id.org/radar/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX adms: <http://www.w3.org/ns/adms#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
`;
const COUNTRY = 'http://publications.europa.eu/resource/authority/country/';
const GRAPH = 'https://radar.example.eu/graph/dump';
const QUESTIONS = {
  'practices adopted in Romania, with their owner\u2019s name and ROR id': `
    SELECT DISTINCT ?practice (STR(?title) AS ?name) (STR(?ownerName) AS ?owner) ?ror WHERE {
      ?adoption a radar:Adoption ; radar:adoptedPractice ?practice ; dct:spatial <${COUNTRY}ROU> .
      ?practice dct:title ?title ; dct:rightsHolder ?holder .
      FILTER(LANGMATCHES(LANG(?title), "en"))
      ?holder foaf:name ?ownerName .
      OPTIONAL { ?holder adms:identifier ?identifier . ?identifier dct:creator <https://ror.org/> ; skos:notation ?ror }
    }`,
  'twinnings with their originator\u2019s and adopters\u2019 countries': `
    SELECT (STR(?title) AS ?twinning) (STR(?practiceTitle) AS ?practice) (STR(?originatorName) AS ?originator)
           ?originatorCountry (STR(?adopterName) AS ?adopter) ?adopterCountry WHERE {
      ?project a radar:Twinning ; dct:title ?title ; radar:transferredPractice ?transferred ;
        radar:originator ?from ; radar:twinningAdopter ?to .
      ?transferred dct:title ?practiceTitle FILTER(LANGMATCHES(LANG(?practiceTitle), "en"))
      ?from foaf:name ?originatorName .
      ?to foaf:name ?adopterName .
      OPTIONAL { ?from dct:spatial ?originatorCountry FILTER(STRSTARTS(STR(?originatorCountry), "${COUNTRY}")) }
      OPTIONAL { ?to dct:spatial ?adopterCountry FILTER(STRSTARTS(STR(?adopterCountry), "${COUNTRY}")) }
    }`,
  'practices under CDHI group 2, with the labels of their codes': `
    SELECT (STR(?title) AS ?practice) ?code (STR(?label) AS ?intervention) WHERE {
      ?p a radar:Practice ; dct:title ?title ; radar:cdhiIntervention ?concept .
      FILTER(LANGMATCHES(LANG(?title), "en"))
      ?concept skos:broader+ <https://w3id.org/radar/code/cdhi/2> ; skos:notation ?code ; skos:prefLabel ?label .
    }`,
};

let stack: Stack;
let virtuoso: Virtuoso;
let endpoint: string;
let close: () => Promise<void>;

/** A SELECT through RADAR's endpoint, as rows of plain values. */
async function radar(query: string) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
    body: query,
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { results: { bindings: Record<string, { value: string }>[] } };
  return body.results.bindings.map((row) =>
    Object.fromEntries(Object.entries(row).map(([name, term]) => [name, term.value])),
  );
}

const sorted = (rows: Record<string, string>[]) =>
  rows.map((row) => JSON.stringify(row, Object.keys(row).sort())).sort();

beforeAll(async () => {
  stack = await startStack();
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
  const hospital = created.data?.createOrganisation.id as string;
  const registered = await stack.gql(
    `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`,
    {
      input: {
        title: 'Telemonitoring of heart failure',
        summary: 'Patients send their vital signs from home; nurses act on alerts.',
        type: 'APP',
        maturity: 'SCALED_UP',
        ownerId: hospital,
        cdhiCodes: ['2.4.2'],
      },
    },
    { key },
  );
  const practice = registered.data?.registerPractice.id as string;
  await stack.gql(`mutation { submitPractice(id: "${practice}", version: 1) { id } }`, {}, { key });
  await stack.gql(`mutation { publishPractice(id: "${practice}", version: 2) { id } }`, {}, { key });
  const adopted = await stack.gql(
    `mutation($input: AddAdoptionInput!) { addAdoption(input: $input) { id } }`,
    { input: { practiceId: practice, adopterId: hospital, country: 'RO', scale: 'REGIONAL', status: 'ONGOING' } },
    { key },
  );
  expect(adopted.errors).toBeUndefined();

  // The exporter writes its dumps soon after it starts; its store reads the same records.
  const [started, store] = await Promise.all([
    startExporterAtItsBase(stack, { RADAR_DUMP_EVERY_HOURS: '24', RADAR_SPARQL_REFRESH_SECONDS: '1' }),
    startVirtuoso(),
  ]);
  virtuoso = store;
  close = () => started.exporter.close();
  endpoint = `${started.base}/sparql`;
  const deadline = Date.now() + 60_000;
  let dump: Response | null = null;
  while (Date.now() < deadline) {
    dump = await fetch(`${started.base}/dumps/${dumpName('ntriples', true)}`);
    if (dump.status === 200 && started.exporter.sparql.asOf()) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(dump?.status).toBe(200);
  await writeFile(join(virtuoso.dir, 'radar.nt.gz'), Buffer.from(await (dump as Response).arrayBuffer()));
  await virtuoso.bulkLoad('radar.nt.gz', GRAPH);
}, 240_000);
afterAll(async () => {
  await close?.();
  await virtuoso?.stop();
  await stack?.stop();
});

describe('the N-Triples dump in Virtuoso, loaded by its bulk loader', () => {
  it('holds every triple the endpoint holds outside the ontology', async () => {
    const [there] = await virtuoso.select('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', GRAPH);
    const [here] = await radar(`SELECT (COUNT(*) AS ?n) WHERE {
      SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/radar/ontology>) } }`);
    expect(Number(there?.n)).toBeGreaterThan(1_000);
    expect(Number(there?.n)).toBe(Number(here?.n));
  });

  for (const [question, query] of Object.entries(QUESTIONS)) {
    it(`answers ${question} as /sparql does`, async () => {
      const there = await virtuoso.select(`${PREFIXES}${query}`, GRAPH);
      const here = await radar(`${PREFIXES}${query}`);
      expect(here.length).toBeGreaterThan(0);
      expect(sorted(there)).toEqual(sorted(here));
    });
  }
});
