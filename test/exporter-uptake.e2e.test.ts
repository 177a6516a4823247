// The uptake statistics as linked data: a W3C Data Cube per interval served by the exporter, parsed as a graph,
// its observations' figures checked against known adoptions and the series through GraphQL, and the Data Cube
// integrity constraints that are cheap to check (IC-1, IC-2, IC-11, IC-12, IC-14) checked on every observation.

import type { ExporterServer } from '@radar/exporter';
import { seedIds as organisations } from '@radar/organisations';
import n3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExporterAtItsBase } from './support/exporter.js';
import { type Stack, startStack } from './support/stack.js';

let stack: Stack;
let exporter: ExporterServer;
let base: string;

const QB = 'http://purl.org/linked-data/cube#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const REF_AREA = 'http://purl.org/linked-data/sdmx/2009/dimension#refArea';
const REF_PERIOD = 'http://purl.org/linked-data/sdmx/2009/dimension#refPeriod';
const RADAR = 'https://w3id.org/radar/ontology#';
const measures = ['adoptionsStarted', 'adoptionsActive', 'adoptionsEnded', 'practicesAvailable', 'practicesAdopted'];
const node = (iri: string) => new n3.NamedNode(iri);

beforeAll(async () => {
  stack = await startStack();
  const editor = await stack.keys.editorOf(organisations.smartHospital);
  const registered = await stack.gql(
    `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`,
    {
      input: {
        title: 'Cube practice',
        summary: 'Counted in the uptake cube.',
        type: 'APP',
        maturity: 'PILOT',
        ownerId: organisations.smartHospital,
        countries: ['RO', 'DE'],
        nuts: ['RO213', 'DE212'],
      },
    },
    { key: editor },
  );
  const id = registered.data?.registerPractice.id as string;
  await stack.gql(`mutation { submitPractice(id: "${id}", version: 1) { id } }`, {}, { key: editor });
  await stack.gql(`mutation { publishPractice(id: "${id}", version: 2) { id } }`, {}, { key: stack.keys.curator });
  const adopted = await stack.gql(
    `mutation($input: AddAdoptionInput!) { addAdoption(input: $input) { id } }`,
    {
      input: {
        practiceId: id,
        adopterId: organisations.digitalInnovationZone,
        country: 'RO',
        nuts: 'RO213',
        scale: 'LOCAL',
        status: 'ONGOING',
        startDate: '2025-03-01',
      },
    },
    { key: await stack.keys.editorOf(organisations.digitalInnovationZone) },
  );
  expect(adopted.errors).toBeUndefined();
  ({ exporter, base } = await startExporterAtItsBase(stack));
});
afterAll(async () => {
  await exporter?.close();
  await stack?.stop();
});

async function cube(path: string) {
  const response = await fetch(`${exporter.url}${path}`, { headers: { accept: 'text/turtle' } });
  expect(response.status).toBe(200);
  return new n3.Store(new n3.Parser().parse(await response.text()));
}

