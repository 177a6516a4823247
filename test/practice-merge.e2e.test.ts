// Merging a duplicate practice into the original through the gateway and the exporter: the duplicate becomes a
// MERGED tombstone pointing to the survivor (replacedBy in GraphQL, dct:isReplacedBy in the linked data), its
// adoptions move unless the survivor already has the same one, and every refusal writes nothing. A copy merged before
// it was ever published leaves the same trace for curators and the owner's editors, and nothing public.

import type { ExporterServer } from '@radar/exporter';
import { seedIds as organisations } from '@radar/organisations';
import { practiceSeedIds } from '@radar/practices';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExporterAtItsBase } from './support/exporter.js';
import { publishNewPractice, type Stack, startStack } from './support/stack.js';

let stack: Stack;
let exporter: ExporterServer;
let base: string;
let editor: string;
let survivor: string;
let duplicate: string;
let movedAdoption: string;
let keptAdoption: string;

const MERGE = `mutation($id: UUID!, $version: Int!, $survivorId: UUID!, $comment: String) {
  mergePractice(id: $id, version: $version, survivorId: $survivorId, comment: $comment) { id adoptions { id } } }`;
const TOMBSTONE = `query($id: UUID!) { practiceTombstone(id: $id) { id reason replacedBy } }`;
const ADD_ADOPTION = `mutation($input: AddAdoptionInput!) { addAdoption(input: $input) { id } }`;

async function addAdoption(practiceId: string, adopterId: string, country: string) {
  const response = await stack.gql(
    ADD_ADOPTION,
    { input: { practiceId, adopterId, country, scale: 'REGIONAL', status: 'ONGOING', startDate: '2025-01-01' } },
    { key: stack.keys.curator },
  );
  expect(response.errors).toBeUndefined();
  return response.data?.addAdoption.id as string;
}

async function visible(id: string) {
  const response = await stack.gql(`query($id: UUID!) { practice(id: $id) { id version } }`, { id });
  return response.data?.practice as { id: string; version: number } | null;
}

beforeAll(async () => {
  stack = await startStack();
  ({ exporter, base } = await startExporterAtItsBase(stack));
  editor = await stack.keys.editorOf(organisations.smartHospital);
  survivor = await publishNewPractice(stack, 'Tele-rehabilitation at home', editor, 'Physiotherapy by video call.');
  duplicate = await publishNewPractice(stack, 'Telerehabilitation at home', editor, 'Physiotherapy by video calls.');
  // The same adoption on both: it stays with the tombstone. Another one only on the duplicate: it moves.
  await addAdoption(survivor, organisations.digitalInnovationZone, 'RO');
  keptAdoption = await addAdoption(duplicate, organisations.digitalInnovationZone, 'RO');
  movedAdoption = await addAdoption(duplicate, organisations.eitHealth, 'DE');
});
afterAll(async () => {
  await exporter?.close();
  await stack?.stop();
});

