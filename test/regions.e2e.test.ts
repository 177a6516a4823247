// NUTS region names through the gateway: curators load them (one request, or a CSV file with `pnpm regions`), bad
// rows are refused by name with nothing written, loading again changes nothing, and every place a region appears
// (uptake rows and series, adoptions, practices) then carries its name; a region without one keeps name null.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { seedIds as organisations } from '@radar/organisations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

const run = promisify(execFile);
const cli = new URL('../services/practices/dist/region/regions.cli.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'radar-regions-'));
/** A word no other practice has, so the filter sees only this file's practice. */
const WORD = 'numbatvale';

let stack: Stack;
let practice: string;

const NAME = `mutation($input: NameRegionsInput!) { nameRegions(input: $input) { named changed unchanged } }`;
const REGIONS = `query($codes: [String!]!) { nutsRegions(codes: $codes) { code name country level } }`;

async function names(codes: string[]) {
  const response = await stack.gql(REGIONS, { codes });
  expect(response.errors).toBeUndefined();
  return Object.fromEntries(
    ((response.data?.nutsRegions ?? []) as { code: string; name: string | null }[]).map((row) => [row.code, row.name]),
  );
}

async function nameRegions(regions: { code: string; name: string }[], key = stack.keys.curator) {
  return stack.gql(NAME, { input: { regions } }, { key });
}

beforeAll(async () => {
  stack = await startStack();
  const editor = await stack.keys.editorOf(organisations.smartHospital);
  const registered = await stack.gql(
    `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`,
    {
      input: {
        title: 'Numbatvale home dialysis',
        summary: `The ${WORD} way of running dialysis at home.`,
        type: 'METHOD_TOOL',
        maturity: 'IMPLEMENTED',
        ownerId: organisations.smartHospital,
        countries: ['DE'],
        nuts: ['DE212'],
      },
    },
    { key: editor },
  );
  expect(registered.errors).toBeUndefined();
  practice = registered.data?.registerPractice.id;
  await stack.gql(`mutation { submitPractice(id: "${practice}", version: 1) { id } }`, {}, { key: editor });
  await stack.gql(
    `mutation { publishPractice(id: "${practice}", version: 2) { id } }`,
    {},
    { key: stack.keys.curator },
  );
  const adopted = await stack.gql(
    `mutation($input: AddAdoptionInput!) { addAdoption(input: $input) { id } }`,
    {
      input: {
        practiceId: practice,
        adopterId: organisations.digitalInnovationZone,
        country: 'DE',
        nuts: 'DE212',
        scale: 'LOCAL',
        status: 'ONGOING',
        startDate: '2024-04-01',
      },
    },
    { key: stack.keys.curator },
  );
  expect(adopted.errors).toBeUndefined();
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('naming regions', () => {
  it('starts with the example data\u2019s regions named and others not', async () => {
    expect(await names(['RO2', 'RO21', 'RO213', 'DE212'])).toEqual({
      RO2: 'Macroregiunea Doi',
      RO21: 'Nord-Est',
      RO213: 'Iaşi',
      DE212: null,
    });
  });

  it('refuses bad rows by name and writes none of the rows sent with them', async () => {
    const cases: [{ code: string; name: string }[], string, RegExp][] = [
      [
        [
          { code: 'DE2', name: 'Bayern' },
          { code: 'de21', name: 'Oberbayern' },
        ],
        'regions[1].code',
        /not a NUTS code/,
      ],
      [
        [
          { code: 'DE2', name: 'Bayern' },
          { code: 'XX1', name: 'Nowhere' },
        ],
        'regions[1].code',
        /country/,
      ],
      [[{ code: 'DE2', name: '   ' }], 'regions[0].name', /empty/],
      [
        [
          { code: 'DE2', name: 'Bayern' },
          { code: 'DE21', name: 'Oberbayern' },
          { code: 'DE2', name: 'Bavaria' },
        ],
        'regions[2].code',
        /DE2 again \(first in regions\[0\]\)/,
      ],
      [[], 'regions', /at least one/],
    ];
    for (const [regions, field, message] of cases) {
      const response = await nameRegions(regions);
      expect(response.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(response.errors?.[0]?.message).toMatch(message);
      expect(response.data?.nameRegions ?? null).toBeNull();
    }
    expect(await names(['DE2', 'DE21'])).toEqual({ DE2: null, DE21: null });
  });

  it('is for curators only', async () => {
    const anonymous = await stack.gql(NAME, { input: { regions: [{ code: 'DE2', name: 'Bayern' }] } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const editor = await nameRegions(
      [{ code: 'DE2', name: 'Bayern' }],
      await stack.keys.editorOf(organisations.digitalInnovationZone),
    );
    expect(editor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await names(['DE2'])).toEqual({ DE2: null });
  });

  it('names regions, changes nothing when sent again, and corrects a name', async () => {
    const regions = [
      { code: 'DE2', name: 'Bayern' },
      { code: 'DE21', name: 'Oberbayern' },
      { code: 'DE212', name: 'München, Kreisfreie Stadt' },
    ];
    expect((await nameRegions(regions)).data?.nameRegions).toEqual({ named: 3, changed: 0, unchanged: 0 });
    expect((await nameRegions(regions)).data?.nameRegions).toEqual({ named: 0, changed: 0, unchanged: 3 });
    const corrected = await nameRegions([
      { code: 'DE212', name: '  München, Landeshauptstadt ' },
      { code: 'DE21', name: 'Oberbayern' },
    ]);
    expect(corrected.data?.nameRegions).toEqual({ named: 0, changed: 1, unchanged: 1 });
    expect(await names(['DE2', 'DE21', 'DE212'])).toEqual({
      DE2: 'Bayern',
      DE21: 'Oberbayern',
      DE212: 'München, Landeshauptstadt',
    });
  });

  it('shows the names in uptake rows and series, on adoptions and on practices', async () => {
    const uptake = await stack.gql(
      `{ uptake(byRegion: true, filter: { text: "${WORD}" }) { country nuts level name } }`,
    );
    expect(uptake.errors).toBeUndefined();
    expect(uptake.data?.uptake).toEqual([
      { country: 'DE', nuts: null, level: 'COUNTRY', name: 'Germany' },
      { country: 'DE', nuts: 'DE2', level: 'NUTS1', name: 'Bayern' },
      { country: 'DE', nuts: 'DE21', level: 'NUTS2', name: 'Oberbayern' },
      { country: 'DE', nuts: 'DE212', level: 'NUTS3', name: 'München, Landeshauptstadt' },
    ]);
    const series = await stack.gql(
      `{ uptakeSeries(interval: YEAR, from: "2024-01-01", to: "2024-12-31", level: NUTS2, filter: { text: "${WORD}" }) { period nuts name active } }`,
    );
    expect(series.data?.uptakeSeries).toEqual([{ period: '2024', nuts: 'DE21', name: 'Oberbayern', active: 1 }]);
    const record = await stack.gql(
      `query($id: UUID!) { practice(id: $id) { regions { code name country level } adoptions { nuts region { code name } } } }`,
      { id: practice },
    );
    expect(record.data?.practice).toEqual({
      regions: [{ code: 'DE212', name: 'München, Landeshauptstadt', country: 'DE', level: 'NUTS3' }],
      adoptions: [{ nuts: 'DE212', region: { code: 'DE212', name: 'München, Landeshauptstadt' } }],
    });
    const unnamed = await stack.gql(REGIONS, { codes: ['EL30'] });
    expect(unnamed.data?.nutsRegions).toEqual([{ code: 'EL30', name: null, country: 'GR', level: 'NUTS2' }]);
    const bad = await stack.gql(REGIONS, { codes: ['DE2', 'Bavaria'] });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'codes[1]' });
  });
});

describe('pnpm regions', () => {
  const regions = (file: string, key = stack.keys.curator) =>
    run('node', [cli, file], {
      env: { ...process.env, GATEWAY_URL: stack.gatewayUrl, RADAR_API_KEY: key, LOG_LEVEL: 'silent' },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('loads Eurostat\u2019s NUTS classification file, then finds nothing to change in it', async () => {
    const file = join(dir, 'NUTS2024.csv');
    writeFileSync(
      file,
      [
        '"Code 2024";"Country";"NUTS level 1";"NUTS level 2";"NUTS level 3";"Country order";"NUTS level"',
        '"EL";"Elláda";"";"";"";"10";"0"',
        '"EL3";"";"Attiki";"";"";"";"1"',
        '"EL30";"";"";"Attiki";"";"";"2"',
        '"EL303";"";"";"";"Kentrikos Tomeas Athinon";"";"3"',
        '"DE2";"";"Bayern";"";"";"";"1"',
      ].join('\r\n'),
    );
    const first = await regions(file);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toBe(`${file}: 3 regions named, 0 changed, 1 unchanged (1 country rows left out).\n`);
    const again = await regions(file);
    expect(again.stdout).toBe(`${file}: 0 regions named, 0 changed, 4 unchanged (1 country rows left out).\n`);
    expect(await names(['EL3', 'EL30', 'EL303'])).toEqual({
      EL3: 'Attiki',
      EL30: 'Attiki',
      EL303: 'Kentrikos Tomeas Athinon',
    });
  });

  it('loads a plain code,name file and corrects names from it', async () => {
    const file = join(dir, 'names.csv');
    writeFileSync(file, 'code,name\nEL30,Attikí\nDE300,Berlin\n');
    expect((await regions(file)).stdout).toBe(`${file}: 1 regions named, 1 changed, 0 unchanged.\n`);
    expect(await names(['EL30', 'DE300'])).toEqual({ EL30: 'Attikí', DE300: 'Berlin' });
  });

  it('loads a file longer than one request in parts', async () => {
    const file = join(dir, 'long.csv');
    const codes = Array.from({ length: 1200 }, (_, index) => `PL${index.toString(36).toUpperCase().padStart(3, '0')}`);
    writeFileSync(file, `code,name\n${codes.map((code) => `${code},Region ${code}`).join('\n')}\n`);
    expect((await regions(file)).stdout).toBe(`${file}: 1200 regions named, 0 changed, 0 unchanged.\n`);
    expect(await names([codes[0] as string, codes[1199] as string])).toEqual({
      [codes[0] as string]: `Region ${codes[0]}`,
      [codes[1199] as string]: `Region ${codes[1199]}`,
    });
  });

  it('refuses a file with bad lines, naming them, and sends nothing; and needs a curator key', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'code,name\nFR10,Ile-de-France\nFR1x,Typo\nFRK2,\n');
    const bad = await regions(file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('line 3: code "FR1x" is not a NUTS code');
    expect(bad.stderr).toContain('line 4: the name of FRK2 must not be empty');
    expect(await names(['FR10'])).toEqual({ FR10: null });

    const good = join(dir, 'good.csv');
    writeFileSync(good, 'FR10,Ile-de-France\n');
    const keyless = await regions(good, '');
    expect(keyless.code).toBe(2);
    expect(keyless.stderr).toMatch(/RADAR_API_KEY/);
    const editor = await regions(good, await stack.keys.editorOf(organisations.smartHospital));
    expect(editor.code).toBe(1);
    expect(editor.stderr).toMatch(/regions: the gateway refused the names: Only a curator/);
    expect(await names(['FR10'])).toEqual({ FR10: null });
    expect((await regions(join(dir, 'missing.csv'))).stderr).toMatch(/cannot read/);
  });
});
