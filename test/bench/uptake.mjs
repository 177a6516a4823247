// Loads N generated practices with 3N adoptions and compares the uptake series through the gateway with the one SQL
// statement the practices subgraph runs for it; the figures are also checked once against a direct computation.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { anonymous, createTokenSigner } from '@radar/common';
import { uptakeSeriesStatement } from '@radar/practices';
import { benchEnv, databaseLabel, percentile, practicesStack, printTable, timed } from './practices-stack.mjs';

const TARGET_RATIO = 3;
const WARMUP = 2;
const BATCH = 10_000;
const OWNER_ID = '7b0f1c52-3f4e-4b53-9a51-2f6f0a1c0003';
const FROM = '2019-01-01';
const TO = '2026-12-31';
const CASES = [
  { interval: 'YEAR', level: 'COUNTRY' },
  { interval: 'QUARTER', level: 'NUTS2' },
  { interval: 'MONTH', level: 'NUTS3' },
];
const QUERY = `query Series($interval: RegistrationInterval!, $level: UptakeLevel!, $from: LocalDate, $to: LocalDate) {
  uptakeSeries(interval: $interval, level: $level, from: $from, to: $to) {
    period country nuts name started active ended practicesAvailable practicesAdopted } }`;
const COUNTRIES = ['DE', 'FR', 'IT', 'ES', 'NL', 'PL', 'PT', 'SE', 'RO', 'EL'];

const { values: flags } = parseArgs({
  options: {
    count: { type: 'string' },
    repeat: { type: 'string', default: '10' },
    'node-env': { type: 'string', default: 'production' },
    keep: { type: 'boolean', default: false },
  },
});
const count = Number(flags.count ?? (process.env.DATABASE_URL ? 100_000 : 5_000));
const repeat = Number(flags.repeat);
if (!(Number.isInteger(count) && count > 0) || !(Number.isInteger(repeat) && repeat > 0)) {
  console.error('usage: node test/bench/uptake.mjs [--count practices] [--repeat n] [--node-env mode] [--keep]');
  process.exit(1);
}

const env = benchEnv(flags['node-env']);

const signer = createTokenSigner(env.RADAR_SIGNING_KEYS);

const sqlText = (value) => `'${value.replace(/'/g, "''")}'`;
const pick = (list) => `(array[${list.map(sqlText).join(',')}])[1 + floor(random() * ${list.length})::int]`;

/**
 * Practices published over 2019-2026 in one country and one (generated) NUTS3 region each; every practice gets three
 * adoptions by three different adopters, in its region, its country's NUTS2 region or the country alone, so no two
 * overlap. One set-based insert per batch.
 */
async function load(sql) {
  await sql(`create table bench_practice (n int primary key, id uuid, country text, nuts text)`);
  for (let from = 1; from <= count; from += BATCH) {
    const to = Math.min(count, from + BATCH - 1);
    await sql(`insert into bench_practice select g, gen_random_uuid(), c, case c when 'GR' then 'EL' else c end
        || (1 + floor(random() * 3))::int || (1 + floor(random() * 4))::int || (1 + floor(random() * 5))::int
      from (select g, ${pick(COUNTRIES.map((c) => (c === 'EL' ? 'GR' : c)))} as c from generate_series(${from}, ${to}) g) s`);
    await sql(`insert into practice (id, title, summary, type, maturity, cdhi_codes, cdhi_codes_expanded, topics,
      target_groups, care_settings, languages, countries, nuts, standards, owner_id, status, created_at, updated_at,
      published_at)
      select b.id, 'Practice ' || b.n, 'A generated practice.', 'APP', 'PILOT', '{}', '{}', '{}', '{}', '{}', '{en}',
        array[b.country], array[b.nuts], '{}', '${OWNER_ID}', 'PUBLISHED', t, t, t
      from (select *, timestamptz '2019-01-01' + random() * interval '2900 days' as t from bench_practice
        where n between ${from} and ${to}) b`);
    await sql(`insert into adoption (id, practice_id, adopter_id, country, nuts, scale, status, start_date, end_date,
      created_at, updated_at, version)
      select gen_random_uuid(), x.id, md5('adopter' || x.k)::uuid, x.country,
        case x.k when 1 then x.nuts when 2 then left(x.nuts, 4) else null end, 'LOCAL', x.status, x.start_date,
        case when x.status = 'ENDED' then x.start_date + (30 + floor(random() * 900))::int end, now(), now(), 1
      from (select b.*, k, date '2019-01-01' + floor(random() * 2900)::int as start_date,
          (array['PLANNED', 'PILOTING', 'ONGOING', 'ONGOING', 'ONGOING', 'ONGOING', 'ONGOING', 'ENDED', 'ENDED',
            'ENDED'])[1 + floor(random() * 10)::int] as status
        from bench_practice b cross join generate_series(1, 3) k where b.n between ${from} and ${to}) x`);
  }
  // A table, not a temporary one: the pool may run each statement on another connection.
  await sql('drop table bench_practice');
  await sql('analyze practice');
  await sql('analyze adoption');
}

