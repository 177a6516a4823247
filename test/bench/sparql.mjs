// Loads N generated practices (default 100,000) with their owners, adoptions and twinnings, starts the exporter and
// times how long its store takes to read the whole graph, then asks the data team's three questions through
// `/sparql` over HTTP and directly of an oxigraph store holding the same graphs, loaded the same way: p50/p90 of each
// and their ratio per question. Then measures how long one change takes, from its commit to a query that sees it,
// with the store kept current from the change feeds.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { tokenSignerFrom } from '@radar/common/subgraph-token';
import {
  allRecordGraphs,
  loadExporterConfig,
  loadGraphs,
  referenceGraphs,
  SubgraphSource,
  startExporter,
} from '@radar/exporter';
import oxigraph from 'oxigraph';
import { benchEnv, percentile, printTable, registryStack, timed } from './practices-stack.mjs';

const TARGET_LOAD_SECONDS = 120;
const TARGET_VISIBLE_MS = 5_000;
const BATCH = 10_000;
const BASE = 'https://radar.example.eu';
const COUNTRIES = ['DE', 'FR', 'IT', 'ES', 'NL', 'PL', 'PT', 'SE', 'RO', 'EL'];
const CDHI = ['1.1.1', '1.4.2', '2.4.1', '2.4.2', '2.8', '3.2', '4.1.1', '2.5.1', '1.2', '3.3'];
const PREFIXES = `PREFIX radar: <https://w3id.org/radar/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX adms: <http://www.w3.org/ns/adms#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
`;
const AUTHORITY = 'http://publications.europa.eu/resource/authority/country/';
const QUESTIONS = {
  'adopted in Romania, owner and ROR': `${PREFIXES}
    SELECT DISTINCT ?practice (STR(?title) AS ?name) (STR(?ownerName) AS ?owner) ?ror WHERE {
      ?adoption a radar:Adoption ; radar:adoptedPractice ?practice ; dct:spatial <${AUTHORITY}ROU> .
      ?practice dct:title ?title ; dct:rightsHolder ?holder .
      FILTER(LANGMATCHES(LANG(?title), "en"))
      ?holder foaf:name ?ownerName .
      OPTIONAL {
        SELECT ?holder ?ror WHERE { ?holder adms:identifier ?identifier . ?identifier dct:creator <https://ror.org/> ; skos:notation ?ror }
      }
    }`,
  'twinnings, originator and adopter countries': `${PREFIXES}
    SELECT (STR(?title) AS ?twinning) (STR(?practiceTitle) AS ?practice) (STR(?originatorName) AS ?originator)
           ?originatorCountry (STR(?adopterName) AS ?adopter) ?adopterCountry WHERE {
      ?project a radar:Twinning ; dct:title ?title ; radar:transferredPractice ?transferred ;
        radar:originator ?from ; radar:twinningAdopter ?to .
      ?transferred dct:title ?practiceTitle FILTER(LANGMATCHES(LANG(?practiceTitle), "en"))
      ?from foaf:name ?originatorName .
      ?to foaf:name ?adopterName .
      OPTIONAL { ?from dct:spatial ?originatorCountry FILTER(STRSTARTS(STR(?originatorCountry), "${AUTHORITY}")) }
      OPTIONAL { ?to dct:spatial ?adopterCountry FILTER(STRSTARTS(STR(?adopterCountry), "${AUTHORITY}")) }
    }`,
  'under CDHI group 2, with labels': `${PREFIXES}
    SELECT (STR(?title) AS ?practice) ?code (STR(?label) AS ?intervention) WHERE {
      ?p a radar:Practice ; dct:title ?title ; radar:cdhiIntervention ?concept .
      FILTER(LANGMATCHES(LANG(?title), "en"))
      ?concept skos:broader+ <https://w3id.org/radar/code/cdhi/2> ; skos:notation ?code ; skos:prefLabel ?label .
    }`,
};

