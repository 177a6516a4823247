// The exporter's pages as a person sees them: a real headless Chromium (Debian's `chromium`, driven by playwright-core)
// opens a practice, an organisation, a twinning, a need with its candidates, the browse page and the uptake pages,
// reads what a person must see there, saves a screenshot of each under test/output/, and runs axe-core in the page for
// WCAG 2 A/AA violations.
// CI installs /usr/bin/chromium; without it this file fails rather than skips.

import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ExporterServer, loadExporterConfig, startExporter } from '@radar/exporter';
import { seedIds as organisations } from '@radar/organisations';
import { needFixtures, needSeedIds, practiceFixtures, practiceSeedIds } from '@radar/practices';
import { projectSeedIds } from '@radar/projects';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Stack, startStack, testEnvironment } from './support/stack.js';

const CHROMIUM = '/usr/bin/chromium';
const BASE = 'https://radar.example.eu';
const TIMEOUT = 60_000;
const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), 'output');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const practiceId = practiceSeedIds.smartHospitalPlatform;
const practiceTitle = 'Smart Hospital interactive platform';
const practice = practiceFixtures.find((fixture) => fixture.id === practiceId);
const needTitle = needFixtures.find((fixture) => fixture.id === needSeedIds.heartFailureTelemonitoring)?.title ?? '';
const organisationId = organisations.digitalInnovationZone;
const organisationName = 'Digital Innovation Zone Association';

const ownerWritten = `Built **with** hospitals.

## How it works

- Clinicians [report needs](https://example.org/needs)
- Vendors answer

<script>window.ownerScriptRan = true</script>
<img src="https://tracker.example.org/pixel.png" onerror="window.ownerScriptRan = true">
<a href="javascript:window.ownerScriptRan=true">a trap</a>`;

let stack: Stack | undefined;
let exporter: ExporterServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
let pageErrors: Error[] = [];
let foreignRequests: string[] = [];
let markdownPracticeId = '';
let archivedPracticeId = '';

const url = (path: string) => {
  if (!exporter) throw new Error('the exporter did not start');
  return `${exporter.url}${path}`;
};

/** The text a person reads: rendered text, hidden elements left out, as the browser lays it out. */
const shownText = async (locator: Locator) =>
  // biome-ignore lint/performance/useDomNodeTextContent: this is Playwright's Locator.innerText, the rendered text a person sees, which is what these tests check
  (await locator.innerText()).trim();

/** Saves what the page looks like, for a person to look at after the run. */
const screenshot = (name: string) => page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: true });

/** axe-core's WCAG 2.0/2.1 level A and AA rules, run in the page; the violations, by rule and element. */
async function accessibilityViolations() {
  await page.addScriptTag({ path: AXE });
  const { violations, passed } = await page.evaluate(async () => {
    // This runs in the page, where axe-core and the document are globals.
    const { axe, document } = globalThis as unknown as {
      axe: { run: (context: unknown, options: unknown) => Promise<any> };
      document: unknown;
    };
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return {
      passed: result.passes.length as number,
      violations: result.violations.map(
        (violation: { id: string; nodes: { target: unknown }[] }) =>
          `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(' ')}`,
      ) as string[],
    };
  });
  // axe ran its rules over this page (contrast, names, landmarks…), not over an empty document.
  expect(passed).toBeGreaterThan(10);
  return violations;
}

// Fail, never skip: a missing browser must not turn this suite green, so every test below fails with this message.
const chromiumMissing =
  `${CHROMIUM} is missing: install it with ` +
  '`apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium`';

