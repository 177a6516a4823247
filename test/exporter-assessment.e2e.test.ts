// Assessments in the linked data and on the practice page: each one is a DQV quality annotation of the practice,
// motivated by quality assessment, with the label as its body and a quality measurement per criterion (the metric,
// the score, the note); the older one is replaced by the newer. Every format gives the same graph, it satisfies the
// shapes (and a score out of range does not), the metrics are defined in the ontology, and the page shows the label
// and the criteria table.
import { readFileSync } from 'node:fs';
import {
  codeLists,
  conceptIri,
  dct,
  dqv,
  type ExporterServer,
  foaf,
  loadExporterConfig,
  metricIri,
  oa,
  prov,
  rdf,
  rdfs,
  startExporter,
  xsd,
} from '@radar/exporter';
import { seedIds as organisations } from '@radar/organisations';
import { practiceSeedIds } from '@radar/practices';
import jsonld from 'jsonld';
import n3 from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishNewPractice, type Stack, startStack, testEnvironment } from './support/stack.js';

const BASE = 'https://radar.example.eu';
const { namedNode, literal } = n3.DataFactory;
let stack: Stack;
let exporter: ExporterServer;
const assessed = practiceSeedIds.radarRegistry;
const practiceIri = `${BASE}/practices/${assessed}`;
let unassessed: string;
const recorded: string[] = [];

const criteria = codeLists.assessmentCriteria.map((entry) => entry.code);

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
  for (const [assessedOn, score] of [
    ['2025-05-02', 1],
    ['2026-11-03', 4],
  ] as const) {
    const response = await stack.gql(
      `mutation($input: RecordAssessmentInput!) { recordAssessment(input: $input) { id } }`,
      {
        input: {
          practiceId: assessed,
          assessedOn,
          comment: score === 4 ? 'In routine use <and> evaluated.' : null,
          scores: criteria.map((criterion) => ({ criterion, score, note: `Found ${score} for ${criterion}.` })),
        },
      },
      { key: stack.keys.curator },
    );
    expect(response.errors).toBeUndefined();
    recorded.push(response.data?.recordAssessment.id);
  }
  const editor = await stack.keys.editorOf(organisations.smartHospital);
  unassessed = await publishNewPractice(stack, 'Never assessed', editor, 'A practice no curator has assessed yet.');
});
afterAll(async () => {
  await exporter?.close();
  await stack?.stop();
});

