// Similar practices and likely duplicates: one ranking statement for stored practices or a draft being written.
import { createHash } from 'node:crypto';
import { badUserInput, type Caller, type EntityManager, rows } from '@radar/common';
import {
  careSettings,
  cdhiWithAncestors,
  codesOf,
  type MaturityStage,
  maturityRank,
  maturityStages,
  targetGroups,
  topics,
} from './practice.codes.js';
import { markedNotDuplicateSql } from './practice.duplicates.js';
import { Practice } from './practice.entity.js';
import { type Condition, visibleCondition } from './practice.visibility.js';

export const MAX_SIMILAR = 50;
export const DEFAULT_SIMILAR = 5;
/** How many likely duplicates a practice lists at most. */
export const MAX_DUPLICATES = 10;

/** What each kind of likeness adds to a score; they sum to 1, so an exact copy scores 1. */
export const SIMILARITY_WEIGHTS = {
  title: 0.25,
  text: 0.2,
  cdhi: 0.2,
  topics: 0.1,
  targetGroups: 0.08,
  careSettings: 0.07,
  type: 0.05,
  maturity: 0.05,
} as const;

/** What a CDHI code shared only through a group counts, by the depth of the deepest code both fall under. */
const CDHI_GROUP_WEIGHT = { sub: 0.5, top: 0.2 } as const;

/** Below this score a practice is not shown as similar. */
export const MIN_SIMILAR_SCORE = 0.15;
/** A title this alike (trigram similarity of folded text, in any pair of languages) is near-identical. */
export const NEAR_IDENTICAL_TITLE = 0.8;
/** A score from which a practice is a likely duplicate whoever owns it. */
export const DUPLICATE_SCORE = 0.75;
const SIMILAR_TITLE = 0.4;
const SIMILAR_TEXT = 0.3;

/** What a practice is compared on: its texts in every language it has, and its classification. */
export interface SimilarityProbe {
  /** Null for a draft that is not stored. */
  id: string | null;
  ownerId: string | null;
  titles: string[];
  /** Summary and description of one language, joined. */
  texts: string[];
  cdhiCodes: string[];
  topics: string[];
  targetGroups: string[];
  careSettings: string[];
  type: string | null;
  maturity: string | null;
}

export interface SimilarMatch {
  practice: Practice;
  score: number;
  reasons: string[];
  likelyDuplicate: boolean;
}

/** A practice row with how it matched, prefixed so no column of the practice is shadowed. */
export interface MatchRow {
  match_source: number;
  match_title_sim: number;
  match_text_sim: number;
  match_score: number;
  [column: string]: unknown;
}

export function similarCount(first: number | null | undefined, field = 'first'): number {
  if (first === null || first === undefined) return DEFAULT_SIMILAR;
  if (!Number.isInteger(first) || first < 1 || first > MAX_SIMILAR) {
    throw badUserInput(field, `must be between 1 and ${MAX_SIMILAR}`);
  }
  return first;
}

/**
 * How many characters of summary and description, folded, are compared: trigram similarity costs more the longer the
 * texts, and the start of a text (the summary) says most of what a practice is.
 */
const TEXT_COMPARED = 400;

/** Folded titles and texts of a stored practice (alias given), as two text[] expressions. */
function storedTexts(alias: string) {
  const translations = `jsonb_array_elements(${alias}.translations) as t(value)`;
  return {
    titles: `array[radar_fold(${alias}.title)] || array(select radar_fold(t.value ->> 'title') from ${translations})`,
    texts: `array[left(radar_fold(${alias}.summary || ' ' || coalesce(${alias}.description, '')), ${TEXT_COMPARED})] || array(select left(radar_fold((t.value ->> 'summary') || ' ' || coalesce(t.value ->> 'description', '')), ${TEXT_COMPARED}) from ${translations})`,
  };
}

/** Best pairwise trigram similarity between two text[] expressions. */
const bestSimilarity = (a: string, b: string) =>
  `(select coalesce(max(similarity(x, y)), 0) from unnest(${a}) as x, unnest(${b}) as y)`;

/** Shared values of two text[] expressions over all their values (0 when both are empty). */
const overlap = (a: string, b: string) =>
  `coalesce(cardinality(array(select unnest(${a}) intersect select unnest(${b})))::float8 / nullif(cardinality(array(select unnest(${a}) union select unnest(${b}))), 0), 0)`;

