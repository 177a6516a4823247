// Practice.similar at scale: each practice's most similar practices, ranked over every live practice after it is
// written and stored with the key of both sides' contents; read back filtered by what the caller may see now. A write
// queues its practice in its own transaction and the subgraph ranks the queue beside its requests, so a write (or an
// import of thousands) never waits for rankings; while the queue holds practices, lists may lack them, and
// Practice.similar ranks afresh. When the queue is empty, the subgraph goes through the live practices and ranks those
// whose list is missing or no longer holds (stored behind the API, dropped, ranked with other weights).
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
 * The first key of the advisory locks a ranking holds on its practices until it commits, so that two subgraphs never
 * rank one practice at once: a queued one waits for the backfill ranking it, the backfill passes over a locked one.
 */
const RANKING_LOCK = 0x5e1a;

/** The second key, in SQL: a hash of the practice's id (a column or expression); two sharing one only take turns. */
const rankingLockOf = (id: string) => `('x' || left(md5(${id}::text), 8))::bit(32)::int4`;

/**
 * Ranks the given practices over every live practice and stores their lists; since a likeness counts the same both
 * ways, each is also put in the stored lists of the practices it found, which keep their best NEIGHBOURS. Runs in
 * the transaction that wrote the practices, so their lists change with them.
 */
export async function refreshSimilar(em: EntityManager, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await rows(
    em,
    `select pg_advisory_xact_lock(${RANKING_LOCK}, k)
    from (select distinct ${rankingLockOf('id')} as k from unnest(?::uuid[]) id) keys order by k`,
    [textArray(ids)],
  );
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

/** How many live practices one turn of the backfill looks through for lists that do not hold. */
const LOOKED_THROUGH = 1000;

/** Where the backfill goes on from: after the practice of this id, or from the first one (`null`). */
export interface SimilarBackfill {
  after: string | null;
}

/**
 * Ranks up to `limit` live practices whose stored list is missing or no longer holds (stored behind the API, dropped,
 * ranked with other weights or limits, changed behind the API), looking through the next LOOKED_THROUGH practices in
 * order of id after `backfill.after`, which it moves on (back to the first at the last practice); says how many it
 * ranked. Queued practices are the queue's; one that another subgraph is ranking is passed over. The practices are
 * ranked in the transaction that locks them, so a failed ranking leaves them for the next round.
 */
export async function backfillSimilar(em: EntityManager, backfill: SimilarBackfill, limit = 10): Promise<number> {
  return em.transactional(async (tx) => {
    const [found] = await rows<{
      looked: number;
      last: string | null;
      due: number;
      last_due: string | null;
      taken: string[];
    }>(
      tx,
      `with page as materialized (
        select p.id, l.practice_id is null or l.probe_key <> ${probeKey('p')} as stale
        from practice p left join practice_similar_list l on l.practice_id = p.id
        where ${LIVE.sql} and p.id > coalesce(?::uuid, '00000000-0000-0000-0000-000000000000')
        order by p.id limit ${LOOKED_THROUGH}),
      due as materialized (
        select page.id from page
        where page.stale and not exists (select 1 from practice_similar_queue q where q.practice_id = page.id)
        order by page.id limit ?)
      select (select count(*) from page)::int as looked, (select id from page order by id desc limit 1) as last,
        (select count(*) from due)::int as due, (select id from due order by id desc limit 1) as last_due,
        array(select id from due where pg_try_advisory_xact_lock(${RANKING_LOCK}, ${rankingLockOf('id')})
          order by id) as taken`,
      [backfill.after, limit],
    );
    if (!found) return 0;
    backfill.after = found.due === limit ? found.last_due : found.looked < LOOKED_THROUGH ? null : found.last;
    await refreshSimilar(tx, found.taken);
    return found.taken.length;
  });
}

/** What one turn of the worker ranked: queued practices, else practices of the backfill. */
export interface SimilarTurn {
  queued: number;
  backfilled: number;
}

/**
 * One turn of the worker: the queue's oldest practices when it holds any (fresh writes first), else the backfill's
 * next ones.
 */
export async function rankSimilarTurn(em: EntityManager, backfill: SimilarBackfill, limit = 10): Promise<SimilarTurn> {
  const queued = await drainSimilar(em, limit);
  if (queued > 0) return { queued, backfilled: 0 };
  return { queued: 0, backfilled: await backfillSimilar(em, backfill, limit) };
}

/**
 * Ranks every `everyMs` (0: never), until stopped, turn after turn while a turn ranks something: the queue, then the
 * backfill, which looks through LOOKED_THROUGH more practices each time it finds none to rank. A failed ranking is
 * logged and tried again.
 */
export function similarListWorker(db: Database, log: Logger, everyMs: number): BackgroundWork {
  if (everyMs === 0) return { stop: async () => {} };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const backfill: SimilarBackfill = { after: null };
  const ranked = (turn: SimilarTurn) => turn.queued + turn.backfilled > 0;
  const look = async () => {
    try {
      while (!stopped && ranked(await inBackground(() => rankSimilarTurn(db.orm.em.fork(), backfill)))) {}
    } catch (error) {
      log.warn({ err: error }, 'ranking practices for Practice.similar failed; they are tried again');
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
