// Matching needs and practices: one scoring of a (need, practice) pair in SQL, ranked three ways (a need's candidate
// practices, a practice's matching needs, twinning pairs), each in one statement whatever the number asked for.
import { type EntityManager, rows, textArray } from '@radar/common';
import {
  careSettings,
  cdhiWithAncestors,
  codesOf,
  healthSystemChallenges,
  type MaturityStage,
  maturityStages,
  serviceTypes,
  targetGroups,
} from '../practice/practice.codes.js';
import type { Practice } from '../practice/practice.entity.js';
import { withChildren } from '../practice/who-codes.inputs.js';
import type { Need } from './need.entity.js';
import type { TwinningCandidateFilter } from './need.inputs.js';

/** What each part of a need adds to a score when the need states it; a part the need leaves open does not count. */
export const MATCH_WEIGHTS = {
  cdhi: 0.25,
  challenges: 0.2,
  serviceTypes: 0.1,
  targetGroups: 0.1,
  careSettings: 0.1,
  languages: 0.05,
  nearby: 0.12,
  evidence: 0.08,
} as const;

/** Below this score a pair is not listed. */
export const MIN_MATCH_SCORE = 0.1;

/** What a code met only through its group counts (the same CDHI sub-group, or the same WHO group). */
const GROUP_MATCH = { sub: 0.5, top: 0.2 } as const;

/** How near an adoption of the practice is to the need, and what each nearness counts. */
const NEARNESS = { region: 4, neighbour: 3, country: 2, elsewhere: 1 } as const;
const NEARNESS_SCORE = `case ad.near_level when ${NEARNESS.region} then 1 when ${NEARNESS.neighbour} then 0.75 when ${NEARNESS.country} then 0.5 when ${NEARNESS.elsewhere} then 0.25 else 0 end`;

const MATURITY_ORDER = `array[${codesOf(maturityStages)
  .map((code) => `'${code}'`)
  .join(', ')}]`;
/** Whether practice `p` has reached the maturity need `n` asks for (aliases as named). */
const maturityMet = (n: string, p: string) =>
  `(${n}.min_maturity is null or array_position(${MATURITY_ORDER}, ${p}.maturity) >= array_position(${MATURITY_ORDER}, ${n}.min_maturity))`;

/**
 * How many pairs, ranked on what array operators say at once (shared codes, target groups, care settings,
 * languages), are scored in full: the full score costs most, so only for these.
 */
export const SHORTLIST = 50;

/** A weight in thousandths, so that sums of weights are integers that compare exactly and cost little to add. */
const thousandths = (weight: number) => Math.round(weight * 1000);

/**
 * The quick ranking of the shortlist, from the same weights (in thousandths): which parts a need and a practice
 * share at all.
 */
function quickScore(n: string, p: string) {
  const w = MATCH_WEIGHTS;
  const shares = (column: string, weight: number) =>
    `(case when ${n}.${column} && ${p}.${column} then ${thousandths(weight)} else 0 end)`;
  return `((case when ${n}.cdhi_codes && ${p}.cdhi_codes_expanded then ${thousandths(w.cdhi)} when ${n}.cdhi_codes_expanded && ${p}.cdhi_codes_expanded then ${thousandths(w.cdhi * GROUP_MATCH.top)} else 0 end)
    + ${shares('health_system_challenges', w.challenges)} + ${shares('service_types', w.serviceTypes)}
    + ${shares('target_groups', w.targetGroups)} + ${shares('care_settings', w.careSettings)}
    + ${shares('languages', w.languages)})`;
}

/** Adoptions that count: in use, being piloted or used in the past; a planned one is not uptake yet. */
const COUNTED_ADOPTION = "a.practice_id = p.id and a.deleted_at is null and a.status <> 'PLANNED'";
/** An adoption in the need's place: the same country and the same region or one containing the other. */
const COVERS_NEED = `a.country = n.country and (a.nuts is null or n.nuts is null or starts_with(n.nuts, left(a.nuts, 4)) or starts_with(a.nuts, left(n.nuts, 4)))`;

/**
 * The share of a need's codes a practice meets: 1 each for the code, or for a group code one of the group's codes;
 * less for a code of the same group.
 */