/**
 * How well each CDHI code of one side is matched on the other: 1 for the same code, less for a shared group (the
 * deepest code both fall under), summed.
 */
function cdhiMatchSum(codes: string, otherCodes: string, otherExpanded: string) {
  const parts = "string_to_array(code, '.')";
  return `(select coalesce(sum(case when code = any(${otherCodes}) then 1.0 else coalesce((
      select max(case when n >= 2 then ${CDHI_GROUP_WEIGHT.sub} else ${CDHI_GROUP_WEIGHT.top} end)
      from generate_series(1, cardinality(${parts})) as n
      where array_to_string((${parts})[1:n], '.') = any(${otherExpanded})), 0) end), 0)
    from unnest(${codes}) as code)`;
}

/**
 * How many candidates, ranked on a cheap likeness (their stored folded titles, the rare words they share, their
 * classification), have every pair of titles and of summaries and descriptions compared: that costs most.
 */
export const SHORTLIST = 20;
/** How many practices sharing a CDHI code, a care setting and a target group are candidates, those sharing most first. */
const BY_CLASSIFICATION = 50;
/** How many practices sharing less of the classification are candidates, in no order: in a small registry, all. */
const ANY_BY_CLASSIFICATION = 20;
/** The draft's rarest words find candidates, as long as together they occur in at most this share of practices. */
const RARE_WORDS_SHARE = 0.005;
const MAX_RARE_WORDS = 10;

/** What names the way practices are ranked; a stored list ranked another way (other weights, limits) is not used. */
export const RANKING = createHash('md5')
  .update(
    JSON.stringify([
      SIMILARITY_WEIGHTS,
      CDHI_GROUP_WEIGHT,
      MIN_SIMILAR_SCORE,
      TEXT_COMPARED,
      SHORTLIST,
      BY_CLASSIFICATION,
      ANY_BY_CLASSIFICATION,
      RARE_WORDS_SHARE,
      MAX_RARE_WORDS,
    ]),
  )
  .digest('hex')
  .slice(0, 12);

/** How often each common word occurs in practices' search vectors, from the planner's statistics (ANALYZE). */
const WORD_SHARES_SQL = `select e.word, e.share from pg_stats st,
    unnest(st.most_common_elems::text::text[], st.most_common_elem_freqs) as e(word, share)
  where st.schemaname = current_schema() and st.tablename = 'practice' and st.attname = 'search_vector'
    and e.word is not null`;

/** The distinct words of some texts, lower case; a word is a run of two or more letters or digits. */
function wordsOf(texts: string[]) {
  return [...new Set(texts.flatMap((text) => text.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? []))];
}

/** A probe's CDHI codes with the groups above them, but for top groups, which are too wide to find candidates by. */
const nearCdhi = (codes: string[]) => [...new Set(codes.flatMap((code) => cdhiWithAncestors(code).slice(0, -1)))];
const topCdhi = (codes: string[]) => [...new Set(codes.map((code) => code.split('.')[0] as string))];

const MATURITY_ORDER = `array[${codesOf(maturityStages)
  .map((code) => `'${code}'`)
  .join(', ')}]`;

/**
 * Ranks, for each probe, the practices the caller may see (the probe itself left out) in one statement. With
 * `duplicatesOnly`, only likely duplicates: same owner and a near-identical title, or a score of DUPLICATE_SCORE,
 * unless a curator marked the pair as not duplicates.
 */
export async function rankSimilar(
  em: EntityManager,
  caller: Caller,
  probes: readonly SimilarityProbe[],
  limit: number,
  duplicatesOnly = false,
): Promise<SimilarMatch[][]> {
  const found = await rankedRows(em, visibleCondition(caller), probes, limit, duplicatesOnly);
  return probes.map((probe, index) =>
    found.filter((row) => row.match_source === index).map((row) => describeMatch(em, probe, row)),
  );
}