async function publishedPractice(title: string, description: string) {
  if (!stack) throw new Error('the stack did not start');
  const editor = await stack.keys.editorOf(organisations.smartHospital);
  const registered = await stack.gql<{ registerPractice: { id: string } }>(
    'mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }',
    {
      input: {
        title,
        summary: 'A practice whose description its owner wrote in Markdown.',
        description,
        type: 'METHOD_TOOL',
        maturity: 'PILOT',
        cdhiCodes: ['2.8'],
        countries: ['DE'],
        evidence: [{ kind: 'EVALUATION', url: '10.1234/needs.2025', title: 'Evaluation of the toolkit' }],
        ownerId: organisations.smartHospital,
      },
    },
    { key: editor },
  );
  const id = registered.data?.registerPractice.id;
  if (!id) throw new Error(`registering failed: ${JSON.stringify(registered.errors)}`);
  await stack.gql(`mutation { submitPractice(id: "${id}", version: 1) { id } }`, {}, { key: editor });
  await stack.gql(`mutation { publishPractice(id: "${id}", version: 2) { id } }`, {}, { key: stack.keys.curator });
  return { id, editor };
}

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  if (!existsSync(CHROMIUM)) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  stack = await startStack();
  exporter = await startExporter(
    loadExporterConfig({
      ...testEnvironment(),
      EXPORTER_PORT: '0',
      GATEWAY_URL: stack.gatewayUrl,
      RADAR_BASE_IRI: BASE,
      // The SPARQL store loads once and then keeps still: its refreshes would count in the statements counted below.
      RADAR_SPARQL_REFRESH_SECONDS: '0',
    }),
  );
  const markdown = await publishedPractice('Needs-led procurement toolkit', ownerWritten);
  markdownPracticeId = markdown.id;
  const adopted = await stack.gql(
    `mutation($input: AddAdoptionInput!) { addAdoption(input: $input) { id } }`,
    {
      input: {
        practiceId: markdown.id,
        adopterId: organisations.eitHealth,
        country: 'DE',
        nuts: 'DE21',
        scale: 'LOCAL',
        status: 'ONGOING',
        startDate: '2025-03-01',
      },
    },
    { key: markdown.editor },
  );
  expect(adopted.errors).toBeUndefined();
  const archived = await publishedPractice('Practice that was archived', 'Kept for the record.');
  archivedPracticeId = archived.id;
  await stack.gql(
    `mutation { archivePractice(id: "${archived.id}", version: 3) { id } }`,
    {},
    { key: archived.editor },
  );
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await exporter?.close();
  await stack?.stop();
}, 60_000);

