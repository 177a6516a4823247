// The Reconciliation Service API 0.2 over real HTTP, as OpenRefine calls it: the manifest, batches of queries
// (form-encoded and JSON) with real-world spellings of names, previews, suggest services and data extension.

import { seedIds } from '@radar/organisations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExporterAtItsBase } from './support/exporter.js';
import { publishNewPractice, type Stack, startStack } from './support/stack.js';

const ORIGIN = 'http://refine.example';
let stack: Stack;
let close: () => Promise<void>;
let base: string;
const ids: Record<string, string> = {};

const organisations = {
  sorbonne: {
    name: 'Sorbonne Université',
    acronym: 'SU',
    kind: 'RESEARCH_ORGANISATION',
    country: 'FR',
    identifiers: [{ scheme: 'ROR', value: '02en5vm52' }],
  },
  paris: { name: 'Université Paris Cité', kind: 'RESEARCH_ORGANISATION', country: 'FR' },
  cluj: {
    name: 'Spitalul Clinic Județean de Urgență Cluj',
    acronym: 'SCJU',
    kind: 'HEALTHCARE_PROVIDER',
    country: 'RO',
  },
  iasi: { name: 'Spitalul Clinic Județean de Urgență Iași', kind: 'HEALTHCARE_PROVIDER', country: 'RO' },
  siemens: { name: 'Siemens Healthineers', kind: 'COMPANY', country: 'DE' },
  tum: {
    name: 'Technische Universität München',
    acronym: 'TUM',
    kind: 'RESEARCH_ORGANISATION',
    country: 'DE',
    identifiers: [
      { scheme: 'ROR', value: '02kkvpp62' },
      { scheme: 'PIC', value: '999977172' },
    ],
  },
};

beforeAll(async () => {
  stack = await startStack();
  for (const [key, input] of Object.entries(organisations)) {
    const created = await stack.gql(
      'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }',
      { input },
      { key: stack.keys.curator },
    );
    expect(created.errors).toBeUndefined();
    ids[key] = `organisations/${created.data?.createOrganisation.id}`;
  }
  const project = await stack.gql(
    'mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }',
    {
      input: {
        acronym: 'RECON',
        title: 'Reconciled project',
        kind: 'RESEARCH_INNOVATION',
        programme: 'HORIZON_EUROPE',
        cordisId: '101057583',
      },
    },
    { key: stack.keys.curator },
  );
  expect(project.errors).toBeUndefined();
  ids.project = `projects/${project.data?.createProject.id}`;
  ids.practice = `practices/${await publishNewPractice(stack, 'Teleconsultations for rural diabetes care', stack.keys.curator, 'Nurses call patients at home.')}`;
  const started = await startExporterAtItsBase(stack, { RADAR_CORS_ORIGINS: ORIGIN });
  base = started.base;
  close = () => started.exporter.close();
});
afterAll(async () => {
  await close?.();
  await stack?.stop();
});

type Result = Record<
  string,
  { result: { id: string; name: string; score: number; match: boolean; type: unknown[] }[] }
>;

async function reconcile(queries: Record<string, unknown>, as: 'form' | 'json' | 'get' = 'form'): Promise<Result> {
  const body = JSON.stringify(queries);
  const response =
    as === 'get'
      ? await fetch(`${base}/reconcile?${new URLSearchParams({ queries: body })}`)
      : await fetch(`${base}/reconcile`, {
          method: 'POST',
          headers: { 'content-type': as === 'form' ? 'application/x-www-form-urlencoded' : 'application/json' },
          body: as === 'form' ? new URLSearchParams({ queries: body }).toString() : JSON.stringify({ queries }),
        });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/json');
  return (await response.json()) as Result;
}