function codesMet(needCodes: string, practiceCodes: string, groupOf: (code: string) => string) {
  const groups = `array(select ${groupOf('c')} from unnest(${practiceCodes}) as c)`;
  return `coalesce((select avg(case when code = any(${practiceCodes}) or code = any(${groups}) then 1.0
      when ${groupOf('code')} = any(${groups}) then ${GROUP_MATCH.sub} else 0 end) from unnest(${needCodes}) as code), 0)`;
}

/** The CDHI share: a need's code is met by the same code or one below it, in part by one of the same (sub-)group. */
const cdhiMet = `coalesce((select avg(case when code = any(p.cdhi_codes_expanded) then 1.0 else coalesce((
      select max(case when k >= 2 then ${GROUP_MATCH.sub} else ${GROUP_MATCH.top} end)
      from generate_series(1, cardinality(string_to_array(code, '.')) - 1) as k
      where array_to_string((string_to_array(code, '.'))[1:k], '.') = any(p.cdhi_codes_expanded)), 0) end)
    from unnest(n.cdhi_codes) as code), 0)`;

const share = (needValues: string, practiceValues: string) =>
  `coalesce(cardinality(array(select unnest(${needValues}) intersect select unnest(${practiceValues})))::float8 / nullif(cardinality(${needValues}), 0), 0)`;

/** Where the practice is adopted, relative to the need: the nearest level and place, every place, and coverage. */
const ADOPTIONS = `cross join lateral (
    select max(l.level) as near_level, (array_agg(l.place order by l.level desc, l.place))[1] as near_place,
      count(distinct l.place)::int as places, coalesce(array_agg(distinct l.place) filter (where l.place is not null), '{}') as adopted_in,
      coalesce(bool_or(l.covers), false) as covers
    from (select case
        when n.nuts is not null and a.nuts is not null and left(a.nuts, 4) = left(n.nuts, 4) then ${NEARNESS.region}
        when n.nuts is not null and a.nuts is not null and left(a.nuts, 3) = left(n.nuts, 3) then ${NEARNESS.neighbour}
        when a.country = n.country then ${NEARNESS.country} else ${NEARNESS.elsewhere} end as level,
        coalesce(a.nuts, a.country) as place, ${COVERS_NEED} as covers
      from adoption a where ${COUNTED_ADOPTION}) l) ad`;

/**
 * The pairs `pairs` names (its rows are `need_id`, `practice_id`), scored: the parts of the score, the adoptions, and
 * the score, for pairs that fit in at least one stated part. Each part is worked out once per pair (`offset 0` keeps
 * the planner from copying its subqueries into the filter, the score and the ordering).
 */
function scoredPairs(pairs: string) {
  const w = MATCH_WEIGHTS;
  const stated = (column: string) => `(case when cardinality(${column}) > 0 then 1 else 0 end)`;
  const weighted = `${w.cdhi} * c.cdhi_sim + ${w.challenges} * c.challenge_sim + ${w.serviceTypes} * c.service_sim
    + ${w.targetGroups} * c.group_sim + ${w.careSettings} * c.setting_sim + ${w.languages} * c.language_sim
    + ${w.nearby} * c.nearby_sim + ${w.evidence} * c.evidence_sim`;
  const applicable = `${w.cdhi} * ${stated('c.n_cdhi')} + ${w.challenges} * ${stated('c.n_challenges')}
    + ${w.serviceTypes} * ${stated('c.n_services')} + ${w.targetGroups} * ${stated('c.n_groups')}
    + ${w.careSettings} * ${stated('c.n_settings')} + ${w.languages} * ${stated('c.n_languages')} + ${w.nearby + w.evidence}`;
  return `select c.*, round(((${weighted}) / (${applicable}))::numeric, 3)::float8 as score from (
      select n.id as need_id, p.id as practice_id, n.cdhi_codes as n_cdhi, n.health_system_challenges as n_challenges,
        n.service_types as n_services, n.target_groups as n_groups, n.care_settings as n_settings, n.languages as n_languages,
        ${cdhiMet}::float8 as cdhi_sim,
        ${codesMet('n.health_system_challenges', 'p.health_system_challenges', (code) => `split_part(${code}, '.', 1)`)}::float8 as challenge_sim,
        ${codesMet('n.service_types', 'p.service_types', (code) => `left(${code}, 1)`)}::float8 as service_sim,
        ${share('n.target_groups', 'p.target_groups')} as group_sim,
        ${share('n.care_settings', 'p.care_settings')} as setting_sim,
        case when n.languages && p.languages then 1 else 0 end as language_sim,
        (${NEARNESS_SCORE})::float8 as nearby_sim,
        ad.near_level, ad.near_place, ad.places, ad.adopted_in, ad.covers,
        (select count(*)::int from practice_evidence e where e.practice_id = p.id) as evidence_count,
        case when exists (select 1 from practice_evidence e where e.practice_id = p.id) then 1 else 0 end as evidence_sim
      from (${pairs}) pair join need n on n.id = pair.need_id join practice p on p.id = pair.practice_id ${ADOPTIONS}
      offset 0) c
    where c.cdhi_sim + c.challenge_sim + c.service_sim + c.group_sim + c.setting_sim > 0`;
}