beforeEach(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(chromiumMissing);
  if (!browser) throw new Error('Chromium did not start');
  context = await browser.newContext({ acceptDownloads: false, viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  pageErrors = [];
  foreignRequests = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  page.on('request', (request) => {
    if (exporter && !request.url().startsWith(exporter.url)) foreignRequests.push(request.url());
  });
});

afterEach(async () => {
  await context?.close();
  context = undefined;
  expect(pageErrors.map((error) => error.message)).toEqual([]);
  // A page loads nothing from another site: no fonts, scripts or images from a CDN, nor from owner-written text.
  expect(foreignRequests).toEqual([]);
});

/** The uptake page's table over time, as the rows a person reads: period, started, active, ended. */
async function seriesTable() {
  const rows = await page.locator('section[aria-labelledby="over-time"] tbody tr').allInnerTexts();
  return rows.map((row) => row.trim().split(/\s+/));
}

interface SeriesRow {
  period: string;
  start: string;
  country: string;
  nuts: string | null;
  started: number;
  active: number;
  ended: number;
}

/**
 * The same figures straight from the gateway's uptakeSeries, summed over the places `keep` chooses, per period, from
 * the first period with an adoption in use (the places here have a row in every period: practices are available).
 */
async function gatewaySeries(interval: string, level: string, keep: (row: SeriesRow) => boolean) {
  if (!stack) throw new Error('the stack did not start');
  const response = await stack.gql<{ uptakeSeries: SeriesRow[] }>(
    `{ uptakeSeries(interval: ${interval}, level: ${level}) { period start country nuts started active ended } }`,
  );
  expect(response.errors).toBeUndefined();
  const periods = new Map<string, [number, number, number]>();
  for (const row of (response.data?.uptakeSeries ?? []).filter(keep)) {
    const sums = periods.get(row.period) ?? [0, 0, 0];
    periods.set(row.period, [sums[0] + row.started, sums[1] + row.active, sums[2] + row.ended]);
  }
  const shown = [...periods.entries()].sort(([a], [b]) => a.localeCompare(b));
  const first = shown.findIndex(([, sums]) => sums.some((sum) => sum > 0));
  return shown.slice(first).map(([period, sums]) => [period, ...sums.map(String)]);
}

describe('the exporter in a browser', () => {
  it('runs in an installed Chromium', () => {
    expect(existsSync(CHROMIUM), chromiumMissing).toBe(true);
  });

  it(
    'shows a practice as a registry entry: words for its codes, its owner, contributors and adopters by name, a map',
    async () => {
      expect(practice, 'the seeded practice').toBeDefined();
      const response = await page.goto(url(`/practices/${practiceId}`));
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toMatch(/^text\/html/);
      await screenshot('practice');

      await expect(page.title()).resolves.toContain(practiceTitle);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      const heading = page.locator('h1');
      expect(await heading.count()).toBe(1);
      expect(await shownText(heading)).toBe(practiceTitle);
      expect(await shownText(page.locator('.lead'))).toBe(practice?.summary);
      for (const landmark of ['banner', 'main', 'contentinfo', 'navigation'] as const) {
        expect(await page.getByRole(landmark).count(), landmark).toBeGreaterThan(0);
      }

      const facts = page.locator('section[aria-labelledby="facts"]');
      expect(await shownText(facts)).toContain('Digital service or platform');
      expect(await shownText(facts.locator('[aria-current="step"]'))).toBe('Implemented (routine use)');
      const ownerLink = facts.getByRole('link', { name: 'Smart Hospital', exact: true });
      expect(await ownerLink.getAttribute('href')).toBe(`/organisations/${organisations.smartHospital}`);

      const classification = await shownText(page.locator('section[aria-labelledby="classification"]'));
      expect(classification).toContain('2.8 Healthcare provider training — under 2 Healthcare providers');
      expect(classification).toContain('Uptake and scaling up');
      expect(classification).toContain('Health and care professionals');

      const who = page.locator('section[aria-labelledby="who"]');
      expect(await shownText(who)).toContain(`${organisationName} — implementer`);

      const adoptions = page.locator('section[aria-labelledby="adoptions"] tbody tr');
      expect(await adoptions.count()).toBe(1);
      const adoption = await shownText(adoptions.first());
      expect(adoption).toContain(organisationName);
      expect(adoption).toContain('Romania, region Nord-Est (RO21)');
      expect(adoption).toContain('Regional');
      expect(adoption).toContain('12 February 2024 – 9 August 2024');
      expect(adoption).toContain('Smart Hospital Twinning');
      await page.locator('section[aria-labelledby="adoptions"]').getByRole('link', { name: organisationName }).click();
      await page.waitForURL((target) => target.pathname === `/organisations/${organisationId}`);
      expect(await shownText(page.locator('h1'))).toBe(organisationName);
      await page.goBack();

      const romania = page.locator('svg.map path[data-country="RO"]');
      expect(await romania.getAttribute('class')).toBe('l4');
      expect(await romania.locator('title').textContent()).toBe('Romania: 1 adoption');
      expect(await page.locator('svg.map path[data-country="FR"]').getAttribute('class')).toBe('none');
      // Where it is in use, with the region by its name.
      expect(await shownText(page.locator('section[aria-labelledby="where"] p'))).toBe(
        'In use in Romania, region Nord-Est (RO21).',
      );
      expect(await shownText(page.locator('section[aria-labelledby="facts"]'))).toContain('region Nord-Est (RO21)');

      const projects = await shownText(page.locator('section[aria-labelledby="projects"]'));
      expect(projects).toContain('Smart Hospital Twinning');
      expect(projects).toContain('adaptation');

      expect(await accessibilityViolations()).toEqual([]);

      // A code leads to the practices that share it.
      await page
        .locator('section[aria-labelledby="classification"]')
        .getByRole('link', { name: '2.8 Healthcare provider training' })
        .click();
      await page.waitForURL((target) => target.pathname === '/browse' && target.searchParams.get('cdhi') === '2.8');
      expect(await page.getByLabel('WHO digital health intervention').inputValue()).toBe('2.8');
      const sharing = await shownText(page.locator('section[aria-labelledby="results"]'));
      expect(sharing).toContain(practiceTitle);
      expect(sharing).toContain('Needs-led procurement toolkit');
    },
    TIMEOUT,
  );

  it(
    "renders the owner's Markdown, and none of the owner's scripts, images or script links",
    async () => {
      const response = await page.goto(url(`/practices/${markdownPracticeId}`));
      expect(response?.status()).toBe(200);
      await screenshot('practice-markdown');
      const description = page.locator('section[aria-labelledby="description"] .description');
      expect(await shownText(description.locator('strong'))).toBe('with');
      expect(await shownText(description.locator('h4'))).toBe('How it works');
      expect(await description.locator('li').count()).toBe(2);
      const link = description.getByRole('link', { name: 'report needs' });
      expect(await link.getAttribute('href')).toBe('https://example.org/needs');
      expect(await link.getAttribute('rel')).toContain('nofollow');
      expect(await description.locator('script, img, [onerror]').count()).toBe(0);
      expect(await description.getByText('a trap').getAttribute('href')).toBeNull();
      expect(await shownText(description)).not.toContain('ownerScriptRan');
      expect(await page.evaluate(() => (globalThis as { ownerScriptRan?: boolean }).ownerScriptRan)).toBeUndefined();
      expect(await page.locator('script:not([type="application/ld+json"])').count()).toBe(0);
      const evidence = page.locator('section[aria-labelledby="evidence"]');
      expect(await evidence.getByRole('link', { name: 'Evaluation of the toolkit' }).getAttribute('href')).toBe(
        'https://doi.org/10.1234/needs.2025',
      );
      expect(await shownText(evidence)).toContain('— evaluation report');
      expect(await accessibilityViolations()).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'follows the Turtle link to the same record as Turtle',
    async () => {
      await page.goto(url(`/practices/${practiceId}`));
      const turtleLink = page.getByRole('link', { name: 'Turtle', exact: true });
      expect(await turtleLink.isVisible()).toBe(true);
      expect(await turtleLink.getAttribute('href')).toBe('?format=turtle');

      const [response] = await Promise.all([
        page.waitForResponse((candidate) => candidate.url().includes('format=turtle')),
        turtleLink.click(),
      ]);
      await page.waitForURL((target) => target.searchParams.get('format') === 'turtle');
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toMatch(/^text\/turtle/);
      expect(new URL(page.url()).pathname).toBe(`/practices/${practiceId}`);

      const shown = await shownText(page.locator('body'));
      expect(shown).toContain(practiceTitle);
      expect(shown).toContain(`<${BASE}/practices/${practiceId}>`);
    },
    TIMEOUT,
  );

  it(
    'embeds the JSON-LD of the record for machines, and schema.org terms for search engines',
    async () => {
      await page.goto(url(`/practices/${practiceId}`));
      const scripts = page.locator('script[type="application/ld+json"]');
      expect(await scripts.count()).toBe(1);
      const document = JSON.parse((await scripts.textContent()) ?? '');
      expect(document).toMatchObject({
        id: `${BASE}/practices/${practiceId}`,
        title: expect.arrayContaining([{ '@value': practiceTitle, '@language': 'en' }]),
      });
      const entry = page.locator('[itemscope][itemtype="https://schema.org/CreativeWork"]');
      expect(await entry.locator('meta[itemprop="name"]').getAttribute('content')).toBe(practiceTitle);
      expect(await shownText(entry.locator('[itemprop="creator"] [itemprop="name"]'))).toBe('Smart Hospital');
    },
    TIMEOUT,
  );

  it(
    'shows an organisation with the practices it owns and contributes to, its adoptions and projects',
    async () => {
      const response = await page.goto(url(`/organisations/${organisationId}`));
      expect(response?.status()).toBe(200);
      await screenshot('organisation');
      expect(await shownText(page.locator('h1'))).toBe(organisationName);
      await expect(page.title()).resolves.toContain(organisationName);
      const document = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '');
      expect(document.id).toBe(`${BASE}/organisations/${organisationId}`);
      expect(await shownText(page.locator('section[aria-labelledby="facts"]'))).toContain('Digital innovation hub');
      expect(await shownText(page.locator('section[aria-labelledby="facts"]'))).toContain(
        'region Nord-Est (RO21), Romania',
      );
      const contributed = page.locator('section[aria-labelledby="contributed"]');
      expect(await contributed.getByRole('link', { name: practiceTitle }).getAttribute('href')).toBe(
        `/practices/${practiceId}`,
      );
      const adopted = await shownText(page.locator('section[aria-labelledby="adoptions"] tbody'));
      expect(adopted).toContain(practiceTitle);
      expect(adopted).toContain('Romania, region Nord-Est (RO21)');
      // Each project with the organisation's role in it.
      const project = page.locator('section[aria-labelledby="projects"] li', { hasText: 'Smart Hospital Twinning' });
      expect(await shownText(project.locator('.role'))).toBe('twinning adopter');
      expect(await shownText(page.locator('section[aria-labelledby="facts"]'))).toContain('Smart Hospital');
      expect(await page.locator('svg.map path[data-country="RO"]').getAttribute('class')).toBe('l4 focus');
      expect(await accessibilityViolations()).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'shows a twinning with its originator, adopter, practice and stages on a timeline',
    async () => {
      const response = await page.goto(url(`/projects/${projectSeedIds.smartHospitalTwinning}`));
      expect(response?.status()).toBe(200);
      await screenshot('twinning');
      expect(await shownText(page.locator('h1'))).toBe('Smart Hospital Twinning');
      const twinning = page.locator('section[aria-labelledby="twinning"]');
      const facts = await shownText(twinning.locator('dl'));
      expect(facts).toContain('Adaptation');
      expect(facts).toContain(practiceTitle);
      expect(facts).toContain('Smart Hospital');
      expect(facts).toContain(organisationName);
      const stages = twinning.locator('ol.timeline li');
      expect(await stages.count()).toBe(4);
      expect(await shownText(stages.first())).toContain('12 February 2024 – 8 March 2024');
      expect(await shownText(stages.first())).toContain('Reporting, workshop organisation and dissemination');
      expect(await shownText(stages.nth(2))).toContain('Network building and feedback collection');
      expect(await shownText(stages.last())).toContain('Completed');
      expect(await shownText(twinning)).toContain(`${organisationName} in Romania, region Nord-Est (RO21)`);
      expect(await shownText(page.locator('section[aria-labelledby="practices"]'))).toContain(
        `${practiceTitle} — transferred`,
      );
      expect(await accessibilityViolations()).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'browses published practices with the search box and a facet, without any script',
    async () => {
      // A person who opens RADAR's root lands on the practices.
      const response = await page.goto(url('/'));
      expect(response?.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe('/browse');
      const heading = page.locator('#results');
      const all = Number((await shownText(heading)).split(' ')[0]);
      expect(all).toBeGreaterThanOrEqual(9);
      const guideline = page.getByRole('checkbox', { name: /^Guideline or standard/ });
      expect(await guideline.isChecked()).toBe(false);
      await guideline.check();
      await Promise.all([
        page.waitForURL(/type=GUIDELINE_STANDARD/),
        page.getByRole('button', { name: 'Apply filters' }).click(),
      ]);
      await screenshot('browse');
      expect(await page.getByRole('checkbox', { name: /^Guideline or standard/ }).isChecked()).toBe(true);
      const cards = page.locator('section[aria-labelledby="results"] ul.cards > li');
      const count = await cards.count();
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThan(all);
      for (let index = 0; index < count; index += 1) {
        expect(await shownText(cards.nth(index).locator('p.muted'))).toMatch(/^Guideline or standard · /);
      }
      expect(await shownText(heading)).toBe(`${count} ${count === 1 ? 'practice' : 'practices'} match`);
      expect(await accessibilityViolations()).toEqual([]);

      await page.getByLabel('Words').fill('smart hospital');
      await page.getByRole('checkbox', { name: /^Guideline or standard/ }).uncheck();
      await Promise.all([page.waitForURL(/q=smart/), page.getByRole('button', { name: 'Search' }).click()]);
      const found = page.locator('section[aria-labelledby="results"] ul.cards > li h3');
      expect(await shownText(found.first())).toBe(practiceTitle);
      await found.first().getByRole('link').click();
      await page.waitForURL((target) => target.pathname === `/practices/${practiceId}`);

      await page.goto(url(`/browse?owner=${organisations.digitalEurope}`));
      expect(await shownText(page.locator('main'))).toContain('Only practices owned by DIGITALEUROPE');
      const owned = page.locator('section[aria-labelledby="results"] ul.cards > li p.muted');
      expect(await owned.count()).toBeGreaterThan(1);
      for (const line of await owned.allInnerTexts()) expect(line).toContain('by DIGITALEUROPE');
    },
    TIMEOUT,
  );

  it(
    'shows uptake across Europe on a map, as a chart over time and as tables, and per country',
    async () => {
      const response = await page.goto(url('/uptake'));
      expect(response?.status()).toBe(200);
      await screenshot('uptake');
      expect(await shownText(page.locator('h1'))).toBe('Uptake in Europe');
      const map = page.locator('svg.map');
      expect(await map.getAttribute('role')).toBe('img');
      expect(await map.locator('desc').textContent()).toContain('Romania: 1 adoption');
      expect(await map.locator('desc').textContent()).toContain('Germany: 1 adoption');
      expect(await map.locator('path[data-country="RO"]').getAttribute('class')).toBe('l4');
      expect(await map.locator('path[data-country="DE"]').getAttribute('class')).toBe('l4');
      expect(await map.locator('path[data-country="ES"]').getAttribute('class')).toBe('none');
      const romania = page.locator('section[aria-labelledby="countries"] tr', { hasText: 'Romania' });
      expect((await shownText(romania)).split(/\s+/).slice(-3)).toEqual(['1', '1', '1']);
      expect(await page.locator('svg.chart rect.active').count()).toBeGreaterThan(4);
      const first = page.locator('section[aria-labelledby="over-time"] tbody tr').first();
      expect((await shownText(first)).split(/\s+/)).toEqual(['2024-Q1', '1', '1', '0']);
      const q3 = page.locator('section[aria-labelledby="over-time"] tbody tr', { hasText: '2024-Q3' });
      expect((await shownText(q3)).split(/\s+/)).toEqual(['2024-Q3', '0', '1', '1']);
      expect(await seriesTable()).toEqual(await gatewaySeries('QUARTER', 'COUNTRY', () => true));
      expect(await accessibilityViolations()).toEqual([]);

      await romania.getByRole('link', { name: 'Romania' }).click();
      await page.waitForURL((target) => target.pathname === '/uptake/RO');
      await screenshot('uptake-romania');
      expect(await shownText(page.locator('h1'))).toBe('Uptake in Romania');
      expect(await page.locator('svg.map path[data-country="RO"]').getAttribute('class')).toBe('l4 focus');
      expect(await shownText(page.locator('section[aria-labelledby="regions"] tbody'))).toContain('Nord-Est (RO21)');
      // The chart's table is the uptakeSeries a policy analyst asks the gateway for, period by period.
      expect(await seriesTable()).toEqual(await gatewaySeries('QUARTER', 'COUNTRY', (row) => row.country === 'RO'));
      expect(await page.locator('section[aria-labelledby="over-time"] tbody tr', { hasText: '2025' }).count()).toBe(4);
      await page.getByLabel('Per', { exact: true }).selectOption('year');
      await Promise.all([page.waitForURL(/interval=year/), page.getByRole('button', { name: 'Show' }).click()]);
      const years = page.locator('section[aria-labelledby="over-time"] tbody tr');
      expect((await shownText(years.first())).split(/\s+/)).toEqual(['2024', '1', '1', '1']);
      expect(await seriesTable()).toEqual(await gatewaySeries('YEAR', 'COUNTRY', (row) => row.country === 'RO'));
      expect(await accessibilityViolations()).toEqual([]);

      await page.locator('section[aria-labelledby="regions"]').getByRole('link', { name: 'Nord-Est (RO21)' }).click();
      await page.waitForURL((target) => target.pathname === '/uptake/RO21');
      await screenshot('uptake-region');
      expect(await shownText(page.locator('h1'))).toBe('Uptake in Nord-Est (RO21), Romania');
      await expect(page.title()).resolves.toContain('Uptake in Nord-Est (RO21), Romania');
      expect(await seriesTable()).toEqual(await gatewaySeries('QUARTER', 'NUTS2', (row) => row.nuts === 'RO21'));
      expect(await accessibilityViolations()).toEqual([]);
      expect(await shownText(page.locator('.lead'))).toBe(
        '1 adoption of published practices; 1 practice adopted here.',
      );
      expect(await page.locator('svg.map path[data-country="RO"]').getAttribute('class')).toBe('l4 focus');
    },
    TIMEOUT,
  );

  it(
    'shows a need: what is sought in words, where, and the practices that may meet it with their reasons',
    async () => {
      const response = await page.goto(url(`/needs/${needSeedIds.heartFailureTelemonitoring}`));
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toMatch(/^text\/html/);
      await screenshot('need');

      await expect(page.title()).resolves.toContain(needTitle);
      expect(await shownText(page.locator('h1'))).toBe(needTitle);
      for (const landmark of ['banner', 'main', 'contentinfo', 'navigation'] as const) {
        expect(await page.getByRole(landmark).count(), landmark).toBeGreaterThan(0);
      }
      const facts = await shownText(page.locator('section[aria-labelledby="facts"]'));
      expect(facts).toContain('Romania, region RO21');
      expect(facts).toContain('Pilot or later');
      expect(facts).toContain('Romanian');
      const sought = await shownText(page.locator('section[aria-labelledby="classification"]'));
      expect(sought).toContain('3.5 Insufficient continuity of care');
      expect(sought).toContain('2.4.2');
      expect(sought).toContain('A9 Telehealth systems');

      const candidates = page.locator('section[aria-labelledby="candidates"] > ol > li');
      expect(await candidates.count()).toBeGreaterThan(0);
      const smartHospital = candidates.filter({ has: page.getByRole('link', { name: practiceTitle, exact: true }) });
      expect(await smartHospital.count()).toBe(1);
      const reasons = await shownText(smartHospital);
      expect(reasons).toMatch(/score \d\.\d\d/);
      expect(reasons).toContain('meets the maturity required (Pilot or later): Implemented (routine use)');
      expect(reasons).toContain('adopted in the same region (RO21)');
      // Scores read best first, down the list.
      const scores = (await candidates.allInnerTexts()).map((text) => Number(/score (\d\.\d\d)/.exec(text)?.[1]));
      expect(scores.every((score, index) => index === 0 || score <= (scores[index - 1] as number))).toBe(true);

      expect(await accessibilityViolations()).toEqual([]);

      // A candidate leads to its practice.
      await smartHospital.getByRole('link', { name: practiceTitle, exact: true }).click();
      await page.waitForURL((target) => target.pathname === `/practices/${practiceId}`);
      expect(await shownText(page.locator('h1'))).toBe(practiceTitle);

      const missing = await page.goto(url('/needs/00000000-0000-4000-8000-000000000000'));
      expect(missing?.status()).toBe(404);
      expect(await shownText(page.locator('h1'))).toBe('Nothing here');
      const bad = await page.goto(url('/needs/not-a-uuid'));
      expect(bad?.status()).toBe(400);
      expect(await shownText(page.locator('main'))).toContain('"not-a-uuid" is not a RADAR id (a UUID)');
    },
    TIMEOUT,
  );

  it(
    'answers a browser with error pages: 404 for an unknown id, 400 for a bad one, 410 with what the tombstone says',
    async () => {
      const missing = await page.goto(url('/practices/00000000-0000-4000-8000-000000000000'));
      expect(missing?.status()).toBe(404);
      expect(missing?.headers()['content-type']).toMatch(/^text\/html/);
      expect(await shownText(page.locator('h1'))).toBe('Nothing here');
      expect(await shownText(page.locator('main'))).toContain(
        'No practice has id 00000000-0000-4000-8000-000000000000',
      );
      expect(await accessibilityViolations()).toEqual([]);

      const bad = await page.goto(url('/practices/not-a-uuid'));
      expect(bad?.status()).toBe(400);
      expect(await shownText(page.locator('main'))).toContain('"not-a-uuid" is not a RADAR id (a UUID)');
      const nowhere = await page.goto(url('/uptake/QQ'));
      expect(nowhere?.status()).toBe(404);
      expect(await shownText(page.locator('main'))).toContain('No country or NUTS region is named QQ');
      const badFacet = await page.goto(url('/browse?type=SPACESHIP'));
      expect(badFacet?.status()).toBe(400);
      expect(await shownText(page.locator('main'))).toContain('type must be a practice type');
      const forged = await page.goto(url('/browse?after=not-a-cursor'));
      expect(forged?.status()).toBe(400);
      expect(await shownText(page.locator('h1'))).toBe('This address is not quite right');

      const gone = await page.goto(url(`/practices/${archivedPracticeId}`));
      expect(gone?.status()).toBe(410);
      await screenshot('tombstone');
      expect(await shownText(page.locator('h1'))).toBe('This practice is no longer in the registry');
      expect(await shownText(page.locator('.notice'))).toMatch(
        /^Archived on \d{1,2} \w+ \d{4}: No longer maintained; kept for the record, not public\.$/,
      );
      const tombstone = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '');
      expect(tombstone).toMatchObject({ type: 'Tombstone', id: `${BASE}/practices/${archivedPracticeId}` });
      const [asTurtle] = await Promise.all([
        page.waitForResponse((candidate) => candidate.url().includes('format=turtle')),
        page.getByRole('link', { name: 'Turtle', exact: true }).click(),
      ]);
      expect(asTurtle.status()).toBe(410);
      expect(asTurtle.headers()['content-type']).toMatch(/^text\/turtle/);
      await page.goBack();
      expect(await accessibilityViolations()).toEqual([]);
    },
    TIMEOUT,
  );

  // Last: its ten adoptions would change the uptake figures the tests above read.
  it(
    'names every adopter of a practice with as many statements for ten adopters as for one',
    async () => {
      if (!stack) throw new Error('the stack did not start');
      const many = await publishedPractice('Practice adopted by ten organisations', 'Adopted widely.');
      for (let index = 0; index < 10; index += 1) {
        const created = await stack.gql<{ createOrganisation: { id: string } }>(
          'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }',
          { input: { name: `Adopter ${index + 1}`, kind: 'HEALTHCARE_PROVIDER', country: 'DE' } },
          { key: stack.keys.curator },
        );
        const adopted = await stack.gql(
          'mutation($input: AddAdoptionInput!) { addAdoption(input: $input) { id } }',
          {
            input: {
              practiceId: many.id,
              adopterId: created.data?.createOrganisation.id,
              // In a region, as the one adoption compared with is: its name is looked up once however many there are.
              country: 'DE',
              nuts: 'DE21',
              scale: 'LOCAL',
              status: 'ONGOING',
              startDate: '2025-06-01',
            },
          },
          { key: many.editor },
        );
        expect(adopted.errors).toBeUndefined();
      }
      const statements = async (id: string) => {
        const services = [stack?.organisations.db, stack?.practices.db, stack?.projects.db];
        const before = services.map((db) => db?.statements.total ?? 0);
        const response = await fetch(url(`/practices/${id}?format=html`));
        expect(response.status).toBe(200);
        const body = await response.text();
        return { body, counts: services.map((db, index) => (db?.statements.total ?? 0) - (before[index] ?? 0)) };
      };
      const one = await statements(markdownPracticeId);
      const ten = await statements(many.id);
      for (let index = 1; index <= 10; index += 1) expect(ten.body).toContain(`>Adopter ${index}</a>`);
      expect(one.body).toContain('>EIT Health</a>');
      expect(ten.counts).toEqual(one.counts);
    },
    TIMEOUT,
  );
});
