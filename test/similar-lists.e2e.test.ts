// Practice.similar from stored lists: a write queues its practice; ranking the queue stores its list and enters it in
// the lists of the practices it found; while practices wait, a read ranks afresh; a read leaves out what the caller may not see now (others' drafts, deleted and merged practices) and any
// practice whose contents changed since it was listed, and ranks afresh a practice whose own list no longer holds;
// when the queue is empty, the subgraph ranks the practices whose list is missing or no longer holds, fresh writes
// first.
import { readDataGeneration } from '@radar/common';
import { seedIds as organisations } from '@radar/organisations';
import {
  drainSimilar,
  practiceFixtures,
  practiceSeedIds,
  rankSimilarTurn,
  refreshSimilar,
  type SimilarBackfill,
  similarListWorker,
} from '@radar/practices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

let stack: Stack;
let editor: string;

const original = practiceSeedIds.smartHospitalPlatform;
const SIMILAR_TO = `query($id: UUID!) { practice(id: $id) { similar(first: 20) { practice { id } score reasons } } }`;
const REGISTER = `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id version } }`;

interface Match {
  practice: { id: string };
  score: number;
  reasons: string[];
}

beforeAll(async () => {
  // The queue is ranked by the tests themselves, when they say so.
  stack = await startStack({ env: { RADAR_SIMILAR_EVERY_MS: '0' } });
  editor = await stack.keys.editorOf(organisations.smartHospital);
});
afterAll(async () => {
  await stack?.stop();
});

const sql = (statement: string, params: unknown[] = []) =>
  stack.practices.db.orm.em.fork().getConnection().execute(statement, params, 'all') as Promise<
    Record<string, unknown>[]
  >;

/** The similar practices of `id` for a caller, and how many statements the practices database ran for them. */
async function similarOf(id: string, key?: string) {
  const before = stack.practices.db.statements.total;
  const response = await stack.gql<{ practice: { similar: Match[] } }>(SIMILAR_TO, { id }, key ? { key } : {});
  expect(response.errors).toBeUndefined();
  return {
    matches: response.data?.practice.similar as Match[],
    statements: stack.practices.db.statements.total - before,
  };
}

const idsOf = (matches: Match[]) => matches.map((match) => match.practice.id);

/** Ranks every queued practice, as the subgraph does beside its requests. */
async function rankQueue() {
  while ((await drainSimilar(stack.practices.db.orm.em.fork())) > 0) {}
  expect(await sql('select practice_id from practice_similar_queue')).toEqual([]);
}

/** The seeded Smart Hospital platform again, under another title word, by its owner's editor: a draft. */
function copyOf(title: string) {
  const {
    id: _id,
    publishedAt: _p,
    createdAt: _c,
    contributors: _k,
    ...input
  } = practiceFixtures.find((fixture) => fixture.id === original) as (typeof practiceFixtures)[number];
  return { ...input, title };
}

async function registerCopy(title: string) {
  const registered = await stack.gql(REGISTER, { input: copyOf(title) }, { key: editor });
  expect(registered.errors).toBeUndefined();
  return registered.data?.registerPractice as { id: string; version: number };
}

