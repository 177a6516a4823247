// Practice.similar at scale: each practice's most similar practices, ranked over every live practice after it is
// written and stored with the key of both sides' contents; read back filtered by what the caller may see now. A write
// queues its practice in its own transaction and the subgraph ranks the queue beside its requests, so a write (or an
// import of thousands) never waits for rankings; while the queue holds practices, lists may lack them, and
// Practice.similar ranks afresh.
import {
  type BackgroundWork,
  type Caller,
  type Database,
  type EntityManager,
  inBackground,
  type Logger,
  rows,
  textArray,
} from '@radar/common';
import type { Practice } from './practice.entity.js';
import {
  describeMatch,
  type MatchRow,
  probeOf,
  RANKING,
  rankedRows,
  rankSimilar,
  SHORTLIST,
  type SimilarMatch,
} from './practice.similar.js';
import { LIVE, visibleCondition } from './practice.visibility.js';

/** The tables of stored lists and their queue: computed from practices, they do not move the data generation. */
export const SIMILAR_TABLES = ['practice_similar_list', 'practice_neighbour', 'practice_similar_queue'] as const;

/** How many practices a list keeps: as many as a ranking compares in full, so a list is all a ranking finds. */
export const NEIGHBOURS = SHORTLIST;

/**
 * The key of what a practice (alias given) is compared on, and of the way it is ranked: a stored list is used while
 * its practice has the key it was ranked with, and each practice in it the key it had then.
 */
const probeKey = (alias: string) =>
  `md5('${RANKING}' || jsonb_build_array(${alias}.title, ${alias}.summary, ${alias}.description, ${alias}.translations,
    ${alias}.cdhi_codes, ${alias}.topics, ${alias}.target_groups, ${alias}.care_settings, ${alias}.type,
    ${alias}.maturity)::text)`;

/**
 * Practices like each given one that the caller may see, best first: from its stored list when that still holds
 * (one statement for all), ranked afresh for the others (one more).
 */
export async function similarTo(
  em: EntityManager,
  caller: Caller,
  practices: readonly Practice[],
  limit: number,
): Promise<SimilarMatch[][]> {
  const stored = await storedSimilar(em, caller, practices, limit);
  const missing = practices.filter((practice) => !stored.has(practice.id));
  const ranked = await rankSimilar(em, caller, missing.map(probeOf), limit);
  const fresh = new Map(missing.map((practice, index) => [practice.id, ranked[index] ?? []]));
  return practices.map((practice) => stored.get(practice.id) ?? fresh.get(practice.id) ?? []);
}

/**
 * The stored lists that still hold, by practice: no practice waits to be ranked, the practice has the key it was
 * ranked with, each listed practice the key it had then (else it is left out) and the caller may see it now (deleted,
 * merged and unpublished ones are left out as they are, by the rule every read follows).
 */
async function storedSimilar(
  em: EntityManager,
  caller: Caller,
  practices: readonly Practice[],
  limit: number,
): Promise<Map<string, SimilarMatch[]>> {
  if (practices.length === 0) return new Map();
  const visible = visibleCondition(caller);
  const found = await rows<MatchRow & { match_for: string }>(
    em,
    `select l.practice_id as match_for, m.*
    from practice_similar_list l
    join practice o on o.id = l.practice_id and l.probe_key = ${probeKey('o')}
    left join lateral (
      select 0 as match_source, n.title_sim as match_title_sim, n.text_sim as match_text_sim, n.score as match_score,
        p.*
      from practice_neighbour n join practice p on p.id = n.neighbour_id
      where n.practice_id = l.practice_id and n.neighbour_key = ${probeKey('p')} and ${visible.sql}
      order by n.score desc, n.title_sim desc, p.id
      limit ?
    ) m on true
    where l.practice_id = any(?::uuid[]) and not exists (select 1 from practice_similar_queue)
    order by l.practice_id, m.match_score desc, m.match_title_sim desc, m.id`,
    [...visible.params, limit, textArray(practices.map((practice) => practice.id))],
  );
  const byId = new Map(practices.map((practice) => [practice.id, practice]));
  const lists = new Map<string, SimilarMatch[]>();
  for (const { match_for: id, ...row } of found) {
    const list = lists.get(id) ?? [];
    lists.set(id, list);
    const practice = byId.get(id);
    if (practice && row.id !== null) list.push(describeMatch(em, probeOf(practice), row));
  }
  return lists;
}

/**
 * Ranks the given practices over every live practice and stores their lists; since a likeness counts the same both
 * ways, each is also put in the stored lists of the practices it found, which keep their best NEIGHBOURS. Runs in
 * the transaction that wrote the practices, so their lists change with them.
 */
