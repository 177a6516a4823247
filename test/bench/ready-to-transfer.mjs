// Loads N generated practices (every maturity, half with evidence) with 3N adoptions in random countries and
// regions, then times readyToTransfer through the gateway, by country and by NUTS 2 region, first and second page;
// the totals are checked once against a direct count.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { benchEnv, databaseLabel, percentile, practicesStack, printTable, timed } from './practices-stack.mjs';

const TARGET_P95_MS = 500;
const WARMUP = 2;
const BATCH = 10_000;
const OWNER_ID = '7b0f1c52-3f4e-4b53-9a51-2f6f0a1c0003';
const COUNTRIES = ['DE', 'FR', 'IT', 'ES', 'NL', 'PL', 'PT', 'SE', 'RO', 'EL'];
const QUERY = `query Ready($minPlaces: Int, $by: SpreadLevel, $after: String) {
  readyToTransfer(minPlaces: $minPlaces, by: $by, first: 20, after: $after) {
    totalCount pageInfo { endCursor } nodes { practice { id title } places countries regions reasons } } }`;
const CASES = [
  { by: 'COUNTRY', minPlaces: 2 },
  { by: 'COUNTRY', minPlaces: 3 },
  { by: 'REGION', minPlaces: 2 },
];

const { values: flags } = parseArgs({
  options: {
    count: { type: 'string' },
    repeat: { type: 'string', default: '10' },
    'node-env': { type: 'string', default: 'production' },
    keep: { type: 'boolean', default: false },
  },
});
const count = Number(flags.count ?? (process.env.DATABASE_URL ? 20_000 : 2_000));
const repeat = Number(flags.repeat);
if (!(Number.isInteger(count) && count > 0) || !(Number.isInteger(repeat) && repeat > 0)) {
  console.error(
    'usage: node test/bench/ready-to-transfer.mjs [--count practices] [--repeat n] [--node-env mode] [--keep]',
  );
  process.exit(1);
}

const env = benchEnv(flags['node-env']);

const sqlText = (value) => `'${value.replace(/'/g, "''")}'`;
const pick = (list) => `(array[${list.map(sqlText).join(',')}])[1 + floor(random() * ${list.length})::int]`;

/**
 * Published practices of every maturity, half with an evidence link; each gets three adoptions by three adopters, in
 * a random country with a generated NUTS 3, NUTS 2 or no region, most of them in use. One set-based insert per batch.
 */
async function load(sql) {
  await sql(`create table bench_practice (n int primary key, id uuid)`);
  for (let from = 1; from <= count; from += BATCH) {
    const to = Math.min(count, from + BATCH - 1);
    await sql(`insert into bench_practice select g, gen_random_uuid() from generate_series(${from}, ${to}) g`);
    await sql(`insert into practice (id, title, summary, type, maturity, cdhi_codes, cdhi_codes_expanded, topics,
      target_groups, care_settings, languages, countries, nuts, standards, owner_id, status, created_at, updated_at,
      published_at)
      select b.id, 'Practice ' || b.n, 'A generated practice.', 'APP',
        ${pick(['CONCEPT', 'DEVELOPMENT', 'PILOT', 'IMPLEMENTED', 'SCALED_UP'])}, '{}', '{}', '{}', '{}', '{}',
        '{en}', '{}', '{}', '{}', '${OWNER_ID}', 'PUBLISHED', now(), now(), now()
      from bench_practice b where b.n between ${from} and ${to}`);
    await sql(`insert into practice_evidence (practice_id, position, kind, url)
      select b.id, 0, 'EVALUATION', 'https://example.org/evaluation/' || b.n
      from bench_practice b where b.n between ${from} and ${to} and b.n % 2 = 0`);
    await sql(`insert into adoption (id, practice_id, adopter_id, country, nuts, scale, status, start_date,
      created_at, updated_at, version)
      select gen_random_uuid(), x.id, md5('adopter' || x.k)::uuid, x.country,
        case when x.level = 3 then x.region || (1 + floor(random() * 5))::int when x.level = 2 then x.region end,
        'LOCAL', x.status, date '2024-01-01', now(), now(), 1
      from (select b.id, k, c.country, floor(random() * 4)::int as level,
          case c.country when 'GR' then 'EL' else c.country end || (1 + floor(random() * 3))::int
            || (1 + floor(random() * 4))::int as region,
          ${pick(['PLANNED', 'PILOTING', 'ONGOING', 'ONGOING', 'ONGOING', 'ENDED'])} as status
        from bench_practice b cross join generate_series(1, 3) k
        cross join lateral (select ${pick(COUNTRIES.map((c) => (c === 'EL' ? 'GR' : c)))} as country, k as again) c
        where b.n between ${from} and ${to}) x`);
  }
  // A table, not a temporary one: the pool may run each statement on another connection.
  await sql('drop table bench_practice');
  await sql('analyze practice');
  await sql('analyze practice_evidence');
  await sql('analyze adoption');
}