describe('stored lists', () => {
  it('answer what ranking afresh does, in one statement fewer', async () => {
    const id = practiceSeedIds.radarRegistry;
    const stored = await similarOf(id, stack.keys.curator);
    expect(stored.matches.length).toBeGreaterThan(0);
    await sql('delete from practice_similar_list where practice_id = ?', [id]);
    const afresh = await similarOf(id, stack.keys.curator);
    expect(afresh.statements).toBe(stored.statements + 1);
    // A list also holds the practices that found it when they were written, so it may hold more.
    expect(afresh.matches.length).toBeGreaterThan(0);
    expect(stored.matches).toEqual(expect.arrayContaining(afresh.matches));
    await stack.practices.db.orm.em.fork().transactional((tx) => refreshSimilar(tx, [id]));
    expect((await similarOf(id, stack.keys.curator)).statements).toBe(stored.statements);
  });

  it('list a new practice in the lists of those it resembles once ranked, and rank afresh until then', async () => {
    const before = await similarOf(original, stack.keys.curator);
    const copy = await registerCopy('Smart Hospital interactive platform, second entry');
    expect(await sql('select practice_id from practice_similar_queue')).toEqual([{ practice_id: copy.id }]);
    const waiting = await similarOf(original, stack.keys.curator);
    expect(waiting.statements).toBe(before.statements + 1);
    expect(idsOf(waiting.matches)[0]).toBe(copy.id);

    await rankQueue();
    const curator = await similarOf(original, stack.keys.curator);
    expect(curator.statements).toBe(before.statements);
    expect(idsOf(curator.matches)[0]).toBe(copy.id);
    expect(curator.matches[0]?.reasons).toContain('same owner');
    expect(idsOf((await similarOf(original, editor)).matches)).toContain(copy.id);
    // A draft: not for anonymous callers or another organisation's editors.
    const other = await stack.keys.editorOf(organisations.digitalEurope);
    for (const key of [undefined, other]) {
      expect(idsOf((await similarOf(original, key)).matches)).not.toContain(copy.id);
    }
  });

  it('drop a deleted or merged practice at once', async () => {
    const deleted = await registerCopy('Smart Hospital interactive platform, to delete');
    const merged = await registerCopy('Smart Hospital interactive platform, to merge');
    await rankQueue();
    expect(idsOf((await similarOf(original, stack.keys.curator)).matches)).toEqual(
      expect.arrayContaining([deleted.id, merged.id]),
    );
    const deleting = await stack.gql(
      `mutation($id: UUID!, $version: Int!) { deletePractice(id: $id, version: $version) { id } }`,
      deleted,
      { key: editor },
    );
    expect(deleting.errors).toBeUndefined();
    const merging = await stack.gql(
      `mutation($id: UUID!, $version: Int!, $survivorId: UUID!) {
        mergePractice(id: $id, version: $version, survivorId: $survivorId) { id } }`,
      { ...merged, survivorId: original },
      { key: stack.keys.curator },
    );
    expect(merging.errors).toBeUndefined();
    for (const key of [stack.keys.curator, editor]) {
      const ids = idsOf((await similarOf(original, key)).matches);
      expect(ids).not.toContain(deleted.id);
      expect(ids).not.toContain(merged.id);
    }
  });

  it('leave out a listed practice changed behind the API, and rank afresh a practice whose own list no longer holds', async () => {
    const copy = await registerCopy('Smart Hospital interactive platform, changed by hand');
    await rankQueue();
    const listed = (await similarOf(original, stack.keys.curator)).matches.find(
      (match) => match.practice.id === copy.id,
    );
    expect(listed?.score).toBeGreaterThan(0.9);
    await sql(
      "update practice set title = 'Nothing alike any more', summary = 'A different thing.', description = null, translations = '[]' where id = ?",
      [copy.id],
    );
    const stale = await similarOf(original, stack.keys.curator);
    expect(idsOf(stale.matches)).not.toContain(copy.id);

    await sql("update practice set summary = summary || ' Now also in Moldova.' where id = ?", [original]);
    const afresh = await similarOf(original, stack.keys.curator);
    expect(afresh.statements).toBe(stale.statements + 1);
    // Ranked on what the copy is now: alike only in its classification.
    const ranked = afresh.matches.find((match) => match.practice.id === copy.id);
    expect(ranked?.score ?? 0).toBeLessThan(listed?.score ?? 0);
    expect(ranked?.reasons ?? []).not.toContain('near-identical title');
  });
});