/** A ranked practice's row, its place among the probes and how alike the two are; see rankSimilar. */
export async function rankedRows(
  em: EntityManager,
  visible: Condition,
  probes: readonly SimilarityProbe[],
  limit: number,
  duplicatesOnly = false,
): Promise<MatchRow[]> {
  if (probes.length === 0) return [];
  const w = SIMILARITY_WEIGHTS;
  const candidate = { titles: storedTexts('l').titles, texts: storedTexts('l').texts };
  const cdhi = `(${cdhiMatchSum('s.cdhi_codes', 'l.cdhi_codes', 'l.cdhi_codes_expanded')} + ${cdhiMatchSum(
    'l.cdhi_codes',
    's.cdhi_codes',
    's.cdhi_expanded',
  )}) / nullif(cardinality(s.cdhi_codes) + cardinality(l.cdhi_codes), 0)`;
  const maturity = `case when s.maturity is null then 0 when s.maturity = l.maturity then 1 when abs(array_position(${MATURITY_ORDER}, s.maturity) - array_position(${MATURITY_ORDER}, l.maturity)) = 1 then 0.5 else 0 end`;
  const duplicateSql = `((m.owner_id = s.owner_id and m.title_sim >= ${NEAR_IDENTICAL_TITLE}) or m.score >= ${DUPLICATE_SCORE}) and (s.id is null or not ${markedNotDuplicateSql('s.id', 'm.id')})`;
  // Candidates come from indexes only, a bounded number from each: practices with a rare word of the probe (the
  // search vector's GIN index); sharing a CDHI code, a care setting and a target group, those sharing most of the
  // rest first (the arrays' GIN index); and, only when these are fewer than SHORTLIST, as in a small registry, a few
  // in no order sharing just a CDHI code, or a CDHI top group with a care setting and the type. All are then ranked
  // on what costs little (one trigram comparison of the stored folded titles, the rank of the rare words, the
  // lists), and the best SHORTLIST are compared in full (once: `offset 0` keeps the planner from copying each
  // comparison into the filter, the order and the output).
  const mine = `${visible.sql} and p.id is distinct from s.id`;
  const agreement = `(p.cdhi_codes && s.cdhi_codes)::int + (p.topics && s.topics)::int
    + coalesce((p.type = s.type)::int, 0) + coalesce((p.maturity = s.maturity)::int, 0)`;
  const few = `(select count(*) from narrow) < ${SHORTLIST}`;
  const guess = `${w.title} * similarity(p.titles_folded, s.title_line) + ${w.text} * coalesce(ts_rank(p.search_vector, q.rare, 32), 0)
    + ${w.cdhi} * (0.5 * (p.cdhi_codes && s.cdhi_codes)::int + 0.5 * (p.cdhi_codes_expanded && s.cdhi_near)::int)
    + ${w.topics} * (p.topics && s.topics)::int + ${w.targetGroups} * (p.target_groups && s.target_groups)::int
    + ${w.careSettings} * (p.care_settings && s.care_settings)::int + ${w.type} * coalesce((p.type = s.type)::int, 0)
    + ${w.maturity} * coalesce((p.maturity = s.maturity)::int, 0)`;
  // Each candidate's cheap likeness is computed where it is read, so no candidate is read twice.
  const columns = `p.id, p.titles_folded, p.search_vector, p.cdhi_codes, p.cdhi_codes_expanded, p.topics,
    p.target_groups, p.care_settings, p.type, p.maturity`;
  const guessed = (from: string) => `select p.id, ${guess} as guess from (${from}) p`;
  const candidates = `with narrow as materialized (
      select p.id, ${guess} as guess from practice p where ${mine} and p.search_vector @@ q.rare
      union ${guessed(`select ${columns} from practice p where ${mine} and p.cdhi_codes_expanded && s.cdhi_codes
        and p.care_settings && s.care_settings and p.target_groups && s.target_groups
        order by ${agreement} desc, p.id limit ${BY_CLASSIFICATION}`)})
    select id, guess from narrow
    union ${guessed(`select ${columns} from practice p where ${few} and ${mine} and p.cdhi_codes_expanded && s.cdhi_codes
      limit ${ANY_BY_CLASSIFICATION}`)}
    union ${guessed(`select ${columns} from practice p where ${few} and ${mine} and p.cdhi_codes_expanded && s.cdhi_top
      and p.care_settings && s.care_settings and p.type = s.type limit ${ANY_BY_CLASSIFICATION}`)}`;
  const sql = `with s as materialized (
      select (probe ->> 'index')::int as source, (probe ->> 'id')::uuid as id, (probe ->> 'ownerId')::uuid as owner_id,
        array(select radar_fold(x) from jsonb_array_elements_text(probe -> 'titles') as x) as titles,
        radar_fold(probe ->> 'titleLine') as title_line,
        array(select left(radar_fold(x), ${TEXT_COMPARED}) from jsonb_array_elements_text(probe -> 'texts') as x) as texts,
        array(select distinct radar_fold(x) from jsonb_array_elements_text(probe -> 'words') as x) as words,
        array(select jsonb_array_elements_text(probe -> 'cdhiCodes')) as cdhi_codes,
        array(select jsonb_array_elements_text(probe -> 'cdhiExpanded')) as cdhi_expanded,
        array(select jsonb_array_elements_text(probe -> 'cdhiNear')) as cdhi_near,
        array(select jsonb_array_elements_text(probe -> 'cdhiTop')) as cdhi_top,
        array(select jsonb_array_elements_text(probe -> 'topics')) as topics,
        array(select jsonb_array_elements_text(probe -> 'targetGroups')) as target_groups,
        array(select jsonb_array_elements_text(probe -> 'careSettings')) as care_settings,
        probe ->> 'type' as type, probe ->> 'maturity' as maturity
      from jsonb_array_elements(?::jsonb) as probe),
    shares as materialized (${WORD_SHARES_SQL}),
    q as materialized (
      select s.source, (select case when count(*) > 0 then to_tsquery('simple'::regconfig, string_agg(picked.word, ' | ')) end
        from (select w.word, sum(coalesce(f.share, 0)) over rarest as share, row_number() over rarest as n
          from unnest(s.words) as w(word) left join shares f on f.word = w.word
          window rarest as (order by coalesce(f.share, 0), length(w.word) desc, w.word rows unbounded preceding)) picked
        where (picked.share <= ${RARE_WORDS_SHARE} or picked.n = 1) and picked.n <= ${MAX_RARE_WORDS}) as rare
      from s)
    select s.source as match_source, m.title_sim as match_title_sim, m.text_sim as match_text_sim,
      m.score as match_score, r.*
    from s join q on q.source = s.source cross join lateral (
      select m.* from (
        select c.*, round((${w.title} * c.title_sim + ${w.text} * c.text_sim + ${w.cdhi} * c.cdhi_sim
          + ${w.topics} * c.topic_sim + ${w.targetGroups} * c.group_sim + ${w.careSettings} * c.setting_sim
          + ${w.type} * c.type_sim + ${w.maturity} * c.maturity_sim)::numeric, 3)::float8 as score
        from (
          select l.id, l.owner_id, ${bestSimilarity('s.titles', candidate.titles)}::float8 as title_sim,
            ${bestSimilarity('s.texts', candidate.texts)}::float8 as text_sim,
            coalesce(${cdhi}, 0)::float8 as cdhi_sim,
            ${overlap('s.topics', 'l.topics')} as topic_sim,
            ${overlap('s.target_groups', 'l.target_groups')} as group_sim,
            ${overlap('s.care_settings', 'l.care_settings')} as setting_sim,
            case when s.type = l.type then 1 else 0 end as type_sim,
            ${maturity} as maturity_sim
          from (select ids.id from (${candidates}) ids order by ids.guess desc, ids.id limit ${SHORTLIST}) shortlisted
          join practice l on l.id = shortlisted.id
          offset 0
        ) c
      ) m
      where m.score >= ${MIN_SIMILAR_SCORE}${duplicatesOnly ? ` and ${duplicateSql}` : ''}
      order by m.score desc, m.title_sim desc, m.id limit ${limit}
    ) m
    join practice r on r.id = m.id
    order by s.source, m.score desc, m.title_sim desc, m.id`;
  const sent = probes.map((probe, index) => ({
    ...probe,
    index,
    cdhiExpanded: [...new Set(probe.cdhiCodes.flatMap(cdhiWithAncestors))],
    cdhiNear: nearCdhi(probe.cdhiCodes),
    cdhiTop: topCdhi(probe.cdhiCodes),
    titleLine: probe.titles.join(' '),
    words: wordsOf([...probe.titles, ...probe.texts]),
  }));
  return rows<MatchRow>(em, sql, [
    JSON.stringify(sent),
    ...visible.params,
    ...visible.params,
    ...visible.params,
    ...visible.params,
  ]);
}