describe('the service manifest', () => {
  it('declares version 0.2, the types, the view, preview, suggest and extend services', async () => {
    const response = await fetch(`${base}/reconcile`, { headers: { origin: ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const manifest = await response.json();
    expect(manifest).toMatchObject({
      versions: ['0.2'],
      name: expect.any(String),
      identifierSpace: `${base}/`,
      schemaSpace: expect.any(String),
      view: { url: `${base}/{{id}}` },
      preview: { url: `${base}/reconcile/preview?id={{id}}`, width: expect.any(Number), height: expect.any(Number) },
      suggest: {
        entity: { service_url: `${base}/reconcile`, service_path: '/suggest/entity' },
        type: { service_url: `${base}/reconcile`, service_path: '/suggest/type' },
        property: { service_url: `${base}/reconcile`, service_path: '/suggest/property' },
      },
      extend: { propose_properties: { service_url: `${base}/reconcile`, service_path: '/extend/propose' } },
    });
    expect(manifest.defaultTypes.map((type: { id: string }) => type.id)).toEqual([
      'Organisation',
      'Practice',
      'Project',
    ]);
  });

  it('answers JSONP when a callback is named', async () => {
    const response = await fetch(`${base}/reconcile?callback=jsonp123`);
    expect(response.headers.get('content-type')).toContain('application/javascript');
    expect(await response.text()).toMatch(/^jsonp123\(\{"versions":\["0\.2"\]/);
  });
});

describe('reconciliation queries', () => {
  const batch = {
    accents: { query: 'Spitalul Clinic Judetean de Urgenta Cluj', type: 'Organisation' },
    acronym: { query: 'TUM', type: 'Organisation' },
    legalForm: { query: 'Siemens Healthineers GmbH', type: 'Organisation' },
    typo: { query: 'Tecnische Universitat Munchen', type: 'Organisation' },
    wordOrder: { query: 'Université Sorbonne', type: 'Organisation' },
    ror: { query: 'Sorbonne', type: 'Organisation', properties: [{ pid: 'ror', v: 'https://ror.org/02EN5VM52' }] },
    rorAsText: { query: 'ror.org/02kkvpp62', type: 'Organisation' },
    pic: { query: 'Munich technical university', properties: [{ pid: 'identifier', v: '999 977 172' }] },
    country: { query: 'Sorbonne Université', type: 'Organisation', properties: [{ pid: 'country', v: 'DE' }] },
    cordis: { query: 'Something else', type: 'Project', properties: [{ pid: 'cordis', v: '101057583' }] },
    project: { query: 'RECON', type: 'Project', limit: 1 },
    practice: {
      query: 'Tele-consultations for rural diabetes care',
      type: 'Practice',
      properties: [{ pid: 'owner', v: `organisations/${seedIds.smartHospital}` }],
    },
    practiceOtherOwner: {
      query: 'Teleconsultations for rural diabetes care',
      type: 'Practice',
      properties: [{ pid: 'owner', v: 'Someone Else Entirely' }],
    },
  };

  it.each(['form', 'json', 'get'] as const)('scores a batch of real-world variants (%s)', async (as) => {
    const results = await reconcile(batch, as);
    const top = (key: string) => results[key]?.result[0];
    expect(Object.keys(results).sort()).toEqual(Object.keys(batch).sort());

    expect(top('accents')).toMatchObject({ id: ids.cluj, match: true, score: 100 });
    expect(results.accents?.result.find((candidate) => candidate.id === ids.iasi)?.match).toBe(false);
    expect(top('acronym')).toMatchObject({ id: ids.tum, match: false });
    expect(top('legalForm')).toMatchObject({ id: ids.siemens, match: true });
    expect(top('typo')).toMatchObject({ id: ids.tum, match: false });
    expect(top('typo')?.score).toBeGreaterThan(50);
    expect(top('wordOrder')).toMatchObject({ id: ids.sorbonne, match: false });
    expect(top('ror')).toMatchObject({ id: ids.sorbonne, match: true, score: 100, name: 'Sorbonne Université' });
    expect(top('rorAsText')).toMatchObject({ id: ids.tum, match: true });
    expect(top('pic')).toMatchObject({ id: ids.tum, match: true });
    expect(results.country?.result.map((candidate) => candidate.id)).not.toContain(ids.sorbonne);
    expect(top('cordis')).toMatchObject({ id: ids.project, match: true, name: 'RECON' });
    expect(results.project?.result).toHaveLength(1);
    expect(top('practice')).toMatchObject({ id: ids.practice, match: false });
    expect(top('practice')?.score).toBeGreaterThan(80);
    expect(top('practiceOtherOwner')?.score ?? 0).toBeLessThan(top('practice')?.score as number);
    for (const result of Object.values(results)) {
      for (const candidate of result.result) {
        expect(candidate.type).toEqual([{ id: expect.any(String), name: expect.any(String) }]);
        expect(candidate.score).toBeGreaterThanOrEqual(0);
        expect(candidate.score).toBeLessThanOrEqual(100);
      }
      expect(result.result.filter((candidate) => candidate.match).length).toBeLessThanOrEqual(1);
    }
  });

  it('refuses a batch that is not JSON, an unknown type and a query that is not a string', async () => {
    const notJson = await fetch(`${base}/reconcile`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'queries={oops',
    });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).title).toContain('queries is not JSON');
    const unknownType = await fetch(
      `${base}/reconcile?${new URLSearchParams({ queries: '{"q0":{"query":"x","type":"Person"}}' })}`,
    );
    expect(unknownType.status).toBe(400);
    expect((await unknownType.json()).title).toContain('unknown type Person');
    const badBody = await fetch(`${base}/reconcile`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"queries": {',
    });
    expect(badBody.status).toBe(400);
    expect((await badBody.json()).title).toContain('The request body was refused');
    const notString = await fetch(`${base}/reconcile?${new URLSearchParams({ queries: '{"q0":{"query":42}}' })}`);
    expect(notString.status).toBe(400);
  });

  it('refuses a property the type does not know, naming the ones it takes', async () => {
    const ask = (queries: unknown) =>
      fetch(`${base}/reconcile?${new URLSearchParams({ queries: JSON.stringify(queries) })}`);
    const unknown = await ask({
      q0: { query: 'Spitalul', type: 'Organisation', properties: [{ pid: 'colour', v: 'blue' }] },
    });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).title).toBe(
      'unknown property colour: a Organisation query takes acronym, country, ror, wikidata, pic, vat, identifier',
    );
    const otherType = await ask({
      q0: { query: 'Spitalul', type: 'Organisation' },
      q1: { query: 'Spitalul', properties: [{ pid: 'programme', v: 'HORIZON_EUROPE' }] },
    });
    expect(otherType.status).toBe(400);
    expect((await otherType.json()).title).toContain('programme constrains Project queries, not Organisation');
    const notList = await ask({ q0: { query: 'Spitalul', properties: { pid: 'country', v: 'RO' } } });
    expect(notList.status).toBe(400);
    const known = await ask({
      q0: { query: 'Spitalul', type: 'Project', properties: [{ pid: 'programme', v: 'HORIZON_EUROPE' }] },
    });
    expect(known.status).toBe(200);
  });
});