/** The same figures computed directly: every period joined with every adoption in use by its end. */
function directSql(interval, level) {
  const unit = { YEAR: 'year', QUARTER: 'quarter', MONTH: 'month' }[interval];
  const months = { YEAR: 12, QUARTER: 3, MONTH: 1 }[interval];
  const length = { COUNTRY: null, NUTS1: 3, NUTS2: 4, NUTS3: 5 }[level];
  const place = length ? `left(a.nuts, ${length})` : 'a.country';
  const has = length ? `and length(a.nuts) >= ${length}` : '';
  const practicePlace = length ? `left(n, ${length})` : 'c';
  const practiceFrom = length ? `unnest(p.nuts) n where length(n) >= ${length}` : 'unnest(p.countries) c where true';
  return `with periods as (select s::date as start, (s + interval '${months} months' - interval '1 day')::date as "end"
      from generate_series(date_trunc('${unit}', date '${FROM}'), date_trunc('${unit}', date '${TO}'), interval '${months} months') s),
    uses as (select a.practice_id, ${place} as place, least(coalesce(a.start_date, a.created_at::date),
        coalesce(a.end_date, case when a.status = 'ENDED' then a.updated_at::date end)) as use_start,
        coalesce(a.end_date, case when a.status = 'ENDED' then a.updated_at::date end) as use_end
      from adoption a join practice p on p.id = a.practice_id
      where a.deleted_at is null and a.status in ('PILOTING', 'ONGOING', 'ENDED') and p.deleted_at is null
        and p.status = 'PUBLISHED' ${has}),
    counted as (select pe.start, u.place, count(*) filter (where u.use_start >= pe.start) as started,
        count(*) filter (where u.use_end between pe.start and pe."end") as ended,
        count(*) filter (where u.use_end is null or u.use_end >= pe.start) as active,
        count(distinct u.practice_id) filter (where u.use_end is null or u.use_end >= pe.start) as adopted
      from periods pe join uses u on u.use_start <= pe."end" group by pe.start, u.place),
    available as (select pe.start, x.place, count(distinct x.id) as available from periods pe
      join (select distinct p.id, ${practicePlace} as place, p.published_at::date as since from practice p, ${practiceFrom}
        and p.deleted_at is null and p.status = 'PUBLISHED') x on x.since <= pe."end" group by pe.start, x.place)
    select to_char(coalesce(c.start, v.start), 'YYYY-MM-DD') as start, coalesce(c.place, v.place) as place,
      coalesce(c.started, 0)::int as started, coalesce(c.ended, 0)::int as ended, coalesce(c.active, 0)::int as active,
      coalesce(c.adopted, 0)::int as adopted, coalesce(v.available, 0)::int as available
    from counted c full join available v on v.start = c.start and v.place = c.place
    order by 1, 2`;
}

/** The series from `url`: the gateway, or the practices subgraph itself when `headers` sign the caller as the gateway does. */
/** The series from `url`; `sign` gives the headers a subgraph wants for the exact body sent. */
async function gatewaySeries(url, variables, sign = () => ({})) {
  const body = JSON.stringify({ query: QUERY, variables });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...sign(body) },
    body,
  });
  const answer = await response.json().catch(() => null);
  const rows = answer?.data?.uptakeSeries;
  if (response.status !== 200 || answer?.errors || !rows) {
    throw new Error(`gateway: bad answer (HTTP ${response.status}): ${JSON.stringify(answer).slice(0, 500)}`);
  }
  return rows;
}

const fingerprint = (rows) =>
  rows
    .filter((row) => row.started || row.ended || row.active || row.adopted || row.available)
    .map(
      (row) =>
        `${row.start.slice(0, 10)} ${row.place} ${row.started} ${row.ended} ${row.active} ${row.adopted} ${row.available}`,
    )
    .sort()
    .join('\n');

