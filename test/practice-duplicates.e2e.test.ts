// Curators resolving likely duplicates through the gateway: the review queue of submitted practices shows each
// one's possible duplicates, and a pair marked "not a duplicate" leaves possibleDuplicates both ways but stays in
// similar. Only curators may mark; unknown or bad ids are refused with nothing written.
import { seedIds as organisations } from '@radar/organisations';
import { practiceFixtures, practiceSeedIds } from '@radar/practices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

let stack: Stack;
let editor: string;
let copyId: string;
const original = practiceSeedIds.smartHospitalPlatform;

const MARK = `mutation($practiceId: UUID!, $otherId: UUID!, $reason: String) {
  markNotDuplicate(practiceId: $practiceId, otherId: $otherId, reason: $reason) { id } }`;
const QUEUE = `{ practices(filter: { statuses: [SUBMITTED] }, first: 100) {
  nodes { id status possibleDuplicates { practice { id } reasons likelyDuplicate } } } }`;
const DUPLICATES_AND_SIMILAR = `query($id: UUID!) { practice(id: $id) {
  possibleDuplicates { practice { id } } similar(first: 10) { practice { id } likelyDuplicate } } }`;

interface QueueNode {
  id: string;
  status: string;
  possibleDuplicates: { practice: { id: string }; reasons: string[]; likelyDuplicate: boolean }[];
}

beforeAll(async () => {
  stack = await startStack();
  editor = await stack.keys.editorOf(organisations.smartHospital);
  const {
    id: _id,
    publishedAt: _published,
    createdAt: _created,
    contributors: _contributors,
    ...copy
  } = practiceFixtures.find((fixture) => fixture.id === original) as (typeof practiceFixtures)[number];
  const registered = await stack.gql(
    `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`,
    { input: copy },
    { key: editor },
  );
  expect(registered.errors).toBeUndefined();
  copyId = registered.data?.registerPractice.id;
  const submitted = await stack.gql(
    `mutation($id: UUID!) { submitPractice(id: $id, version: 1) { status } }`,
    { id: copyId },
    { key: editor },
  );
  expect(submitted.data?.submitPractice).toEqual({ status: 'SUBMITTED' });
});
afterAll(async () => {
  await stack?.stop();
});

async function queueEntry() {
  const response = await stack.gql<{ practices: { nodes: QueueNode[] } }>(QUEUE, {}, { key: stack.keys.curator });
  expect(response.errors).toBeUndefined();
  return response.data?.practices.nodes.find((node) => node.id === copyId) as QueueNode;
}

async function duplicatesAndSimilar(id: string) {
  const response = await stack.gql(DUPLICATES_AND_SIMILAR, { id }, { key: stack.keys.curator });
  expect(response.errors).toBeUndefined();
  const practice = response.data?.practice;
  return {
    duplicates: (practice.possibleDuplicates as { practice: { id: string } }[]).map((match) => match.practice.id),
    similar: (practice.similar as { practice: { id: string } }[]).map((match) => match.practice.id),
  };
}

async function expectPairStillListed() {
  expect((await queueEntry()).possibleDuplicates.map((match) => match.practice.id)).toContain(original);
  expect((await duplicatesAndSimilar(original)).duplicates).toContain(copyId);
}

describe('the review queue', () => {
  it('shows the submitted copy with the seeded Smart Hospital platform as its likely duplicate', async () => {
    const entry = await queueEntry();
    expect(entry.status).toBe('SUBMITTED');
    const match = entry.possibleDuplicates.find((candidate) => candidate.practice.id === original);
    expect(match?.likelyDuplicate).toBe(true);
    expect(match?.reasons).toEqual(expect.arrayContaining(['near-identical title', 'same owner']));
  });
});

describe('refused marks write nothing', () => {
  it('refuses anyone but a curator: FORBIDDEN for the owner\u2019s editor, UNAUTHENTICATED without a key', async () => {
    const byEditor = await stack.gql(MARK, { practiceId: copyId, otherId: original }, { key: editor });
    expect(byEditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(byEditor.data?.markNotDuplicate ?? null).toBeNull();
    const anonymous = await stack.gql(MARK, { practiceId: copyId, otherId: original });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await expectPairStillListed();
  });

  it('refuses unknown ids, the same id twice, a malformed id and a blank reason with BAD_USER_INPUT', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const cases: [Record<string, unknown>, string][] = [
      [{ practiceId: copyId, otherId: unknown }, 'otherId'],
      [{ practiceId: unknown, otherId: original }, 'practiceId'],
      [{ practiceId: copyId, otherId: copyId }, 'otherId'],
      [{ practiceId: copyId, otherId: original, reason: '   ' }, 'reason'],
      [{ practiceId: copyId, otherId: 'not-a-uuid' }, ''],
    ];
    for (const [variables, field] of cases) {
      const response = await stack.gql(MARK, variables, { key: stack.keys.curator });
      expect(response.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
      if (field) expect(JSON.stringify(response.errors?.[0]), JSON.stringify(variables)).toContain(field);
      expect(response.data?.markNotDuplicate ?? null).toBeNull();
    }
    await expectPairStillListed();
  });
});

describe('marking a pair not a duplicate', () => {
  it('removes the pair from possibleDuplicates both ways, keeps it in similar, and can be repeated', async () => {
    const marked = await stack.gql(
      MARK,
      { practiceId: original, otherId: copyId, reason: 'A second edition of the platform for another network.' },
      { key: stack.keys.curator },
    );
    expect(marked.errors).toBeUndefined();
    expect(marked.data?.markNotDuplicate).toEqual({ id: original });

    expect((await queueEntry()).possibleDuplicates.map((match) => match.practice.id)).not.toContain(original);
    const copy = await duplicatesAndSimilar(copyId);
    expect(copy.duplicates).not.toContain(original);
    expect(copy.similar).toContain(original);
    const seeded = await duplicatesAndSimilar(original);
    expect(seeded.duplicates).not.toContain(copyId);
    expect(seeded.similar).toContain(copyId);

    const again = await stack.gql(MARK, { practiceId: copyId, otherId: original }, { key: stack.keys.curator });
    expect(again.errors).toBeUndefined();
    expect(again.data?.markNotDuplicate).toEqual({ id: copyId });
    expect((await duplicatesAndSimilar(copyId)).duplicates).not.toContain(original);
  });
});