describe('refused merges write nothing', () => {
  it('refuses anyone but a curator, an unknown or identical survivor, and a stale version', async () => {
    const { version } = (await visible(duplicate)) as { version: number };
    const cases: [Record<string, unknown>, string | undefined, string][] = [
      [{ id: duplicate, version, survivorId: survivor }, editor, 'FORBIDDEN'],
      [{ id: duplicate, version, survivorId: survivor }, undefined, 'UNAUTHENTICATED'],
      [
        { id: duplicate, version, survivorId: '00000000-0000-4000-8000-000000000000' },
        stack.keys.curator,
        'BAD_USER_INPUT',
      ],
      [{ id: duplicate, version, survivorId: duplicate }, stack.keys.curator, 'BAD_USER_INPUT'],
      [{ id: duplicate, version, survivorId: survivor, comment: '  ' }, stack.keys.curator, 'BAD_USER_INPUT'],
      [{ id: duplicate, version: version + 5, survivorId: survivor }, stack.keys.curator, 'CONFLICT'],
      [{ id: '00000000-0000-4000-8000-000000000000', version, survivorId: survivor }, stack.keys.curator, 'NOT_FOUND'],
    ];
    for (const [variables, key, code] of cases) {
      const response = await stack.gql(MERGE, variables, key ? { key } : {});
      expect(response.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe(code);
      expect(response.data?.mergePractice ?? null).toBeNull();
    }
    expect(await visible(duplicate)).toEqual({ id: duplicate, version });
    expect((await stack.gql(TOMBSTONE, { id: duplicate })).data?.practiceTombstone).toBeNull();
  });
});

describe('merging a duplicate into the original', () => {
  it('leaves a MERGED tombstone pointing to the survivor, in GraphQL, the change feed and the linked data', async () => {
    const since = new Date().toISOString();
    const { version } = (await visible(duplicate)) as { version: number };
    const merged = await stack.gql(
      MERGE,
      { id: duplicate, version, survivorId: survivor, comment: 'Registered twice by the same team.' },
      { key: stack.keys.curator },
    );
    expect(merged.errors).toBeUndefined();
    expect(merged.data?.mergePractice.id).toBe(survivor);
    const survivorAdoptions = ((merged.data?.mergePractice.adoptions ?? []) as { id: string }[]).map((row) => row.id);
    expect(survivorAdoptions).toContain(movedAdoption);
    expect(survivorAdoptions).not.toContain(keptAdoption);
    expect(survivorAdoptions).toHaveLength(2);

    expect(await visible(duplicate)).toBeNull();
    const history = await stack.gql(
      `query($id: UUID!) { practice(id: $id) { history { action comment changes } } }`,
      { id: survivor },
      { key: stack.keys.curator },
    );
    const mergedIn = (
      (history.data?.practice.history ?? []) as { action: string; comment: string; changes: string }[]
    ).find((event) => event.action === 'MERGED_IN');
    expect(mergedIn?.comment).toBe('Registered twice by the same team.');
    expect(mergedIn?.changes).toContain(duplicate);
    expect(mergedIn?.changes).toContain(movedAdoption);
    expect((await stack.gql(TOMBSTONE, { id: duplicate })).data?.practiceTombstone).toEqual({
      id: duplicate,
      reason: 'MERGED',
      replacedBy: survivor,
    });
    const changes = await stack.gql(
      `query($since: DateTimeISO) { practiceChanges(input: { since: $since }) { nodes { id reason replacedBy } } }`,
      { since },
    );
    expect(changes.errors).toBeUndefined();
    const nodes = changes.data?.practiceChanges.nodes as {
      id: string;
      reason: string | null;
      replacedBy: string | null;
    }[];
    expect(nodes).toContainEqual({ id: duplicate, reason: 'MERGED', replacedBy: survivor });
    expect(nodes).toContainEqual({ id: survivor, reason: null, replacedBy: null });

    const iri = `${base}/practices/${duplicate}`;
    const response = await fetch(iri, { headers: { accept: 'application/ld+json' } });
    expect(response.status).toBe(410);
    const tombstone = await response.json();
    expect(tombstone).toMatchObject({ id: iri, type: 'Tombstone', isReplacedBy: `${base}/practices/${survivor}` });
    const page = await fetch(`${iri}?format=html`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain(`It is replaced by <a href="${base}/practices/${survivor}">`);
    const quads = ((await jsonld.toRDF(tombstone, { format: 'application/n-quads' } as never)) as unknown as string)
      .split('\n')
      .filter(Boolean);
    expect(quads).toContain(`<${iri}> <http://purl.org/dc/terms/isReplacedBy> <${base}/practices/${survivor}> .`);
    expect(quads).toContain(
      `<${iri}> <https://w3id.org/radar/ontology#tombstoneReason> <https://w3id.org/radar/code/tombstone-reason/MERGED> .`,
    );
    const feed = await (
      await fetch(`${base}/practices?modifiedSince=${encodeURIComponent(since)}`, {
        headers: { accept: 'application/ld+json' },
      })
    ).json();
    expect(feed.member.find((item: { id: string }) => item.id === iri)).toMatchObject({
      type: 'Tombstone',
      isReplacedBy: `${base}/practices/${survivor}`,
    });
  });

  it('refuses to merge it again, or into it', async () => {
    const again = await stack.gql(
      MERGE,
      { id: duplicate, version: 4, survivorId: survivor },
      { key: stack.keys.curator },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const { version } = (await visible(survivor)) as { version: number };
    const into = await stack.gql(MERGE, { id: survivor, version, survivorId: duplicate }, { key: stack.keys.curator });
    expect(into.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await visible(survivor)).toEqual({ id: survivor, version });
  });
});

describe('merging a copy that was never published', () => {
  const HISTORY = `query($id: UUID!) { practiceHistory(id: $id) { action comment changes } }`;
  const original = practiceSeedIds.smartHospitalPlatform;
  let copy: string;
  let outsider: string;
  let since: string;

  beforeAll(async () => {
    outsider = await stack.keys.editorOf(organisations.eitHealth);
    const seeded = await stack.gql(
      `query($id: UUID!) { practice(id: $id) { title summary language type maturity cdhiCodes healthSystemChallenges
         topics targetGroups careSettings languages countries nuts } }`,
      { id: original },
    );
    expect(seeded.errors).toBeUndefined();
    const registered = await stack.gql(
      `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id version } }`,
      { input: { ...seeded.data?.practice, ownerId: organisations.smartHospital } },
      { key: editor },
    );
    expect(registered.errors).toBeUndefined();
    copy = registered.data?.registerPractice.id as string;
    const submitted = await stack.gql(
      `mutation($id: UUID!, $version: Int!) { submitPractice(id: $id, version: $version) { version } }`,
      { id: copy, version: registered.data?.registerPractice.version },
      { key: editor },
    );
    expect(submitted.errors).toBeUndefined();
    since = new Date().toISOString();
    const merged = await stack.gql(
      MERGE,
      {
        id: copy,
        version: submitted.data?.submitPractice.version,
        survivorId: original,
        comment: 'The same platform, registered again.',
      },
      { key: stack.keys.curator },
    );
    expect(merged.errors).toBeUndefined();
    expect(merged.data?.mergePractice.id).toBe(original);
  });

  it('gives curators and the owner\u2019s editors its tombstone pointing to the original, and both histories', async () => {
    for (const key of [stack.keys.curator, editor]) {
      expect((await stack.gql(TOMBSTONE, { id: copy }, { key })).data?.practiceTombstone).toEqual({
        id: copy,
        reason: 'MERGED',
        replacedBy: original,
      });
      const history = await stack.gql(HISTORY, { id: copy }, { key });
      expect(history.errors).toBeUndefined();
      const events = history.data?.practiceHistory as { action: string; comment: string | null; changes: string }[];
      expect(events.map((event) => event.action)).toEqual(['REGISTERED', 'SUBMITTED', 'MERGED']);
      expect(events.at(-1)?.comment).toBe('The same platform, registered again.');
      expect(JSON.parse(events.at(-1)?.changes ?? '{}')).toMatchObject({ replacedBy: { from: null, to: original } });
      const survivorHistory = await stack.gql(HISTORY, { id: original }, { key });
      const mergedIn = ((survivorHistory.data?.practiceHistory ?? []) as { action: string; changes: string }[]).find(
        (event) => event.action === 'MERGED_IN',
      );
      expect(JSON.parse(mergedIn?.changes ?? '{}')).toMatchObject({ merged: { from: null, to: copy } });
      // It is gone as a practice: the tombstone and the history are what remain of it.
      const read = await stack.gql(`query($id: UUID!) { practice(id: $id) { id } }`, { id: copy }, { key });
      expect(read.data?.practice).toBeNull();
    }
  });

  it('shows the public and other organisations nothing, since it was never public', async () => {
    for (const options of [{}, { key: outsider }]) {
      expect((await stack.gql(TOMBSTONE, { id: copy }, options)).data?.practiceTombstone).toBeNull();
      const history = await stack.gql(HISTORY, { id: copy }, options);
      expect(history.errors).toBeUndefined();
      expect(history.data?.practiceHistory).toBeNull();
    }
    const changes = await stack.gql(
      `query($since: DateTimeISO) { practiceChanges(input: { since: $since }) { nodes { id } } }`,
      { since },
      { key: stack.keys.curator },
    );
    expect(changes.errors).toBeUndefined();
    expect(((changes.data?.practiceChanges.nodes ?? []) as { id: string }[]).map((node) => node.id)).not.toContain(
      copy,
    );
    const response = await fetch(`${base}/practices/${copy}`, { headers: { accept: 'application/ld+json' } });
    expect(response.status).toBe(404);
    // The original's own history is still its insiders' only.
    expect((await stack.gql(HISTORY, { id: original }, { key: outsider })).data?.practiceHistory).toBeNull();
  });

  it('answers null for an id no practice has, and refuses a malformed one', async () => {
    const unknown = await stack.gql(
      HISTORY,
      { id: '00000000-0000-4000-8000-000000000000' },
      { key: stack.keys.curator },
    );
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.practiceHistory).toBeNull();
    const malformed = await stack.gql(HISTORY, { id: 'not-a-uuid' }, { key: stack.keys.curator });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
