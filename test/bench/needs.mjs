// Loads N generated practices (100,000 on a PostgreSQL server), their adoptions and M needs, then times matchmaking
// through the gateway against a text search on the same data: a need's candidates, a practice's matching needs and
// the twinning pairs, each as p50/p90 and as a ratio to the text search's p50 (target for Need.candidates ≤ 2×).
// Every timed request asks what no request before it asked (another need, practice, pair of countries or text), so
// none is answered from the gateway's response cache; a few texts asked in turn, answered from it, are timed too, for
// comparison.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { benchEnv, databaseLabel, percentile, practicesStack, printTable, timed } from './practices-stack.mjs';

const TARGET_RATIO = 2;
const WARMUP = 5;
const OWNER_ID = '7b0f1c52-3f4e-4b53-9a51-2f6f0a1c0003';

const { values: flags } = parseArgs({
  options: {
    count: { type: 'string' },
    needs: { type: 'string', default: '1000' },
    repeat: { type: 'string', default: '30' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
  },
});
const practiceCount = Number(flags.count ?? (process.env.DATABASE_URL ? 100_000 : 2_000));
const needCount = Number(flags.needs);
const repeat = Number(flags.repeat);
if (![practiceCount, needCount, repeat].every((value) => Number.isInteger(value) && value > 0)) {
  console.error(
    'usage: node test/bench/needs.mjs [--count 100000] [--needs 1000] [--repeat 30] [--keep] [--reuse radar_benchXXXX]',
  );
  process.exit(1);
}
if (flags.reuse && !process.env.DATABASE_URL) {
  console.error('--reuse names databases on a PostgreSQL server: set DATABASE_URL');
  process.exit(1);
}

const env = benchEnv('production');
// --reuse names the databases a --keep run left, to time them again without loading anything.
if (flags.reuse) env.DATABASE_PREFIX = flags.reuse;

const list = (values) => `array[${values.map((value) => `'${value}'`).join(',')}]`;
/** 1 to 3 distinct codes drawn from `codes`, as a text[] expression drawn again for each `row` (a column). */
const some = (codes, row = 'g') =>
  `array(select distinct (${list(codes)})[1 + floor(random() * ${codes.length})::int] from generate_series(1, 1 + floor(random() * 3)::int) where ${row} is not null)`;
const one = (codes) => `(${list(codes)})[1 + floor(random() * ${codes.length})::int]`;
const CDHI = ['1.4.2', '2.2.1', '2.3.3', '2.4.1', '2.4.2', '2.4.4', '2.8.1', '3.1.1', '4.1.2', '4.4.2'];
const CHALLENGES = ['1.3', '1.4', '2.2', '3.5', '5.2', '5.4', '6.1', '6.4', '7.1', '9.1'];
const SERVICES = ['A1', 'A3', 'A5', 'A7', 'A9', 'D8'];
const GROUPS = ['PATIENTS_CITIZENS', 'OLDER_PEOPLE', 'HEALTH_PROFESSIONALS', 'POLICY_MAKERS'];
const SETTINGS = ['HOSPITAL', 'PRIMARY_CARE', 'HOME', 'COMMUNITY'];
const MATURITY = ['CONCEPT', 'DEVELOPMENT', 'PILOT', 'IMPLEMENTED', 'SCALED_UP'];
const PLACES = ['RO21', 'RO22', 'DE21', 'DE22', 'FR10', 'ES51', 'ITC4', 'PL91', 'PT17', 'SE11', 'EL30', 'EL52'];
const LANGUAGES = ['en', 'fr', 'de', 'ro', 'el'];
// Titles and summaries from a small vocabulary, so that a text search finds a share of the practices, as it would.
const SERVICE_WORDS = ['Remote monitoring', 'Teleconsultation', 'Electronic referral', 'Patient portal', 'Care app'];
const CONDITION_WORDS = ['diabetes', 'heart failure', 'dementia', 'COPD', 'depression', 'stroke', 'cancer', 'asthma'];
const CITY_WORDS = ['Porto', 'Cluj', 'Munich', 'Lyon', 'Seville', 'Turin', 'Gdansk', 'Uppsala', 'Athens', 'Tartu'];
const AIM_WORDS = ['cuts readmissions', 'shortens waiting times', 'supports self-care', 'saves travel'];
/** Texts asked in turn, so that all but the first few are answered from the gateway's cache: for comparison. */
const REPEATED_TERMS = ['diabetes', 'teleconsultation', 'Porto', 'remote monitoring', 'readmissions', 'dementia Lyon'];
/**
 * `count` distinct texts of the kinds people type (a service, a condition, a city, an outcome, then a condition in a
 * city), each found in a share of the practices.
 */
function searchTerms(count) {
  const singles = [SERVICE_WORDS, CONDITION_WORDS, CITY_WORDS, AIM_WORDS.map((aim) => aim.split(' ').pop())];
  const terms = [...new Set(singles.flat().map((text) => text.toLowerCase()))];
  for (const condition of CONDITION_WORDS) {
    for (const city of CITY_WORDS) terms.push(`${condition} ${city}`);
  }
  if (count > terms.length) throw new Error(`at most ${terms.length} distinct texts: ask fewer with --repeat`);
  return terms.slice(0, count);
}
/** `count` distinct lists of one or two countries the generated needs are in, for twinningCandidates' filter. */
function countryLists(count) {
  const countries = [...new Set(PLACES.map((place) => (place.startsWith('EL') ? 'GR' : place.slice(0, 2))))];
  const lists = [
    ...countries.map((country) => [country]),
    ...countries.flatMap((a, i) => countries.slice(i + 1).map((b) => [a, b])),
  ];
  if (count > lists.length) throw new Error(`at most ${lists.length} distinct country lists: ask fewer with --repeat`);
  return lists.slice(0, count);
}

async function load(sql) {
  const expanded =
    "array(select distinct x from unnest(c) as c0(code), lateral unnest(array[split_part(code, '.', 1), split_part(code, '.', 1) || '.' || split_part(code, '.', 2), code]) as x)";
  await sql(`insert into practice (id, title, summary, type, maturity, cdhi_codes, cdhi_codes_expanded,
      health_system_challenges, service_types, topics, target_groups, care_settings, languages, countries, nuts,
      standards, owner_id, status, created_at, updated_at, published_at)
    select gen_random_uuid(), t.service || ' for ' || t.condition || ' in ' || t.city || ' ' || g,
      t.service || ' that follows people with ' || t.condition || ' at home and ' || t.aim || ' in ' || t.city || '.',
      'APP', ${one(MATURITY)}, c, ${expanded}, ${some(CHALLENGES)}, ${some(SERVICES)}, '{}', ${some(GROUPS)},
      ${some(SETTINGS)}, ${some(LANGUAGES)}, '{}', '{}', '{}', '${OWNER_ID}', 'PUBLISHED', now(), now(), now()
    from (select g, ${some(CDHI)} as c from generate_series(1, ${practiceCount}) g) s,
      lateral (select ${one(SERVICE_WORDS)} as service, ${one(CONDITION_WORDS)} as condition,
        ${one(CITY_WORDS)} as city, ${one(AIM_WORDS)} as aim, g as seen) t`);
  // A fifth of the practices are adopted, in one to three distinct places.
  await sql(`insert into adoption (id, practice_id, adopter_id, country, nuts, scale, status, start_date, created_at,
      updated_at, version)
    select gen_random_uuid(), p.id, '${OWNER_ID}', case left(place, 2) when 'EL' then 'GR' else left(place, 2) end,
      place, 'REGIONAL', 'ONGOING', date '2020-01-01' + n, now(), now(), 1
    from (select id from practice where random() < 0.2) p, lateral generate_series(1, 1 + abs(hashtext(p.id::text)) % 3) n,
      lateral (select (${list(PLACES)})[1 + (abs(hashtext(p.id::text)) + n) % ${PLACES.length}] as place) x`);
  await sql(`insert into need (id, title, description, language, cdhi_codes, cdhi_codes_expanded,
      health_system_challenges, service_types, target_groups, care_settings, languages, country, nuts, min_maturity,
      owner_id, status, state, created_at, updated_at, published_at, version)
    select gen_random_uuid(), 'Bench need ' || g, 'A generated need.', 'en', c, ${expanded}, ${some(CHALLENGES)},
      ${some(SERVICES)}, ${some(GROUPS)}, ${some(SETTINGS)}, ${some(LANGUAGES)},
      case left(place, 2) when 'EL' then 'GR' else left(place, 2) end, place, ${one(['PILOT', 'IMPLEMENTED'])},
      '${OWNER_ID}', 'PUBLISHED', 'OPEN', now(), now(), now(), 1
    from (select g, ${some(CDHI)} as c, ${one(PLACES)} as place from generate_series(1, ${needCount}) g) s`);
  await sql('analyze practice; analyze adoption; analyze need');
}

/** An anonymous request's data, and whether the gateway answered it from its cache (`x-radar-cache: HIT`). */
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
  return { data: answer.data, hit: response.headers.get('x-radar-cache') === 'HIT' };
}