const { values: flags } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    organisations: { type: 'string', default: '3000' },
    twinnings: { type: 'string', default: '2000' },
    repeat: { type: 'string', default: '15' },
    changes: { type: 'string', default: '5' },
    'max-seconds': { type: 'string', default: '900' },
    'timeout-ms': { type: 'string', default: '600000' },
  },
});
const [count, organisations, twinnings, repeat, changes, maxSeconds] = [
  flags.count,
  flags.organisations,
  flags.twinnings,
  flags.repeat,
  flags.changes,
  flags['max-seconds'],
].map(Number);
if (
  ![count, organisations, twinnings, repeat, changes, maxSeconds].every((n) => Number.isInteger(n) && n > 0) ||
  !process.env.DATABASE_URL
) {
  console.error(
    'usage: DATABASE_URL=postgres://… node test/bench/sparql.mjs [--count practices] [--organisations n] [--twinnings n] [--repeat n] [--changes n] [--max-seconds s] [--timeout-ms ms]',
  );
  process.exit(1);
}
const deadline = Date.now() + maxSeconds * 1_000;
const inTime = () => Date.now() < deadline;

const env = { ...benchEnv(), LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' };
const stack = registryStack(env);

const orgId = (k) => `md5('bench-organisation' || (${k}))::uuid`;
const practiceId = (k) => `md5('bench-practice' || (${k}))::uuid`;
// Written over the 1,000 hours before a day ago, as a registry fills over time: the store's first look at the feeds,
// 30 s behind the newest change, finds few records to take in again (all at one instant, they would be thousands).
const past = (k) => `now() - interval '1 day' - ((${k}) % 1000) * interval '1 hour'`;
const pick = (list, k) => `(array[${list.map((item) => `'${item}'`).join(',')}])[1 + (${k}) % ${list.length}]`;

/** Organisations in ten countries, half with a ROR id; practices owned by them, each adopted in one country. */
async function load({ organisationsSql, practicesSql, projectsSql }) {
  await organisationsSql(`insert into organisation (id, name, kind, country, created_at, updated_at)
    select ${orgId('g')}, 'Organisation ' || g, 'HEALTHCARE_PROVIDER', ${pick(COUNTRIES, 'g')}, ${past('g')}, ${past('g')}
    from generate_series(1, ${organisations}) g`);
  await organisationsSql(`insert into organisation_identifier (organisation_id, scheme, value)
    select ${orgId('g')}, 'ROR', '0' || substr(md5(g::text), 1, 6) || lpad((g % 100)::text, 2, '0')
    from generate_series(1, ${organisations}, 2) g`);
  await organisationsSql('analyze organisation');
  for (let from = 1; from <= count; from += BATCH) {
    const to = Math.min(count, from + BATCH - 1);
    await practicesSql(`insert into practice (id, title, summary, type, maturity, cdhi_codes, cdhi_codes_expanded,
      topics, target_groups, care_settings, languages, countries, nuts, standards, owner_id, status, created_at,
      updated_at, published_at)
      select ${practiceId('g')}, 'Practice ' || g, 'A generated practice.', 'APP', 'PILOT', array[c],
        array[split_part(c, '.', 1), c], '{}', '{}', '{}', '{en}', array[${pick(COUNTRIES, 'g')}], '{}', '{}',
        ${orgId(`1 + g % ${organisations}`)}, 'PUBLISHED', t, t, t
      from (select g, ${pick(CDHI, 'g / 7')} as c, now() - (g % 1000) * interval '1 hour' - interval '1 day' as t
        from generate_series(${from}, ${to}) g) s`);
    await practicesSql(`insert into adoption (id, practice_id, adopter_id, country, scale, status, created_at,
      updated_at, version)
      select gen_random_uuid(), ${practiceId('g')}, ${orgId(`1 + (g * 7) % ${organisations}`)},
        ${pick(COUNTRIES, 'g / 3')}, 'LOCAL', 'ONGOING', now(), now(), 1
      from generate_series(${from}, ${to}) g`);
  }
  await practicesSql('vacuum analyze practice');
  await practicesSql('analyze adoption');
  await projectsSql(`insert into project (id, acronym, title, kind, programme, created_at, updated_at)
    select md5('bench-twinning' || g)::uuid, 'TW' || g, 'Twinning ' || g, 'TWINNING', 'DIGITAL_EUROPE', ${past('g')}, ${past('g')}
    from generate_series(1, ${twinnings}) g`);
  await projectsSql(`insert into twinning (project_id, originator_id, practice_id, type)
    select md5('bench-twinning' || g)::uuid, ${orgId(`1 + (g * 3) % ${organisations}`)},
      ${practiceId(`1 + (g * 37) % ${count}`)}, 'ADAPTATION'
    from generate_series(1, ${twinnings}) g`);
  await projectsSql(`insert into twinning_adopter (twinning_project_id, organisation_id)
    select md5('bench-twinning' || g)::uuid, ${orgId(`1 + (g * 5 + k) % ${organisations}`)}
    from generate_series(1, ${twinnings}) g cross join generate_series(0, 1) k`);
  await projectsSql('analyze project');
}

/** A SELECT through the endpoint, as a client reads it: the whole SPARQL JSON body, parsed. */
async function throughEndpoint(endpoint, query) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
    body: query,
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`/sparql answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text).results.bindings.length;
}

/** The same SELECT on the store itself, serialised as the endpoint serialises it. */
function onStore(store, query) {
  const text = store.query(query, {
    use_default_graph_as_union: true,
    results_format: 'application/sparql-results+json',
  });
  return JSON.parse(text).results.bindings.length;
}

/**
 * How long `run` takes. The store's queries hold this thread, so the endpoint may have closed an idle kept-alive
 * connection meanwhile: a request that fails on one is timed again on a new one.
 */
async function timedAgain(run) {
  for (let attempt = 1; ; attempt++) {
    try {
      const { ms, result } = await timed(run);
      return { ms, rows: result };
    } catch (error) {
      if (attempt > 2 || !(error instanceof TypeError)) throw error;
    }
  }
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

let exporter;
let exitCode = 0;
try {
  await stack.start();
  const sql = {
    organisationsSql: (statement) => stack.sql('organisations', statement),
    practicesSql: (statement) => stack.sql('practices', statement),
    projectsSql: (statement) => stack.sql('projects', statement),
  };
  const loadStart = performance.now();
  await load(sql);
  console.log(
    `\nloaded ${count} practices, ${count} adoptions, ${organisations} organisations, ${twinnings} twinnings into PostgreSQL in ${seconds(performance.now() - loadStart)}`,
  );

  const config = loadExporterConfig({
    ...stack.env,
    EXPORTER_PORT: '0',
    GATEWAY_URL: stack.url,
    RADAR_BASE_IRI: BASE,
    RADAR_DUMP_EVERY_HOURS: '0',
    RADAR_SPARQL_REFRESH_SECONDS: '1',
    RADAR_SPARQL_TIMEOUT_MS: flags['timeout-ms'],
    RADAR_SPARQL_MAX_RESULTS: '1000000',
  });
  const storeStart = performance.now();
  exporter = await startExporter(config);
  while (exporter.sparql.asOf() === null && inTime()) await new Promise((r) => setTimeout(r, 200));
  if (exporter.sparql.asOf() === null) throw new Error('the SPARQL store did not load in time');
  const exporterLoadMs = performance.now() - storeStart;
  const endpoint = `${exporter.url}/sparql`;
  console.log(
    `\nwhole graph into the exporter's store (read from the subgraphs, mapped, loaded): ${seconds(exporterLoadMs)} (target ≤ ${TARGET_LOAD_SECONDS} s: ${exporterLoadMs <= TARGET_LOAD_SECONDS * 1000 ? 'met' : 'not met'})`,
  );
  console.log();

  // One change at a time: a practice retitled in its database (as a write commits it), then asked for until seen;
  // and when the exporter took it in from the feed. Measured before the bench's own store is loaded in this process,
  // so that its queries (which hold this thread) and its memory do not delay the services the feed is read from.
  const before = exporter.sparql.counts();
  const visible = [];
  const takenIn = [];
  for (let change = 1; change <= changes && inTime(); change++) {
    const n = 1 + ((change * 7919) % count);
    const title = `Practice ${n} retitled ${change} ${Date.now()}`;
    const ask = `ASK { <${BASE}/practices/${
      (await sql.practicesSql(`select ${practiceId(n)}::text as id`))[0].id
    }> <http://purl.org/dc/terms/title> "${title}"@en }`;
    const started = performance.now();
    const applied = exporter.sparql.counts().changes;
    let takenInMs;
    await sql.practicesSql(
      `update practice set title = '${title}', updated_at = now(), version = version + 1 where id = ${practiceId(n)}`,
    );
    for (;;) {
      if (takenInMs === undefined && exporter.sparql.counts().changes > applied)
        takenInMs = performance.now() - started;
      const response = await fetch(`${endpoint}?${new URLSearchParams({ query: ask })}`);
      if ((await response.json()).boolean) break;
      if (!inTime()) throw new Error('a change did not become visible in time');
      await new Promise((r) => setTimeout(r, 25));
    }
    visible.push(performance.now() - started);
    takenIn.push(takenInMs ?? visible.at(-1));
  }
  const after = exporter.sparql.counts();
  console.log(
    `one change visible through /sparql after (ms): ${visible.map((ms) => ms.toFixed(0)).join(', ')}; p50 ${percentile(visible, 0.5).toFixed(0)} ms, max ${Math.max(...visible).toFixed(0)} ms (looks every 1 s; target ≤ ${TARGET_VISIBLE_MS} ms: ${Math.max(...visible) <= TARGET_VISIBLE_MS ? 'met' : 'not met'})`,
  );
  console.log(
    `taken in from the change feed after (ms): ${takenIn.map((ms) => ms.toFixed(0)).join(', ')}; p50 ${percentile(takenIn, 0.5).toFixed(0)} ms`,
  );
  console.log(
    `whole-graph reads during the changes: ${after.rebuilds - before.rebuilds}; record changes taken in one by one: ${after.changes - before.changes}`,
  );

  // The same graphs in a store of the bench's own, in this thread, loaded as the exporter's thread loads them.
  const readStart = performance.now();
  const source = new SubgraphSource(config.subgraphUrls, tokenSignerFrom(config));
  const graphs = [...(await referenceGraphs()), ...(await allRecordGraphs(source, { base: BASE }))];
  const readMs = performance.now() - readStart;
  const store = new oxigraph.Store();
  const { ms: storeLoadMs } = await timed(async () => loadGraphs(oxigraph, store, graphs));
  console.log(`\n${graphs.length - 2} records, ${store.size} triples`);
  console.log(
    `the bench's own store: records read and mapped in ${seconds(readMs)}, loaded in ${seconds(storeLoadMs)} (${Math.round(store.size / (storeLoadMs / 1000)).toLocaleString('en')} triples/s)`,
  );

  const rows = [];
  for (const [name, query] of Object.entries(QUESTIONS)) {
    const http = [];
    const direct = [];
    let answers = null;
    // One warm-up each, then endpoint and store in turn, as this machine's speed drifts.
    await timedAgain(() => throughEndpoint(endpoint, query));
    onStore(store, query);
    for (let run = 0; run < repeat && inTime(); run++) {
      const viaHttp = await timedAgain(() => throughEndpoint(endpoint, query));
      const onItsOwn = await timedAgain(async () => onStore(store, query));
      if (viaHttp.rows !== onItsOwn.rows)
        throw new Error(`${name}: ${viaHttp.rows} rows by HTTP, ${onItsOwn.rows} on the store`);
      answers = viaHttp.rows;
      http.push(viaHttp.ms);
      direct.push(onItsOwn.ms);
    }
    rows.push({ name, answers, runs: http.length, http, direct });
  }

  console.log();
  printTable(
    ['question', 'rows', 'runs', 'http p50', 'http p90', 'store p50', 'store p90', 'p50 ratio'],
    rows.map((row) => [
      row.name,
      row.answers,
      row.runs,
      ...[
        percentile(row.http, 0.5),
        percentile(row.http, 0.9),
        percentile(row.direct, 0.5),
        percentile(row.direct, 0.9),
      ].map((ms) => `${ms.toFixed(0)} ms`),
      `${(percentile(row.http, 0.5) / percentile(row.direct, 0.5)).toFixed(2)}×`,
    ]),
  );
  console.log('(p50 ratio: the endpoint over HTTP ÷ the same query on the store directly; the issue sets no target)');

  if (!inTime()) console.log(`stopped at the time bound (${maxSeconds} s): some runs were left out`);
} catch (error) {
  console.error(error instanceof Error ? error.stack : error);
  exitCode = 1;
} finally {
  await exporter?.close();
  await stack.stop();
}
process.exit(exitCode);
