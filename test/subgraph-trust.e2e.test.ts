// Subgraphs answer only the gateway: a call that bypasses it, or forges the caller it forwards, is refused.
import { anonymous, type Caller, signCaller } from '@radar/common';
import { seedIds } from '@radar/organisations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const UPDATE = `mutation { updateOrganisation(id: "${seedIds.digitalEurope}", version: 1, input: { city: "Forged" }) { city } }`;
const curatorClaim: Caller = { kind: 'key', id: 'forged', label: 'forged', curator: true, organisations: [] };

describe('a subgraph called directly', () => {
  it('refuses a request without the gateway signature', async () => {
    const response = await stack.gql('{ organisations { totalCount } }', {}, { url: stack.organisationsUrl });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a forged curator claim signed with the wrong secret', async () => {
    const headers = {
      ...signCaller('not-the-gateway-secret-but-long-enough', curatorClaim, 'r1'),
      'x-request-id': 'r1',
    };
    const response = await stack.gql(UPDATE, {}, { url: stack.organisationsUrl, headers });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.message).toMatch(/bad gateway signature/);
  });

  it('refuses a claim whose payload was altered after signing', async () => {
    const signed = signCaller(stack.secret, anonymous, 'r2');
    const forged = Buffer.from(
      JSON.stringify({ caller: curatorClaim, requestId: 'r2', issuedAt: Math.floor(Date.now() / 1000) }),
    ).toString('base64url');
    const headers = { ...signed, 'x-radar-caller': forged, 'x-request-id': 'r2' };
    const response = await stack.gql(UPDATE, {}, { url: stack.organisationsUrl, headers });
    expect(response.status).toBe(401);
  });

  it('refuses a genuine signature replayed for another request or after it expired', async () => {
    const replayed = { ...signCaller(stack.secret, anonymous, 'r3'), 'x-request-id': 'another-request' };
    expect(
      (await stack.gql('{ organisations { totalCount } }', {}, { url: stack.organisationsUrl, headers: replayed }))
        .status,
    ).toBe(401);
    const old = { ...signCaller(stack.secret, anonymous, 'r4', Date.now() - 10 * 60_000), 'x-request-id': 'r4' };
    const expired = await stack.gql(
      '{ organisations { totalCount } }',
      {},
      { url: stack.organisationsUrl, headers: old },
    );
    expect(expired.status).toBe(401);
    expect(expired.errors?.[0]?.message).toMatch(/expired/);
  });

  it('accepts a correctly signed request, and nothing was written by the forgeries', async () => {
    const headers = { ...signCaller(stack.secret, anonymous, 'r5'), 'x-request-id': 'r5' };
    const response = await stack.gql(
      `{ organisation(id: "${seedIds.digitalEurope}") { city version } }`,
      {},
      { url: stack.organisationsUrl, headers },
    );
    expect(response.status).toBe(200);
    expect(response.data?.organisation).toEqual({ city: 'Brussels', version: 1 });
  });
});

describe('request ids', () => {
  it('are created by the gateway, or taken from the caller, and returned', async () => {
    const created = await stack.gql('{ organisations { totalCount } }');
    expect(created.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const given = await stack.gql(
      '{ organisations { totalCount } }',
      {},
      { headers: { 'x-request-id': 'partner-trace-42' } },
    );
    expect(given.headers.get('x-request-id')).toBe('partner-trace-42');
  });
});
