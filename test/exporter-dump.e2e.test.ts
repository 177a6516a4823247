// Full dumps and the DCAT-AP catalogue: every format gives the same graph, which satisfies the shapes, and the
// catalogue names the dumps with their real sizes and working download URLs.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { type ExporterServer, GatewayRecords, loadExporterConfig, startExporter, writeDump } from '@radar/exporter';
import { organisationFixtures } from '@radar/organisations';
import { practiceFixtures } from '@radar/practices';
import { projectFixtures } from '@radar/projects';
import jsonld from 'jsonld';
import n3 from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack, testEnvironment } from './support/stack.js';

const BASE = 'https://radar.example.eu';
const dumpDir = mkdtempSync(join(tmpdir(), 'radar-dumps-'));
let stack: Stack;
let exporter: ExporterServer;

beforeAll(async () => {
  stack = await startStack();
  await generateRecords(stack);
  exporter = await startExporter(
    loadExporterConfig({
      ...testEnvironment(),
      EXPORTER_PORT: '0',
      GATEWAY_URL: stack.gatewayUrl,
      RADAR_BASE_IRI: BASE,
      RADAR_DUMP_DIR: dumpDir,
    }),
  );
});
afterAll(async () => {
  await exporter?.close();
  await stack?.stop();
  rmSync(dumpDir, { recursive: true, force: true });
});

/** Records made through the API with every field filled, so the shapes are checked on more than the seed. */
const generated = { organisations: 0, practices: 0, projects: 0 };
async function generateRecords(stack: Stack) {
  const key = stack.keys.curator;
  const organisation = await stack.gql(
    `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
    {
      input: {
        name: 'Hospital Universitário de Lisboa',
        acronym: 'HUL',
        kind: 'HEALTHCARE_PROVIDER',
        country: 'PT',
        nuts: 'PT170',
        city: 'Lisboa',
        website: 'https://hul.example.org',
        email: 'info@hul.example.org',
        description: 'A *university* hospital.',
        identifiers: [
          { scheme: 'ROR', value: '01c27hj86' },
          { scheme: 'WIKIDATA', value: 'Q1234567' },
          { scheme: 'PIC', value: '987654321' },
        ],
        memberships: [organisationFixtures[0]?.id],
      },
    },
    { key },
  );
  const hospital = organisation.data?.createOrganisation.id as string;
  generated.organisations += 1;
  const practice = await stack.gql(
    `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`,
    {
      input: {
        title: 'Télé-ICU for rural hospitals',
        summary: 'Intensive-care specialists support rural hospitals remotely.',
        description: '## Tele-ICU\nAround the clock.',
        type: 'COMPLEX_SOLUTION',
        maturity: 'SCALED_UP',
        trl: 9,
        cdhiCodes: ['2.4.1', '4.4'],
        topics: ['TELEMONITORING'],
        targetGroups: ['HEALTH_PROFESSIONALS'],
        careSettings: ['HOSPITAL'],
        languages: ['pt', 'en', 'eu'],
        countries: ['PT', 'RO'],
        nuts: ['PT17', 'RO21'],
        landingPage: 'https://hul.example.org/tele-icu',
        contactEmail: 'private@hul.example.org',
        licence: 'Apache-2.0',
        standards: ['HL7_FHIR', 'SNOMED_CT'],
        certification: 'MDR class IIa',
        evidence: [
          { kind: 'CLINICAL_STUDY', url: '10.1000/xyz123', title: 'Outcomes' },
          { kind: 'EVALUATION', url: 'https://example.org/eval' },
        ],
        ownerId: hospital,
        contributors: [{ organisationId: organisationFixtures[1]?.id, role: 'FUNDER' }],
      },
    },
    { key },
  );
  const practiceId = practice.data?.registerPractice.id as string;
  await stack.gql(`mutation { submitPractice(id: "${practiceId}", version: 1) { id } }`, {}, { key });
  await stack.gql(`mutation { publishPractice(id: "${practiceId}", version: 2) { id } }`, {}, { key });
  generated.practices += 1;
  const project = await stack.gql(
    `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
    {
      input: {
        acronym: 'TICU',
        title: 'Tele-ICU twinning Lisbon–Iași',
        summary: 'Transfers Tele-ICU.',
        kind: 'TWINNING',
        programme: 'EU4HEALTH',
        funderId: organisationFixtures[0]?.id,
        grantNumber: 'GA-42',
        cordisId: '101099999',
        startDate: '2025-01-01',
        endDate: '2025-12-31',
        totalBudget: '250000.00',
        euContribution: '200000.50',
        website: 'https://ticu.example.org',
        participants: [{ organisationId: hospital, role: 'COORDINATOR' }],
        practices: [{ practiceId, role: 'TRANSFERRED' }],
        twinning: {
          originatorId: hospital,
          adopterIds: [organisationFixtures[5]?.id],
          practiceId,
          type: 'FULL_ADOPTION',
          stages: [
            { name: 'Set-up', startDate: '2025-01-01', endDate: '2025-03-31', description: 'Contracts and training.' },
          ],
        },
      },
    },
    { key },
  );
  const projectId = project.data?.createProject.id as string;
  await stack.gql(
    `mutation { completeTwinning(id: "${projectId}", version: 1, outcome: "Adopted.", scale: REGIONAL) { id } }`,
    {},
    { key },
  );
  generated.projects += 1;
}

