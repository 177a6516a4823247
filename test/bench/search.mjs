// Loads N generated practices and compares full-text search latency through the gateway with the raw SQL it runs.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { benchEnv, databaseLabel, percentile, practicesStack, printTable, timed } from './practices-stack.mjs';

const TARGET_RATIO = 3;
const WARMUP = 5;
const BATCH = 10_000;
const OWNER_ID = '7b0f1c52-3f4e-4b53-9a51-2f6f0a1c0003';
const RARE = 'xenotransplantation';
const TERMS = [RARE, 'telemonitoring', 'tele plat', 'cardiology rehabilitation', 'Santé'];
const QUERY = `query Search($text: String!) { practices(filter: { text: $text }, first: 20) {
  totalCount nodes { id title maturity } } }`;
// Skewed draws (position k has probability ~ sqrt(k+1) - sqrt(k)), so words earlier in the list are more common.
const WORDS = `ageing diabetes hospital mental app registry nursing pharmacy imaging triage telemonitoring
  prevention oncology screening vaccination paediatric dementia frailty obesity asthma platform stroke maternity
  palliative wearable chatbot dashboard records consent genomics telehealth dialysis epilepsy hypertension
  loneliness cardiology rehabilitation interoperability santé médecine`.split(/\s+/);
/** The stored, GIN-indexed search column the service searches and ranks on. */
const VECTOR_SQL = 'p.search_vector';

const { values: flags } = parseArgs({
  options: {
    count: { type: 'string' },
    repeat: { type: 'string', default: '30' },
    'node-env': { type: 'string', default: 'production' },
  },
});
const count = Number(flags.count ?? (process.env.DATABASE_URL ? 100_000 : 10_000));
const repeat = Number(flags.repeat);
if (!(Number.isInteger(count) && count >= 0) || !(Number.isInteger(repeat) && repeat > 0)) {
  console.error('usage: node test/bench/search.mjs [--count practices] [--repeat n] [--node-env mode]');
  process.exit(1);
}

const env = benchEnv(flags['node-env']);

const sqlText = (value) => `'${value.replace(/'/g, "''")}'`;
const pick = (list) => `(array[${list.map(sqlText).join(',')}])[1 + floor(random() * ${list.length})::int]`;

/** One set-based insert per batch; bench_words() draws n skewed words from WORDS for every row. */
async function loadPractices(sql) {
  await sql(`create or replace function bench_words(n int) returns text language sql volatile as $$
    select string_agg((array[${WORDS.map(sqlText).join(',')}])[1 + floor(power(random(), 2) * ${WORDS.length})::int], ' ')
    from generate_series(1, n) $$`);
  const types = `APP DIGITAL_SERVICE COMPLEX_SOLUTION POLICY STRATEGY ASSESSMENT_FRAMEWORK MODEL METHOD_TOOL
    GUIDELINE_STANDARD TRAINING`.split(/\s+/);
  const maturity = ['CONCEPT', 'DEVELOPMENT', 'PILOT', 'IMPLEMENTED', 'SCALED_UP'];
  for (let from = 1; from <= count; from += BATCH) {
    const to = Math.min(count, from + BATCH - 1);
    await sql(`insert into practice (id, title, summary, description, type, maturity, trl, cdhi_codes,
      cdhi_codes_expanded, topics, target_groups, care_settings, languages, countries, nuts, standards, owner_id,
      status, created_at, updated_at, published_at)
      select gen_random_uuid(), initcap(bench_words(3)) || case when g % 2000 = 1 then ' ${RARE}' else '' end,
        bench_words(8), case when random() < 0.5 then null else bench_words(15) end,
        ${pick(types)}, ${pick(maturity)}, 1 + floor(random() * 9)::int,
        '{}', '{}', array[${pick(['diabetes', 'mental-health', 'ageing', 'oncology'])}], '{}', '{}', '{en}',
        array[${pick(['DE', 'FR', 'IT', 'ES', 'NL', 'PL', 'PT', 'SE'])}], '{}', '{}', '${OWNER_ID}',
        case when g % 10 = 0 then 'DRAFT' else 'PUBLISHED' end, t, t, t
      from (select g, now() - (g % 1000) * interval '1 day' as t from generate_series(${from}, ${to}) g) s`);
  }
  await sql('analyze practice');
}