const PUBLISHED_PRACTICE = "p.deleted_at is null and p.status = 'PUBLISHED'";
const OPEN_NEED = "n.deleted_at is null and n.status = 'PUBLISHED' and n.state = 'OPEN'";

/** A scored pair as the statement returns it. */
export interface PairRow {
  need_id: string;
  practice_id: string;
  cdhi_sim: number;
  challenge_sim: number;
  service_sim: number;
  group_sim: number;
  setting_sim: number;
  language_sim: number;
  near_level: number | null;
  near_place: string | null;
  places: number;
  adopted_in: string[];
  evidence_count: number;
  score: number;
}

/**
 * The shortlist of pairs `from` and `where` give (naming the need `need` and the practice `practice`), best first;
 * each pair's quick score is worked out once, not again for the ordering.
 */
const shortlist = (from: string, where: string, need: string, practice: string, size = SHORTLIST) =>
  `select need_id, practice_id from (select ${need}.id as need_id, ${practice}.id as practice_id,
     ${quickScore(need, practice)} as quick from ${from} where ${where} and ${maturityMet(need, practice)} offset 0) pair
   where quick > 0 order by quick desc, need_id, practice_id limit ${size}`;

/** What a need states that the quick ranking compares, as a Need has it. */
export type NeedCodes = Pick<
  Need,
  | 'id'
  | 'cdhiCodes'
  | 'cdhiCodesExpanded'
  | 'healthSystemChallenges'
  | 'serviceTypes'
  | 'targetGroups'
  | 'careSettings'
  | 'languages'
  | 'country'
  | 'minMaturity'
>;

/** One part of the quick ranking of practices for a need: a GIN-indexed practice column, the need's values, a weight. */
interface QuickPart {
  column: string;
  values: string[];
  /** In thousandths, as quickScore weighs. */
  weight: number;
}

/**
 * The parts of quickScore for one need, those it states: a CDHI code met exactly counts its group's share and the
 * rest (the exact part implies the group part, as the need's codes are among its expanded ones).
 */
function quickParts(need: NeedCodes): QuickPart[] {
  const w = MATCH_WEIGHTS;
  const part = (column: string, values: string[], weight: number) => ({
    column,
    values,
    weight: thousandths(weight),
  });
  return [
    part('cdhi_codes_expanded', need.cdhiCodesExpanded, w.cdhi * GROUP_MATCH.top),
    part('cdhi_codes_expanded', need.cdhiCodes, w.cdhi * (1 - GROUP_MATCH.top)),
    part('health_system_challenges', withChildren('healthSystemChallenges', need.healthSystemChallenges), w.challenges),
    part('service_types', withChildren('serviceTypes', need.serviceTypes), w.serviceTypes),
    part('target_groups', need.targetGroups, w.targetGroups),
    part('care_settings', need.careSettings, w.careSettings),
    part('languages', need.languages, w.languages),
  ].filter((quick) => quick.values.length > 0);
}

/**
 * The smallest sets of parts (as bit masks) a practice must all meet to reach `threshold`; a practice reaches it
 * exactly when it meets every part of one of them. Part 1 (CDHI exactly) implies part 0 (CDHI group) when both are.
 */
