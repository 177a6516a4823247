// Uptake over time through the gateway: the series per period and place (rolled up through the NUTS levels), the
// figures as of a day, one adoption per practice, adopter, place and period, adopters recording their own uptake,
// and twinnings recording the status their type implies.
import { seedIds as organisations } from '@radar/organisations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

let stack: Stack;
let ownerEditor: string;
let adopterEditor: string;
let otherEditor: string;
let practice: string;
const ids: Record<string, string> = {};
const thisYear = new Date().getUTCFullYear();
const today = new Date().toISOString().slice(0, 10);

const ADD = `mutation($input: AddAdoptionInput!) { addAdoption(input: $input) { id version status startDate endDate } }`;
const UPDATE = `mutation($id: UUID!, $version: Int!, $input: UpdateAdoptionInput!) {
  updateAdoption(id: $id, version: $version, input: $input) { id version status startDate endDate note } }`;
const ADOPTIONS = `query($id: UUID!) { practice(id: $id) { version adoptions { id } history { action } } }`;
/** A word no other practice has, so the filter sees only this file's practices. */
const WORD = 'quokkafield';

async function publishPractice(title: string, countries: string[], nuts: string[], word = WORD) {
  const registered = await stack.gql(
    `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`,
    {
      input: {
        title,
        summary: `The ${word} method for rural telemonitoring.`,
        type: 'METHOD_TOOL',
        maturity: 'IMPLEMENTED',
        ownerId: organisations.smartHospital,
        countries,
        nuts,
      },
    },
    { key: ownerEditor },
  );
  expect(registered.errors).toBeUndefined();
  const id = registered.data?.registerPractice.id as string;
  await stack.gql(`mutation { submitPractice(id: "${id}", version: 1) { id } }`, {}, { key: ownerEditor });
  const published = await stack.gql(
    `mutation { publishPractice(id: "${id}", version: 2) { id } }`,
    {},
    { key: stack.keys.curator },
  );
  expect(published.errors).toBeUndefined();
  return id;
}

async function add(name: string, input: Record<string, unknown>, key: string) {
  const response = await stack.gql(ADD, { input: { practiceId: practice, scale: 'LOCAL', ...input } }, { key });
  expect(response.errors, name).toBeUndefined();
  ids[name] = response.data?.addAdoption.id;
  return response.data?.addAdoption;
}

beforeAll(async () => {
  stack = await startStack();
  ownerEditor = await stack.keys.editorOf(organisations.smartHospital);
  adopterEditor = await stack.keys.editorOf(organisations.digitalInnovationZone);
  otherEditor = await stack.keys.editorOf(organisations.digitalEurope);
  practice = await publishPractice('Quokkafield rural telemonitoring', ['RO', 'DE'], ['RO213', 'DE21']);
  ids.practice = practice;
  // The adopter records its own uptake of another organisation's practice.
  await add(
    'inIasi',
    {
      adopterId: organisations.digitalInnovationZone,
      country: 'RO',
      nuts: 'RO213',
      status: 'ONGOING',
      startDate: '2024-03-10',
    },
    adopterEditor,
  );
  await add(
    'eitInNorthEast',
    {
      adopterId: organisations.eitHealth,
      country: 'RO',
      nuts: 'RO21',
      status: 'ENDED',
      startDate: '2024-05-01',
      endDate: '2025-02-15',
    },
    stack.keys.curator,
  );
  await add(
    'pilotInGermany',
    {
      adopterId: organisations.digitalInnovationZone,
      country: 'DE',
      nuts: 'DE21',
      status: 'PILOTING',
      startDate: '2025-07-01',
    },
    ownerEditor,
  );
  // The same adopter and place as inIasi, in a period before it: another adoption, not a duplicate.
  await add(
    'earlierInIasi',
    {
      adopterId: organisations.digitalInnovationZone,
      country: 'RO',
      nuts: 'RO213',
      status: 'ENDED',
      startDate: '2023-01-01',
      endDate: '2023-12-31',
    },
    stack.keys.curator,
  );
  await add(
    'plannedInMunich',
    { adopterId: organisations.digitalInnovationZone, country: 'DE', nuts: 'DE212', status: 'PLANNED' },
    ownerEditor,
  );
});
afterAll(async () => {
  await stack?.stop();
});

