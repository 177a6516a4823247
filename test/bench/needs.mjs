// Loads N generated practices, their adoptions and M needs, then times matchmaking through the gateway: a need's
// candidates, a practice's matching needs and the twinning pairs.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { benchEnv, databaseLabel, percentile, practicesStack } from './practices-stack.mjs';

/** p95 of a need's candidates through the gateway, in ms, at the default size on a PostgreSQL server. */
const TARGET_P95_MS = 500;
const WARMUP = 3;
const OWNER_ID = '7b0f1c52-3f4e-4b53-9a51-2f6f0a1c0003';

const { values: flags } = parseArgs({
  options: {
    practices: { type: 'string' },
    needs: { type: 'string', default: '500' },
    repeat: { type: 'string', default: '20' },
  },
});
const practiceCount = Number(flags.practices ?? (process.env.DATABASE_URL ? 10_000 : 2_000));
const needCount = Number(flags.needs);
const repeat = Number(flags.repeat);
if (![practiceCount, needCount, repeat].every((value) => Number.isInteger(value) && value > 0)) {
  console.error('usage: node test/bench/needs.mjs [--practices n] [--needs n] [--repeat n]');
  process.exit(1);
}

const env = benchEnv('production');

const list = (values) => `array[${values.map((value) => `'${value}'`).join(',')}]`;
/** 1 to 3 distinct codes drawn from `codes`, as a text[] expression. */
const some = (codes) =>
  `array(select distinct (${list(codes)})[1 + floor(random() * ${codes.length})::int] from generate_series(1, 1 + floor(random() * 3)::int))`;
const one = (codes) => `(${list(codes)})[1 + floor(random() * ${codes.length})::int]`;
const CDHI = ['1.4.2', '2.2.1', '2.3.3', '2.4.1', '2.4.2', '2.4.4', '2.8.1', '3.1.1', '4.1.2', '4.4.2'];
const CHALLENGES = ['1.3', '1.4', '2.2', '3.5', '5.2', '5.4', '6.1', '6.4', '7.1', '9.1'];
const SERVICES = ['A1', 'A3', 'A5', 'A7', 'A9', 'D8'];
const GROUPS = ['PATIENTS_CITIZENS', 'OLDER_PEOPLE', 'HEALTH_PROFESSIONALS', 'POLICY_MAKERS'];
const SETTINGS = ['HOSPITAL', 'PRIMARY_CARE', 'HOME', 'COMMUNITY'];
const MATURITY = ['CONCEPT', 'DEVELOPMENT', 'PILOT', 'IMPLEMENTED', 'SCALED_UP'];
const PLACES = ['RO21', 'RO22', 'DE21', 'DE22', 'FR10', 'ES51', 'ITC4', 'PL91', 'PT17', 'SE11'];

async function load(sql) {
  const expanded =
    "array(select distinct x from unnest(c) as c0(code), lateral unnest(array[split_part(code, '.', 1), split_part(code, '.', 1) || '.' || split_part(code, '.', 2), code]) as x)";
  await sql(`insert into practice (id, title, summary, type, maturity, cdhi_codes, cdhi_codes_expanded,
      health_system_challenges, service_types, topics, target_groups, care_settings, languages, countries, nuts,
      standards, owner_id, status, created_at, updated_at, published_at)
    select gen_random_uuid(), 'Bench practice ' || g, 'A generated practice.', 'APP', ${one(MATURITY)}, c,
      ${expanded}, ${some(CHALLENGES)}, ${some(SERVICES)}, '{}', ${some(GROUPS)},
      ${some(SETTINGS)}, '{en}', '{}', '{}', '{}', '${OWNER_ID}', 'PUBLISHED', now(), now(), now()
    from (select g, ${some(CDHI)} as c from generate_series(1, ${practiceCount}) g) s`);
  // A fifth of the practices are adopted, in one to three distinct places.
  await sql(`insert into adoption (id, practice_id, adopter_id, country, nuts, scale, status, start_date, created_at,
      updated_at, version)
    select gen_random_uuid(), p.id, '${OWNER_ID}', left(place, 2), place, 'REGIONAL', 'ONGOING',
      date '2020-01-01' + n, now(), now(), 1
    from (select id from practice where random() < 0.2) p, lateral generate_series(1, 1 + abs(hashtext(p.id::text)) % 3) n,
      lateral (select (${list(PLACES)})[1 + (abs(hashtext(p.id::text)) + n) % ${PLACES.length}] as place) x`);
  await sql(`insert into need (id, title, description, language, cdhi_codes, cdhi_codes_expanded,
      health_system_challenges, service_types, target_groups, care_settings, languages, country, nuts, min_maturity,
      owner_id, status, state, created_at, updated_at, published_at, version)
    select gen_random_uuid(), 'Bench need ' || g, 'A generated need.', 'en', c, ${expanded}, ${some(CHALLENGES)},
      ${some(SERVICES)}, ${some(GROUPS)}, ${some(SETTINGS)}, '{en}', left(place, 2), place, 'PILOT', '${OWNER_ID}',
      'PUBLISHED', 'OPEN', now(), now(), now(), 1
    from (select g, ${some(CDHI)} as c, ${one(PLACES)} as place from generate_series(1, ${needCount}) g) s`);
  await sql('analyze practice; analyze adoption; analyze need');
}