function minimalSets(parts: QuickPart[], threshold: number): number[] {
  const exact = parts.findIndex((quick) => quick.column === 'cdhi_codes_expanded' && quick.weight > 100);
  const group = parts.findIndex((quick) => quick.column === 'cdhi_codes_expanded' && quick.weight <= 100);
  const sum = (mask: number) => {
    const implied = exact >= 0 && group >= 0 && mask & (1 << exact) ? mask | (1 << group) : mask;
    return parts.reduce((total, quick, i) => total + (implied & (1 << i) ? quick.weight : 0), 0);
  };
  const sets: number[] = [];
  for (let mask = 1; mask < 1 << parts.length; mask += 1) {
    if (sum(mask) < threshold) continue;
    if (parts.every((_, i) => !(mask & (1 << i)) || sum(mask & ~(1 << i)) < threshold)) sets.push(mask);
  }
  return sets;
}

/** The shares of the best possible quick score the index-first levels ask for, in turn, before any overlap will do. */
const LEVELS = [1, 0.5] as const;

/** A practice one level of a need's shortlist holds: its quick score and whether it is adopted in the need's country. */
interface Shortlisted {
  need_id: string;
  id: string;
  quick: number;
  nearby: boolean;
}

/** One level of a need's shortlist as a statement part, binding its values into `params` in the order it names them. */
type Level = (params: unknown[]) => string;

/**
 * The levels of the shortlist of practices for one need, index first: the practices meeting every part the need
 * states, then those reaching half of the best quick score (each level a union of conjunctions the GIN indexes
 * answer), then any practice sharing something. Each level holds the SHORTLIST best of those it selects: the best
 * quick scores first, then practices adopted in the need's country. A level holds every practice scoring at least
 * its threshold, so a level asked for only when the one before it fell short gives what ranking every practice by
 * quick score gives. Null for a need that states nothing the quick ranking compares.
 */
function needLevels(need: NeedCodes): Level[] | null {
  const parts = quickParts(need);
  if (parts.length === 0) return null;
  const best = parts.reduce((total, quick) => total + quick.weight, 0);
  const conditions = [...new Set(LEVELS.map((share) => Math.ceil(best * share)))].map(
    (threshold) => (meets: (quick: QuickPart) => string) =>
      minimalSets(parts, threshold)
        .map((mask) => `(${parts.flatMap((quick, i) => (mask & (1 << i) ? [meets(quick)] : [])).join(' and ')})`)
        .join(' or '),
  );
  conditions.push((meets) => parts.map(meets).join(' or '));
  return conditions.map((condition) => (params) => {
    const bind = (value: unknown) => {
      params.push(value);
      return '?';
    };
    const meets = (quick: QuickPart) => `p.${quick.column} && ${bind(textArray(quick.values))}::text[]`;
    const id = bind(need.id);
    const score = parts.map((quick) => `${quick.weight} * (${meets(quick)})::int`).join(' + ');
    const nearby = `exists (select 1 from adoption a where ${COUNTED_ADOPTION} and a.country = ${bind(need.country)})`;
    const base = [PUBLISHED_PRACTICE];
    if (need.minMaturity) {
      const from = maturityStages.findIndex((stage) => stage.code === need.minMaturity);
      // As an array, so that the match index answers it with the rest.
      base.push(`array[p.maturity] && ${bind(textArray(codesOf(maturityStages).slice(from)))}::text[]`);
    }
    return `(select ${id}::uuid as need_id, p.id, ${score} as quick, ${nearby} as nearby from practice p
      where ${base.join(' and ')} and (${condition(meets)}) order by quick desc, nearby desc, p.id limit ${SHORTLIST})`;
  });
}

const byQuickScore = (a: Shortlisted, b: Shortlisted) =>
  b.quick - a.quick || Number(b.nearby) - Number(a.nearby) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The shortlists of `needs`, level by level: one small statement per level for every need whose shortlist is still
 * short, so that a large registry is read through its indexes and a level not needed is neither planned nor run.
 */
