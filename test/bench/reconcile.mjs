// Reconciliation measured: a few thousand generated organisations (default 3,000) whose names overlap as real ones do
// (shared words such as "University Hospital", cities, legal forms, acronyms that collide), and a spreadsheet of the
// names as data teams write them (accents dropped, acronyms, word order, legal-form suffixes, typos, some with ROR
// ids, and names of organisations RADAR does not hold), reconciled through the exporter's /reconcile in batches.
// Prints precision and recall of `match` per kind of variant and overall, and where the right candidate ranks.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  databaseName,
  dropServerDatabase,
  generateSigningKey,
  rorChecksum,
  subgraphs,
  urlEnvironment,
} from '@radar/common';
import { loadExporterConfig, startExporter } from '@radar/exporter';
import { loadGatewayConfig, startGateway, startSubgraphs } from '@radar/gateway';

const TARGET_PRECISION = 0.99;
const LIMIT = 5;
const BATCH = 50;
const KINDS = [
  { words: 'University Hospital', legal: '', kind: 'HEALTHCARE_PROVIDER' },
  { words: 'Spitalul Clinic Județean', legal: '', kind: 'HEALTHCARE_PROVIDER' },
  { words: 'Universitätsklinikum', legal: 'AöR', kind: 'HEALTHCARE_PROVIDER' },
  { words: 'Centre Hospitalier Universitaire', legal: '', kind: 'HEALTHCARE_PROVIDER' },
  { words: 'Hospital Universitario', legal: '', kind: 'HEALTHCARE_PROVIDER' },
  { words: 'Regional Health Authority', legal: '', kind: 'PUBLIC_AUTHORITY' },
  { words: 'Digital Health Solutions', legal: 'GmbH', kind: 'COMPANY' },
  { words: 'Telemedicina Società', legal: 'S.p.A.', kind: 'COMPANY' },
  { words: 'Soluciones de Salud Digital', legal: 'S.L.', kind: 'STARTUP_SME' },
  { words: 'Instituto de Investigação Médica', legal: 'S.A.', kind: 'RESEARCH_ORGANISATION' },
  { words: 'eHealth Innovation Hub', legal: 'Ltd', kind: 'DIGITAL_INNOVATION_HUB' },
  { words: 'Medical University', legal: '', kind: 'RESEARCH_ORGANISATION' },
];
const CITIES = [
  ['Iași', 'RO'],
  ['Brașov', 'RO'],
  ['Cluj-Napoca', 'RO'],
  ['Köln', 'DE'],
  ['München', 'DE'],
  ['Düsseldorf', 'DE'],
  ['Málaga', 'ES'],
  ['Córdoba', 'ES'],
  ['Sevilla', 'ES'],
  ['Zürich', 'CH'],
  ['Łódź', 'PL'],
  ['Kraków', 'PL'],
  ['Göteborg', 'SE'],
  ['Malmö', 'SE'],
  ['Porto', 'PT'],
  ['Coimbra', 'PT'],
  ['Liège', 'BE'],
  ['Plzeň', 'CZ'],
  ['Trento', 'IT'],
  ['Tartu', 'EE'],
  ['Nîmes', 'FR'],
  ['Győr', 'HU'],
  ['Tampere', 'FI'],
  ['Aarhus', 'DK'],
  ['Rijeka', 'HR'],
];
const TOPICS = [
  '',
  'Cardiology',
  'Oncology',
  'Pediatrics',
  'Neurology',
  'Diabetes',
  'Geriatrics',
  'Telecare',
  'Radiology',
  'Psychiatry',
  'Nephrology',
  'Dermatology',
  'Rehabilitation',
];

const { values: flags } = parseArgs({
  options: {
    organisations: { type: 'string', default: '3000' },
    queries: { type: 'string', default: '1500' },
    'max-seconds': { type: 'string', default: '900' },
  },
});
const [count, wanted, maxSeconds] = [flags.organisations, flags.queries, flags['max-seconds']].map(Number);
if (![count, wanted, maxSeconds].every((n) => Number.isInteger(n) && n > 0) || !process.env.DATABASE_URL) {
  console.error(
    'usage: DATABASE_URL=postgres://… node test/bench/reconcile.mjs [--organisations n] [--queries n] [--max-seconds s]',
  );
  process.exit(1);
}
const deadline = Date.now() + maxSeconds * 1_000;

/** A small seeded generator, so every run reconciles the same spreadsheet. */
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const random = generator(20261201);
const choose = (list) => list[Math.floor(random() * list.length)];

function rorFor(index) {
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  let body = '';
  let number = 5_000_000 + index * 7919;
  for (let digit = 0; digit < 6; digit += 1) {
    body = alphabet[number % 32] + body;
    number = Math.floor(number / 32);
  }
  return `0${body}${rorChecksum(body)}`;
}

const fold = (text) => text.normalize('NFD').replace(/\p{M}/gu, '');
const initials = (name) =>
  name
    .split(/[\s-]+/)
    .filter((word) => word.length > 2 || /^[A-Z]/.test(word))
    .map((word) => fold(word)[0].toUpperCase())
    .join('');

