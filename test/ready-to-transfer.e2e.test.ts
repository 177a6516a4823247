// "Ready to transfer" through the gateway: published practices in routine use or scaled up, with evidence, in
// active use in at least minPlaces countries or NUTS 2 regions, widest spread first, each with the reasons in words.
// Practices just short of a threshold (a pilot, no evidence, too few places, adoptions planned or ended, a draft)
// stay off the list, and a change to an adoption moves a practice on or off it.
import { seedIds as organisations } from '@radar/organisations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

let stack: Stack;
let editor: string;
const ids: Record<string, string> = {};
const adoptions: Record<string, string> = {};

const READY = `query($minPlaces: Int, $by: SpreadLevel, $first: Int, $after: String) {
  readyToTransfer(minPlaces: $minPlaces, by: $by, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { practice { id title maturity } places countries regions reasons } } }`;

interface ReadyNode {
  practice: { id: string; title: string; maturity: string };
  places: number;
  countries: string[];
  regions: string[];
  reasons: string[];
}
interface ReadyPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: ReadyNode[];
}

async function ready(variables: Record<string, unknown> = {}): Promise<ReadyPage> {
  const response = await stack.gql<{ readyToTransfer: ReadyPage }>(READY, variables);
  expect(response.errors).toBeUndefined();
  return response.data?.readyToTransfer as ReadyPage;
}
const titles = (page: ReadyPage) => page.nodes.map((node) => node.practice.title);

async function practice(
  name: string,
  title: string,
  maturity: string,
  evidence: { kind: string; url: string }[],
  publish = true,
) {
  const registered = await stack.gql(
    `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`,
    {
      input: {
        title,
        summary: 'A practice whose spread the ready-to-transfer list weighs.',
        type: 'DIGITAL_SERVICE',
        maturity,
        ownerId: organisations.smartHospital,
        evidence,
      },
    },
    { key: editor },
  );
  expect(registered.errors).toBeUndefined();
  const id = registered.data?.registerPractice.id as string;
  ids[name] = id;
  if (publish) {
    await stack.gql(`mutation { submitPractice(id: "${id}", version: 1) { id } }`, {}, { key: editor });
    const published = await stack.gql(
      `mutation { publishPractice(id: "${id}", version: 2) { id } }`,
      {},
      { key: stack.keys.curator },
    );
    expect(published.errors).toBeUndefined();
  }
  return id;
}

async function adopt(name: string, practiceName: string, input: Record<string, unknown>) {
  const response = await stack.gql(
    `mutation($input: AddAdoptionInput!) { addAdoption(input: $input) { id } }`,
    { input: { practiceId: ids[practiceName], scale: 'REGIONAL', status: 'ONGOING', ...input } },
    { key: stack.keys.curator },
  );
  expect(response.errors, name).toBeUndefined();
  adoptions[name] = response.data?.addAdoption.id;
}

const evaluation = { kind: 'EVALUATION', url: 'https://example.org/evaluation' };
const publication = { kind: 'PUBLICATION', url: '10.1000/radar.2026.1' };

beforeAll(async () => {
  stack = await startStack();
  editor = await stack.keys.editorOf(organisations.smartHospital);
  await practice('scaled', 'Scaled across three countries', 'SCALED_UP', [evaluation, publication]);
  await adopt('scaledRo', 'scaled', { adopterId: organisations.smartHospital, country: 'RO', nuts: 'RO21' });
  await adopt('scaledDe', 'scaled', { adopterId: organisations.eitHealth, country: 'DE', nuts: 'DE11' });
  await adopt('scaledFr', 'scaled', { adopterId: organisations.endotarget, country: 'FR', nuts: 'FR10' });

  await practice('two', 'Two countries, one piloting', 'IMPLEMENTED', [evaluation]);
  await adopt('twoEs', 'two', { adopterId: organisations.smartHospital, country: 'ES', nuts: 'ES51' });
  await adopt('twoPt', 'two', { adopterId: organisations.eitHealth, country: 'PT', nuts: 'PT17', status: 'PILOTING' });
  // Neither counts: one is over, the other has not started.
  await adopt('twoIt', 'two', {
    adopterId: organisations.endotarget,
    country: 'IT',
    status: 'ENDED',
    startDate: '2023-01-01',
    endDate: '2024-01-01',
  });
  await adopt('twoNl', 'two', { adopterId: organisations.echAlliance, country: 'NL', status: 'PLANNED' });

  await practice('regions', 'One country, two regions', 'IMPLEMENTED', [publication]);
  await adopt('regionsNe', 'regions', { adopterId: organisations.smartHospital, country: 'RO', nuts: 'RO213' });
  await adopt('regionsSe', 'regions', { adopterId: organisations.eitHealth, country: 'RO', nuts: 'RO22' });
  // Only a NUTS 1 region: counts as a country, not as a NUTS 2 region.
  await adopt('regionsRo1', 'regions', { adopterId: organisations.endotarget, country: 'RO', nuts: 'RO1' });

  await practice('pilot', 'Still a pilot', 'PILOT', [evaluation]);
  for (const [country, adopterId] of [
    ['BE', organisations.smartHospital],
    ['AT', organisations.eitHealth],
    ['SE', organisations.endotarget],
  ] as const) {
    await adopt(`pilot${country}`, 'pilot', { adopterId, country });
  }

  await practice('unproven', 'Widely used without evidence', 'IMPLEMENTED', []);
  for (const [country, adopterId] of [
    ['BE', organisations.smartHospital],
    ['AT', organisations.eitHealth],
    ['SE', organisations.endotarget],
  ] as const) {
    await adopt(`unproven${country}`, 'unproven', { adopterId, country });
  }

  await practice('draft', 'A draft in use', 'IMPLEMENTED', [evaluation], false);
  for (const [country, adopterId] of [
    ['BE', organisations.smartHospital],
    ['AT', organisations.eitHealth],
  ] as const) {
    await adopt(`draft${country}`, 'draft', { adopterId, country });
  }
});
afterAll(async () => {
  await stack?.stop();
});