describe('the uptake Data Cube', () => {
  it('has an observation per place and year with the figures of the uptake series', async () => {
    const store = await cube('/statistics/uptake/year');
    const dataSet = `${base}/statistics/uptake/year`;
    const observations = store.getSubjects(node(RDF_TYPE), node(`${QB}Observation`), null);
    expect(observations.length).toBeGreaterThan(3);
    const figures = (area: string, year: string) => {
      const [observation] = store
        .getSubjects(node(REF_AREA), node(area), null)
        .filter((subject) =>
          store.has(new n3.Quad(subject, node(REF_PERIOD), node(`http://reference.data.gov.uk/id/year/${year}`))),
        );
      if (!observation) return undefined;
      return Object.fromEntries(
        measures.map((measure) => {
          const [value] = store.getObjects(observation, node(`${RADAR}${measure}`), null) as n3.Literal[];
          expect(value?.datatype.value).toBe('http://www.w3.org/2001/XMLSchema#integer');
          return [measure, Number(value?.value)];
        }),
      );
    };
    const nuts = (code: string) => `http://data.europa.eu/nuts/code/${code}`;
    // The seeded twinning's adoption in RO21, 2024-02-12 to 2024-08-09.
    expect(figures(nuts('RO21'), '2024')).toMatchObject({ adoptionsStarted: 1, adoptionsActive: 1, adoptionsEnded: 1 });
    // The adoption in RO213 counts in RO213, in RO21, in RO2 and in Romania.
    for (const area of [
      nuts('RO213'),
      nuts('RO21'),
      nuts('RO2'),
      'http://publications.europa.eu/resource/authority/country/ROU',
    ]) {
      expect(figures(area, '2025'), area).toMatchObject({
        adoptionsStarted: 1,
        adoptionsActive: 1,
        practicesAdopted: 1,
      });
    }
    expect(figures(nuts('RO213'), '2024')).toBeUndefined();
    expect(
      store
        .getObjects(
          node('http://publications.europa.eu/resource/authority/country/ROU'),
          node('http://www.w3.org/2000/01/rdf-schema#label'),
          null,
        )
        .map((term) => term.value),
    ).toEqual(['Romania']);

    // Every figure is the one GraphQL gives.
    const series = await stack.gql(
      `{ uptakeSeries(interval: YEAR, level: NUTS2) { period nuts started active ended practicesAvailable practicesAdopted } }`,
    );
    for (const row of series.data?.uptakeSeries ?? []) {
      expect(figures(nuts(row.nuts), row.period), `${row.nuts} ${row.period}`).toEqual({
        adoptionsStarted: row.started,
        adoptionsActive: row.active,
        adoptionsEnded: row.ended,
        practicesAvailable: row.practicesAvailable,
        practicesAdopted: row.practicesAdopted,
      });
    }
    expect(store.getQuads(node(dataSet), node(RDF_TYPE), node(`${QB}DataSet`), null)).toHaveLength(1);
  });

  it('labels the regions RADAR has names for, and leaves the others unlabelled', async () => {
    const store = await cube('/statistics/uptake/year');
    const nuts = (code: string) => node(`http://data.europa.eu/nuts/code/${code}`);
    const labels = (code: string, predicate: string) =>
      store.getObjects(nuts(code), node(predicate), null).map((term) => term.value);
    const RDFS_LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';
    const PREF_LABEL = 'http://www.w3.org/2004/02/skos/core#prefLabel';
    expect(labels('RO21', RDFS_LABEL)).toEqual(['Nord-Est']);
    expect(labels('RO21', PREF_LABEL)).toEqual(['Nord-Est']);
    expect(labels('RO213', PREF_LABEL)).toEqual(['Iaşi']);
    // DE212 is counted (the practice is available there) but has no name yet.
    expect(store.getSubjects(node(REF_AREA), nuts('DE212'), null).length).toBeGreaterThan(0);
    expect(labels('DE212', RDFS_LABEL)).toEqual([]);

    const named = await stack.gql(
      `mutation { nameRegions(input: { regions: [{ code: "DE212", name: "München, Landeshauptstadt" }] }) { named } }`,
      {},
      { key: stack.keys.curator },
    );
    expect(named.data?.nameRegions).toEqual({ named: 1 });
    const again = await cube('/statistics/uptake/year');
    expect(
      again.getObjects(nuts('DE212'), node(PREF_LABEL), null).map((term) => term.value),
      'named once a curator loads the name',
    ).toEqual(['München, Landeshauptstadt']);
  });

  it('satisfies the integrity constraints: one data set and structure, every dimension and measure, no duplicates', async () => {
    for (const interval of ['year', 'quarter', 'month']) {
      const store = await cube(`/statistics/uptake/${interval}`);
      const observations = store.getSubjects(node(RDF_TYPE), node(`${QB}Observation`), null);
      const dataSets = store.getSubjects(node(RDF_TYPE), node(`${QB}DataSet`), null);
      expect(dataSets.map((term) => term.value)).toEqual([`${base}/statistics/uptake/${interval}`]);
      // IC-2: the data set has exactly one structure, which declares its components.
      const structures = store.getObjects(dataSets[0] ?? null, node(`${QB}structure`), null);
      expect(structures).toHaveLength(1);
      const components = store.getObjects(structures[0] ?? null, node(`${QB}component`), null);
      const dimensions = components.flatMap((component) => store.getObjects(component, node(`${QB}dimension`), null));
      const declaredMeasures = components.flatMap((component) =>
        store.getObjects(component, node(`${QB}measure`), null),
      );
      expect(dimensions.map((term) => term.value).sort()).toEqual([REF_AREA, REF_PERIOD]);
      expect(declaredMeasures.map((term) => term.value).sort()).toEqual(
        measures.map((measure) => `${RADAR}${measure}`).sort(),
      );
      for (const dimension of dimensions)
        expect(store.has(new n3.Quad(dimension, node(RDF_TYPE), node(`${QB}DimensionProperty`)))).toBe(true);
      for (const measure of declaredMeasures)
        expect(store.has(new n3.Quad(measure, node(RDF_TYPE), node(`${QB}MeasureProperty`)))).toBe(true);
      const keys = new Set<string>();
      for (const observation of observations) {
        // IC-1: exactly one data set.
        expect(store.getObjects(observation, node(`${QB}dataSet`), null).map((term) => term.value)).toEqual([
          dataSets[0]?.value,
        ]);
        // IC-11 and IC-14: one value for every dimension and every measure.
        for (const component of [...dimensions, ...declaredMeasures]) {
          expect(
            store.getObjects(observation, component, null),
            `${observation.value} ${component.value}`,
          ).toHaveLength(1);
        }
        // IC-12: no two observations with the same dimension values.
        const key = dimensions.map((dimension) => store.getObjects(observation, dimension, null)[0]?.value).join(' ');
        expect(keys.has(key), key).toBe(false);
        keys.add(key);
      }
      expect(observations.length, interval).toBeGreaterThan(0);
    }
  });

  it('serves the structure with the data sets that follow it, as JSON-LD too, and refuses an unknown interval', async () => {
    const response = await fetch(`${exporter.url}/statistics/uptake`, { headers: { accept: 'application/ld+json' } });
    expect(response.status).toBe(200);
    const document = (await response.json()) as { '@graph': { id: string; type: string }[] };
    expect(
      document['@graph']
        .filter((node) => node.type === `${QB}DataSet`)
        .map((node) => node.id)
        .sort(),
    ).toEqual(['month', 'quarter', 'year'].map((interval) => `${base}/statistics/uptake/${interval}`));
    const unknown = await fetch(`${exporter.url}/statistics/uptake/decade`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { intervals: string[] }).intervals).toEqual(['year', 'quarter', 'month']);
  });
});