async function ask(url, query, variables) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const answer = await response.json().catch(() => null);
  if (response.status !== 200 || answer?.errors || !answer?.data) {
    throw new Error(`bad answer (HTTP ${response.status}): ${JSON.stringify(answer).slice(0, 500)}`);
  }
  return answer.data;
}

/** Sequential requests, each with the next of `ids` (none when empty); `found` counts the matches of an answer. */
async function measure(url, name, query, ids, found) {
  const times = [];
  let matches = 0;
  for (let i = 0; i < WARMUP + repeat; i += 1) {
    const start = performance.now();
    const data = await ask(url, query, ids.length ? { id: ids[i % ids.length] } : {});
    const ms = performance.now() - start;
    matches += found(data);
    if (i >= WARMUP) times.push(ms);
  }
  return { name, p50: percentile(times, 0.5), p95: percentile(times, 0.95), matches: matches / (WARMUP + repeat) };
}

const stack = practicesStack(env);
let exitCode = 0;
try {
  const { sql, url } = await stack.start({ seedOrganisations: true, seedPractices: true });
  const loadStart = performance.now();
  await load(sql);
  const [totals] = await sql(`select (select count(*) from practice where status = 'PUBLISHED')::int as practices,
    (select count(*) from adoption)::int as adoptions, (select count(*) from need)::int as needs`);
  const needIds = (await sql('select id from need order by random() limit 50')).map((row) => row.id);
  const practiceIds = (await sql("select id from practice where status = 'PUBLISHED' order by random() limit 50")).map(
    (row) => row.id,
  );
  const database = databaseLabel(env);
  console.log(`\n${database}, ${repeat} sequential requests each (${WARMUP} warm-up)`);
  console.log(
    `loaded ${totals.practices} published practices, ${totals.adoptions} adoptions, ${totals.needs} needs in ${((performance.now() - loadStart) / 1000).toFixed(1)}s`,
  );
  const header = ['request', 'p50 ms', 'p95 ms', 'matches'];
  const widths = [34, 9, 9, 8];
  const line = (cells) => console.log(cells.map((cell, i) => String(cell).padStart(widths[i])).join('  '));
  line(header);
  const rows = [];
  for (const [name, query, ids, found] of [
    [
      'Need.candidates(first: 10)',
      'query($id: UUID!) { need(id: $id) { candidates(first: 10) { score reasons practice { id title } } } }',
      needIds,
      (data) => data.need.candidates.length,
    ],
    [
      'Practice.matchingNeeds(first: 10)',
      'query($id: UUID!) { practice(id: $id) { matchingNeeds(first: 10) { score reasons need { id title } } } }',
      practiceIds,
      (data) => data.practice.matchingNeeds.length,
    ],
    [
      'twinningCandidates(first: 20)',
      '{ twinningCandidates(first: 20) { score practice { id } need { id } } }',
      [],
      (data) => data.twinningCandidates.length,
    ],
  ]) {
    const row = await measure(url, name, query, ids, found);
    rows.push(row);
    line([row.name, row.p50.toFixed(1), row.p95.toFixed(1), row.matches.toFixed(1)]);
  }
  const verdict = rows[0].p95 <= TARGET_P95_MS ? 'met' : 'not met';
  console.log(`\nNeed.candidates p95 ${rows[0].p95.toFixed(1)} ms (target ≤ ${TARGET_P95_MS} ms: ${verdict})`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await stack.stop();
}
process.exit(exitCode);