/** A practice row as a match of `probe`, with the reasons in words. */
export function describeMatch(em: EntityManager, probe: SimilarityProbe, matched: MatchRow): SimilarMatch {
  const {
    match_source: _source,
    match_title_sim: titleSim,
    match_text_sim: textSim,
    match_score: score,
    ...columns
  } = matched;
  delete columns.search_vector;
  delete columns.titles_folded;
  const practice = em.map(Practice, columns);
  const reasons: string[] = [];
  if (titleSim >= NEAR_IDENTICAL_TITLE) reasons.push('near-identical title');
  else if (titleSim >= SIMILAR_TITLE) reasons.push('similar title');
  if (textSim >= SIMILAR_TEXT) reasons.push('similar summary and description');
  reasons.push(...cdhiReasons(probe.cdhiCodes, practice.cdhiCodes));
  const shared = (mine: string[], theirs: string[], list: readonly { code: string; label: string }[], noun: string) => {
    const labels = list.filter(({ code }) => mine.includes(code) && theirs.includes(code)).map(({ label }) => label);
    if (labels.length > 0) reasons.push(`same ${noun}${labels.length > 1 ? 's' : ''}: ${wordList(labels)}`);
  };
  shared(probe.topics, practice.topics, topics, 'topic');
  shared(probe.targetGroups, practice.targetGroups, targetGroups, 'target group');
  shared(probe.careSettings, practice.careSettings, careSettings, 'care setting');
  if (probe.type === practice.type) reasons.push('same type');
  if (probe.maturity === practice.maturity) reasons.push('same maturity');
  else if (
    probe.maturity &&
    Math.abs(maturityRank(probe.maturity as MaturityStage) - maturityRank(practice.maturity)) === 1
  ) {
    reasons.push('neighbouring maturity');
  }
  const sameOwner = probe.ownerId !== null && probe.ownerId === practice.ownerId;
  if (sameOwner) reasons.push('same owner');
  const likelyDuplicate = (sameOwner && titleSim >= NEAR_IDENTICAL_TITLE) || score >= DUPLICATE_SCORE;
  return { practice, score, reasons, likelyDuplicate };
}