const SEARCH =
  'query($text: String!) { practices(filter: { text: $text }, first: 20) { totalCount nodes { id title } } }';
/** Named, so that its cached answers are not those of the distinct searches that happen to ask the same text. */
const REPEATED_SEARCH = SEARCH.replace('query(', 'query Repeated(');

const stack = practicesStack(env);
let exitCode = 0;
try {
  const { sql, url } = await stack.start({ seedOrganisations: !flags.reuse, seedPractices: !flags.reuse });
  const loadStart = performance.now();
  if (!flags.reuse) await load(sql);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const [totals] = await sql(`select (select count(*) from practice where status = 'PUBLISHED')::int as practices,
    (select count(*) from adoption)::int as adoptions, (select count(*) from need)::int as needs`);
  const sample = WARMUP + repeat;
  const needIds = (await sql(`select id from need order by md5(id::text) limit ${sample}`)).map((row) => row.id);
  const practiceIds = (
    await sql(`select id from practice where status = 'PUBLISHED' order by md5(id::text) limit ${sample}`)
  ).map((row) => row.id);
  const terms = searchTerms(sample);
  const countries = countryLists(sample);
  const loadAverage = () =>
    loadavg()
      .map((n) => n.toFixed(1))
      .join(' ');
  console.log(
    `\n${databaseLabel(env)}, ${cpus().length} cores, load average ${loadAverage()}; ` +
      `${repeat} requests each (${WARMUP} warm-up), one at a time, interleaved`,
  );
  console.log(
    `${totals.practices} published practices, ${totals.adoptions} adoptions, ${totals.needs} needs` +
      (flags.reuse ? ` (reused ${flags.reuse})` : ` loaded in ${loadSeconds.toFixed(1)}s`),
  );
  const requests = [
    {
      name: `Need.candidates(first: 10), ${sample} needs`,
      query: 'query($id: UUID!) { need(id: $id) { candidates(first: 10) { score reasons practice { id title } } } }',
      variables: (i) => ({ id: needIds[i % needIds.length] }),
      found: (data) => data.need.candidates.length,
    },
    {
      name: `Practice.matchingNeeds(first: 10), ${sample} practices`,
      query: 'query($id: UUID!) { practice(id: $id) { matchingNeeds(first: 10) { score reasons need { id title } } } }',
      variables: (i) => ({ id: practiceIds[i % practiceIds.length] }),
      found: (data) => data.practice.matchingNeeds.length,
    },
    {
      name: `twinningCandidates(first: 20, countries), ${sample} lists`,
      query:
        'query($countries: [String!]) { twinningCandidates(first: 20, filter: { countries: $countries }) { score practice { id } need { id } } }',
      variables: (i) => ({ countries: countries[i] }),
      found: (data) => data.twinningCandidates.length,
    },
    {
      name: `practices(filter: { text }), ${sample} texts`,
      query: SEARCH,
      variables: (i) => ({ text: terms[i] }),
      found: (data) => data.practices.nodes.length,
    },
    {
      name: `practices(filter: { text }), ${REPEATED_TERMS.length} texts repeated`,
      query: REPEATED_SEARCH,
      variables: (i) => ({ text: REPEATED_TERMS[i % REPEATED_TERMS.length] }),
      found: (data) => data.practices.nodes.length,
    },
  ].map((request) => ({ ...request, times: [], matches: 0, hits: 0 }));
  // Interleaved, so that the machine's load at any moment weighs on every request alike.
  for (let i = 0; i < sample; i += 1) {
    for (const request of requests) {
      const { ms, result } = await timed(() => ask(url, request.query, request.variables(i)));
      request.matches += request.found(result.data);
      if (i < WARMUP) continue;
      request.times.push(ms);
      if (result.hit) request.hits += 1;
    }
  }
  const search = requests[3];
  const searchP50 = percentile(search.times, 0.5);
  printTable(
    ['request (through the gateway)', 'p50 ms', 'p90 ms', 'answers', 'cache hits', 'p50 / search p50'],
    requests.map((request) => [
      request.name,
      percentile(request.times, 0.5).toFixed(1),
      percentile(request.times, 0.9).toFixed(1),
      (request.matches / sample).toFixed(1),
      request.hits,
      `${(percentile(request.times, 0.5) / searchP50).toFixed(2)}×`,
    ]),
  );
  const ratio = percentile(requests[0].times, 0.5) / searchP50;
  console.log(
    `\nNeed.candidates p50 / text search p50 at ${totals.practices} practices: ${ratio.toFixed(2)}× ` +
      `(target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'met' : 'not met'}); ` +
      `against the repeated (cached) search: ${(percentile(requests[0].times, 0.5) / percentile(requests[4].times, 0.5)).toFixed(2)}×`,
  );
  console.log(`load average ${loadAverage()}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await stack.stop({ keep: flags.keep || Boolean(flags.reuse) });
}
process.exit(exitCode);
