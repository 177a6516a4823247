// People sign in through a real OpenID provider and callers are checked at the gateway: a person signs in, asks to
// edit for an organisation, a curator approves and the person registers a practice; every bad credential is
// refused with 401; curators manage API keys, roles and accounts through GraphQL, and everything they do is audited.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { loadGatewayConfig, startGateway } from '@radar/gateway';
import { seedIds } from '@radar/organisations';
import { decodeJwt, importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenIdProvider, type Person, startOpenIdProvider } from './support/oidc.js';
import { type Stack, startStack } from './support/stack.js';

const AUDIENCE = 'https://radar.test/graphql';
const MISSING = '7b0f1c52-3f4e-4b53-9a51-2f6f0a1cffff';

const ME = '{ me { kind id label curator organisations { id } } }';
const REGISTER = `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id status } }`;
const REQUEST = `mutation($input: RequestAccessInput!) {
  requestAccess(input: $input) { id status organisation { id } proposedOrganisation { name practiceTitle } } }`;
const MINE = '{ myAccessRequests { id status reason organisation { id } } }';
const QUEUE = `query($status: AccessRequestStatus) {
  accessRequests(status: $status) { id status message account { id name email issuer subject } organisation { id } } }`;
const APPROVE = `mutation($id: UUID!, $organisationId: UUID) {
  approveAccessRequest(id: $id, organisationId: $organisationId) { id status decidedBy organisation { id } } }`;
const REFUSE = `mutation($id: UUID!, $reason: String!) { refuseAccessRequest(id: $id, reason: $reason) { id status reason } }`;
const MINT = `mutation($input: MintApiKeyInput!) {
  mintApiKey(input: $input) { secret key { id label createdBy expiresAt revokedAt roles { role organisation { id } } } } }`;
const KEYS = '{ apiKeys { id label revokedAt expiresAt roles { role organisation { id } } } }';
const AUDIT = '{ auditLog { action actorLabel subjectId role organisation { id } detail } }';
const GRANT = `mutation($input: RoleGrantInput!) { grantRole(input: $input) { holderKind holderId role organisation { id } } }`;
const WITHDRAW = `mutation($input: RoleGrantInput!) { withdrawRole(input: $input) }`;

const alice: Person = { login: 'alice', name: 'Alice Popescu', email: 'alice@spital-iasi.ro' };
const bob: Person = { login: 'bob', name: 'Bob Jansen', email: 'bob@zorg.example' };
const carol: Person = { login: 'carol', name: 'Carol Lind', email: 'carol@example.org' };

let trusted: OpenIdProvider;
let second: OpenIdProvider;
let untrusted: OpenIdProvider;
let stack: Stack;

beforeAll(async () => {
  [trusted, second, untrusted] = await Promise.all([
    startOpenIdProvider(),
    startOpenIdProvider(),
    startOpenIdProvider(),
  ]);
  stack = await startStack({
    env: {
      // The first provider is found through its discovery document, the second by its key set's address.
      OIDC_ISSUERS: JSON.stringify([
        { issuer: trusted.issuer, audience: AUDIENCE },
        { issuer: second.issuer, audience: AUDIENCE, jwksUri: second.jwksUri },
      ]),
    },
  });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await Promise.all([trusted, second, untrusted].map((provider) => provider?.stop()));
});

function bearer(token: string) {
  return { headers: { authorization: `Bearer ${token}` } };
}

function practice(title: string, ownerId: string) {
  return { input: { title, summary: `${title}, registered by its owner.`, type: 'APP', maturity: 'PILOT', ownerId } };
}

async function signedIn(person: Person, provider = trusted) {
  return provider.signIn(person, AUDIENCE);
}

/** A token the trusted provider's key signs, with claims of the test's choosing. */
async function forged(claims: Record<string, unknown>, header: Record<string, unknown> = {}) {
  const key = await importJWK(trusted.signingKey, 'ES256');
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: trusted.signingKey.kid, typ: 'at+jwt', ...header })
    .sign(key);
}

function expectRefused(answer: Awaited<ReturnType<Stack['gql']>>, message: RegExp) {
  expect(answer.status).toBe(401);
  expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(answer.errors?.[0]?.message).toMatch(message);
  expect(answer.data ?? null).toBeNull();
}

