// A data team's question, asked of a full N-Triples dump loaded into a real SPARQL store: which practices are
// adopted in Romania, who owns them and what is the owner's ROR id, with the labels of the codes they carry. The
// dump alone has to answer: it holds the code lists' labels, and identifiers are nodes a query can select by agency.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SubgraphSource, writeDump } from '@radar/exporter';
import { seedIds } from '@radar/organisations';
import oxigraph from 'oxigraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishNewPractice, type Stack, startStack } from './support/stack.js';

const BASE = 'https://radar.example.eu';
const dir = mkdtempSync(join(tmpdir(), 'radar-sparql-'));
let stack: Stack;
let store: oxigraph.Store;
let hospital: string;
let telemonitoring: string;

const ADD_ADOPTION = `mutation($input: AddAdoptionInput!) { addAdoption(input: $input) { id } }`;

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
        nuts: 'RO21',
        identifiers: [
          { scheme: 'ROR', value: '0abcde165' },
          { scheme: 'PIC', value: '912345678' },
        ],
      },
    },
    { key },
  );
  hospital = created.data?.createOrganisation.id as string;
  const registered = await stack.gql(
    `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`,
    {
      input: {
        title: 'Telemonitoring of heart failure at home',
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
  const adoptions = [
    { practiceId: telemonitoring, adopterId: hospital, country: 'RO', nuts: 'RO21', scale: 'REGIONAL' },
    // Adopted in Portugal only: not an answer.
    {
      practiceId: await publishNewPractice(stack, 'Discharge letters by SMS', key, 'Sent on leaving hospital.'),
      adopterId: seedIds.smartHospital,
      country: 'PT',
      scale: 'LOCAL',
    },
  ];
  for (const input of adoptions) {
    const added = await stack.gql(ADD_ADOPTION, { input: { status: 'ONGOING', ...input } }, { key });
    expect(added.errors).toBeUndefined();
  }
  const out = join(dir, 'radar.nt');
  await writeDump({
    source: new SubgraphSource(stack.urls, stack.signer),
    context: { base: BASE },
    format: 'ntriples',
    gzip: false,
    out,
  });
  store = new oxigraph.Store();
  store.load(readFileSync(out, 'utf8'), { format: 'application/n-triples' });
});
afterAll(async () => {
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const PREFIXES = `
PREFIX radar: <https://w3id.org/radar/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX adms: <http://www.w3.org/ns/adms#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
`;

function select(query: string) {
  const solutions = store.query(`${PREFIXES}${query}`) as Map<string, oxigraph.Term>[];
  return solutions.map((solution) => Object.fromEntries([...solution].map(([name, term]) => [name, term.value])));
}

describe('SPARQL over a full N-Triples dump', () => {
  it('answers "practices adopted in Romania, with their owner\u2019s name and ROR id" with labelled rows', () => {
    const rows = select(`
      SELECT ?practice (STR(?title) AS ?name) (STR(?ownerName) AS ?owner) ?ror
             (STR(?maturityLabel) AS ?maturity) (STR(?typeLabel) AS ?type)
      WHERE {
        ?adoption a radar:Adoption ;
          radar:adoptedPractice ?practice ;
          dct:spatial <http://publications.europa.eu/resource/authority/country/ROU> .
        ?practice dct:title ?title ; dct:rightsHolder ?holder ; radar:maturityStage ?stage ; dct:type ?kind .
        FILTER(LANGMATCHES(LANG(?title), "en"))
        ?holder foaf:name ?ownerName .
        ?stage skos:prefLabel ?maturityLabel .
        ?kind skos:prefLabel ?typeLabel .
        OPTIONAL { ?holder adms:identifier [ dct:creator <https://ror.org/> ; skos:notation ?ror ] }
      }
      ORDER BY ?name`);
    expect(rows).toEqual([
      {
        practice: `${BASE}/practices/5e1d3c0a-8b1f-4c4e-9d3a-1a0b2c3d0001`,
        name: 'Smart Hospital interactive platform',
        owner: 'Smart Hospital',
        maturity: 'Implemented (routine use)',
        type: 'Digital service or platform',
      },
      {
        practice: `${BASE}/practices/${telemonitoring}`,
        name: 'Telemonitoring of heart failure at home',
        owner: 'Spitalul Clinic Județean Iași',
        ror: '0abcde165',
        maturity: 'Scaled up',
        type: 'App',
      },
    ]);
  });

  it('types each notation by its scheme, names the agency by IRI and links an IRI identifier with owl:sameAs', () => {
    const rows = select(`
      SELECT ?identifier (STR(?notation) AS ?value) (DATATYPE(?notation) AS ?datatype) ?agency ?same
      WHERE {
        <${BASE}/organisations/${hospital}> adms:identifier ?identifier .
        ?identifier a adms:Identifier ; skos:notation ?notation ; dct:creator ?agency .
        OPTIONAL { <${BASE}/organisations/${hospital}> owl:sameAs ?same FILTER(STRSTARTS(STR(?same), STR(?agency))) }
      }
      ORDER BY ?identifier`);
    expect(rows).toEqual([
      {
        identifier: `${BASE}/organisations/${hospital}#identifier-pic`,
        value: '912345678',
        datatype: 'https://w3id.org/radar/ontology#ParticipantIdentificationCode',
        agency: 'https://ec.europa.eu/info/funding-tenders/opportunities/portal/',
      },
      {
        identifier: `${BASE}/organisations/${hospital}#identifier-ror`,
        value: '0abcde165',
        datatype: 'https://w3id.org/radar/ontology#RorId',
        agency: 'https://ror.org/',
        same: 'https://ror.org/0abcde165',
      },
    ]);
  });

  it('holds the code lists: the CDHI hierarchy and the mappings to WHO\u2019s CDHI', () => {
    const rows = select(`
      SELECT (STR(?label) AS ?name) (STR(?parentLabel) AS ?parent) ?who
      WHERE {
        <https://w3id.org/radar/code/cdhi/2.4.1> skos:prefLabel ?label ; skos:broader ?up ;
          skos:exactMatch ?who .
        ?up skos:prefLabel ?parentLabel .
      }`);
    expect(rows).toEqual([
      {
        name: 'Consultations between remote person and healthcare provider',
        parent: 'Telemedicine',
        who: 'http://smart.who.int/base/CodeSystem/CDHIv2#2.4.1',
      },
    ]);
    // The list is WHO's own: every code, down to the sub-interventions, with WHO's label and an exact match.
    const counts = select(`
      SELECT (COUNT(?concept) AS ?codes) (COUNT(?who) AS ?matched)
      WHERE {
        ?concept skos:inScheme <https://w3id.org/radar/code/cdhi> .
        OPTIONAL { ?concept skos:exactMatch ?who }
      }`);
    expect(counts).toEqual([{ codes: '138', matched: '138' }]);
    expect(
      select(
        `SELECT (STR(?label) AS ?name) ?up WHERE { <https://w3id.org/radar/code/cdhi/1.1.2> skos:prefLabel ?label ; skos:broader ?up }`,
      ),
    ).toEqual([
      {
        name: 'Transmit targeted health information to person(s) based on health status or demographics',
        up: 'https://w3id.org/radar/code/cdhi/1.1',
      },
    ]);
  });

  it('maps programmes to the EU programme authority table where the table has their counterpart', () => {
    const rows = select(`
      SELECT ?code ?exact ?close
      WHERE {
        ?concept skos:inScheme <https://w3id.org/radar/code/programme> ; skos:notation ?code .
        OPTIONAL { ?concept skos:exactMatch ?exact }
        OPTIONAL { ?concept skos:closeMatch ?close }
        FILTER(BOUND(?exact) || BOUND(?close))
      } ORDER BY ?code`);
    expect(rows).toEqual([
      { code: 'HORIZON_EUROPE', exact: 'http://publications.europa.eu/resource/authority/eu-programme/HORIZONEU' },
      { code: 'INTERREG', close: 'http://publications.europa.eu/resource/authority/eu-programme/TERRCOOP' },
    ]);
  });
});
