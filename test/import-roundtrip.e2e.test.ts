// The round trip a data team relies on: a registry with organisations, published practices (contributors, evidence,
// translations, WHO codes), adoptions and needs is dumped, the dump imported into an empty RADAR by a curator, and
// that RADAR's dump is the same graph, record type by record type; importing it again changes nothing.
import { seedIds } from '@radar/organisations';
import { projectSeedIds } from '@radar/projects';
import n3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, canonicalRecords, dumpOf, importJsonLd } from './support/linked-data.js';
import { type Stack, startStack } from './support/stack.js';

let source: Stack;
let empty: Stack;
let dump: string;
const added: { practice?: string; adoption?: string; matchedNeed?: string; closedNeed?: string } = {};

async function write(stack: Stack, query: string, variables: Record<string, unknown> = {}) {
  const answer = await stack.gql(query, variables, { key: stack.keys.curator });
  expect(answer.errors, query).toBeUndefined();
  return Object.values(answer.data ?? {})[0] as { id: string; version: number };
}

/** The registry's own workflow, as its users take it: register, submit, publish; record an adoption; state needs. */
async function seedMore(stack: Stack) {
  const registered = await write(
    stack,
    `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id version } }`,
    {
      input: {
        title: 'Round-trip tele-dermatology',
        summary: 'Photos of skin lesions triaged by dermatologists within a day.',
        description: 'A **store-and-forward** service run by a regional hospital.',
        language: 'en',
        translations: [
          {
            language: 'fr',
            title: 'Télédermatologie aller-retour',
            summary: 'Des photos de lésions triées en un jour.',
            description: 'Un service différé.',
          },
        ],
        type: 'DIGITAL_SERVICE',
        maturity: 'IMPLEMENTED',
        trl: 8,
        ownerId: seedIds.smartHospital,
        contributors: [{ organisationId: seedIds.digitalInnovationZone, role: 'DEVELOPER' }],
        evidence: [{ kind: 'PUBLICATION', url: 'https://doi.org/10.1000/182', title: 'Trial results' }],
        cdhiCodes: ['1.4.1'],
        healthSystemChallenges: ['3.5'],
        serviceTypes: ['A9'],
        countries: ['RO'],
        nuts: ['RO21'],
        languages: ['ro', 'en'],
      },
    },
  );
  added.practice = registered.id;
  const submitted = await write(
    stack,
    `mutation { submitPractice(id: "${registered.id}", version: 1) { id version } }`,
  );
  await write(stack, `mutation { publishPractice(id: "${registered.id}", version: ${submitted.version}) { id } }`);
  const adoption = await write(
    stack,
    `mutation($input: AddAdoptionInput!) { addAdoption(input: $input) { id version } }`,
    {
      input: {
        practiceId: registered.id,
        adopterId: seedIds.endotarget,
        country: 'RO',
        nuts: 'RO21',
        scale: 'LOCAL',
        status: 'ONGOING',
        startDate: '2025-03-01',
        note: 'Two wards.',
      },
    },
  );
  added.adoption = adoption.id;
  const need = async (title: string) => {
    const created = await write(
      stack,
      `mutation($input: CreateNeedInput!) { createNeed(input: $input) { id version } }`,
      {
        input: {
          title,
          description: 'Patients wait months for a dermatologist in rural counties.',
          country: 'RO',
          nuts: 'RO21',
          ownerId: seedIds.endotarget,
          cdhiCodes: ['1.4.1'],
          healthSystemChallenges: ['3.5'],
          minMaturity: 'PILOT',
          startDate: '2026-01-01',
          endDate: '2026-12-31',
        },
      },
    );
    const submittedNeed = await write(stack, `mutation { submitNeed(id: "${created.id}", version: 1) { id version } }`);
    return write(
      stack,
      `mutation { publishNeed(id: "${created.id}", version: ${submittedNeed.version}) { id version } }`,
    );
  };
  const matched = await need('Tele-dermatology for rural counties');
  await write(
    stack,
    `mutation { matchNeed(id: "${matched.id}", version: ${matched.version}, practiceId: "${registered.id}") { id } }`,
  );
  added.matchedNeed = matched.id;
  const closed = await need('Skin screening in schools');
  await write(stack, `mutation { closeNeed(id: "${closed.id}", version: ${closed.version}) { id } }`);
  added.closedNeed = closed.id;
}

beforeAll(async () => {
  [source, empty] = await Promise.all([startStack(), startStack({ seed: false })]);
  await seedMore(source);
  dump = await dumpOf(source);
}, 120_000);
afterAll(async () => {
  await Promise.all([source?.stop(), empty?.stop()]);
});

/**
 * What this round trip leaves out, and why. Projects (with their participants and twinnings) are compared by
 * test/import-projects.e2e.test.ts; here they are imported so that what names them (an adoption through the seeded
 * Digital Health Uptake project, which has no coordinator) comes back. Assessments are not imported: they are a
 * curator's review in this registry, not data a partner sends.
 */
