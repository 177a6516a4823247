// The exporter's record pages as a person sees them: a real headless Chromium (Debian's `chromium`, driven by
// playwright-core) opens them, reads the heading, the table and the links, follows the Turtle link, and finds the
// JSON-LD embedded for machines. CI installs /usr/bin/chromium; without it this file fails rather than skips.

import { existsSync } from 'node:fs';
import { type ExporterServer, loadExporterConfig, startExporter } from '@radar/exporter';
import { seedIds as organisations } from '@radar/organisations';
import { practiceFixtures, practiceSeedIds } from '@radar/practices';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Stack, startStack, testEnvironment } from './support/stack.js';

const CHROMIUM = '/usr/bin/chromium';
const BASE = 'https://radar.example.eu';
const TIMEOUT = 60_000;
const practiceId = practiceSeedIds.smartHospitalPlatform;
const practiceTitle = 'Smart Hospital interactive platform';
const practice = practiceFixtures.find((fixture) => fixture.id === practiceId);
const organisationId = organisations.digitalInnovationZone;
const organisationName = 'Digital Innovation Zone Association';

let stack: Stack | undefined;
let exporter: ExporterServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
let pageErrors: Error[] = [];

const url = (path: string) => {
  if (!exporter) throw new Error('the exporter did not start');
  return `${exporter.url}${path}`;
};

/** The text a person reads: rendered text, hidden elements left out, as the browser lays it out. */
const shownText = async (locator: Locator) =>
  // biome-ignore lint/performance/useDomNodeTextContent: this is Playwright's Locator.innerText, the rendered text a person sees, which is what these tests check
  (await locator.innerText()).trim();

// Fail, never skip: a missing browser must not turn this suite green, so every test below fails with this message.
const chromiumMissing =
  `${CHROMIUM} is missing: install it with ` +
  '`apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium`';

beforeAll(async () => {
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
    }),
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await exporter?.close();
  await stack?.stop();
}, 60_000);

beforeEach(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(chromiumMissing);
  if (!browser) throw new Error('Chromium did not start');
  context = await browser.newContext({ acceptDownloads: false });
  page = await context.newPage();
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error));
});

afterEach(async () => {
  await context?.close();
  context = undefined;
  expect(pageErrors.map((error) => error.message)).toEqual([]);
});

describe('the exporter in a browser', () => {
  it('runs in an installed Chromium', () => {
    expect(existsSync(CHROMIUM), chromiumMissing).toBe(true);
  });

  it(
    'shows a practice as a page with its title, its properties and a link to its owner',
    async () => {
      expect(practice, 'the seeded practice').toBeDefined();
      const response = await page.goto(url(`/practices/${practiceId}`));
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toMatch(/^text\/html/);

      await expect(page.title()).resolves.toContain(practiceTitle);
      const heading = page.locator('h1');
      expect(await heading.count()).toBe(1);
      expect(await shownText(heading)).toBe(practiceTitle);
      expect(await heading.isVisible()).toBe(true);

      // Each language's title is marked with its language, for screen readers and translation tools.
      const titles = page.locator('table tr', { has: page.locator('th', { hasText: /^title$/ }) }).first();
      expect(await shownText(titles.locator('span[lang="en"]'))).toBe(practiceTitle);
      expect(await titles.locator('span[lang="ro"]').count()).toBe(1);

      const summary = page.locator('table tr', { has: page.locator('th', { hasText: /^summary$/ }) }).first();
      expect(await summary.isVisible()).toBe(true);
      expect(await shownText(summary.locator('td').first())).toContain(practice?.summary ?? '<no summary>');

      const owner = page.locator('table tr', { has: page.locator('th', { hasText: /^rightsHolder$/ }) }).first();
      expect(await owner.isVisible()).toBe(true);
      const ownerLink = owner.locator('td a').first();
      expect(await ownerLink.isVisible()).toBe(true);
      const ownerIri = `${BASE}/organisations/${organisations.smartHospital}`;
      expect(await ownerLink.getAttribute('href')).toBe(ownerIri);
      expect(await shownText(ownerLink)).toBe(ownerIri);
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
    'embeds the JSON-LD of the record for machines',
    async () => {
      await page.goto(url(`/practices/${practiceId}`));
      const scripts = page.locator('script[type="application/ld+json"]');
      expect(await scripts.count()).toBe(1);
      const document = JSON.parse((await scripts.textContent()) ?? '');
      expect(document).toMatchObject({
        id: `${BASE}/practices/${practiceId}`,
        title: expect.arrayContaining([{ '@value': practiceTitle, '@language': 'en' }]),
      });
    },
    TIMEOUT,
  );

  it(
    'shows an organisation under its name',
    async () => {
      const response = await page.goto(url(`/organisations/${organisationId}`));
      expect(response?.status()).toBe(200);
      expect(await shownText(page.locator('h1'))).toBe(organisationName);
      await expect(page.title()).resolves.toContain(organisationName);
      const document = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '');
      expect(document.id).toBe(`${BASE}/organisations/${organisationId}`);
    },
    TIMEOUT,
  );

  it(
    'answers 404 for a practice that does not exist',
    async () => {
      const response = await page.goto(url('/practices/00000000-0000-4000-8000-000000000000'));
      expect(response?.status()).toBe(404);
    },
    TIMEOUT,
  );
});
