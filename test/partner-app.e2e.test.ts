// A partner's browser app, on its own origin, in a real headless Chromium (Debian's `chromium`, driven by
// playwright-core): a person signs in at a real OpenID provider from the app's page (authorization code flow with
// PKCE and a resource indicator, so the provider issues a JWT access token for RADAR), and the page calls the gateway
// cross-origin with that token (a CORS preflight first): it reads `me`, asks for editor rights for an organisation,
// is refused a practice before a curator approves, and registers one after. A screenshot is saved under test/output/.
// CI installs /usr/bin/chromium; without it this file fails rather than skips.

import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedIds } from '@radar/organisations';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenIdProvider, type Person, startOpenIdProvider } from './support/oidc.js';
import { type Stack, startStack } from './support/stack.js';

const CHROMIUM = '/usr/bin/chromium';
const AUDIENCE = 'https://radar.test/graphql';
const CLIENT_ID = 'partner-browser-app';
const TIMEOUT = 60_000;
const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), 'output');
const organisationId = seedIds.digitalInnovationZone;

const dana: Person = { login: 'dana', name: 'Dana Wójcik', email: 'dana@dizone.example' };

// Fail, never skip: a missing browser must not turn this suite green, so every test below fails with this message.
const chromiumMissing =
  `${CHROMIUM} is missing: install it with ` +
  '`apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium`';

/** What the partner's page needs to know: where the provider and the gateway are, and who it is. */
interface AppSettings {
  issuer: string;
  gateway: string;
  clientId: string;
  redirectUri: string;
  resource: string;
}

/**
 * The partner's one page. It signs the person in (code flow, PKCE, resource indicator), keeps the access token in
 * the tab's session storage, and calls the gateway with it; each answer is shown as it came, errors by their code.
 */