describe('the queue', () => {
  it('keeps nothing of a write that was refused, and ranks a practice written twice once', async () => {
    const refused = await stack.gql(
      REGISTER,
      { input: { ...copyOf('Smart Hospital interactive platform, refused'), cdhiCodes: ['9.9.9'] } },
      { key: editor },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await sql('select practice_id from practice_similar_queue')).toEqual([]);

    const copy = await registerCopy('Smart Hospital interactive platform, written twice');
    const updated = await stack.gql(
      `mutation($id: UUID!, $version: Int!, $input: UpdatePracticeInput!) {
        updatePractice(id: $id, version: $version, input: $input) { id version } }`,
      { ...copy, input: { summary: 'The Smart Hospital platform again, now with a longer summary of what it does.' } },
      { key: editor },
    );
    expect(updated.errors).toBeUndefined();
    expect(await sql('select practice_id from practice_similar_queue')).toEqual([{ practice_id: copy.id }]);
    expect(await drainSimilar(stack.practices.db.orm.em.fork())).toBe(1);
    expect(await sql('select practice_id from practice_similar_queue')).toEqual([]);
    expect(await sql('select practice_id from practice_similar_list where practice_id = ?', [copy.id])).toHaveLength(1);
  });
});

/** Copies of the seeded Smart Hospital platform written straight into the database: no queue, no list. */
async function insertBehindTheApi(titles: string[]) {
  const ids: string[] = [];
  for (const title of titles) {
    const [inserted] = await sql(
      `insert into practice (id, title, summary, description, language, translations, type, maturity, cdhi_codes,
        cdhi_codes_expanded, topics, target_groups, care_settings, languages, countries, nuts, standards, owner_id,
        status, created_at, updated_at, published_at, health_system_challenges, service_types)
      select gen_random_uuid(), ?, summary, description, language, translations, type, maturity, cdhi_codes,
        cdhi_codes_expanded, topics, target_groups, care_settings, languages, countries, nuts, standards, owner_id,
        status, now(), now(), published_at, health_system_challenges, service_types
      from practice where id = ? returning id`,
      [title, original],
    );
    ids.push(inserted?.id as string);
  }
  return ids;
}

const listed = async (ids: string[]) =>
  (
    await sql('select practice_id from practice_similar_list where practice_id = any(?::uuid[])', [
      `{${ids.join(',')}}`,
    ])
  )
    .map((row) => row.practice_id)
    .sort();

/** Every practice's list ranked, the queue empty: as a registry is once the subgraph has caught up. */
async function rankEverything() {
  await rankQueue();
  const backfill: SimilarBackfill = { after: null };
  do {
    await rankSimilarTurn(stack.practices.db.orm.em.fork(), backfill, 50);
  } while (backfill.after !== null);
}