describe('a person who signs in with OpenID Connect', () => {
  it('gets an account with no roles on first sign-in, the same one after, and may only read', async () => {
    const token = await signedIn(alice);
    const first = await stack.gql(ME, {}, bearer(token));
    expect(first.errors).toBeUndefined();
    expect(first.data?.me).toEqual({
      kind: 'PERSON',
      id: expect.any(String),
      label: alice.name,
      curator: false,
      organisations: [],
    });
    const again = await stack.gql(ME, {}, bearer(await signedIn(alice)));
    expect(again.data?.me.id).toBe(first.data?.me.id);

    const refused = await stack.gql(REGISTER, practice('Before access', seedIds.smartHospital), bearer(token));
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/ask for access with requestAccess/);
    expect((await stack.gql(ME)).data?.me).toBeNull();
  });

  it('asks for access, a curator approves it, and the person registers a practice for the organisation', async () => {
    const token = await signedIn(alice);
    const asked = await stack.gql(
      REQUEST,
      { input: { organisationId: seedIds.smartHospital, message: 'I run the telemonitoring service.' } },
      bearer(token),
    );
    expect(asked.errors, JSON.stringify(asked)).toBeUndefined();
    expect(asked.data?.requestAccess, JSON.stringify(asked)).toMatchObject({
      status: 'PENDING',
      organisation: { id: seedIds.smartHospital },
    });
    const requestId = asked.data?.requestAccess.id as string;

    // Asking again for the same organisation, or for one that does not exist, is refused and writes nothing.
    const twice = await stack.gql(
      REQUEST,
      { input: { organisationId: seedIds.smartHospital, message: 'again' } },
      bearer(token),
    );
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationId' });
    const missing = await stack.gql(REQUEST, { input: { organisationId: MISSING, message: 'x' } }, bearer(token));
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationId' });
    expect(missing.errors?.[0]?.message).toMatch(/does not exist/);
    const neither = await stack.gql(REQUEST, { input: { message: 'x' } }, bearer(token));
    expect(neither.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationId' });
    expect((await stack.gql(MINE, {}, bearer(token))).data?.myAccessRequests).toEqual([
      { id: requestId, status: 'PENDING', reason: null, organisation: { id: seedIds.smartHospital } },
    ]);

    // Only curators see the queue and decide.
    expect((await stack.gql(QUEUE, {}, bearer(token))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.gql(APPROVE, { id: requestId }, bearer(token))).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    const queue = await stack.gql(QUEUE, { status: 'PENDING' }, { key: stack.keys.curator });
    expect(queue.data?.accessRequests).toContainEqual({
      id: requestId,
      status: 'PENDING',
      message: 'I run the telemonitoring service.',
      account: {
        id: expect.any(String),
        name: alice.name,
        email: alice.email,
        issuer: trusted.issuer,
        subject: 'alice',
      },
      organisation: { id: seedIds.smartHospital },
    });

    const approved = await stack.gql(APPROVE, { id: requestId }, { key: stack.keys.curator });
    expect(approved.errors).toBeUndefined();
    expect(approved.data?.approveAccessRequest).toMatchObject({ status: 'APPROVED', decidedBy: 'test curator' });
    const decidedTwice = await stack.gql(
      REFUSE,
      { id: requestId, reason: 'changed my mind' },
      { key: stack.keys.curator },
    );
    expect(decidedTwice.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    // The role works on the very next request, with the same token.
    const me = await stack.gql('{ me { organisations { id name } } }', {}, bearer(token));
    expect(me.data?.me.organisations).toEqual([{ id: seedIds.smartHospital, name: 'Smart Hospital' }]);
    const registered = await stack.gql(REGISTER, practice('Iași telemonitoring', seedIds.smartHospital), bearer(token));
    expect(registered.errors).toBeUndefined();
    expect(registered.data?.registerPractice.status).toBe('DRAFT');
    const history = await stack.gql(
      `query($id: UUID!) { practice(id: $id) { history { action actor actorRole } } }`,
      { id: registered.data?.registerPractice.id },
      bearer(token),
    );
    expect(history.data?.practice.history).toEqual([{ action: 'REGISTERED', actor: alice.name, actorRole: 'editor' }]);
    // Still only for that organisation.
    const elsewhere = await stack.gql(REGISTER, practice('Not mine', seedIds.digitalEurope), bearer(token));
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('proposes a new organisation with its first practice; the curator registers it and approves', async () => {
    const token = await signedIn(bob, second);
    const asked = await stack.gql(
      REQUEST,
      {
        input: {
          proposedOrganisation: { name: 'Zorggroep Noord', country: 'NL', practiceTitle: 'Home dialysis coaching' },
          message: 'We are not registered yet.',
        },
      },
      bearer(token),
    );
    expect(asked.errors).toBeUndefined();
    expect(asked.data?.requestAccess).toMatchObject({
      status: 'PENDING',
      organisation: null,
      proposedOrganisation: { name: 'Zorggroep Noord', practiceTitle: 'Home dialysis coaching' },
    });
    const id = asked.data?.requestAccess.id as string;
    const withoutOrganisation = await stack.gql(APPROVE, { id }, { key: stack.keys.curator });
    expect(withoutOrganisation.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'organisationId',
    });
    const toMissing = await stack.gql(APPROVE, { id, organisationId: MISSING }, { key: stack.keys.curator });
    expect(toMissing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationId' });
    expect((await stack.gql(ME, {}, bearer(token))).data?.me.organisations).toEqual([]);

    const created = await stack.gql(
      `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
      { input: { name: 'Zorggroep Noord', kind: 'HEALTHCARE_PROVIDER', country: 'NL' } },
      { key: stack.keys.curator },
    );
    const organisationId = created.data?.createOrganisation.id as string;
    const approved = await stack.gql(APPROVE, { id, organisationId }, { key: stack.keys.curator });
    expect(approved.data?.approveAccessRequest).toMatchObject({
      status: 'APPROVED',
      organisation: { id: organisationId },
    });
    const registered = await stack.gql(REGISTER, practice('Home dialysis coaching', organisationId), bearer(token));
    expect(registered.errors).toBeUndefined();
  });

  it('is refused with a reason the person sees', async () => {
    const token = await signedIn(carol);
    const asked = await stack.gql(
      REQUEST,
      { input: { organisationId: seedIds.digitalEurope, message: 'hi' } },
      bearer(token),
    );
    const id = asked.data?.requestAccess.id as string;
    const blank = await stack.gql(REFUSE, { id, reason: '  ' }, { key: stack.keys.curator });
    expect(blank.errors?.[0]?.extensions, JSON.stringify(blank)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reason',
    });
    const refused = await stack.gql(
      REFUSE,
      { id, reason: 'Please ask from your work address.' },
      { key: stack.keys.curator },
    );
    expect(refused.data?.refuseAccessRequest).toEqual({
      id,
      status: 'REFUSED',
      reason: 'Please ask from your work address.',
    });
    expect((await stack.gql(MINE, {}, bearer(token))).data?.myAccessRequests).toEqual([
      {
        id,
        status: 'REFUSED',
        reason: 'Please ask from your work address.',
        organisation: { id: seedIds.digitalEurope },
      },
    ]);
    expect((await stack.gql(ME, {}, bearer(token))).data?.me.organisations).toEqual([]);
  });

  it('loses a withdrawn role on the next request, and an account disabled by a curator cannot sign in', async () => {
    const token = await signedIn(alice);
    const accountId = (await stack.gql(ME, {}, bearer(token))).data?.me.id as string;
    const role = { holderId: accountId, role: 'EDITOR', organisationId: seedIds.smartHospital };
    expect((await stack.gql(WITHDRAW, { input: role }, bearer(token))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.gql(WITHDRAW, { input: role }, { key: stack.keys.curator })).data?.withdrawRole).toBe(true);
    const refused = await stack.gql(REGISTER, practice('After withdrawal', seedIds.smartHospital), bearer(token));
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const again = await stack.gql(WITHDRAW, { input: role }, { key: stack.keys.curator });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'holderId' });

    const disabled = await stack.gql(
      `mutation($id: UUID!) { disableAccount(id: $id) { disabledAt } }`,
      { id: accountId },
      {
        key: stack.keys.curator,
      },
    );
    expect(disabled.data?.disableAccount.disabledAt).toEqual(expect.any(String));
    expectRefused(await stack.gql(ME, {}, bearer(token)), /account has been disabled/);
    expectRefused(await stack.gql(ME, {}, bearer(await signedIn(alice))), /account has been disabled/);
    await stack.gql(
      `mutation($id: UUID!) { enableAccount(id: $id) { id } }`,
      { id: accountId },
      { key: stack.keys.curator },
    );
    expect((await stack.gql(ME, {}, bearer(token))).data?.me.id).toBe(accountId);
  });

  it('becomes a curator when granted the role, and manages keys then', async () => {
    const token = await signedIn(carol);
    const accountId = (await stack.gql(ME, {}, bearer(token))).data?.me.id as string;
    expect((await stack.gql(KEYS, {}, bearer(token))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const granted = await stack.gql(
      GRANT,
      { input: { holderId: accountId, role: 'CURATOR' } },
      { key: stack.keys.curator },
    );
    expect(granted.data?.grantRole).toEqual({
      holderKind: 'PERSON',
      holderId: accountId,
      role: 'CURATOR',
      organisation: null,
    });
    expect((await stack.gql(KEYS, {}, bearer(token))).errors).toBeUndefined();
    const unknown = await stack.gql(
      GRANT,
      { input: { holderId: MISSING, role: 'CURATOR' } },
      { key: stack.keys.curator },
    );
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'holderId' });
    const toMissing = await stack.gql(
      GRANT,
      { input: { holderId: accountId, role: 'EDITOR', organisationId: MISSING } },
      { key: stack.keys.curator },
    );
    expect(toMissing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationId' });
    await stack.gql(WITHDRAW, { input: { holderId: accountId, role: 'CURATOR' } }, { key: stack.keys.curator });
    expect((await stack.gql(KEYS, {}, bearer(token))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('access tokens the gateway refuses with 401', () => {
  it('refuses expired, wrong-audience, foreign, unsigned, tampered and unknown-key tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: trusted.issuer, sub: 'alice', aud: AUDIENCE, iat: now - 60 };
    // What the provider's own key signs is accepted, so each refusal below is for the reason it names.
    expect((await stack.gql(ME, {}, bearer(await forged({ ...claims, exp: now + 300 })))).data?.me.label).toBe(
      alice.name,
    );

    expectRefused(
      await stack.gql(ME, {}, bearer(await forged({ ...claims, iat: now - 600, exp: now - 300 }))),
      /expired/,
    );
    expectRefused(
      await stack.gql(ME, {}, bearer(await trusted.signIn(alice, 'https://elsewhere.example/api'))),
      /audience/,
    );
    expectRefused(
      await stack.gql(ME, {}, bearer(await signedIn(alice, untrusted))),
      /not from an OpenID provider RADAR trusts/,
    );

    const real = await signedIn(alice);
    const [header, payload, signature] = real.split('.') as [string, string, string];
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expectRefused(await stack.gql(ME, {}, bearer(none)), /algorithm RADAR does not accept/);
    const hmac = await new SignJWT({ ...claims, exp: now + 300 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(randomBytes(32));
    expectRefused(await stack.gql(ME, {}, bearer(hmac)), /algorithm RADAR does not accept/);

    const changed = Buffer.from(JSON.stringify({ ...decodeJwt(real), sub: 'bob' })).toString('base64url');
    expectRefused(await stack.gql(ME, {}, bearer(`${header}.${changed}.${signature}`)), /signature does not verify/);

    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const stranger = await new SignJWT({ ...claims, exp: now + 300 })
      .setProtectedHeader({ alg: 'ES256', kid: 'not-published' })
      .sign(privateKey);
    expectRefused(await stack.gql(ME, {}, bearer(stranger)), /key its issuer does not publish/);

    expectRefused(await stack.gql(ME, {}, bearer('not-a-jwt')), /neither a RADAR API key nor/);
    expectRefused(await stack.gql(ME, {}, { headers: { authorization: 'Basic abc' } }), /must read "Bearer/);
  });
});

describe('API keys managed through GraphQL', () => {
  it('are minted by curators for an existing organisation, shown once, listed, revoked and expire', async () => {
    const before = (await stack.gql(KEYS, {}, { key: stack.keys.curator })).data?.apiKeys.length as number;
    const auditBefore = (await stack.gql(AUDIT, {}, { key: stack.keys.curator })).data?.auditLog.length as number;
    for (const [input, field] of [
      [{ label: 'Ghost editor', role: 'EDITOR', organisationId: MISSING }, 'organisationId'],
      [{ label: 'No organisation', role: 'EDITOR' }, 'organisationId'],
      [{ label: 'Curator of one', role: 'CURATOR', organisationId: seedIds.smartHospital }, 'organisationId'],
      [{ label: 'Already over', role: 'CURATOR', expiresAt: new Date(Date.now() - 1000).toISOString() }, 'expiresAt'],
      [{ label: '', role: 'CURATOR' }, 'label'],
    ] as const) {
      const refused = await stack.gql(MINT, { input }, { key: stack.keys.curator });
      expect(refused.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await stack.gql(KEYS, {}, { key: stack.keys.curator })).data?.apiKeys).toHaveLength(before);
    expect((await stack.gql(AUDIT, {}, { key: stack.keys.curator })).data?.auditLog).toHaveLength(auditBefore);

    const expiresAt = new Date(Date.now() + 2500).toISOString();
    const minted = await stack.gql(
      MINT,
      { input: { label: 'Smart Hospital import', role: 'EDITOR', organisationId: seedIds.smartHospital, expiresAt } },
      { key: stack.keys.curator },
    );
    expect(minted.errors).toBeUndefined();
    const { secret, key } = (minted.data?.mintApiKey ?? {}) as { secret: string; key: { id: string } };
    expect(secret).toMatch(/^radar_[a-f0-9]{16}_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({
      label: 'Smart Hospital import',
      createdBy: 'test curator',
      expiresAt,
      revokedAt: null,
      roles: [{ role: 'EDITOR', organisation: { id: seedIds.smartHospital } }],
    });
    expect((await stack.gql(ME, {}, { key: secret })).data?.me).toEqual({
      kind: 'KEY',
      id: key.id,
      label: 'Smart Hospital import',
      curator: false,
      organisations: [{ id: seedIds.smartHospital }],
    });
    const listed = await stack.gql(KEYS, {}, { key: stack.keys.curator });
    // The secret part, after `radar_<id>_` (it may hold underscores of its own).
    expect(JSON.stringify(listed.data)).not.toContain(secret.slice('radar_'.length + key.id.length + 1));
    expect(listed.data?.apiKeys.map((row: { id: string }) => row.id)).toContain(key.id);

    // An editor key and a person without the curator role may not manage keys; nobody anonymous either.
    const editor = await stack.keys.editorOf(seedIds.smartHospital);
    const byEditor = await stack.gql(MINT, { input: { label: 'Self-made', role: 'CURATOR' } }, { key: editor });
    expect(byEditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byPerson = await stack.gql(
      `mutation($id: String!) { revokeApiKey(id: $id) { id } }`,
      { id: key.id },
      bearer(await signedIn(bob, second)),
    );
    expect(byPerson.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.gql(KEYS)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    await new Promise((resolve) => setTimeout(resolve, Date.parse(expiresAt) - Date.now() + 100));
    expectRefused(await stack.gql(ME, {}, { key: secret }), /expired/);

    const revocable = await stack.gql(
      MINT,
      { input: { label: 'Soon revoked', role: 'CURATOR' } },
      { key: stack.keys.curator },
    );
    const revocableKey = revocable.data?.mintApiKey as { secret: string; key: { id: string } };
    expect((await stack.gql(ME, {}, { key: revocableKey.secret })).data?.me.curator).toBe(true);
    const revoked = await stack.gql(
      `mutation($id: String!) { revokeApiKey(id: $id) { revokedAt } }`,
      { id: revocableKey.key.id },
      {
        key: stack.keys.curator,
      },
    );
    expect(revoked.data?.revokeApiKey.revokedAt).toEqual(expect.any(String));
    expectRefused(await stack.gql(ME, {}, { key: revocableKey.secret }), /revoked/);
    const unknown = await stack.gql(
      `mutation { revokeApiKey(id: "0000000000000000") { id } }`,
      {},
      { key: stack.keys.curator },
    );
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('leave an audit log of every mint, revocation, grant, withdrawal and decision, for curators only', async () => {
    const log = await stack.gql(AUDIT, {}, { key: stack.keys.curator });
    const actions = new Set(log.data?.auditLog.map((entry: { action: string }) => entry.action));
    for (const action of [
      'KEY_MINTED',
      'KEY_REVOKED',
      'ROLE_GRANTED',
      'ROLE_WITHDRAWN',
      'ACCOUNT_DISABLED',
      'ACCOUNT_ENABLED',
      'ACCESS_APPROVED',
      'ACCESS_REFUSED',
    ]) {
      expect(actions, action).toContain(action);
    }
    expect(log.data?.auditLog).toContainEqual({
      action: 'ACCESS_REFUSED',
      actorLabel: 'test curator',
      subjectId: expect.any(String),
      role: null,
      organisation: { id: seedIds.digitalEurope },
      detail: 'Please ask from your work address.',
    });
    expect((await stack.gql(AUDIT, {}, bearer(await signedIn(alice)))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('an identity service that cannot be reached', () => {
  it('makes a signed-in request 503 with Retry-After, never a 401, while anonymous reads go on', async () => {
    const gateway = await startGateway(
      loadGatewayConfig({ ...stack.environment, IDENTITY_URL: 'http://127.0.0.1:9/graphql' }),
    );
    try {
      const url = `${gateway.server.url}/graphql`;
      const signedIn = await stack.gql(ME, {}, { url, key: stack.keys.curator });
      expect(signedIn.status).toBe(503);
      expect(signedIn.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(signedIn.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      const anonymous = await stack.gql('{ organisations(first: 1) { totalCount } }', {}, { url });
      expect(anonymous.status).toBe(200);
      expect(anonymous.data?.organisations.totalCount).toBeGreaterThan(0);
    } finally {
      await gateway.stop();
    }
  });
});