async function measure(sql, url, subgraphUrl, { interval, level }) {
  const statement = uptakeSeriesStatement(anonymous, { interval, level, from: FROM, to: TO });
  const variables = { interval, level, from: FROM, to: TO };
  const joined = await timed(() => sql(directSql(interval, level)));
  const raw = [];
  const gateway = [];
  const subgraph = [];
  let size = 0;
  for (let i = 0; i < WARMUP + repeat; i += 1) {
    const once = await timed(() => sql(statement.sql, statement.params));
    const viaGateway = await timed(() => gatewaySeries(url, variables));
    const requestId = randomBytes(8).toString('hex');
    const direct = await timed(() =>
      gatewaySeries(subgraphUrl, variables, (body) => signer.headersFor({ caller: anonymous, requestId, body })),
    );
    if (viaGateway.result.length !== once.result.length) {
      throw new Error(
        `${interval}/${level}: gateway gave ${viaGateway.result.length} rows, the statement ${once.result.length}`,
      );
    }
    if (i === 0) {
      const mine = fingerprint(once.result);
      const theirs = fingerprint(joined.result);
      if (mine !== theirs) {
        const other = new Set(theirs.split('\n'));
        const differing = mine.split('\n').filter((line) => !other.has(line));
        throw new Error(
          `${interval}/${level}: the series differs from the direct computation: ${differing.slice(0, 5).join('; ')} | direct: ${theirs
            .split('\n')
            .filter((line) => !mine.includes(line))
            .slice(0, 5)
            .join('; ')}`,
        );
      }
      const served = viaGateway.result.map((row) => ({
        start: '',
        place: row.nuts ?? row.country,
        ...row,
        adopted: row.practicesAdopted,
        available: row.practicesAvailable,
      }));
      const want = once.result.map(
        (row) => `${row.period} ${row.place} ${row.started} ${row.ended} ${row.active} ${row.adopted} ${row.available}`,
      );
      const got = served.map(
        (row) => `${row.period} ${row.place} ${row.started} ${row.ended} ${row.active} ${row.adopted} ${row.available}`,
      );
      if (want.join('\n') !== got.join('\n'))
        throw new Error(`${interval}/${level}: the gateway's figures differ from the statement's`);
    }
    size = once.result.length;
    if (i < WARMUP) continue;
    raw.push(once.ms);
    gateway.push(viaGateway.ms);
    subgraph.push(direct.ms);
  }
  const ms = [
    percentile(raw, 0.5),
    percentile(raw, 0.95),
    percentile(subgraph, 0.5),
    percentile(gateway, 0.5),
    percentile(gateway, 0.95),
  ];
  return { name: `${interval} × ${level}`, rows: size, direct: joined.ms, ms, ratio: ms[3] / ms[0] };
}

const stack = practicesStack(env);
let exitCode = 0;
try {
  const { sql, url } = await stack.start({ seedOrganisations: false, seedPractices: false });

  const loadStart = performance.now();
  await load(sql);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const [total] = await sql(`select (select count(*) from practice)::int as practices,
    (select count(*) from adoption)::int as adoptions`);

  const database = databaseLabel(env);
  console.log(
    `\n${database}, NODE_ENV=${env.NODE_ENV}, ${repeat} sequential series per case (${WARMUP} warm-up), ${FROM} to ${TO}`,
  );
  console.log(
    `loaded ${total.practices} practices and ${total.adoptions} adoptions in ${loadSeconds.toFixed(1)}s (with analyze)`,
  );
  if (!env.DATABASE_URL && !flags.count)
    console.log('note: on PGlite the default count is 5000; the target is about a PostgreSQL server');
  console.log();

  const results = [];
  for (const entry of CASES) {
    results.push(await measure(sql, url, `${stack.practices.server.url}/graphql`, entry));
  }
  const header = [
    'series',
    'rows',
    'direct join',
    'sql p50',
    'sql p95',
    'subgraph p50',
    'gateway p50',
    'gateway p95',
    'ratio p50',
  ];
  const table = results.map((r) => [
    r.name,
    r.rows,
    r.direct.toFixed(0),
    ...r.ms.map((ms) => ms.toFixed(1)),
    `${r.ratio.toFixed(2)}×`,
  ]);
  printTable(header, table);
  const worst = Math.max(...results.map((r) => r.ratio));
  const verdict = worst <= TARGET_RATIO ? 'met' : 'not met';
  console.log(
    `\nms; "sql" is the one statement the subgraph runs, run directly; "subgraph" the practices subgraph asked directly; "direct join" the same figures by a join of every period with every adoption (once, as a check).`,
  );
  console.log(`highest gateway/SQL ratio of p50s: ${worst.toFixed(2)}× (target ≤ ${TARGET_RATIO}×: ${verdict})`);
} catch (error) {
  console.error(error instanceof Error ? error.stack : error);
  exitCode = 1;
} finally {
  await stack.stop({ keep: Boolean(flags.keep) });
}
process.exit(exitCode);
