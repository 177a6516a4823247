// Full dumps and the DCAT-AP catalogue: every format gives the same graph, which satisfies the shapes, and the
// catalogue names the dumps with their real sizes and working download URLs.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { databaseName, dropServerDatabase, streamOwner, subgraphNames, urlEnvironment } from '@radar/common';
import {
  type DumpSource,
  type ExporterServer,
  GatewaySource,
  loadExporterConfig,
  type RecordPath,
  SubgraphSource,
  startExporter,
  writeDump,
} from '@radar/exporter';
import { loadConfig as loadOrganisationsConfig, organisationFixtures, startOrganisations } from '@radar/organisations';
import { loadConfig as loadPracticesConfig, needFixtures, practiceFixtures, startPractices } from '@radar/practices';
import { projectFixtures } from '@radar/projects';
import jsonld from 'jsonld';
import n3 from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, signedGet, startStack, testEnvironment } from './support/stack.js';

const BASE = 'https://radar.example.eu';
// Under a dotted folder, as the default .data/dumps is, which the download route must serve all the same.
const dumpRoot = mkdtempSync(join(tmpdir(), 'radar-dumps-'));
const dumpDir = join(dumpRoot, '.data', 'dumps');
mkdirSync(dumpDir, { recursive: true });
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
  rmSync(dumpRoot, { recursive: true, force: true });
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
  // Assessed twice, so the dumps carry a current assessment and one it superseded.
  for (const score of [2, 4]) {
    const assessed = await stack.gql(
      `mutation($input: RecordAssessmentInput!) { recordAssessment(input: $input) { id } }`,
      {
        input: {
          practiceId,
          assessedOn: `202${score}-03-01`,
          comment: score === 4 ? 'Evaluated in "three" regions.' : null,
          scores: (
            await stack.gql<{ codeList: { code: string }[] }>('{ codeList(name: ASSESSMENT_CRITERIA) { code } }')
          ).data?.codeList.map(({ code }) => ({ criterion: code, score, note: `Scored ${score}.` })),
        },
      },
      { key },
    );
    expect(assessed.errors).toBeUndefined();
  }
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

/** Every subgraph at one address, as a server standing in for all of them is. */
const everySubgraphAt = (url: string) => Object.fromEntries(subgraphNames.map((name) => [name, url]));

/** Where the exporter (service or CLI) finds this file's stack, and the keys it signs with. */
const stackSettings = () => ({
  GATEWAY_URL: stack.gatewayUrl,
  ...urlEnvironment(stack.urls),
  RADAR_SIGNING_KEYS: stack.signingKeys,
  RADAR_BASE_IRI: BASE,
});

/** Each type straight from the subgraph that owns it, signed as the gateway signs (small batches, so several). */
const subgraphSource = () => new SubgraphSource(stack.urls, stack.signer, 2);