export async function refreshSimilar(em: EntityManager, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const practices = await rows<Parameters<typeof probeOf>[0] & { id: string }>(
    em,
    `select p.id, p.owner_id as "ownerId", p.title, p.summary, p.description, p.translations, p.cdhi_codes as "cdhiCodes",
      p.topics, p.target_groups as "targetGroups", p.care_settings as "careSettings", p.type, p.maturity
    from practice p where p.id = any(?::uuid[]) and ${LIVE.sql}`,
    [textArray(ids)],
  );
  const found = await rankedRows(em, LIVE, practices.map(probeOf), NEIGHBOURS);
  const pairs = found.map((row) => ({
    practice_id: practices[row.match_source]?.id,
    neighbour_id: row.id,
    score: row.match_score,
    title_sim: row.match_title_sim,
    text_sim: row.match_text_sim,
  }));
  const given = textArray(ids);
  await rows(em, 'delete from practice_neighbour where practice_id = any(?::uuid[]) or neighbour_id = any(?::uuid[])', [
    given,
    given,
  ]);
  await rows(
    em,
    `insert into practice_similar_list (practice_id, probe_key, computed_at)
    select p.id, ${probeKey('p')}, now() from practice p where p.id = any(?::uuid[])
    on conflict (practice_id) do update set probe_key = excluded.probe_key, computed_at = excluded.computed_at`,
    [textArray(practices.map((practice) => practice.id))],
  );
  if (pairs.length === 0) return;
  // Both ways: the found practice into the list of the one ranked, and the ranked one into the found one's list
  // if it has one. Two practices refreshed together may each find the other: each pair is written once.
  await rows(
    em,
    `with x as (select * from jsonb_to_recordset(?::jsonb) as x(practice_id uuid, neighbour_id uuid, score float8,
        title_sim float8, text_sim float8)),
      both_ways as (
        select x.practice_id, x.neighbour_id, x.score, x.title_sim, x.text_sim, ${probeKey('p')} as neighbour_key
        from x join practice p on p.id = x.neighbour_id
        union all
        select x.neighbour_id, x.practice_id, x.score, x.title_sim, x.text_sim, ${probeKey('p')}
        from x join practice p on p.id = x.practice_id
        where exists (select 1 from practice_similar_list l where l.practice_id = x.neighbour_id))
    insert into practice_neighbour (practice_id, neighbour_id, score, title_sim, text_sim, neighbour_key)
    select distinct on (practice_id, neighbour_id) * from both_ways order by practice_id, neighbour_id
    on conflict (practice_id, neighbour_id) do update set score = excluded.score, title_sim = excluded.title_sim,
      text_sim = excluded.text_sim, neighbour_key = excluded.neighbour_key`,
    [JSON.stringify(pairs)],
  );
  await rows(
    em,
    `delete from practice_neighbour n using (
      select practice_id, neighbour_id,
        row_number() over (partition by practice_id order by score desc, title_sim desc, neighbour_id) as place
      from practice_neighbour where practice_id = any(?::uuid[])) r
    where n.practice_id = r.practice_id and n.neighbour_id = r.neighbour_id and r.place > ${NEIGHBOURS}`,
    [textArray([...new Set(pairs.map((pair) => pair.neighbour_id as string))])],
  );
}

/**
 * Queues written practices to be ranked, in the transaction that wrote them: a rolled-back write queues nothing. A
 * practice already queued, or being ranked, is queued afresh, so a ranking of what it was does not take it off.
 */
export async function queueSimilar(em: EntityManager, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await rows(
    em,
    `insert into practice_similar_queue (practice_id) select unnest(?::uuid[])
    on conflict (practice_id) do update set queued_at = clock_timestamp(), taken_until = null`,
    [textArray([...new Set(ids)])],
  );
}

/** How long a subgraph may take to rank what it took off the queue before another may take it. */
const TAKEN_FOR = '5 minutes';

/**
 * Ranks up to `limit` queued practices, oldest first, and says how many. They are taken in a transaction of their
 * own and leave the queue only when their lists are stored, and only if not queued afresh meanwhile: a write never
 * waits for a ranking, reads rank afresh until the lists hold them, and a failed ranking leaves them to be taken
 * again.
 */
export async function drainSimilar(em: EntityManager, limit = 10): Promise<number> {
  const taken = await em.transactional((tx) =>
    rows<{ practice_id: string; queued_at: string }>(
      tx,
      `update practice_similar_queue q set taken_until = now() + interval '${TAKEN_FOR}'
      from (select practice_id from practice_similar_queue where taken_until is null or taken_until < now()
        order by queued_at, practice_id limit ? for update skip locked) due
      where q.practice_id = due.practice_id
      returning q.practice_id, q.queued_at::text as queued_at`,
      [limit],
    ),
  );
  if (taken.length === 0) return 0;
  await em.transactional(async (tx) => {
    await refreshSimilar(
      tx,
      taken.map((row) => row.practice_id),
    );
    await rows(
      tx,
      `delete from practice_similar_queue q using jsonb_to_recordset(?::jsonb) as t(practice_id uuid, queued_at text)
      where q.practice_id = t.practice_id and q.queued_at::text = t.queued_at`,
      [JSON.stringify(taken)],
    );
  });
  return taken.length;
}

/** Drains the queue every `everyMs` (0: never), until stopped; a failed ranking is logged and tried again. */
export function similarListWorker(db: Database, log: Logger, everyMs: number): BackgroundWork {
  if (everyMs === 0) return { stop: async () => {} };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const look = async () => {
    try {
      while (!stopped && (await inBackground(() => drainSimilar(db.orm.em.fork()))) > 0) {}
    } catch (error) {
      log.warn({ err: error }, 'ranking queued practices for Practice.similar failed; they stay queued');
    }
    if (!stopped) timer = setTimeout(() => (running = look()), everyMs);
  };
  timer = setTimeout(() => (running = look()), everyMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