type Row = Record<string, unknown>;
const SERIES = `query($interval: RegistrationInterval!, $from: LocalDate, $to: LocalDate, $level: UptakeLevel) {
  uptakeSeries(interval: $interval, from: $from, to: $to, level: $level, filter: { text: "${WORD}" }) {
    period start end level country countryName nuts name started active ended practicesAvailable practicesAdopted } }`;

async function series(variables: Record<string, unknown>) {
  const response = await stack.gql(SERIES, variables);
  expect(response.errors).toBeUndefined();
  return response.data?.uptakeSeries as Row[];
}

const figures = (row: Row) => ({
  period: row.period,
  place: row.nuts ?? row.country,
  started: row.started,
  active: row.active,
  ended: row.ended,
  practicesAvailable: row.practicesAvailable,
  practicesAdopted: row.practicesAdopted,
});

describe('the adopter moving its adoption on', () => {
  it('may change its own adoption; a move into use dates it when the date is not given', async () => {
    const moved = await stack.gql(
      UPDATE,
      { id: ids.plannedInMunich, version: 1, input: { status: 'ONGOING', note: 'In routine use now.' } },
      { key: adopterEditor },
    );
    expect(moved.errors).toBeUndefined();
    expect(moved.data?.updateAdoption).toMatchObject({
      version: 2,
      status: 'ONGOING',
      startDate: today,
      endDate: null,
      note: 'In routine use now.',
    });
  });
});