/** One typing slip in the longest word: two letters swapped, one dropped or one doubled. */
function typo(name) {
  const words = name.split(' ');
  const at = words.reduce((best, word, index) => (word.length > words[best].length ? index : best), 0);
  const word = words[at];
  const i = 1 + Math.floor(random() * (word.length - 2));
  const slip = choose(['swap', 'drop', 'double']);
  words[at] =
    slip === 'swap'
      ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)
      : slip === 'drop'
        ? word.slice(0, i) + word.slice(i + 1)
        : word.slice(0, i) + word[i] + word.slice(i);
  return words.join(' ');
}

/** Word order as people change it: the city first ("Köln Universitätsklinikum"), or the words reversed. */
function reordered(organisation) {
  const rest = organisation.name.replace(` ${organisation.city}`, '');
  return random() < 0.5 ? `${organisation.city} ${rest}` : organisation.name.split(' ').reverse().join(' ');
}

/** Distinct names from kind × topic × city, in a random order; the ones left over name organisations RADAR lacks. */
function names() {
  const all = [];
  for (const kind of KINDS)
    for (const topic of TOPICS)
      for (const [city, country] of CITIES) {
        const name = [kind.words, topic, city].filter(Boolean).join(' ');
        all.push({ name, kind, city, country });
      }
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all;
}

const prefix = `radar_bench${randomBytes(4).toString('hex')}`;
const env = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  RADAR_SIGNING_KEYS: JSON.stringify({ keys: [generateSigningKey()] }),
  ...Object.fromEntries(subgraphs.map(({ portVariable }) => [portVariable, '0'])),
  GATEWAY_PORT: '0',
  DATABASE_URL: process.env.DATABASE_URL,
  DATABASE_PREFIX: prefix,
};