describe('ready to transfer by country', () => {
  it('lists mature published practices with evidence in at least two countries, widest spread first', async () => {
    const page = await ready();
    expect(titles(page)).toEqual(['Scaled across three countries', 'Two countries, one piloting']);
    expect(page.totalCount).toBe(2);
    expect(page.nodes.map((node) => [node.places, node.countries, node.regions])).toEqual([
      [3, ['DE', 'FR', 'RO'], ['DE11', 'FR10', 'RO21']],
      [2, ['ES', 'PT'], ['ES51', 'PT17']],
    ]);
  });

  it('says why in words: maturity, where it is in active use, and its evidence', async () => {
    const [scaled, two] = (await ready()).nodes;
    expect(scaled?.reasons).toEqual([
      'Maturity: Scaled up.',
      'In active use in 3 countries (Germany, France, Romania), 3 NUTS 2 regions (DE11, FR10, RO21).',
      'Evidence: 2 links (evaluation report, publication).',
    ]);
    expect(two?.reasons).toEqual([
      'Maturity: Implemented (routine use).',
      'In active use in 2 countries (Spain, Portugal), 2 NUTS 2 regions (ES51, PT17).',
      'Evidence: 1 link (evaluation report).',
    ]);
  });

  it('raises the bar with minPlaces and lowers it to one place', async () => {
    expect(titles(await ready({ minPlaces: 3 }))).toEqual(['Scaled across three countries']);
    expect(titles(await ready({ minPlaces: 4 }))).toEqual([]);
    expect((await ready({ minPlaces: 4 })).totalCount).toBe(0);
    expect(titles(await ready({ minPlaces: 1 }))).toEqual([
      'Scaled across three countries',
      'Two countries, one piloting',
      'One country, two regions',
    ]);
  });

  it('pages with cursors, keeping the total', async () => {
    const first = await ready({ first: 1 });
    expect(titles(first)).toEqual(['Scaled across three countries']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await ready({ first: 1, after: first.pageInfo.endCursor });
    expect(titles(second)).toEqual(['Two countries, one piloting']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(second.totalCount).toBe(2);
    const past = await ready({ first: 1, after: second.pageInfo.endCursor });
    expect(past.nodes).toEqual([]);
    expect(past.totalCount).toBe(2);
  });
});

describe('ready to transfer by region', () => {
  it('counts distinct NUTS 2 regions, a NUTS 3 adoption in its NUTS 2 region', async () => {
    const page = await ready({ by: 'REGION' });
    expect(page.nodes.map((node) => [node.practice.title, node.places, node.regions])).toEqual([
      ['Scaled across three countries', 3, ['DE11', 'FR10', 'RO21']],
      ['One country, two regions', 2, ['RO21', 'RO22']],
      ['Two countries, one piloting', 2, ['ES51', 'PT17']],
    ]);
    expect(page.nodes[1]?.reasons[1]).toBe('In active use in 2 NUTS 2 regions (RO21, RO22), in 1 country (Romania).');
  });
});

describe('moving on and off the list', () => {
  it('drops a practice whose adoption ends, and takes it back when one is added elsewhere', async () => {
    const current = await stack.gql(`query($id: UUID!) { practice(id: $id) { adoptions { id version } } }`, {
      id: ids.two,
    });
    const { version } = ((current.data?.practice.adoptions ?? []) as { id: string; version: number }[]).find(
      (adoption) => adoption.id === adoptions.twoPt,
    ) as { version: number };
    const ended = await stack.gql(
      `mutation($id: UUID!, $version: Int!) { updateAdoption(id: $id, version: $version, input: { status: ENDED }) { id } }`,
      { id: adoptions.twoPt, version },
      { key: stack.keys.curator },
    );
    expect(ended.errors).toBeUndefined();
    expect(titles(await ready())).toEqual(['Scaled across three countries']);

    await adopt('twoGr', 'two', { adopterId: organisations.eitHealth, country: 'GR', nuts: 'EL30' });
    const back = (await ready()).nodes.find((node) => node.practice.id === ids.two);
    expect(back?.countries).toEqual(['ES', 'GR']);
  });
});

describe('bad arguments', () => {
  it.each([0, -1, 101])('refuses minPlaces %s as BAD_USER_INPUT on minPlaces', async (minPlaces) => {
    const response = await stack.gql(READY, { minPlaces });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'minPlaces' });
    expect(response.errors?.[0]?.message).toMatch(/must be 1 to 100/);
  });

  it('refuses a cursor it did not make', async () => {
    const response = await stack.gql(READY, { after: 'bm90LWEtY3Vyc29y' });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('refuses a level that does not exist', async () => {
    const response = await stack.gql(READY, { by: 'CITY' });
    expect(response.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
  });
});