/** The statements searchPractices runs for an anonymous caller ordered by relevance: count, page, rows by id. */
async function rawSearch(sql, text) {
  const tsquery = `to_tsquery('simple'::regconfig, radar_fold(${sqlText(prefixQuery(text))}))`;
  const where = `(p.deleted_at is null and p.status = 'PUBLISHED') and (p.status = any('{"PUBLISHED"}'::text[]))
    and (${VECTOR_SQL} @@ ${tsquery})`;
  const [counted] = await sql(`select count(*)::int as count from practice p where ${where}`);
  const page = await sql(`select p.id, ts_rank(${VECTOR_SQL}, ${tsquery}) as rank from practice p where ${where}
    order by rank desc, p.id asc limit 21 offset 0`);
  const ids = page.map((row) => row.id);
  if (ids.length > 0) await sql(`select p0.* from practice as p0 where p0.id in (${ids.map(sqlText).join(', ')})`);
  return { count: counted.count, ids: ids.slice(0, 20) };
}

function prefixQuery(text) {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).map((word) => `${word}:*`).join(' & ');
}

async function gatewaySearch(url, text) {
  const body = JSON.stringify({ query: QUERY, variables: { text } });
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const answer = await response.json().catch(() => null);
  const result = answer?.data?.practices;
  if (response.status !== 200 || answer?.errors || !result) {
    throw new Error(`gateway "${text}": bad answer (HTTP ${response.status}): ${JSON.stringify(answer).slice(0, 500)}`);
  }
  return { count: result.totalCount, ids: result.nodes.map((node) => node.id) };
}

/** Raw SQL and gateway alternate, one request at a time; every gateway answer must agree with the raw one. */
async function measure(sql, url, text) {
  const raw = [];
  const gateway = [];
  let matches = 0;
  for (let i = 0; i < WARMUP + repeat; i += 1) {
    const direct = await timed(() => rawSearch(sql, text));
    const viaGateway = await timed(() => gatewaySearch(url, text));
    const [want, got] = [direct.result, viaGateway.result];
    if (got.count !== want.count || got.ids.join() !== want.ids.join()) {
      throw new Error(`"${text}": gateway found ${got.count} (${got.ids.length} nodes), raw SQL ${want.count}`);
    }
    matches = want.count;
    if (i < WARMUP) continue;
    raw.push(direct.ms);
    gateway.push(viaGateway.ms);
  }
  const ms = [percentile(raw, 0.5), percentile(raw, 0.95), percentile(gateway, 0.5), percentile(gateway, 0.95)];
  return { text, matches, ms, ratio: ms[2] / ms[0] };
}

const stack = practicesStack(env);
let exitCode = 0;
try {
  const { sql, url } = await stack.start({ seedOrganisations: true, seedPractices: true });

  const loadStart = performance.now();
  await loadPractices(sql);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const [total] = await sql(
    "select count(*)::int as rows, count(*) filter (where status = 'PUBLISHED')::int as published from practice",
  );

  const database = databaseLabel(env);
  console.log(`\n${database}, NODE_ENV=${env.NODE_ENV}, ${repeat} sequential searches per term (${WARMUP} warm-up)`);
  console.log(`loaded ${count} practices in ${loadSeconds.toFixed(1)}s (with analyze)`);
  console.log(`practice rows: ${total.rows} (${total.published} published)`);
  if (!env.DATABASE_URL && !flags.count) {
    console.log('note: PGlite loads slowly, so the default count is 10000; the target is about a PostgreSQL server');
  }
  console.log();

  const rows = [];
  for (const text of TERMS) rows.push(await measure(sql, url, text));
  const header = ['search', 'matches', 'sql p50', 'sql p95', 'gateway p50', 'gateway p95', 'ratio p50'];
  const table = rows.map((r) => [r.text, r.matches, ...r.ms.map((ms) => ms.toFixed(1)), `${r.ratio.toFixed(2)}×`]);
  printTable(header, table);
  const ratios = rows.map((r) => r.ratio);
  const median = percentile(ratios, 0.5);
  const verdict = median <= TARGET_RATIO ? 'met' : 'not met';
  console.log(`\nms; median gateway/SQL ratio of p50s: ${median.toFixed(2)}× (target ≤ ${TARGET_RATIO}×: ${verdict})`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await stack.stop();
}
process.exit(exitCode);