function partnerPage(settings: AppSettings) {
  const script = `
const settings = ${JSON.stringify(settings)};
const show = (id, text) => { document.getElementById(id).textContent = text; };
const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
  .replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

async function signIn() {
  const verifier = random();
  const state = random();
  sessionStorage.setItem('verifier', verifier);
  sessionStorage.setItem('state', state);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const authorize = new URL('/auth', settings.issuer);
  authorize.search = new URLSearchParams({
    client_id: settings.clientId, response_type: 'code', redirect_uri: settings.redirectUri,
    scope: 'openid profile email radar', resource: settings.resource, state,
    code_challenge: challenge, code_challenge_method: 'S256',
  }).toString();
  location.assign(authorize.href);
}

async function finishSignIn(params) {
  history.replaceState(null, '', location.pathname);
  if (params.get('error')) throw new Error('sign-in refused: ' + params.get('error'));
  if (params.get('state') !== sessionStorage.getItem('state')) throw new Error('sign-in answer with the wrong state');
  const response = await fetch(new URL('/token', settings.issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', client_id: settings.clientId, code: params.get('code'),
      redirect_uri: settings.redirectUri, code_verifier: sessionStorage.getItem('verifier'),
      resource: settings.resource,
    }),
  });
  const body = await response.json();
  if (!body.access_token) throw new Error('no access token: ' + body.error + ' ' + body.error_description);
  sessionStorage.removeItem('verifier');
  sessionStorage.setItem('token', body.access_token);
}

async function radar(query, variables) {
  const response = await fetch(settings.gateway, {
    method: 'POST',
    headers: { authorization: 'Bearer ' + sessionStorage.getItem('token'), 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors && body.errors.length) {
    const [error] = body.errors;
    throw new Error((error.extensions && error.extensions.code) + ': ' + error.message);
  }
  return body.data;
}

async function showMe() {
  const { me } = await radar('{ me { kind label organisations { id name } } }');
  show('me', me.label + ' (' + me.kind + ')');
  show('organisations', me.organisations.map((organisation) => organisation.name).join(', ') || 'none');
}

const organisation = () => document.getElementById('organisation').value;
const act = (id, action) => document.getElementById(id).addEventListener('click', async () => {
  show('answer', '…');
  try { show('answer', await action()); } catch (error) { show('answer', String(error.message)); }
});

document.getElementById('sign-in').addEventListener('click', () => signIn());
act('request', async () => {
  const { requestAccess } = await radar(
    'mutation($input: RequestAccessInput!) { requestAccess(input: $input) { id status } }',
    { input: { organisationId: organisation(), message: 'We build the partner app for this organisation.' } },
  );
  show('request-id', requestAccess.id);
  return 'Access request ' + requestAccess.status;
});
act('register', async () => {
  const { registerPractice } = await radar(
    'mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id title status } }',
    { input: {
      title: document.getElementById('title').value, summary: 'Registered from a partner app.',
      type: 'APP', maturity: 'PILOT', ownerId: organisation(),
    } },
  );
  await showMe();
  return 'Registered ' + registerPractice.id + ' ' + registerPractice.title + ' (' + registerPractice.status + ')';
});

(async () => {
  const params = new URLSearchParams(location.search);
  try {
    if (params.has('code') || params.has('error')) await finishSignIn(params);
    if (sessionStorage.getItem('token')) {
      await showMe();
      document.body.dataset.signedIn = 'yes';
    }
  } catch (error) {
    show('answer', String(error.message));
  }
  document.body.dataset.ready = 'yes';
})();
`;
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Partner app</title>
<style>body { font-family: sans-serif; margin: 2em; } #answer { display: block; margin-top: 1em; }</style></head>
<body>
<h1>Partner app for RADAR</h1>
<p><button id="sign-in" type="button">Sign in</button></p>
<p>Signed in as <output id="me">nobody</output> editing for <output id="organisations">none</output></p>
<p><label>Organisation <input id="organisation" size="40"></label>
<button id="request" type="button">Request editor rights</button> <output id="request-id"></output></p>
<p><label>Practice title <input id="title" size="40"></label>
<button id="register" type="button">Register practice</button></p>
<output id="answer" role="status"></output>
<script>${script}</script>
</body>
</html>`;
}

let provider: OpenIdProvider | undefined;
let stack: Stack | undefined;
let partner: Server | undefined;
let partnerOrigin = '';
let settings: AppSettings | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
const pageErrors: Error[] = [];
/** What the gateway answered to each CORS preflight the browser sent it: the origin it allowed. */
const preflights: { url: string; status: number; allowOrigin: string | undefined }[] = [];

// biome-ignore lint/performance/useDomNodeTextContent: this is Playwright's Locator.innerText, the rendered text a person sees
const shownText = async (locator: Locator) => (await locator.innerText()).trim();

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  if (!existsSync(CHROMIUM)) return;
  partner = createServer((request, response) => {
    if (!settings || new URL(request.url ?? '/', partnerOrigin).pathname !== '/') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(partnerPage(settings));
  });
  await new Promise<void>((resolve) => partner?.listen(0, '127.0.0.1', resolve));
  partnerOrigin = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
  provider = await startOpenIdProvider({ browserClient: { id: CLIENT_ID, redirectUri: `${partnerOrigin}/` } });
  provider.enrol(dana);
  stack = await startStack({
    env: {
      RADAR_CORS_ORIGINS: partnerOrigin,
      OIDC_ISSUERS: JSON.stringify([{ issuer: provider.issuer, audience: AUDIENCE }]),
    },
  });
  settings = {
    issuer: provider.issuer,
    gateway: stack.gatewayUrl,
    clientId: CLIENT_ID,
    redirectUri: `${partnerOrigin}/`,
    resource: AUDIENCE,
  };
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
  context = await browser.newContext({ acceptDownloads: false, viewport: { width: 1280, height: 900 } });
  // Only the three loopback services answer; anything else (the provider's sign-in page imports a web font) is
  // refused, so the run needs no network.
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => route.abort(),
  );
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  // Chromium sends preflights itself, outside the page's requests; the DevTools protocol reports them.
  const devtools = await context.newCDPSession(page);
  await devtools.send('Network.enable');
  devtools.on('Network.responseReceived', ({ type, response }) => {
    if (type !== 'Preflight') return;
    const allowOrigin = Object.entries(response.headers).find(
      ([name]) => name.toLowerCase() === 'access-control-allow-origin',
    )?.[1];
    preflights.push({ url: response.url, status: response.status, allowOrigin });
  });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
  await provider?.stop();
  await new Promise<void>((resolve) => (partner ? partner.close(() => resolve()) : resolve()));
}, 60_000);

const answer = () => page.locator('#answer');

describe('a partner app in a browser', () => {
  it('runs in an installed Chromium', () => {
    expect(existsSync(CHROMIUM), chromiumMissing).toBe(true);
  });

  it(
    'signs a person in at the OpenID provider, asks for editor rights and, once a curator approves, registers a practice',
    async () => {
      if (!existsSync(CHROMIUM)) throw new Error(chromiumMissing);
      if (!stack || !provider || !browser) throw new Error('the stack or Chromium did not start');

      // The person opens the partner app and signs in at the provider, on the provider's own pages.
      await page.goto(`${partnerOrigin}/`);
      await page.locator('body[data-ready="yes"]').waitFor();
      expect(await shownText(page.locator('#me'))).toBe('nobody');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.origin === provider?.issuer);
      await page.locator('input[name="login"]').fill(dana.login);
      await page.locator('input[name="password"]').fill('any password');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      await page.getByRole('button', { name: 'Continue' }).click();

      // Back on the partner's page, with a token for RADAR: the gateway knows the person, who edits for no one yet.
      await page.waitForURL((url) => url.origin === partnerOrigin);
      await page.locator('body[data-ready="yes"]').waitFor();
      expect(await shownText(answer()), 'what the page says after the sign-in').toBe('');
      expect(await page.locator('body').getAttribute('data-signed-in')).toBe('yes');
      expect(await shownText(page.locator('#me'))).toBe(`${dana.name} (PERSON)`);
      expect(await shownText(page.locator('#organisations'))).toBe('none');
      const token = await page.evaluate(() => sessionStorage.getItem('token'));
      expect(token?.split('.')).toHaveLength(3);

      // Before any approval the gateway refuses the practice, and the page says so.
      await page.locator('#organisation').fill(organisationId);
      await page.locator('#title').fill('Partner-registered remote triage');
      await page.getByRole('button', { name: 'Register practice' }).click();
      await expect.poll(() => shownText(answer())).toMatch(/^FORBIDDEN: .*ask for access with requestAccess/);

      await page.getByRole('button', { name: 'Request editor rights' }).click();
      await expect.poll(() => shownText(answer())).toBe('Access request PENDING');
      const requestId = await shownText(page.locator('#request-id'));

      // The curator finds the request in the queue, from this person, and approves it.
      const queue = await stack.gql(
        '{ accessRequests(status: PENDING) { id account { name email issuer subject } organisation { id } } }',
        {},
        { key: stack.keys.curator },
      );
      expect(queue.data?.accessRequests).toEqual([
        {
          id: requestId,
          account: { name: dana.name, email: dana.email, issuer: provider.issuer, subject: dana.login },
          organisation: { id: organisationId },
        },
      ]);
      const approved = await stack.gql(
        'mutation($id: UUID!) { approveAccessRequest(id: $id) { status } }',
        { id: requestId },
        { key: stack.keys.curator },
      );
      expect(approved.errors).toBeUndefined();
      expect(approved.data?.approveAccessRequest.status).toBe('APPROVED');

      // The same token now registers the practice; the page shows the registry's answer.
      await page.getByRole('button', { name: 'Register practice' }).click();
      await expect.poll(() => shownText(answer())).toMatch(/^Registered /);
      const shown = /^Registered ([0-9a-f-]{36}) (.+) \((\w+)\)$/.exec(await shownText(answer()));
      expect(shown?.slice(2)).toEqual(['Partner-registered remote triage', 'DRAFT']);
      expect(await shownText(page.locator('#organisations'))).toBe('Digital Innovation Zone Association');
      await page.screenshot({ path: join(OUTPUT, 'partner-app.png'), fullPage: true });

      const registered = await stack.gql(
        'query($id: UUID!) { practice(id: $id) { id title status owner { id } history { action actor } } }',
        { id: shown?.[1] },
        { key: stack.keys.curator },
      );
      expect(registered.errors).toBeUndefined();
      expect(registered.data?.practice).toEqual({
        id: shown?.[1],
        title: 'Partner-registered remote triage',
        status: 'DRAFT',
        owner: { id: organisationId },
        history: [{ action: 'REGISTERED', actor: dana.name }],
      });

      // The refused attempt wrote nothing: the organisation has that one draft of that title.
      const drafts = await stack.gql(
        'query($ownerId: UUID!) { practices(first: 100, filter: { ownerId: $ownerId, statuses: [DRAFT] }) { nodes { id title } } }',
        { ownerId: organisationId },
        { key: stack.keys.curator },
      );
      expect(drafts.errors).toBeUndefined();
      expect(
        drafts.data?.practices.nodes.filter(
          (node: { title: string }) => node.title === 'Partner-registered remote triage',
        ),
      ).toEqual([{ id: shown?.[1], title: 'Partner-registered remote triage' }]);

      // Every call went cross-origin: the gateway answered the browser's preflight for the partner's origin.
      const gatewayPreflights = preflights.filter((preflight) => preflight.url === stack?.gatewayUrl);
      expect(gatewayPreflights.length).toBeGreaterThan(0);
      for (const preflight of gatewayPreflights) {
        expect(preflight.status).toBeLessThan(300);
        expect(preflight.allowOrigin).toBe(partnerOrigin);
      }
      expect(pageErrors.map((error) => error.message)).toEqual([]);
    },
    TIMEOUT,
  );
});