/** "shares CDHI 2.4.1 and 1.4.2" for shared codes; "same CDHI group 2.4" for codes that only share a group. */
function cdhiReasons(mine: string[], theirs: string[]): string[] {
  const exact = mine.filter((code) => theirs.includes(code));
  const groupsOf = (codes: string[]) => new Set(codes.flatMap(cdhiWithAncestors));
  const deepestShared = (code: string, other: Set<string>) => cdhiWithAncestors(code).find((group) => other.has(group));
  const theirGroups = groupsOf(theirs);
  const myGroups = groupsOf(mine);
  const groups = new Set<string>();
  for (const code of mine.filter((c) => !exact.includes(c))) {
    const group = deepestShared(code, theirGroups);
    if (group) groups.add(group);
  }
  for (const code of theirs.filter((c) => !exact.includes(c))) {
    const group = deepestShared(code, myGroups);
    if (group) groups.add(group);
  }
  const reasons: string[] = [];
  if (exact.length > 0) reasons.push(`shares CDHI ${wordList(exact)}`);
  if (groups.size > 0) reasons.push(`same CDHI group${groups.size > 1 ? 's' : ''} ${wordList([...groups].sort())}`);
  return reasons;
}

function wordList(words: string[]) {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The probe of a stored practice: its texts in its own language and every translation. */
export function probeOf(practice: {
  id: string;
  ownerId: string;
  title: string;
  summary: string;
  description?: string | null;
  translations: { title: string; summary: string; description: string | null }[];
  cdhiCodes: string[];
  topics: string[];
  targetGroups: string[];
  careSettings: string[];
  type: string;
  maturity: string;
}): SimilarityProbe {
  const texts = [practice, ...practice.translations];
  return {
    id: practice.id,
    ownerId: practice.ownerId,
    titles: texts.map((text) => text.title),
    texts: texts.map((text) => `${text.summary} ${text.description ?? ''}`),
    cdhiCodes: practice.cdhiCodes,
    topics: practice.topics,
    targetGroups: practice.targetGroups,
    careSettings: practice.careSettings,
    type: practice.type,
    maturity: practice.maturity,
  };
}