let running;
let gw;
let exporter;
let exitCode = 0;
try {
  const pool = names();
  if (pool.length < count + 100)
    throw new Error(`at most ${pool.length - 100} distinct organisations can be generated`);
  const organisations = pool.slice(0, count).map((entry, index) => {
    const name = entry.kind.legal && random() < 0.5 ? `${entry.name} ${entry.kind.legal}` : entry.name;
    return {
      ...entry,
      index,
      name,
      id: null,
      // Acronyms collide, as real ones do: many organisations' initials are the same.
      acronym: random() < 0.6 ? initials(entry.name) : null,
      ror: index % 3 === 0 ? rorFor(index) : null,
    };
  });
  const absent = pool.slice(count, count + 100);

  running = await startSubgraphs(env, { seed: false });
  const serviceEnv = { ...env, ...urlEnvironment(running.urls) };
  gw = await startGateway(loadGatewayConfig(serviceEnv));
  const sql = (statement, params = []) =>
    running.services.organisations.db.orm.em.fork().getConnection().execute(statement, params, 'all');
  for (let from = 0; from < organisations.length; from += 500) {
    const slice = organisations.slice(from, from + 500);
    const inserted = await sql(
      `insert into organisation (id, name, acronym, kind, country, city, created_at, updated_at)
       select gen_random_uuid(), r.name, r.acronym, r.kind, r.country, r.city, now(), now()
       from jsonb_to_recordset(?::jsonb) as r(n int, name text, acronym text, kind text, country text, city text)
       order by r.n returning id, name`,
      [
        JSON.stringify(
          slice.map((o) => ({
            n: o.index,
            name: o.name,
            acronym: o.acronym,
            kind: o.kind.kind,
            country: o.country,
            city: o.city,
          })),
        ),
      ],
    );
    const ids = new Map(inserted.map((row) => [row.name, row.id]));
    for (const organisation of slice) organisation.id = ids.get(organisation.name);
  }
  const identified = organisations.filter((o) => o.ror);
  await sql(
    `insert into organisation_identifier (organisation_id, scheme, value)
     select r.id, 'ROR', r.ror from jsonb_to_recordset(?::jsonb) as r(id uuid, ror text)`,
    [JSON.stringify(identified.map((o) => ({ id: o.id, ror: o.ror })))],
  );
  await sql('analyze organisation');

  exporter = await startExporter(
    loadExporterConfig({
      ...serviceEnv,
      EXPORTER_PORT: '0',
      GATEWAY_URL: `${gw.server.url}/graphql`,
      RADAR_BASE_IRI: 'https://radar.example.eu',
      RADAR_DUMP_EVERY_HOURS: '0',
      RADAR_SPARQL_REFRESH_SECONDS: '0',
    }),
  );

  // The spreadsheet: a variant of a random organisation per row, the kinds in turn; names RADAR lacks now and then.
  const variants = {
    'accents dropped': (o) => ({ query: fold(o.name) }),
    'legal form': (o) => ({
      query: `${o.kind.legal ? o.name.replace(` ${o.kind.legal}`, '') : o.name} ${choose(['SRL', 'S.A.', 'GmbH', 'Ltd.', 'e.V.'])}`,
    }),
    typo: (o) => ({ query: typo(o.name) }),
    'word order': (o) => ({ query: reordered(o) }),
    acronym: (o) => (o.acronym ? { query: o.acronym, properties: [{ pid: 'country', v: o.country }] } : null),
    'ror id': (o) =>
      o.ror ? { query: typo(fold(o.name)), properties: [{ pid: 'ror', v: `https://ror.org/${o.ror}` }] } : null,
  };
  const rows = [];
  const kinds = Object.keys(variants);
  while (rows.length < wanted) {
    if (rows.length % 10 === 9) {
      const missing = choose(absent);
      rows.push({ kind: 'not in RADAR', expected: null, query: { query: choose([missing.name, fold(missing.name)]) } });
      continue;
    }
    const kind = kinds[rows.length % kinds.length];
    const organisation = choose(organisations);
    const query = variants[kind](organisation);
    if (query) rows.push({ kind, expected: `organisations/${organisation.id}`, query });
  }

  const endpoint = `${exporter.url}/reconcile`;
  const started = performance.now();
  const results = [];
  for (let from = 0; from < rows.length && Date.now() < deadline; from += BATCH) {
    const batch = rows.slice(from, from + BATCH);
    const queries = Object.fromEntries(
      batch.map((row, index) => [`q${from + index}`, { ...row.query, type: 'Organisation', limit: LIMIT }]),
    );
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ queries: JSON.stringify(queries) }),
    });
    if (response.status !== 200) throw new Error(`/reconcile answered ${response.status}: ${await response.text()}`);
    const body = await response.json();
    for (const [index, row] of batch.entries()) results.push({ row, result: body[`q${from + index}`].result });
  }
  const seconds = (performance.now() - started) / 1000;

  const figures = new Map();
  for (const { row, result } of results) {
    const entry = figures.get(row.kind) ?? { queries: 0, matched: 0, right: 0, ranks: [] };
    entry.queries += 1;
    const matched = result.find((candidate) => candidate.match);
    if (matched) entry.matched += 1;
    if (matched && matched.id === row.expected) entry.right += 1;
    if (row.expected) entry.ranks.push(result.findIndex((candidate) => candidate.id === row.expected) + 1);
    figures.set(row.kind, entry);
  }
  const share = (part, whole) => (whole ? (part / whole).toFixed(3) : 'n/a');
  const header = ['variant', 'queries', 'matched', 'precision', 'recall', 'rank 1', 'rank ≤3', 'rank ≤5', 'missing'];
  const line = (name, e) => {
    const ranked = e.ranks.length;
    const within = (n) => share(e.ranks.filter((rank) => rank > 0 && rank <= n).length, ranked);
    return [
      name,
      e.queries,
      e.matched,
      share(e.right, e.matched),
      ranked ? share(e.right, e.queries) : 'n/a',
      within(1),
      within(3),
      within(5),
      ranked ? share(e.ranks.filter((rank) => rank === 0).length, ranked) : 'n/a',
    ];
  };
  const all = [...figures.values()].reduce(
    (sum, e) => ({
      queries: sum.queries + e.queries,
      matched: sum.matched + e.matched,
      right: sum.right + e.right,
      ranks: [...sum.ranks, ...e.ranks],
    }),
    { queries: 0, matched: 0, right: 0, ranks: [] },
  );
  const findable = all.queries - (figures.get('not in RADAR')?.queries ?? 0);
  const table = [...[...figures.entries()].map(([name, e]) => line(name, e)), line('all', all)];
  // Recall overall counts only the queries that have a right answer.
  table.at(-1)[4] = share(all.right, findable);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => String(row[i]).length)));
  console.log(
    `\n${results.length} queries against ${count} organisations (${identified.length} with a ROR id), ${LIMIT} candidates each, in batches of ${BATCH}: ${seconds.toFixed(1)} s, ${(results.length / seconds).toFixed(0)} queries/s\n`,
  );
  for (const row of [header, ...table]) console.log(row.map((cell, i) => String(cell).padStart(widths[i])).join('  '));
  const precision = all.matched ? all.right / all.matched : 1;
  console.log(
    `\nprecision of match: ${precision.toFixed(3)} (target ≥ ${TARGET_PRECISION}: ${precision >= TARGET_PRECISION ? 'met' : 'not met'}); recall of match: ${share(all.right, findable)}`,
  );
  if (results.length < rows.length)
    console.log(`stopped at the time bound (${maxSeconds} s): ${results.length} of ${rows.length} queries`);
} catch (error) {
  console.error(error instanceof Error ? error.stack : error);
  exitCode = 1;
} finally {
  await exporter?.close();
  await gw?.stop();
  await running?.stop();
  for (const { database } of subgraphs) {
    await dropServerDatabase(env.DATABASE_URL, databaseName({ DATABASE_PREFIX: prefix }, database));
  }
}
process.exit(exitCode);