async function shortlists(em: EntityManager, needs: readonly NeedCodes[]) {
  const found = new Map<string, Map<string, Shortlisted>>();
  let asked = needs.flatMap((need) => {
    const levels = needLevels(need);
    return levels ? [{ need, levels }] : [];
  });
  for (let k = 0; asked.length > 0; k += 1) {
    const params: unknown[] = [];
    const statement = asked.map(({ levels }) => (levels[k] as Level)(params)).join(' union all ');
    for (const row of await rows<Shortlisted>(em, statement, params)) {
      const held = found.get(row.need_id) ?? new Map<string, Shortlisted>();
      found.set(row.need_id, held);
      const before = held.get(row.id);
      held.set(
        row.id,
        before ? { ...row, quick: Math.max(before.quick, row.quick), nearby: before.nearby || row.nearby } : row,
      );
    }
    asked = asked.filter(({ need, levels }) => k + 1 < levels.length && (found.get(need.id)?.size ?? 0) < SHORTLIST);
  }
  return [...found.values()].flatMap((held) => [...held.values()].sort(byQuickScore).slice(0, SHORTLIST));
}

/** For each need, the published practices that best meet it, best first, from its index-first shortlist. */
export async function rankCandidates(em: EntityManager, needs: readonly NeedCodes[], limit: number) {
  const pairs = await shortlists(em, needs);
  if (pairs.length === 0) return [];
  return rows<PairRow>(
    em,
    `select q.* from (select s.*, row_number() over (partition by s.need_id order by s.score desc, s.practice_id) as rank
       from (${scoredPairs('select * from unnest(?::uuid[], ?::uuid[]) as pair(need_id, practice_id)')}) s
       where s.score >= ${MIN_MATCH_SCORE}) q
     where q.rank <= ${limit} order by q.need_id, q.score desc, q.practice_id`,
    [textArray(pairs.map((pair) => pair.need_id)), textArray(pairs.map((pair) => pair.id))],
  );
}

/** For each practice, the published, open needs it best meets, best first. */
export function rankMatchingNeeds(em: EntityManager, practiceIds: readonly string[], limit: number) {
  const pairs = shortlist('need n', OPEN_NEED, 'n', 'r');
  return rows<PairRow>(
    em,
    `select q.* from unnest(?::uuid[]) with ordinality as x(id, position) join practice r on r.id = x.id
     cross join lateral (select s.* from (${scoredPairs(pairs)}) s
       where s.score >= ${MIN_MATCH_SCORE} order by s.score desc, s.need_id limit ${limit}) q
     where r.deleted_at is null and r.status = 'PUBLISHED'
     order by x.position, q.score desc, q.need_id`,
    [textArray([...practiceIds])],
  );
}

/** How many of the most widely adopted practices twinningCandidates pairs with needs when no need or practice is named. */
export const TWINNING_POOL = 500;

/** Practices adopted in `minAdoptions` places or more, paired with open needs in places where they are not adopted. */
export function rankTwinnings(em: EntityManager, filter: TwinningCandidateFilter, limit: number) {
  const minimum = Number(filter.minAdoptions ?? 2);
  const conditions = [OPEN_NEED, `not exists (select 1 from adoption a where ${COUNTED_ADOPTION} and ${COVERS_NEED})`];
  const params: unknown[] = [];
  if (filter.countries?.length) {
    conditions.push('n.country = any(?::text[])');
    params.push(textArray(filter.countries));
  }
  if (filter.practiceId) {
    conditions.push('p.id = ?::uuid');
    params.push(filter.practiceId);
  }
  if (filter.needId) {
    conditions.push('n.id = ?::uuid');
    params.push(filter.needId);
  }
  // Only practices adopted in enough places are paired with needs and, unless one need or practice is asked about,
  // only the most widely adopted of them, so that the pairs scored do not grow with the registry.
  const pool = filter.needId || filter.practiceId ? '' : `order by places desc, practice_id limit ${TWINNING_POOL}`;
  const scaled = `(select p.* from (select a.practice_id, count(distinct coalesce(a.nuts, a.country)) as places
      from adoption a where a.deleted_at is null and a.status <> 'PLANNED' group by a.practice_id
      having count(distinct coalesce(a.nuts, a.country)) >= ${minimum} ${pool}) widely
      join practice p on p.id = widely.practice_id where ${PUBLISHED_PRACTICE}) p`;
  const pairs = shortlist(`${scaled} cross join need n`, conditions.join(' and '), 'n', 'p', SHORTLIST * 5);
  return rows<PairRow>(
    em,
    `select s.* from (${scoredPairs(pairs)}) s
     where s.score >= ${MIN_MATCH_SCORE} order by s.score desc, s.need_id, s.practice_id limit ${limit}`,
    params,
  );
}