describe('the uptake series', () => {
  it('counts adoptions started, active and ended and practices available and adopted per year and country', async () => {
    const rows = (await series({ interval: 'YEAR', from: '2023-01-01', to: `${thisYear}-12-31` })).map(figures);
    const year = (period: number, place: string) =>
      rows.find((row) => row.period === String(period) && row.place === place);
    expect(year(2023, 'RO')).toEqual({
      period: '2023',
      place: 'RO',
      started: 1,
      active: 1,
      ended: 1,
      practicesAvailable: 0,
      practicesAdopted: 1,
    });
    // Two adopters at once: two adoptions, one practice adopted.
    expect(year(2024, 'RO')).toMatchObject({ started: 2, active: 2, ended: 0, practicesAdopted: 1 });
    expect(year(2025, 'RO')).toMatchObject({ started: 0, active: 2, ended: 1, practicesAdopted: 1 });
    expect(year(thisYear, 'RO')).toMatchObject({ started: 0, active: 1, ended: 0, practicesAvailable: 1 });
    expect(year(2025, 'DE')).toMatchObject({ started: 1, active: 1, ended: 0, practicesAdopted: 1 });
    // The planned adoption moved into use today counts from today; the published practice from its publication.
    expect(year(thisYear, 'DE')).toMatchObject({ started: 1, active: 2, practicesAdopted: 1, practicesAvailable: 1 });
    expect(year(2024, 'DE')).toBeUndefined();
    const row = (await series({ interval: 'YEAR', from: '2024-01-01', to: '2024-12-31' }))[0];
    expect(row).toMatchObject({
      period: '2024',
      start: '2024-01-01',
      end: '2024-12-31',
      level: 'COUNTRY',
      country: 'RO',
      countryName: 'Romania',
      nuts: null,
      name: 'Romania',
    });
  });

  it('counts per quarter, an adoption that started before the range as active in it', async () => {
    const rows = (await series({ interval: 'QUARTER', from: '2024-10-01', to: '2025-06-30' })).map(figures);
    expect(rows.filter((row) => row.place === 'RO')).toEqual([
      { period: '2024-Q4', place: 'RO', started: 0, active: 2, ended: 0, practicesAvailable: 0, practicesAdopted: 1 },
      { period: '2025-Q1', place: 'RO', started: 0, active: 2, ended: 1, practicesAvailable: 0, practicesAdopted: 1 },
      { period: '2025-Q2', place: 'RO', started: 0, active: 1, ended: 0, practicesAvailable: 0, practicesAdopted: 1 },
    ]);
  });

  it('counts a practice once in a period in which two of its adoptions were in use one after the other', async () => {
    const word = 'bilbyvale';
    practice = await publishPractice('Bilbyvale practice', ['RO'], [], word);
    await add(
      'january',
      {
        adopterId: organisations.digitalInnovationZone,
        country: 'RO',
        status: 'ENDED',
        startDate: '2024-01-05',
        endDate: '2024-01-20',
      },
      stack.keys.curator,
    );
    await add(
      'february',
      {
        adopterId: organisations.eitHealth,
        country: 'RO',
        status: 'ENDED',
        startDate: '2024-02-01',
        endDate: '2024-02-20',
      },
      stack.keys.curator,
    );
    practice = ids.practice as string;
    const response = await stack.gql(
      `{ uptakeSeries(interval: QUARTER, from: "2024-01-01", to: "2024-06-30", filter: { text: "${word}" }) {
        period country started active ended practicesAdopted } }`,
    );
    expect(response.data?.uptakeSeries).toEqual([
      { period: '2024-Q1', country: 'RO', started: 2, active: 2, ended: 2, practicesAdopted: 1 },
    ]);
  });

  it('rolls NUTS3 adoptions up into their NUTS2 and NUTS1 regions, leaving country-only ones out', async () => {
    const range = { interval: 'YEAR', from: '2023-01-01', to: '2025-12-31' };
    const nuts2 = await series({ ...range, level: 'NUTS2' });
    expect(nuts2.map(figures)).toEqual([
      { period: '2023', place: 'RO21', started: 1, active: 1, ended: 1, practicesAvailable: 0, practicesAdopted: 1 },
      { period: '2024', place: 'RO21', started: 2, active: 2, ended: 0, practicesAvailable: 0, practicesAdopted: 1 },
      { period: '2025', place: 'DE21', started: 1, active: 1, ended: 0, practicesAvailable: 0, practicesAdopted: 1 },
      { period: '2025', place: 'RO21', started: 0, active: 2, ended: 1, practicesAvailable: 0, practicesAdopted: 1 },
    ]);
    expect(nuts2[0]).toMatchObject({
      level: 'NUTS2',
      country: 'RO',
      countryName: 'Romania',
      nuts: 'RO21',
      name: 'Nord-Est',
    });
    expect(nuts2.find((row) => row.nuts === 'DE21')).toMatchObject({ name: null });
    const nuts1 = (await series({ ...range, level: 'NUTS1' })).map(figures);
    expect(nuts1.map((row) => `${row.period} ${row.place} ${row.active}`)).toEqual([
      '2023 RO2 1',
      '2024 RO2 2',
      '2025 DE2 1',
      '2025 RO2 2',
    ]);
    const nuts3 = (await series({ ...range, level: 'NUTS3' })).map(figures);
    expect(nuts3.map((row) => `${row.period} ${row.place} ${row.started}/${row.active}/${row.ended}`)).toEqual([
      '2023 RO213 1/1/1',
      '2024 RO213 1/1/0',
      '2025 RO213 0/1/0',
    ]);
  });

  it('refuses a range that ends before it starts, and a bad date, with a field error', async () => {
    const backwards = await stack.gql(SERIES, { interval: 'YEAR', from: '2025-01-01', to: '2024-01-01' });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const huge = await stack.gql(SERIES, { interval: 'MONTH', from: '1900-01-01', to: '2025-01-01' });
    expect(huge.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    const bad = await stack.gql(SERIES, { interval: 'YEAR', from: '2025-02-30' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('uptake as of a day', () => {
  const UPTAKE = `query($asOf: LocalDate) { uptake(byRegion: true, asOf: $asOf, filter: { text: "${WORD}" }) {
    country countryName nuts level name practicesAvailable practicesAdopted adoptions } }`;
  const table = async (asOf?: string) => {
    const response = await stack.gql(UPTAKE, asOf ? { asOf } : {});
    expect(response.errors).toBeUndefined();
    return Object.fromEntries(
      ((response.data?.uptake ?? []) as Row[]).map((row) => [
        row.nuts ?? row.country,
        `${row.practicesAvailable}/${row.practicesAdopted}/${row.adoptions}`,
      ]),
    );
  };

  it('counts the adoptions in use that day and the practices published by then, at every level', async () => {
    expect(await table('2024-06-01')).toEqual({ RO: '0/1/2', RO2: '0/1/2', RO21: '0/1/2', RO213: '0/1/1' });
    expect(await table('2025-08-01')).toEqual({
      DE: '0/1/1',
      DE2: '0/1/1',
      DE21: '0/1/1',
      RO: '0/1/1',
      RO2: '0/1/1',
      RO21: '0/1/1',
      RO213: '0/1/1',
    });
  });

  it('without a day counts every adoption ever in use, a NUTS3 one in its NUTS2 and NUTS1 rows, places named', async () => {
    expect(await table()).toEqual({
      DE: '1/1/2',
      DE2: '1/1/2',
      DE21: '1/1/2',
      DE212: '0/1/1',
      RO: '1/1/3',
      RO2: '1/1/3',
      RO21: '1/1/3',
      RO213: '1/1/2',
    });
    const response = await stack.gql(UPTAKE);
    expect(response.data?.uptake).toContainEqual(
      expect.objectContaining({ country: 'RO', nuts: null, level: 'COUNTRY', name: 'Romania', countryName: 'Romania' }),
    );
    expect(response.data?.uptake).toContainEqual(
      expect.objectContaining({ country: 'DE', nuts: 'DE212', level: 'NUTS3', name: null, countryName: 'Germany' }),
    );
    // The regions of the example data are named from the start; others are named once a curator loads their names.
    expect(response.data?.uptake).toContainEqual(
      expect.objectContaining({ country: 'RO', nuts: 'RO213', level: 'NUTS3', name: 'Iaşi' }),
    );
  });
});

describe('one adoption per practice, adopter, place and period', () => {
  it('refuses a duplicate (an overlapping period) with a clear error and writes nothing', async () => {
    const before = await stack.gql(ADOPTIONS, { id: practice }, { key: stack.keys.curator });
    const duplicate = await stack.gql(
      ADD,
      {
        input: {
          practiceId: practice,
          adopterId: organisations.digitalInnovationZone,
          country: 'RO',
          nuts: 'RO213',
          scale: 'REGIONAL',
          status: 'ONGOING',
          startDate: '2025-01-01',
        },
      },
      { key: stack.keys.curator },
    );
    expect(duplicate.data?.addAdoption ?? null).toBeNull();
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startDate' });
    expect(duplicate.errors?.[0]?.message).toContain(ids.inIasi);
    // An update that stretches a period over another one is the same duplicate.
    const stretched = await stack.gql(
      UPDATE,
      { id: ids.earlierInIasi, version: 1, input: { endDate: '2024-12-31' } },
      { key: stack.keys.curator },
    );
    expect(stretched.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startDate' });
    const after = await stack.gql(ADOPTIONS, { id: practice }, { key: stack.keys.curator });
    expect(after.data).toEqual(before.data);
  });

  it('is enforced by the database too', async () => {
    const em = stack.practices.db.orm.em.fork();
    const copy = `insert into adoption (id, practice_id, adopter_id, country, nuts, scale, status, start_date, end_date,
      created_at, updated_at, version) select gen_random_uuid(), practice_id, adopter_id, country, nuts, scale, status,
      '2030-01-01', null, now(), now(), 1 from adoption where id = ?`;
    await expect(em.getConnection().execute(copy, [ids.inIasi])).rejects.toThrow(/adoption_no_overlap/);
  });
});

describe('who records adoptions', () => {
  it('lets the adopter\u2019s editor update its adoption, and forbids other editors with nothing written', async () => {
    const updated = await stack.gql(
      UPDATE,
      { id: ids.inIasi, version: 1, input: { note: 'Extended to two more hospitals.' } },
      { key: adopterEditor },
    );
    expect(updated.data?.updateAdoption).toMatchObject({ version: 2, note: 'Extended to two more hospitals.' });
    const before = await stack.gql(ADOPTIONS, { id: practice }, { key: stack.keys.curator });
    const otherUpdate = await stack.gql(
      UPDATE,
      { id: ids.inIasi, version: 2, input: { status: 'ENDED' } },
      { key: otherEditor },
    );
    expect(otherUpdate.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // An editor may record its own organisation's adoptions, not another's.
    const forAnother = await stack.gql(
      ADD,
      {
        input: {
          practiceId: practice,
          adopterId: organisations.eitHealth,
          country: 'BE',
          scale: 'LOCAL',
          status: 'ONGOING',
        },
      },
      { key: otherEditor },
    );
    expect(forAnother.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const removal = await stack.gql(
      `mutation($id: UUID!) { removeAdoption(id: $id, version: 1) { id } }`,
      { id: ids.eitInNorthEast },
      { key: otherEditor },
    );
    expect(removal.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = await stack.gql(ADOPTIONS, { id: practice }, { key: stack.keys.curator });
    expect(after.data).toEqual(before.data);
  });

  it('lets an adopter\u2019s editor record its adoption only of a practice it can see', async () => {
    const draft = await stack.gql(
      `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`,
      {
        input: {
          title: 'Unpublished draft',
          summary: 'Not yet public.',
          type: 'APP',
          maturity: 'CONCEPT',
          ownerId: organisations.smartHospital,
        },
      },
      { key: ownerEditor },
    );
    const refused = await stack.gql(
      ADD,
      {
        input: {
          practiceId: draft.data?.registerPractice.id,
          adopterId: organisations.digitalInnovationZone,
          country: 'RO',
          scale: 'LOCAL',
          status: 'ONGOING',
        },
      },
      { key: adopterEditor },
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'practiceId' });
  });
});

describe('twinnings record what their type implies', () => {
  const COMPLETE = `mutation($id: UUID!, $scale: TwinningAdoptionScale!) {
    completeTwinning(id: $id, version: 1, outcome: "Done.", scale: $scale) {
      twinning { adopters { organisation { id } adoption { id status startDate endDate } } } } }`;

  async function twinning(practiceId: string, type: string, adopterIds: string[]) {
    const created = await stack.gql(
      `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      {
        input: {
          acronym: `TW-${type}-${adopterIds.length}`,
          title: `A ${type.toLowerCase()} twinning`,
          kind: 'TWINNING',
          programme: 'EU4HEALTH',
          startDate: '2025-01-06',
          endDate: '2025-06-30',
          participants: [{ organisationId: organisations.digitalInnovationZone, role: 'COORDINATOR' }],
          twinning: { originatorId: organisations.smartHospital, adopterIds, practiceId, type },
        },
      },
      { key: stack.keys.curator },
    );
    expect(created.errors).toBeUndefined();
    return created.data?.createProject.id as string;
  }
  type Completed = { completeTwinning: { twinning: { adopters: { organisation: { id: string }; adoption: Row }[] } } };
  const statuses = (answer: { data?: Completed | null }) =>
    Object.fromEntries(
      (answer.data?.completeTwinning.twinning.adopters ?? []).map((adopter) => [
        adopter.organisation.id,
        adopter.adoption,
      ]),
    );

  it('knowledge exchange: planned, or piloting at pilot scale; adaptation and adoption: in use; duplicates refused', async () => {
    const transferred = await publishPractice('Exchanged practice', ['RO', 'BE'], [], 'wallabyridge');
    const adapted = await publishPractice('Adapted practice', ['RO', 'BE'], [], 'wallabyridge');
    const exchange = await twinning(transferred, 'KNOWLEDGE_EXCHANGE', [organisations.digitalEurope]);
    const exchanged = await stack.gql<Completed>(
      COMPLETE,
      { id: exchange, scale: 'LOCAL' },
      { key: stack.keys.curator },
    );
    expect(exchanged.errors).toBeUndefined();
    expect(statuses(exchanged)[organisations.digitalEurope]).toMatchObject({
      status: 'PLANNED',
      startDate: '2025-01-06',
      endDate: null,
    });

    const pilot = await twinning(transferred, 'KNOWLEDGE_EXCHANGE', [organisations.digitalInnovationZone]);
    const piloted = await stack.gql<Completed>(COMPLETE, { id: pilot, scale: 'PILOT' }, { key: stack.keys.curator });
    expect(statuses(piloted)[organisations.digitalInnovationZone]).toMatchObject({ status: 'PILOTING' });

    const adaptation = await twinning(adapted, 'ADAPTATION', [
      organisations.digitalInnovationZone,
      organisations.digitalEurope,
    ]);
    const done = await stack.gql<Completed>(
      COMPLETE,
      { id: adaptation, scale: 'REGIONAL' },
      { key: stack.keys.curator },
    );
    expect(Object.values(statuses(done)).map((adoption) => adoption.status)).toEqual(['ONGOING', 'ONGOING']);

    // The same adopter adopting the same practice again while its planned adoption stands is a duplicate.
    const again = await twinning(transferred, 'FULL_ADOPTION', [organisations.digitalEurope]);
    const refused = await stack.gql<Completed>(COMPLETE, { id: again, scale: 'LOCAL' }, { key: stack.keys.curator });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const open = await stack.gql(`query($id: UUID!) { project(id: $id) { version twinning { completedAt } } }`, {
      id: again,
    });
    expect(open.data?.project).toEqual({ version: 1, twinning: { completedAt: null } });

    // The owner moves the planned adoption on once the adopter uses the practice.
    const planned = statuses(exchanged)[organisations.digitalEurope] as { id: string };
    const moved = await stack.gql(
      UPDATE,
      { id: planned.id, version: 1, input: { status: 'ONGOING' } },
      { key: ownerEditor },
    );
    expect(moved.data?.updateAdoption).toMatchObject({ status: 'ONGOING', startDate: '2025-01-06' });
  });
});