describe('previews, suggest and data extension', () => {
  it('previews an entity as a small HTML page, and answers 404 for an unknown id', async () => {
    const response = await fetch(`${base}/reconcile/preview?id=${encodeURIComponent(ids.tum as string)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const page = await response.text();
    expect(page).toContain('Technische Universität München');
    expect(page).toContain('02kkvpp62');
    const unknown = await fetch(`${base}/reconcile/preview?id=organisations/00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(404);
  });

  it('suggests entities by prefix, types and properties', async () => {
    const entities = await (await fetch(`${base}/reconcile/suggest/entity?prefix=Sorbon&type=Organisation`)).json();
    expect(entities.result[0]).toMatchObject({
      id: ids.sorbonne,
      name: 'Sorbonne Université',
      notable: [{ id: 'Organisation', name: 'Organisation' }],
    });
    const types = await (await fetch(`${base}/reconcile/suggest/type?prefix=org`)).json();
    expect(types.result).toEqual([expect.objectContaining({ id: 'Organisation', name: 'Organisation' })]);
    const properties = await (await fetch(`${base}/reconcile/suggest/property?prefix=ro&type=Organisation`)).json();
    expect(properties.result.map((property: { id: string }) => property.id)).toEqual(['ror']);
  });

  it('proposes properties and extends matched ids with RADAR properties', async () => {
    const proposed = await (await fetch(`${base}/reconcile/extend/propose?type=Organisation`)).json();
    expect(proposed.type).toBe('Organisation');
    expect(proposed.properties.map((property: { id: string }) => property.id)).toEqual(
      expect.arrayContaining(['country', 'ror', 'acronym', 'city']),
    );
    const extend = {
      ids: [ids.tum, ids.sorbonne, ids.project],
      properties: [{ id: 'country' }, { id: 'ror' }, { id: 'acronym' }],
    };
    const response = await fetch(`${base}/reconcile`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ extend: JSON.stringify(extend) }).toString(),
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.meta).toEqual([
      { id: 'country', name: expect.any(String) },
      { id: 'ror', name: 'ROR id' },
      { id: 'acronym', name: 'Acronym' },
    ]);
    expect(body.rows[ids.tum as string]).toEqual({
      country: [{ str: 'DE' }],
      ror: [{ str: '02kkvpp62' }],
      acronym: [{ str: 'TUM' }],
    });
    expect(body.rows[ids.sorbonne as string]).toEqual({
      country: [{ str: 'FR' }],
      ror: [{ str: '02en5vm52' }],
      acronym: [{ str: 'SU' }],
    });
    expect(body.rows[ids.project as string]).toEqual({ country: [], ror: [], acronym: [{ str: 'RECON' }] });
    const unknown = await fetch(
      `${base}/reconcile?${new URLSearchParams({ extend: JSON.stringify({ ids: [], properties: [{ id: 'shoeSize' }] }) })}`,
    );
    expect(unknown.status).toBe(400);
  });
});