function wordList(words: string[]) {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

const labelled = (list: readonly { code: string; label: string }[], codes: string[]) =>
  codes.map((code) => `${code} ${list.find((entry) => entry.code === code)?.label ?? ''}`.trim());

/** Why a practice fits a need, in words, from what both state and how the pair scored. */
export function reasonsFor(need: Need, practice: Practice, row: PairRow): string[] {
  const reasons: string[] = [];
  if (need.minMaturity) {
    const label = (stage: MaturityStage) => maturityStages.find((entry) => entry.code === stage)?.label ?? stage;
    reasons.push(`meets the maturity required (${label(need.minMaturity)} or later): ${label(practice.maturity)}`);
  }
  const practiceCdhi = new Set(practice.cdhiCodesExpanded);
  const metCdhi = need.cdhiCodes.filter((code) => practiceCdhi.has(code));
  if (metCdhi.length) reasons.push(`offers CDHI ${wordList(metCdhi)}`);
  const cdhiGroups = need.cdhiCodes
    .filter((code) => !practiceCdhi.has(code))
    .flatMap(
      (code) =>
        cdhiWithAncestors(code)
          .slice(1)
          .find((group) => practiceCdhi.has(group)) ?? [],
    );
  if (cdhiGroups.length) reasons.push(`same CDHI group ${wordList([...new Set(cdhiGroups)].sort())}`);

  const grouped = (
    needCodes: string[],
    practiceCodes: string[],
    list: readonly { code: string; label: string; parent?: string }[],
    groupOf: (code: string) => string,
    noun: string,
  ) => {
    const exact = needCodes.filter(
      (code) => practiceCodes.includes(code) || practiceCodes.some((own) => groupOf(own) === code),
    );
    if (exact.length) reasons.push(`${noun}: ${wordList(labelled(list, exact))}`);
    const groups = needCodes
      .filter((code) => !exact.includes(code))
      .map(groupOf)
      .filter((group) => practiceCodes.some((own) => groupOf(own) === group));
    if (groups.length) reasons.push(`${noun} of the same group: ${wordList(labelled(list, [...new Set(groups)]))}`);
  };
  grouped(
    need.healthSystemChallenges,
    practice.healthSystemChallenges,
    healthSystemChallenges,
    (code) => code.split('.')[0] ?? code,
    'addresses health system challenges',
  );
  grouped(
    need.serviceTypes,
    practice.serviceTypes,
    serviceTypes,
    (code) => code.slice(0, 1),
    'is of the service types sought',
  );

  const shared = (mine: string[], theirs: string[], list: readonly { code: string; label: string }[], noun: string) => {
    const labels = list.filter(({ code }) => mine.includes(code) && theirs.includes(code)).map(({ label }) => label);
    if (labels.length) reasons.push(`same ${noun}${labels.length > 1 ? 's' : ''}: ${wordList(labels)}`);
  };
  shared(need.targetGroups, practice.targetGroups, targetGroups, 'target group');
  shared(need.careSettings, practice.careSettings, careSettings, 'care setting');
  const languages = need.languages.filter((language) => practice.languages.includes(language));
  if (languages.length) reasons.push(`available in ${wordList(languages)}`);

  const place = row.near_place ?? '';
  if (row.near_level === NEARNESS.region) reasons.push(`adopted in the same region (${place})`);
  else if (row.near_level === NEARNESS.neighbour) reasons.push(`adopted in a neighbouring region (${place})`);
  else if (row.near_level === NEARNESS.country) reasons.push(`adopted in the same country (${need.country})`);
  else if (row.near_level === NEARNESS.elsewhere) {
    reasons.push(`adopted elsewhere: in ${row.places} place${row.places === 1 ? '' : 's'}`);
  }
  if (row.evidence_count > 0) {
    reasons.push(`has evidence: ${row.evidence_count} link${row.evidence_count === 1 ? '' : 's'}`);
  }
  return reasons;
}