describe('the backfill', () => {
  it('does nothing while the subgraph does not rank (RADAR_SIMILAR_EVERY_MS=0)', async () => {
    const [id] = await insertBehindTheApi(['Smart Hospital interactive platform, left alone']);
    const background = stack.practices.db.statements.background;
    const off = similarListWorker(stack.practices.db, stack.practices.log, 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await off.stop();
    expect(stack.practices.db.statements.background).toBe(background);
    expect(await listed([id as string])).toEqual([]);
  });

  it('stores the lists of practices stored behind the API, with no write, apart from requests and data', async () => {
    await rankEverything();
    const before = await similarOf(original, stack.keys.curator);
    const ids = await insertBehindTheApi([
      'Smart Hospital interactive platform, loaded by hand',
      'Smart Hospital interactive platform, loaded by hand again',
    ]);
    expect(await sql('select practice_id from practice_similar_queue')).toEqual([]);
    const first = ids[0] as string;
    const afresh = await similarOf(first, stack.keys.curator);
    // The stored lists do not know them yet.
    expect(idsOf((await similarOf(original, stack.keys.curator)).matches)).not.toContain(first);

    const generation = await readDataGeneration(stack.practices.db);
    const requests = stack.practices.db.statements.total;
    const background = stack.practices.db.statements.background;
    const worker = similarListWorker(stack.practices.db, stack.practices.log, 10);
    let looks = 0;
    try {
      // The worker looks a hundred times a second here; a loaded machine may take longer.
      while (looks < 300 && (await listed(ids)).length < ids.length) {
        looks += 1;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await worker.stop();
    }
    // The statements of the worker are counted apart: only this test's own looks count as requests.
    expect(stack.practices.db.statements.total - requests).toBe(looks + 1);
    expect(stack.practices.db.statements.background).toBeGreaterThan(background);
    expect(await listed(ids)).toEqual([...ids].sort());
    expect(await readDataGeneration(stack.practices.db)).toBe(generation);

    const stored = await similarOf(first, stack.keys.curator);
    expect(stored.statements).toBe(afresh.statements - 1);
    expect(stored.matches).toEqual(expect.arrayContaining(afresh.matches));
    // Ranking them entered them in the lists of the practices they resemble.
    const now = await similarOf(original, stack.keys.curator);
    expect(now.statements).toBe(before.statements);
    expect(idsOf(now.matches)).toEqual(expect.arrayContaining(ids));
  });

  it('ranks again a list whose practice changed behind the API, and a dropped list, and no other', async () => {
    const [changed, dropped] = await insertBehindTheApi([
      'Smart Hospital interactive platform, to change by hand',
      'Smart Hospital interactive platform, to drop by hand',
    ]);
    await rankEverything();
    await sql("update practice set summary = summary || ' Now also in Moldova.' where id = ?", [changed]);
    await sql('delete from practice_similar_list where practice_id = ?', [dropped]);
    const at = async () =>
      (await sql('select computed_at::text as at from practice_similar_list where practice_id = ?', [changed]))[0]?.at;
    const before = await at();
    const backfill: SimilarBackfill = { after: null };
    let backfilled = 0;
    do {
      backfilled += (await rankSimilarTurn(stack.practices.db.orm.em.fork(), backfill)).backfilled;
    } while (backfill.after !== null);
    expect(backfilled).toBe(2);
    expect(await listed([changed, dropped] as string[])).toHaveLength(2);
    expect(await at()).not.toBe(before);
    expect((await similarOf(changed as string, stack.keys.curator)).statements).toBe(
      (await similarOf(original, stack.keys.curator)).statements,
    );
  });

  it('passes over a practice that another subgraph is ranking', async () => {
    await rankEverything();
    const [id] = (await insertBehindTheApi(['Smart Hospital interactive platform, ranked elsewhere'])) as string[];
    const sweep = async () => {
      const backfill: SimilarBackfill = { after: null };
      let backfilled = 0;
      do {
        backfilled += (await rankSimilarTurn(stack.practices.db.orm.em.fork(), backfill)).backfilled;
      } while (backfill.after !== null);
      return backfilled;
    };
    await stack.practices.db.orm.em.fork().transactional(async (tx) => {
      await refreshSimilar(tx, [id as string]);
      expect(await sweep()).toBe(0);
    });
    expect(await listed([id as string])).toEqual([id]);
    expect(await sweep()).toBe(0);
  });

  it('ranks a fresh write before it goes on, and leaves a queued practice to the queue', async () => {
    await rankEverything();
    const loaded = await insertBehindTheApi([
      'Smart Hospital interactive platform, backfilled first',
      'Smart Hospital interactive platform, backfilled second',
      'Smart Hospital interactive platform, backfilled third',
    ]);
    const backfill: SimilarBackfill = { after: null };
    const turn = () => rankSimilarTurn(stack.practices.db.orm.em.fork(), backfill, 1);
    expect(await turn()).toEqual({ queued: 0, backfilled: 1 });
    expect(await listed(loaded)).toHaveLength(1);

    const written = await registerCopy('Smart Hospital interactive platform, written meanwhile');
    expect(await turn()).toEqual({ queued: 1, backfilled: 0 });
    expect(await listed([written.id])).toEqual([written.id]);
    expect(await listed(loaded)).toHaveLength(1);

    // One of the others taken off the queue by another subgraph, which is ranking it.
    const listedSoFar = await listed(loaded);
    const busy = loaded.find((id) => !listedSoFar.includes(id)) as string;
    await sql("insert into practice_similar_queue (practice_id, taken_until) values (?, now() + interval '1 hour')", [
      busy,
    ]);
    expect(await turn()).toEqual({ queued: 0, backfilled: 1 });
    expect(await turn()).toEqual({ queued: 0, backfilled: 0 });
    expect(await listed(loaded)).toEqual(loaded.filter((id) => id !== busy).sort());
    await sql('delete from practice_similar_queue');
    expect(await turn()).toEqual({ queued: 0, backfilled: 1 });
    expect(await listed(loaded)).toEqual([...loaded].sort());
  });
});