const context = JSON.parse(readFileSync(new URL('../ontology/context.jsonld', import.meta.url), 'utf8'));
const documentLoader = async (url: string) => {
  if (url === 'https://w3id.org/radar/ontology/context.jsonld') return { documentUrl: url, document: context };
  throw new Error(`unexpected fetch of ${url}`);
};
const canonical = (nquads: string) =>
  jsonld.canonize(
    nquads as never,
    { algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads', format: 'application/n-quads' } as never,
  ) as unknown as Promise<string>;
const shapes = new n3.Parser().parse(readFileSync(new URL('../ontology/shapes.ttl', import.meta.url), 'utf8'));

describe('full dumps', () => {
  it('write the same graph as JSON-LD, Turtle and gzipped N-Triples, valid against the shapes', async () => {
    const records = new GatewayRecords(stack.gatewayUrl);
    const ticks: number[] = [];
    const summaries = [];
    for (const [format, name, gzip] of [
      ['jsonld', 'radar.jsonld', false],
      ['turtle', 'radar.ttl', false],
      ['ntriples', 'radar.nt.gz', true],
    ] as const) {
      summaries.push(
        await writeDump({
          records,
          context: { base: BASE },
          format,
          gzip,
          out: join(dumpDir, name),
          pageSize: 3,
          progress: { start: () => {}, advance: (done) => ticks.push(done), stop: () => {} },
        }),
      );
    }
    for (const summary of summaries) {
      expect(summary.records).toEqual({
        organisations: organisationFixtures.length + generated.organisations,
        practices: practiceFixtures.length + generated.practices,
        projects: projectFixtures.length + generated.projects,
      });
      expect(summary.bytes).toBeGreaterThan(1000);
    }
    expect(ticks.length).toBeGreaterThan(5);
    expect(statSync(join(dumpDir, 'radar.nt.gz')).size).toBe(summaries[2]?.bytes);

    const fromJsonLd = (await jsonld.toRDF(JSON.parse(readFileSync(join(dumpDir, 'radar.jsonld'), 'utf8')), {
      format: 'application/n-quads',
      documentLoader,
    } as never)) as unknown as string;
    const turtle = new n3.Parser({ format: 'text/turtle' }).parse(readFileSync(join(dumpDir, 'radar.ttl'), 'utf8'));
    const ntriples = gunzipSync(readFileSync(join(dumpDir, 'radar.nt.gz'))).toString('utf8');
    const expected = await canonical(fromJsonLd);
    expect(await canonical(new n3.Writer({ format: 'N-Quads' }).quadsToString(turtle))).toBe(expected);
    expect(await canonical(ntriples)).toBe(expected);
    expect(ntriples).not.toContain('private@hul.example.org');
    expect(ntriples).toContain('https://doi.org/10.1000/xyz123');
    expect(ntriples).toContain('https://ror.org/01c27hj86');

    const report = await new SHACLValidator(shapes as never).validate(new n3.Store(turtle) as never);
    expect(
      report.results.map(
        (result) => `${result.focusNode?.value} ${result.path?.value}: ${result.message.map((m) => m.value)}`,
      ),
    ).toEqual([]);
  });

  it('is made by `pnpm export`, which refuses bad arguments clearly', async () => {
    const run = promisify(execFile);
    const cli = new URL('../services/exporter/dist/export.cli.js', import.meta.url).pathname;
    const environment = { ...process.env, GATEWAY_URL: stack.gatewayUrl, RADAR_BASE_IRI: BASE, LOG_LEVEL: 'silent' };
    const out = join(dumpDir, 'cli.nt');
    const { stdout } = await run(process.execPath, [cli, '--format', 'ntriples', '--out', out], { env: environment });
    expect(stdout).toMatch(
      new RegExp(
        `${organisationFixtures.length + generated.organisations} organisations, ${practiceFixtures.length + generated.practices} practices, ${projectFixtures.length + generated.projects} projects`,
      ),
    );
    expect(statSync(out).size).toBeGreaterThan(1000);
    for (const args of [
      ['--format', 'rdfxml', '--out', out],
      ['--format', 'turtle'],
    ]) {
      const failed = await run(process.execPath, [cli, ...args], { env: environment }).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect((failed as { code: number }).code).toBe(2);
      expect((failed as { stderr: string }).stderr).toMatch(/--format|--out/);
    }
    const down = await run(process.execPath, [cli, '--format', 'turtle', '--out', out], {
      env: { ...environment, GATEWAY_URL: 'http://127.0.0.1:9/graphql' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect((down as { code: number }).code).toBe(1);
    expect((down as { stderr: string }).stderr).toMatch(/does not answer/);
  });
});

describe('the DCAT-AP catalogue', () => {
  const dcat = 'http://www.w3.org/ns/dcat#';
  const dct = 'http://purl.org/dc/terms/';
  const objects = (store: n3.Store, subject: string, predicate: string) =>
    store.getObjects(new n3.NamedNode(subject), new n3.NamedNode(predicate), null).map((term) => term.value);

  it('describes the catalogue, its dataset, the dumps with real sizes and the GraphQL service', async () => {
    const response = await fetch(`${exporter.url}/catalog`, { headers: { accept: 'text/turtle' } });
    expect(response.status).toBe(200);
    const store = new n3.Store(new n3.Parser().parse(await response.text()));
    const catalog = `${BASE}/catalog`;
    const dataset = `${catalog}#dataset`;
    expect(objects(store, catalog, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type')).toEqual([`${dcat}Catalog`]);
    expect(objects(store, catalog, `${dct}license`)).toEqual([
      'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0',
    ]);
    for (const property of ['title', 'description', 'publisher', 'modified', 'language']) {
      expect(objects(store, catalog, `${dct}${property}`).length, property).toBeGreaterThan(0);
    }
    expect(objects(store, catalog, `${dcat}dataset`)).toEqual([dataset]);
    // dct:modified is when the registry last changed: the newest record, not the time of the request.
    const newest = await stack.gql(
      `{ projectChanges(input: { first: 1 }) { lastModified } practiceChanges(input: { first: 1 }) { lastModified }
         organisationChanges(input: { first: 1 }) { lastModified } }`,
    );
    const [modified] = objects(store, catalog, `${dct}modified`);
    expect(Date.parse(modified as string)).toBe(
      Math.max(
        ...['projectChanges', 'practiceChanges', 'organisationChanges'].map((feed) =>
          Date.parse(newest.data?.[feed].lastModified),
        ),
      ),
    );
    expect(objects(store, catalog, `${dcat}service`)).toEqual([`${catalog}#graphql`]);
    expect(objects(store, `${catalog}#graphql`, `${dcat}endpointURL`)).toEqual([stack.gatewayUrl]);
    for (const property of [
      `${dcat}keyword`,
      `${dcat}theme`,
      `${dct}spatial`,
      `${dct}temporal`,
      `${dct}accessRights`,
      `${dcat}contactPoint`,
    ]) {
      expect(objects(store, dataset, property).length, property).toBeGreaterThan(0);
    }
    const distributions = objects(store, dataset, `${dcat}distribution`);
    for (const name of ['radar.jsonld', 'radar.ttl', 'radar.nt.gz']) {
      const distribution = `${catalog}#dump-${name}`;
      expect(distributions).toContain(distribution);
      const [size] = objects(store, distribution, `${dcat}byteSize`);
      expect(Number(size)).toBe(statSync(join(dumpDir, name)).size);
      const [download] = objects(store, distribution, `${dcat}downloadURL`);
      const served = await fetch((download as string).replace(BASE, exporter.url));
      expect(served.status).toBe(200);
      expect(Buffer.from(await served.arrayBuffer()).length).toBe(Number(size));
      expect(objects(store, distribution, `${dct}format`)[0]).toMatch(
        /^http:\/\/publications\.europa\.eu\/resource\/authority\/file-type\//,
      );
    }
    expect(distributions).toContain(`${catalog}#collection-practices`);

    const catalogShapes = new n3.Parser().parse(
      readFileSync(new URL('../ontology/catalog-shapes.ttl', import.meta.url), 'utf8'),
    );
    const report = await new SHACLValidator(catalogShapes as never).validate(store as never);
    expect(
      report.results.map(
        (result) => `${result.focusNode?.value} ${result.path?.value}: ${result.message.map((m) => m.value)}`,
      ),
    ).toEqual([]);
    const withoutLicence = new n3.Store(
      store.getQuads(null, null, null, null).filter((quad) => quad.predicate.value !== `${dct}license`),
    );
    expect((await new SHACLValidator(catalogShapes as never).validate(withoutLicence as never)).conforms).toBe(false);
    expect((await fetch(`${exporter.url}/dumps/secret.txt`)).status).toBe(404);
  });
});