const get = (path: string, accept: string) => fetch(`${exporter.url}${path}`, { headers: { accept } });
const contextDocument = JSON.parse(readFileSync(new URL('../ontology/context.jsonld', import.meta.url), 'utf8'));
const documentLoader = async (url: string) => {
  if (url === `${BASE}/ontology/context.jsonld`) return { documentUrl: url, document: contextDocument };
  throw new Error(`unexpected fetch of ${url}`);
};
const canonical = (nquads: string) =>
  jsonld.canonize(
    nquads as never,
    { algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads', format: 'application/n-quads' } as never,
  ) as unknown as Promise<string>;

async function graphOf(path: string) {
  const document = await (await get(path, 'application/ld+json')).json();
  const nquads = (await jsonld.toRDF(
    document as never,
    {
      format: 'application/n-quads',
      documentLoader,
    } as never,
  )) as unknown as string;
  return { nquads, store: new n3.Store(new n3.Parser({ format: 'application/n-quads' }).parse(nquads)) };
}

const objects = (store: n3.Store, subject: string, predicate: string) =>
  store.getObjects(namedNode(subject), namedNode(predicate), null);
const values = (store: n3.Store, subject: string, predicate: string) =>
  objects(store, subject, predicate)
    .map((term) => term.value)
    .sort();

const annotationIri = (id: string | undefined) => `${practiceIri}#assessment-${id}`;

describe('an assessed practice as linked data', () => {
  it('links the practice to each assessment, a dqv:QualityAnnotation of it motivated by quality assessment', async () => {
    const { store } = await graphOf(`/practices/${assessed}`);
    const [older, newer] = recorded.map(annotationIri) as [string, string];
    expect(values(store, practiceIri, dqv.hasQualityAnnotation)).toEqual([newer, older].sort());
    for (const annotation of [older, newer]) {
      expect(values(store, annotation, rdf.type)).toEqual([dqv.QualityAnnotation]);
      expect(values(store, annotation, oa.hasTarget)).toEqual([practiceIri]);
      expect(values(store, annotation, oa.motivatedBy)).toEqual([dqv.qualityAssessment]);
    }
    expect(values(store, newer, oa.hasBody)).toEqual([conceptIri('assessmentLabels', 'BEST_PRACTICE')]);
    expect(values(store, older, oa.hasBody)).toEqual([conceptIri('assessmentLabels', 'NOT_RECOMMENDED')]);
    expect(objects(store, newer, dct.date)).toEqual([literal('2026-11-03', namedNode(xsd.date))]);
    expect(objects(store, newer, rdfs.comment)).toEqual([literal('In routine use <and> evaluated.')]);
    expect(values(store, older, dct.isReplacedBy)).toEqual([newer]);
    expect(values(store, newer, dct.isReplacedBy)).toEqual([]);
  });

  it('names the curator who recorded each assessment, as GraphQL shows it, as the annotation\u2019s foaf:Agent creator', async () => {
    const { store } = await graphOf(`/practices/${assessed}`);
    for (const annotation of recorded.map(annotationIri)) {
      const [assessor] = values(store, annotation, dct.creator);
      expect(assessor).toBe(`${annotation}-assessor`);
      expect(values(store, assessor as string, rdf.type)).toEqual([foaf.Agent]);
      expect(objects(store, assessor as string, foaf.name)).toEqual([literal('test curator')]);
    }
  });

  it('derives each label from a dqv:QualityMeasurement per criterion: its metric, score and note', async () => {
    const { store } = await graphOf(`/practices/${assessed}`);
    const newer = annotationIri(recorded[1]);
    const measurements = values(store, newer, prov.wasDerivedFrom);
    expect(measurements).toHaveLength(criteria.length);
    const byMetric = new Map(
      measurements.map((measurement) => {
        expect(values(store, measurement, rdf.type)).toEqual([dqv.QualityMeasurement]);
        expect(values(store, measurement, dqv.computedOn)).toEqual([practiceIri]);
        expect(objects(store, measurement, dqv.value)).toEqual([literal('4', namedNode(xsd.integer))]);
        return [values(store, measurement, dqv.isMeasurementOf)[0], measurement];
      }),
    );
    expect([...byMetric.keys()].sort()).toEqual(criteria.map(metricIri).sort());
    const equity = byMetric.get(metricIri('EQUITY')) as string;
    expect(objects(store, equity, rdfs.comment)).toEqual([literal('Found 4 for EQUITY.')]);
  });

  it('gives the same graph as JSON-LD, Turtle and N-Triples', async () => {
    const { nquads } = await graphOf(`/practices/${assessed}`);
    const expected = await canonical(nquads);
    for (const [accept, format] of [
      ['text/turtle', 'text/turtle'],
      ['application/n-triples', 'application/n-triples'],
    ] as const) {
      const quads = new n3.Parser({ format, baseIRI: BASE }).parse(
        await (await get(`/practices/${assessed}`, accept)).text(),
      );
      expect(await canonical(new n3.Writer({ format: 'N-Quads' }).quadsToString(quads))).toBe(expected);
    }
  });

  it('leaves out annotations for a practice never assessed', async () => {
    const { store } = await graphOf(`/practices/${unassessed}`);
    expect(values(store, `${BASE}/practices/${unassessed}`, dqv.hasQualityAnnotation)).toEqual([]);
    expect(store.getSubjects(namedNode(rdf.type), namedNode(dqv.QualityAnnotation), null)).toEqual([]);
  });
});

describe('the shapes and the ontology', () => {
  const shapes = new n3.Parser({ format: 'text/turtle' }).parse(
    readFileSync(new URL('../ontology/shapes.ttl', import.meta.url), 'utf8'),
  );
  const violations = async (store: n3.Store) =>
    (await new SHACLValidator(shapes as never).validate(store as never)).results.map(
      (result) => `${result.focusNode?.value} ${result.path?.value}`,
    );

  it('validates the assessed practice with no violation', async () => {
    expect(await violations((await graphOf(`/practices/${assessed}`)).store)).toEqual([]);
  });

  it('reports a score out of range, a measurement missing, a label that is not one and an assessor missing or unnamed', async () => {
    const { store } = await graphOf(`/practices/${assessed}`);
    const newer = annotationIri(recorded[1]);
    const [first, second] = values(store, newer, prov.wasDerivedFrom) as [string, string];
    store.removeQuads(store.getQuads(namedNode(first), namedNode(dqv.value), null, null));
    store.addQuad(namedNode(first), namedNode(dqv.value), literal('7', namedNode(xsd.integer)));
    store.removeQuads(store.getQuads(namedNode(newer), namedNode(prov.wasDerivedFrom), namedNode(second), null));
    store.removeQuads(store.getQuads(namedNode(newer), namedNode(oa.hasBody), null, null));
    store.addQuad(namedNode(newer), namedNode(oa.hasBody), namedNode(conceptIri('assessmentLabels', 'EXCELLENT')));
    const assessor = values(store, newer, dct.creator)[0] as string;
    store.removeQuads(store.getQuads(namedNode(assessor), namedNode(foaf.name), null, null));
    const older = annotationIri(recorded[0]);
    store.removeQuads(store.getQuads(namedNode(older), namedNode(dct.creator), null, null));
    const found = await violations(store);
    // An unnamed assessor fails the annotation's creator, as does none at all.
    expect(found).toContain(`${newer} ${dct.creator}`);
    expect(found).toContain(`${older} ${dct.creator}`);
    expect(found).toContain(`${first} ${dqv.value}`);
    expect(found).toContain(`${newer} ${prov.wasDerivedFrom}`);
    expect(found).toContain(`${newer} ${oa.hasBody}`);
  });

  it('publishes each criterion as a dqv:Dimension measured by a dqv:Metric of integer scores', () => {
    const ontology = new n3.Store(
      new n3.Parser({ format: 'text/turtle' }).parse(
        readFileSync(new URL('../ontology/codelists.ttl', import.meta.url), 'utf8'),
      ),
    );
    for (const criterion of criteria) {
      const dimension = conceptIri('assessmentCriteria', criterion);
      expect(values(ontology, dimension, rdf.type), criterion).toContain(dqv.Dimension);
      expect(values(ontology, metricIri(criterion), rdf.type)).toEqual([dqv.Metric]);
      expect(values(ontology, metricIri(criterion), dqv.inDimension)).toEqual([dimension]);
      expect(values(ontology, metricIri(criterion), dqv.expectedDataType)).toEqual([xsd.integer]);
    }
  });
});

describe('the practice page', () => {
  it('shows the current label and a row per criterion with its score and note', async () => {
    const page = await (await get(`/practices/${assessed}`, 'text/html')).text();
    expect(page).toContain('Assessment: Best practice');
    expect(page).toContain('<strong class="assessment-label">Best practice</strong>');
    expect(page).toContain('In routine use &lt;and&gt; evaluated.');
    for (const entry of codeLists.assessmentCriteria) {
      expect(page).toContain(`>${entry.label}</th><td>4 / 4</td><td>Found 4 for ${entry.code}.</td></tr>`);
    }
    expect(page).toContain('It supersedes 1 earlier assessment');
  });

  it('lets people browse by label, counting each label', async () => {
    const response = await get('/browse?assessment=BEST_PRACTICE', 'text/html');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain(`href="/practices/${assessed}"`);
    expect(page).not.toContain(`href="/practices/${unassessed}"`);
    expect(page).toMatch(/name="assessment" value="BEST_PRACTICE" checked> Best practice <span class="muted">\(1\)/);
    const refused = await get('/browse?assessment=EXCELLENT', 'text/html');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('assessment must be an assessment label');
  });

  it('says a practice is not assessed yet', async () => {
    const page = await (await get(`/practices/${unassessed}`, 'text/html')).text();
    expect(page).toContain('Assessment: Not assessed');
    expect(page).not.toContain('class="assessment"');
  });
});
