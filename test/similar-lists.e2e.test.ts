// Practice.similar from stored lists: a write queues its practice; ranking the queue stores its list and enters it in
// the lists of the practices it found; while practices wait, a read ranks afresh; a read leaves out what the caller may not see now (others' drafts, deleted and merged practices) and any
// practice whose contents changed since it was listed, and ranks afresh a practice whose own list no longer holds.
import { seedIds as organisations } from '@radar/organisations';
import { drainSimilar, practiceFixtures, practiceSeedIds, refreshSimilar } from '@radar/practices';
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