const context = JSON.parse(readFileSync(new URL('../ontology/context.jsonld', import.meta.url), 'utf8'));
const documentLoader = async (url: string) => {
  if (url === `${BASE}/ontology/context.jsonld`) return { documentUrl: url, document: context };
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
    const ticks: number[] = [];
    const summaries = [];
    // JSON-LD pages through the gateway; Turtle and N-Triples stream from the subgraphs: one graph either way.
    for (const [format, name, gzip, source] of [
      ['jsonld', 'radar.jsonld', false, new GatewaySource(stack.gatewayUrl, 3)],
      ['turtle', 'radar.ttl', false, subgraphSource()],
      ['ntriples', 'radar.nt.gz', true, subgraphSource()],
    ] as const) {
      summaries.push(
        await writeDump({
          source,
          context: { base: BASE },
          format,
          gzip,
          out: join(dumpDir, name),
          progress: { start: () => {}, advance: (done) => ticks.push(done), stop: () => {} },
        }),
      );
    }
    for (const summary of summaries) {
      expect(summary.records).toEqual({
        organisations: organisationFixtures.length + generated.organisations,
        practices: practiceFixtures.length + generated.practices,
        projects: projectFixtures.length + generated.projects,
        needs: needFixtures.length,
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

  it('is made by `pnpm export`, from the subgraphs or through the gateway, which refuses bad arguments clearly', async () => {
    const run = promisify(execFile);
    const cli = new URL('../services/exporter/dist/export.cli.js', import.meta.url).pathname;
    const environment = { ...process.env, ...stackSettings(), LOG_LEVEL: 'silent' };
    const counts = `${organisationFixtures.length + generated.organisations} organisations, ${practiceFixtures.length + generated.practices} practices, ${projectFixtures.length + generated.projects} projects, ${needFixtures.length} needs`;
    const outputs: string[] = [];
    for (const via of [[], ['--via', 'gateway']]) {
      const out = join(dumpDir, `cli-${via.length}.nt`);
      const { stdout } = await run(process.execPath, [cli, '--format', 'ntriples', ...via, '--out', out], {
        env: environment,
      });
      expect(stdout).toContain(counts);
      expect(stdout).toContain(via.length ? 'from the gateway at' : "from the subgraphs' record streams");
      outputs.push(readFileSync(out, 'utf8'));
      // The uptake Data Cube goes beside the dump, a file per interval, in the dump's format.
      for (const interval of ['year', 'quarter', 'month']) {
        const cube = join(dumpDir, `cli-${via.length}-uptake-${interval}.nt`);
        expect(stdout).toContain(`Wrote ${cube}: uptake per ${interval}, `);
        const quads = new n3.Parser({ format: 'application/n-triples' }).parse(readFileSync(cube, 'utf8'));
        expect(quads.some((quad) => quad.object.value === 'http://purl.org/linked-data/cube#Observation')).toBe(true);
        expect(quads.some((quad) => quad.object.value === `${BASE}/statistics/uptake/${interval}`)).toBe(true);
      }
    }
    expect(await canonical(outputs[0] as string)).toBe(await canonical(outputs[1] as string));

    const out = join(dumpDir, 'refused.nt');
    for (const [args, message] of [
      [['--format', 'rdfxml', '--out', out], /--format/],
      [['--format', 'turtle'], /--out/],
      [['--format', 'turtle', '--via', 'sparql', '--out', out], /--via/],
    ] as const) {
      const failed = await run(process.execPath, [cli, ...args], { env: environment }).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect((failed as { code: number }).code).toBe(2);
      expect((failed as { stderr: string }).stderr).toMatch(message);
    }
    for (const [args, env, message] of [
      [['--via', 'gateway'], { GATEWAY_URL: 'http://127.0.0.1:9/graphql' }, /does not answer/],
      [[], { PRACTICES_URL: 'http://127.0.0.1:9/graphql' }, /practices subgraph at .* is not ready/],
      [[], { RADAR_SIGNING_KEYS: '', RADAR_DATA_DIR: dumpRoot }, /refused the stream: set RADAR_SIGNING_KEYS/],
    ] as const) {
      const down = await run(process.execPath, [cli, '--format', 'turtle', ...args, '--out', out], {
        env: { ...environment, ...env },
      }).catch((error: { code: number; stderr: string }) => error);
      expect((down as { code: number }).code).toBe(1);
      expect((down as { stderr: string }).stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  }, 120_000);
});

describe('record streams', () => {
  const streamOf = (path: RecordPath, headers: Record<string, string> = {}) =>
    fetch(new URL(`/export/${path}`, stack[`${streamOwner(path).name}Url`]), { headers });

  it('answer only callers with a subgraph token, and name the streams there are', async () => {
    const unsigned = await streamOf('practices');
    expect(unsigned.status).toBe(401);
    expect(JSON.stringify(await unsigned.json())).toMatch(/only answers the RADAR gateway/);
    const unknownUrl = new URL('/export/projects', stack.practicesUrl);
    const unknown = await fetch(unknownUrl, { headers: signedGet(stack, unknownUrl) });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/there are: practices/);
  });

  it('hold only public records and fields, and end with a trailer that counts them', async () => {
    const response = await streamOf('practices', signedGet(stack, new URL('/export/practices', stack.practicesUrl)));
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await response.text()).trim().split('\n');
    const trailer = JSON.parse(lines.pop() as string);
    expect(trailer).toEqual({ complete: lines.length });
    expect(Number(response.headers.get('x-radar-total'))).toBe(lines.length);
    const records = lines.map((line) => JSON.parse(line));
    expect(records.every((record) => record.status === 'PUBLISHED')).toBe(true);
    expect(lines.join('\n')).not.toMatch(/contactEmail|private@hul\.example\.org|history|version/);
    // Every published practice exactly once (in no particular order), and nothing else.
    const feed = await stack.gql('{ practiceChanges(input: { first: 100 }) { nodes { id deletedAt } } }');
    const published = feed.data?.practiceChanges.nodes.filter((node: { deletedAt: string | null }) => !node.deletedAt);
    expect(records.map((record) => record.id).sort()).toEqual(published.map((node: { id: string }) => node.id).sort());
  });

  const timeless = (record: unknown) =>
    JSON.parse(
      JSON.stringify(record, (key, value) => (/^(created|updated|published)At$/.test(key) ? undefined : value)),
    );

  // Seeded on the embedded database once: their start takes most of a test's time on a busy machine.
  const services: { server: { url: string }; stop(): Promise<void> }[] = [];
  beforeAll(async () => {
    const environment = testEnvironment({
      RADAR_SIGNING_KEYS: stack.signingKeys,
      ORGANISATIONS_URL: stack.organisationsUrl,
    });
    delete environment.DATABASE_URL;
    const embedded = { seed: true, embeddedDataDir: 'memory://' };
    services.push(await startOrganisations(loadOrganisationsConfig(environment), embedded));
    services.push(await startPractices(loadPracticesConfig(environment), embedded));
  }, 180_000);
  afterAll(async () => {
    for (const service of services) await service.stop();
  });

  it('send the same records from the embedded database (in batches) as from a server (by COPY)', async () => {
    const read = async (url: string, path: string) => {
      const streamUrl = new URL(`/export/${path}`, url);
      const response = await fetch(streamUrl, { headers: signedGet(stack, streamUrl) });
      const lines = (await response.text()).trim().split('\n');
      lines.pop();
      return new Map(lines.map((line) => JSON.parse(line)).map((record) => [record.id, record]));
    };
    for (const [index, path] of (['organisations', 'practices'] as const).entries()) {
      const fromEmbedded = await read(services[index]?.server.url as string, path);
      const fromStack = await read(stack[`${path}Url`], path);
      expect(fromEmbedded.size).toBeGreaterThan(3);
      // The stack also holds records made by these tests; the seeded ones must read the same either way, but for
      // the times the seed stamps them with.
      for (const [id, record] of fromEmbedded) {
        expect(timeless(fromStack.get(id)), `${path} ${id}`).toEqual(timeless(record));
      }
    }
  });

  it('answer 503 before the first record when the records cannot be read, and the dump says so', async () => {
    const environment = testEnvironment({ RADAR_SIGNING_KEYS: stack.signingKeys });
    const embedded = environment.DATABASE_URL ? {} : { embeddedDataDir: 'memory://' };
    const service = await startOrganisations(loadOrganisationsConfig(environment), { seed: true, ...embedded });
    try {
      // A table the stream reads pulled from under the service: the count still works, the records do not.
      await service.db.orm.em.fork().getConnection().execute('drop table organisation_identifier');
      const url = `${service.server.url}/graphql`;
      const streamUrl = new URL('/export/organisations', url);
      const response = await fetch(streamUrl, { headers: signedGet(stack, streamUrl) });
      expect(response.status).toBe(503);
      expect(response.headers.get('x-radar-total')).toBeNull();
      expect(((await response.json()) as { error: string }).error).toMatch(/could not be read/);
      const source = new SubgraphSource(everySubgraphAt(url), stack.signer);
      const out = join(dumpDir, 'unreadable.nt');
      await expect(
        writeDump({ source, context: { base: BASE }, format: 'ntriples', gzip: false, out }),
      ).rejects.toThrow(/organisations subgraph at .* answered 503: .*could not be read/);
      expect(existsSync(out)).toBe(false);
    } finally {
      await service.stop();
      if (environment.DATABASE_URL) {
        await dropServerDatabase(
          environment.DATABASE_URL,
          databaseName({ DATABASE_PREFIX: environment.DATABASE_PREFIX as string }, 'organisations'),
        );
      }
    }
  });

  it('are an error when cut short or padded, and a failed dump leaves no file behind', async () => {
    const served: string[] = [];
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson', 'x-radar-total': '2' });
      const body = served.shift() ?? '';
      // Cut the connection mid-stream, as a subgraph does when a query fails after the first byte.
      if (body.endsWith('CUT')) res.write(body.slice(0, -3), () => res.destroy());
      else res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const broken = new SubgraphSource(everySubgraphAt(url));
    const record = JSON.stringify({ id: organisationFixtures[0]?.id, name: 'A', kind: 'OTHER' });
    try {
      for (const [body, message] of [
        [`${record}\n`, /ended early: 1 records read, no announced/],
        [`${record}\n${record}\n{"complete":3}\n`, /ended early: 2 records read, 3 announced/],
        [`${record}\nCUT`, /broke off|ended early/],
      ] as const) {
        served.push(body);
        const out = join(dumpDir, 'broken.nt');
        await expect(
          writeDump({ source: broken as DumpSource, context: { base: BASE }, format: 'ntriples', gzip: false, out }),
        ).rejects.toThrow(message);
        expect(readdirSync(dumpDir).filter((name) => name.startsWith('broken'))).toEqual([]);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('scheduled dumps', () => {
  it('are written by the exporter soon after it starts, in every format, and named by the catalogue', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'radar-scheduled-'));
    const scheduled = await startExporter(
      loadExporterConfig({
        ...testEnvironment(),
        ...stackSettings(),
        EXPORTER_PORT: '0',
        RADAR_DUMP_DIR: dir,
        RADAR_DUMP_EVERY_HOURS: '24',
      }),
    );
    try {
      const records = ['radar.jsonld.gz', 'radar.ttl.gz', 'radar.nt.gz'];
      // The uptake Data Cube is written beside them, a file per interval and format.
      const cubes = ['year', 'quarter', 'month'].flatMap((interval) =>
        ['jsonld', 'ttl', 'nt'].map((extension) => `radar-uptake-${interval}.${extension}.gz`),
      );
      const names = [...records, ...cubes];
      let catalogue = '';
      for (let attempt = 0; attempt < 120 && !names.every((name) => catalogue.includes(`dumps/${name}`)); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        catalogue = await (await fetch(`${scheduled.url}/catalog`, { headers: { accept: 'text/turtle' } })).text();
      }
      for (const name of names) expect(catalogue).toContain(`${BASE}/dumps/${name}`);
      expect(readdirSync(dir).sort()).toEqual([...names].sort());
      const served = await fetch(`${scheduled.url}/dumps/radar.nt.gz`);
      const quads = new n3.Parser({ format: 'application/n-triples' }).parse(
        gunzipSync(Buffer.from(await served.arrayBuffer())).toString('utf8'),
      );
      const subjects = new Set(quads.map((quad) => quad.subject.value));
      for (const fixture of practiceFixtures) expect(subjects).toContain(`${BASE}/practices/${fixture.id}`);
      // A cube file holds what /statistics/uptake/{interval} serves, and the catalogue lists it with the uptake data.
      const file = await fetch(`${scheduled.url}/dumps/radar-uptake-year.ttl.gz`);
      expect(file.status).toBe(200);
      const cube = new n3.Store(
        new n3.Parser().parse(gunzipSync(Buffer.from(await file.arrayBuffer())).toString('utf8')),
      );
      const live = new n3.Store(
        new n3.Parser().parse(
          await (await fetch(`${scheduled.url}/statistics/uptake/year`, { headers: { accept: 'text/turtle' } })).text(),
        ),
      );
      const observation = new n3.NamedNode('http://purl.org/linked-data/cube#Observation');
      const observations = (store: n3.Store) =>
        store.getSubjects(new n3.NamedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), observation, null);
      expect(observations(cube).length).toBeGreaterThan(0);
      expect(
        observations(cube)
          .map((term) => term.value)
          .sort(),
      ).toEqual(
        observations(live)
          .map((term) => term.value)
          .sort(),
      );
      const listed = new n3.Store(new n3.Parser().parse(catalogue));
      const uptakeDistributions = listed
        .getObjects(
          new n3.NamedNode(`${BASE}/catalog#uptake`),
          new n3.NamedNode('http://www.w3.org/ns/dcat#distribution'),
          null,
        )
        .map((term) => term.value);
      for (const name of cubes) expect(uptakeDistributions).toContain(`${BASE}/catalog#dump-${name}`);
      const catalogShapes = new n3.Parser().parse(
        readFileSync(new URL('../ontology/catalog-shapes.ttl', import.meta.url), 'utf8'),
      );
      const report = await new SHACLValidator(catalogShapes as never).validate(listed as never);
      expect(report.results.map((result) => `${result.focusNode?.value} ${result.path?.value}`)).toEqual([]);
    } finally {
      await scheduled.close();
      await scheduled.dumps.settled();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
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
    expect(objects(store, catalog, `${dcat}dataset`).sort()).toEqual([dataset, `${catalog}#uptake`].sort());
    // The uptake statistics are a dataset of their own, each distribution a Data Cube data set that is served.
    for (const distribution of objects(store, `${catalog}#uptake`, `${dcat}distribution`)) {
      expect(objects(store, distribution, `${dct}conformsTo`)).toEqual(['http://purl.org/linked-data/cube']);
      const [access] = objects(store, distribution, `${dcat}accessURL`);
      const cube = await fetch((access as string).replace(BASE, exporter.url), { headers: { accept: 'text/turtle' } });
      expect(cube.status, access).toBe(200);
      const served = new n3.Store(new n3.Parser().parse(await cube.text()));
      expect(served.getQuads(new n3.NamedNode(access as string), null, null, null).length, access).toBeGreaterThan(0);
    }
    expect(objects(store, `${catalog}#uptake`, `${dcat}distribution`)).toHaveLength(3);
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
    // WHO's classification is not RADAR's to license: its lists are a distribution of their own, under WHO's licence.
    const who = `${catalog}#who-code-lists`;
    for (const distribution of distributions) {
      expect(objects(store, distribution, `${dct}rights`), distribution).toEqual([
        distribution === who ? `${catalog}#who-rights` : `${catalog}#rights`,
      ]);
      expect(objects(store, distribution, `${dct}license`), distribution).toEqual([
        distribution === who
          ? 'https://creativecommons.org/licenses/by-nc-sa/3.0/igo/'
          : 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0',
      ]);
      expect(objects(store, distribution, `${dct}issued`), distribution).toHaveLength(1);
    }
    expect(distributions).toContain(who);
    const [whoLine] = objects(store, `${catalog}#who-rights`, 'http://www.w3.org/2000/01/rdf-schema#label');
    expect(whoLine).toMatch(/World Health Organization; 2023.*Licence: CC BY-NC-SA 3\.0 IGO/);
    const [radarLine] = objects(store, `${catalog}#rights`, 'http://www.w3.org/2000/01/rdf-schema#label');
    expect(radarLine).toContain('CC BY-NC-SA 3.0 IGO');
    for (const access of objects(store, who, `${dcat}accessURL`)) {
      const scheme = await fetch((access as string).replace(BASE, exporter.url), {
        headers: { accept: 'text/turtle' },
      });
      expect(scheme.status, access).toBe(200);
    }
    expect(objects(store, who, `${dcat}accessURL`).sort()).toEqual(
      ['cdhi', 'health-system-challenge', 'service-type'].map((slug) => `${BASE}/code/${slug}`),
    );
    expect(objects(store, catalog, `${dcat}themeTaxonomy`)).toEqual([
      'http://publications.europa.eu/resource/authority/data-theme',
    ]);
    // The catalogue's homepage is the deployment's root, which leads to the catalogue.
    const [homepage] = objects(store, catalog, 'http://xmlns.com/foaf/0.1/homepage');
    const root = await fetch(`${(homepage as string).replace(BASE, exporter.url)}/`, { redirect: 'manual' });
    expect(root.status).toBe(303);
    expect(new URL(root.headers.get('location') as string, `${exporter.url}/`).href).toBe(`${exporter.url}/catalog`);

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
