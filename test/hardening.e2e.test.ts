// Production hardening of the gateway: limits, CSRF prevention, masking, introspection switch, health checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

let production: Stack;
beforeAll(async () => {
  production = await startStack({ seed: false, env: { NODE_ENV: 'production', MAX_DEPTH: '6', MAX_ALIASES: '3' } });
});
afterAll(async () => {
  await production?.stop();
});

describe('operation limits', () => {
  it('refuses an operation deeper than the limit', async () => {
    const deep =
      '{ organisations { nodes { memberships { members { memberships { members { memberships { name } } } } } } } }';
    const response = await production.gql(deep);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('refuses too many aliases', async () => {
    const response = await production.gql(
      '{ a: organisations { totalCount } b: organisations { totalCount } c: organisations { totalCount } d: organisations { totalCount } }',
    );
    expect(response.errors?.[0]?.message).toMatch(/alias/i);
  });

  it('refuses a request body over the size limit with 413', async () => {
    const response = await fetch(production.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ organisations { totalCount } } # ${'x'.repeat(200_000)}` }),
    });
    expect(response.status).toBe(413);
  });
});

describe('CSRF prevention', () => {
  it('refuses a simple GET request that a browser could send cross-site', async () => {
    const response = await fetch(
      `${production.gatewayUrl}?query=${encodeURIComponent('{ organisations { totalCount } }')}`,
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });

  it('accepts a GET that carries a preflight header', async () => {
    const response = await fetch(
      `${production.gatewayUrl}?query=${encodeURIComponent('{ organisations { totalCount } }')}`,
      {
        headers: { 'apollo-require-preflight': 'true' },
      },
    );
    expect(response.status).toBe(200);
  });
});

describe('production mode', () => {
  it('turns introspection off and hides field suggestions', async () => {
    const response = await production.gql('{ __schema { types { name } } }');
    expect(response.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await production.gql('{ organisation { nam } }');
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });
});

describe('health', () => {
  it('answers /health and /ready on the gateway and the subgraph', async () => {
    for (const base of [production.gateway.server.url, production.organisations.server.url]) {
      expect((await fetch(`${base}/health`)).status).toBe(200);
    }
    // The gateway keeps no database of its own: it is ready once it has loaded the supergraph.
    const ready = await fetch(`${production.organisations.server.url}/ready`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: Record<string, boolean> }).checks.database).toBe(true);
    const gateway = (await (await fetch(`${production.gateway.server.url}/ready`)).json()) as {
      checks: Record<string, boolean>;
    };
    expect(gateway.checks.supergraph).toBe(true);
  });
});

describe('unexpected errors', () => {
  it('are masked outside development: no message, no stack trace, a request id to find them in the logs', async () => {
    // Pull a table from under the running subgraph so its next query fails in a way no caller caused.
    await production.organisations.db.orm.em
      .fork()
      .getConnection()
      .execute('alter table "organisation" rename to "organisation_gone"');
    // An operation not asked before, so no cached answer stands in for the subgraph's.
    const response = await production.gql('query Masked { organisations { totalCount } }');
    const error = response.errors?.[0];
    expect(error?.message).toBe('Internal server error');
    expect(error?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(JSON.stringify(response)).not.toMatch(/stack|\.ts|\.js|select|relation|organisation_gone/i);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