/** How many practices qualify, counted directly, per case. */
function directCountSql({ by, minPlaces }) {
  const place = by === 'REGION' ? 'left(a.nuts, 4)' : 'a.country';
  const has = by === 'REGION' ? 'and length(a.nuts) >= 4' : '';
  return `select count(*)::int as total from practice p
    where p.deleted_at is null and p.status = 'PUBLISHED' and p.maturity in ('IMPLEMENTED', 'SCALED_UP')
      and exists (select 1 from practice_evidence e where e.practice_id = p.id)
      and (select count(distinct ${place}) from adoption a where a.practice_id = p.id and a.deleted_at is null
        and a.status in ('PILOTING', 'ONGOING') and (a.start_date is null or a.start_date <= current_date)
        and (a.end_date is null or a.end_date >= current_date) ${has}) >= ${minPlaces}`;
}

async function ask(url, variables) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY, variables }),
  });
  const answer = await response.json().catch(() => null);
  const page = answer?.data?.readyToTransfer;
  if (response.status !== 200 || answer?.errors || !page) {
    throw new Error(`gateway: bad answer (HTTP ${response.status}): ${JSON.stringify(answer).slice(0, 500)}`);
  }
  return page;
}

async function measure(sql, url, entry) {
  const [direct] = await sql(directCountSql(entry));
  const first = [];
  const second = [];
  let total = 0;
  for (let i = 0; i < WARMUP + repeat; i += 1) {
    const one = await timed(() => ask(url, entry));
    const two = await timed(() => ask(url, { ...entry, after: one.result.pageInfo.endCursor }));
    if (i === 0) {
      total = one.result.totalCount;
      if (total !== direct.total) {
        throw new Error(`${entry.by}/${entry.minPlaces}: totalCount ${total}, counted directly ${direct.total}`);
      }
      const spreads = [...one.result.nodes, ...two.result.nodes].map((node) => node.places);
      if (spreads.some((places, index) => index > 0 && places > spreads[index - 1])) {
        throw new Error(`${entry.by}/${entry.minPlaces}: rows are not ordered by spread`);
      }
    }
    if (i < WARMUP) continue;
    first.push(one.ms);
    second.push(two.ms);
  }
  return {
    name: `${entry.by} ≥ ${entry.minPlaces}`,
    total,
    ms: [percentile(first, 0.5), percentile(first, 0.95), percentile(second, 0.5), percentile(second, 0.95)],
  };
}

const stack = practicesStack(env);
let exitCode = 0;
try {
  const { sql, url } = await stack.start({ seedOrganisations: false, seedPractices: false });

  const loadStart = performance.now();
  await load(sql);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const [loaded] = await sql(`select (select count(*) from practice)::int as practices,
    (select count(*) from adoption)::int as adoptions`);

  const database = databaseLabel(env);
  console.log(`\n${database}, NODE_ENV=${env.NODE_ENV}, ${repeat} sequential requests per case (${WARMUP} warm-up)`);
  console.log(
    `loaded ${loaded.practices} practices and ${loaded.adoptions} adoptions in ${loadSeconds.toFixed(1)}s (with analyze)`,
  );
  if (!env.DATABASE_URL && !flags.count)
    console.log('note: on PGlite the default count is 2000; the target is about a PostgreSQL server');
  console.log();

  const results = [];
  for (const entry of CASES) results.push(await measure(sql, url, entry));
  const header = ['case', 'ready', 'page 1 p50', 'page 1 p95', 'page 2 p50', 'page 2 p95'];
  const table = results.map((r) => [r.name, r.total, ...r.ms.map((ms) => ms.toFixed(1))]);
  printTable(header, table);
  const worst = Math.max(...results.flatMap((r) => [r.ms[1], r.ms[3]]));
  console.log('\nms through the gateway, 20 rows a page; "ready" is totalCount, checked against a direct count.');
  console.log(
    `worst p95: ${worst.toFixed(1)} ms (target ≤ ${TARGET_P95_MS} ms at 20000 practices on a server: ${worst <= TARGET_P95_MS ? 'met' : 'not met'})`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.stack : error);
  exitCode = 1;
} finally {
  await stack.stop({ keep: Boolean(flags.keep) });
}
process.exit(exitCode);