const uncoordinated = projectSeedIds.digitalHealthUptake;
const isAssessment = (term: n3.Term) => term.value.includes('#assessment-');

/** The record types compared, each with the quads of its records that the round trip is to carry. */
const recordTypes = ['organisations', 'practices', 'needs'] as const;

function recordsOf(text: string, path: (typeof recordTypes)[number]) {
  const graph = JSON.parse(text)['@graph'] as { id: string }[];
  return graph
    .filter((node) => node.id?.startsWith(`${BASE}/${path}/`))
    .map((node) => ({ '@context': `${BASE}/ontology/context.jsonld`, ...node }));
}

async function canonicalOf(text: string, path: (typeof recordTypes)[number]) {
  const documents = recordsOf(text, path);
  const carried = (quad: n3.Quad) => ![quad.subject, quad.object].some(isAssessment);
  return { count: documents.length, graph: await canonicalRecords(documents, carried) };
}

describe('a curator imports RADAR’s own JSON-LD into an empty RADAR', () => {
  let first: Awaited<ReturnType<typeof importJsonLd>>;
  let again: string;
  beforeAll(async () => {
    first = await importJsonLd(empty, dump, '?source=radar-dump&run=round-trip&keepTimes=true');
    again = await dumpOf(empty);
  }, 120_000);

  it('creates every record under the id it has, the seeded project without a coordinator too', () => {
    expect(first.status).toBe(200);
    expect(first.records.filter((entry) => entry.outcome === 'rejected')).toEqual([]);
    expect(first.records).toContainEqual(
      expect.objectContaining({ type: 'projects', outcome: 'created', id: uncoordinated }),
    );
    const created = first.records.filter((entry) => entry.outcome === 'created').map((entry) => entry.id);
    expect(created).toEqual(
      expect.arrayContaining([added.practice, added.adoption, added.matchedNeed, added.closedNeed]),
    );
  });

  for (const path of recordTypes) {
    it(`exports the same ${path} graph, with their status and times`, async () => {
      const [before, after] = await Promise.all([canonicalOf(dump, path), canonicalOf(again, path)]);
      expect(before.count).toBeGreaterThan(0);
      expect(after.count).toBe(before.count);
      expect(after.graph).toBe(before.graph);
    });
  }

  it('leaves the records it imported published through the workflow’s steps, dated as they were', async () => {
    const answer = await empty.gql(
      `{ practice(id: "${added.practice}") { status createdAt publishedAt history { action } adoptions { id createdAt } }
         need(id: "${added.matchedNeed}") { status state matchedPractice { id } } }`,
      {},
      { key: empty.keys.curator },
    );
    const original = await source.gql(
      `{ practice(id: "${added.practice}") { createdAt publishedAt adoptions { id createdAt } } }`,
      {},
      { key: source.keys.curator },
    );
    expect(answer.data?.practice).toMatchObject({ status: 'PUBLISHED', ...original.data?.practice });
    expect(answer.data?.practice.history.map((event: { action: string }) => event.action)).toEqual([
      'REGISTERED',
      'SUBMITTED',
      'PUBLISHED',
      'ADOPTION_ADDED',
    ]);
    expect(answer.data?.need).toEqual({
      status: 'PUBLISHED',
      state: 'MATCHED',
      matchedPractice: { id: added.practice },
    });
  });

  it('restores the project without a coordinator with its partner, in a history of the import’s writes', async () => {
    const query = `{ project(id: "${uncoordinated}") { acronym coordinator { id } participants { role organisation { id } }
        history { action actorRole changes comment } } }`;
    const restored = await empty.gql(query, {}, { key: empty.keys.curator });
    expect(restored.errors).toBeUndefined();
    const { history, ...project } = restored.data?.project ?? {};
    expect(project).toEqual({
      acronym: 'DHU',
      coordinator: null,
      participants: [{ role: 'PARTNER', organisation: { id: seedIds.digitalEurope } }],
    });
    // A record RADAR's own IRI names is matched by its id, not a source key: its entries name the import all the same.
    expect(history[0]).toMatchObject({
      action: 'CREATED',
      actorRole: 'curator',
      comment: 'import round-trip from radar-dump (body)',
    });
    for (const event of history) expect(JSON.parse(event.changes)).not.toEqual({});
  });

  it('changes nothing when the same dump is imported again', async () => {
    const second = await importJsonLd(empty, dump, '?source=radar-dump&run=round-trip-2&keepTimes=true');
    const written = second.records.filter((entry) => entry.outcome === 'created' || entry.outcome === 'updated');
    expect(written).toEqual([]);
    expect(second.summary.unchanged).toBe(
      (first.summary.created ?? 0) + (first.summary.updated ?? 0) + (first.summary.unchanged ?? 0),
    );
    expect(second.summary.rejected).toBe(first.summary.rejected);
  });
});
